"""Agency pages: search without diacritics, create and edit with validation."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cchc.org.models import AdministrativeUnit, Agency

pytestmark = pytest.mark.django_db


def test_list_searches_without_diacritics_and_filters_by_kind(admin, world):
    url = reverse("administration:agency-list")
    names = lambda r: [a.name for a in r.context["page"]]  # noqa: E731
    assert names(admin.get(url, {"q": "so tu phap"})) == ["Sở Tư pháp"]
    assert names(admin.get(url, {"q": "minh xuan"})) == [
        "UBND phường Minh Xuân",
        "TTPVHCC phường Minh Xuân",
    ]
    assert names(admin.get(url, {"loai": "department"})) == ["Sở Tư pháp"]


def _valid(world) -> dict[str, str]:
    return {
        "code": "H60.40",
        "name": "Sở Nội vụ",
        "short_name": "SNV",
        "kind": "department",
        "unit": str(world.province.pk),
        "parent": "",
        "is_active": "on",
    }


def test_creating_an_agency(admin, world):
    response = admin.post(reverse("administration:agency-create"), _valid(world))
    assert response.status_code == 302
    agency = Agency.objects.get(code="H60.40")
    assert (agency.name, agency.kind, agency.unit, agency.is_active) == (
        "Sở Nội vụ",
        "department",
        world.province,
        True,
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "h60.22"}, "code"),  # taken, whatever the case
        ({"code": "H60 40"}, "code"),
        ({"name": ""}, "name"),
        ({"kind": ""}, "kind"),
        ({"unit": ""}, "unit"),
    ],
)
def test_bad_agency_is_refused_and_the_input_kept(admin, world, change, field):
    response = admin.post(reverse("administration:agency-create"), {**_valid(world), **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Agency.objects.filter(name="Sở Nội vụ").exists()
    if field != "name":
        assert 'value="Sở Nội vụ"' in response.content.decode()


def test_an_agency_cannot_be_put_on_an_abolished_unit(admin, world):
    old = AdministrativeUnit.objects.create(
        code="02269",
        name="Tân Quang",
        kind="phường",
        level="commune",
        valid_to=datetime.date(2025, 6, 30),
    )
    response = admin.post(
        reverse("administration:agency-create"), {**_valid(world), "unit": str(old.pk)}
    )
    assert response.status_code == 400
    assert "đã hết hiệu lực" in response.context["form"].errors["unit"][0]
    inactive = {**_valid(world), "unit": str(old.pk), "is_active": ""}
    assert admin.post(reverse("administration:agency-create"), inactive).status_code == 302


def test_editing_an_agency_and_no_parent_cycles(admin, world):
    url = reverse("administration:agency-edit", args=[world.commune_centre.pk])
    data = {
        "code": world.commune_centre.code,
        "name": "Trung tâm Phục vụ hành chính công phường Minh Xuân",
        "short_name": "",
        "kind": "commune_centre",
        "unit": str(world.commune.pk),
        "parent": str(world.commune_committee.pk),
        "is_active": "on",
    }
    assert admin.post(url, data).status_code == 302
    world.commune_centre.refresh_from_db()
    assert world.commune_centre.parent == world.commune_committee
    assert world.commune_centre.name.startswith("Trung tâm Phục vụ")
    # The committee cannot now be placed under its own child.
    url = reverse("administration:agency-edit", args=[world.commune_committee.pk])
    response = admin.post(
        url,
        {
            **data,
            "code": world.commune_committee.code,
            "name": world.commune_committee.name,
            "kind": "commune_committee",
            "parent": str(world.commune_centre.pk),
        },
    )
    assert response.status_code == 400 and "parent" in response.context["form"].errors
