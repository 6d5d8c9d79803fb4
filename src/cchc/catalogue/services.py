"""The catalogue's writes beyond single model saves: importing records one by one, and keeping
every procedure's search text in step when a field is renamed (DOMAIN.md §4–§5)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .exchange import SCHEMA, CatalogueError, import_catalogue
from .models import Field, Procedure


def refresh_search_text(procedures: QuerySet[Procedure]) -> int:
    """Recompute `search_text` where it is stale; how many changed.

    `Procedure.save()` keeps it in step with the procedure itself, but renaming a field — on
    the administrator's page or through an import, which updates the field by code — leaves
    its other procedures stale.
    """
    stale = []
    for procedure in procedures.select_related("field"):
        text = procedure.build_search_text()
        if text != procedure.search_text:
            procedure.search_text = text
            stale.append(procedure)
    Procedure.objects.bulk_update(stale, ["search_text"], batch_size=500)
    return len(stale)


def save_field(field: Field) -> Field:
    """Save a (possibly renamed) field and the search text of its procedures, together."""
    with transaction.atomic():
        field.save()
        refresh_search_text(Procedure.objects.filter(field=field))
    return field


def import_records(document: Any) -> dict[str, Any]:
    """Import record by record, so that a malformed record is reported, not a server error.

    `import_catalogue` reports its own validation errors per record; a record it does not
    expect at all (a step that is not an object, an amount that is not a number) raises, and
    would otherwise lose the report of the records before it.
    """
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise CatalogueError("schema", _("Tệp phải theo lược đồ %(s)s.") % {"s": SCHEMA})
    items = document.get("procedures")
    if not isinstance(items, list):
        raise CatalogueError("procedures", _("Phải là danh sách thủ tục."))
    result: dict[str, Any] = {"created": 0, "updated": 0, "errors": [], "total": len(items)}
    for index, item in enumerate(items):
        code = item.get("code") if isinstance(item, dict) else None
        try:
            one = import_catalogue({"schema": SCHEMA, "procedures": [item]})
        except (AttributeError, KeyError, TypeError, ValueError, ArithmeticError):
            result["errors"].append(
                {
                    "index": index,
                    "code": code,
                    "field": "",
                    "message": _("Bản ghi có cấu trúc không hợp lệ."),
                }
            )
            continue
        result["created"] += one["created"]
        result["updated"] += one["updated"]
        result["errors"] += [{**error, "index": index} for error in one["errors"]]
    refresh_search_text(Procedure.objects.all())  # a renamed field touches other procedures
    return result
