"""The catalogue exchange carries each component's condition, form and count (issue 8)."""

from __future__ import annotations

import pytest

from cchc.catalogue.exchange import SCHEMA, export_catalogue, import_catalogue
from cchc.catalogue.models import RequiredDocument


def _document(**fields: object) -> dict:
    return {
        "schema": SCHEMA,
        "procedures": [
            {
                "code": "9.000001",
                "name": "Thủ tục thử",
                "field": {"code": "LV-T", "name": "Thử"},
                "level": "province",
                "duration": 3,
                "duration_unit": "working_days",
                "service_mode": "full_online",
                "documents": [{"name": "Văn bản ủy quyền", **fields}],
            }
        ],
    }


@pytest.mark.django_db
def test_condition_form_and_count_survive_import_and_export():
    result = import_catalogue(
        _document(condition="nếu ủy quyền", copy_kind="certified_copy", quantity=2)
    )
    assert result["errors"] == [] and result["created"] == 1
    doc = RequiredDocument.objects.get()
    assert (doc.condition, doc.copy_kind, doc.quantity, doc.is_conditional) == (
        "nếu ủy quyền",
        "certified_copy",
        2,
        True,
    )
    exported = export_catalogue()["procedures"][0]["documents"][0]
    assert exported == {
        "name": "Văn bản ủy quyền",
        "required": True,
        "reusable": False,
        "condition": "nếu ủy quyền",
        "copy_kind": "certified_copy",
        "quantity": 2,
    }


@pytest.mark.django_db
def test_defaults_are_an_unconditional_single_original():
    import_catalogue(_document())
    doc = RequiredDocument.objects.get()
    assert (doc.condition, doc.copy_kind, doc.quantity, doc.is_conditional) == (
        "",
        "original",
        1,
        False,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"copy_kind": "fax"}, "copy_kind"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": 100}, "quantity"),
        ({"quantity": "2"}, "quantity"),
        ({"quantity": True}, "quantity"),
        ({"condition": ["nếu"]}, "condition"),
        ({"condition": "x" * 2001}, "condition"),
    ],
)
def test_bad_component_fields_are_reported_and_nothing_is_written(fields, field):
    result = import_catalogue(_document(**fields))
    assert [e["field"] for e in result["errors"]] == [field]
    assert not RequiredDocument.objects.exists()
