"""Import and export of the catalogue as JSON (schema `cchc.catalogue/1`, docs/catalogue-schema.md).

The demo catalogue is loaded through the same import, so the format is exercised every day.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.org.constants import AgencyKind
from cchc.org.models import Agency

from .constants import CopyKind, DurationUnit, ProcedureLevel, Sector, ServiceMode, StepRole
from .models import FeeLine, Field, Procedure, ProcessStep, RequiredDocument

SCHEMA = "cchc.catalogue/1"


class CatalogueError(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def _date(value: Any, name: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise CatalogueError(name, _("Ngày phải có dạng YYYY-MM-DD.")) from None


def _choice(value: Any, choices: Any, name: str) -> str:
    if value not in choices.values:
        raise CatalogueError(name, _("Giá trị “%(v)s” không hợp lệ.") % {"v": value})
    return str(value)


def _optional_text(item: dict, name: str, max_length: int) -> str:
    value = item.get(name) or ""
    if not isinstance(value, str) or len(value) > max_length:
        raise CatalogueError(name, _("Phải là chuỗi tối đa %(n)s ký tự.") % {"n": max_length})
    return value.strip()


def _quantity(item: dict) -> int:
    value = item.get("quantity", 1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
        raise CatalogueError("quantity", _("Số lượng phải là số nguyên từ 1 đến 99."))
    return value


def _required_text(item: dict, name: str, max_length: int) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(name, _("Trường bắt buộc."))
    if len(value) > max_length:
        raise CatalogueError(name, _("Dài quá %(n)s ký tự.") % {"n": max_length})
    return value.strip()


def _agency(code: Any, name: str, agencies: dict[str, Agency]) -> Agency:
    agency = agencies.get(str(code))
    if agency is None:
        raise CatalogueError(name, _("Không có cơ quan mã %(code)s.") % {"code": code})
    return agency


def _save_procedure(item: dict, agencies: dict[str, Agency]) -> bool:
    if not isinstance(item, dict):
        raise CatalogueError("", _("Mỗi thủ tục phải là một đối tượng JSON."))
    code = _required_text(item, "code", 40)
    field_data = item.get("field") or {}
    if not isinstance(field_data, dict):
        raise CatalogueError("field", _("Phải là đối tượng {code, name}."))
    field_code = _required_text(field_data, "code", 40)
    field_name = _required_text(field_data, "name", 255)
    try:
        duration = Decimal(str(item.get("duration")))
    except InvalidOperation:
        raise CatalogueError("duration", _("Thời hạn phải là số.")) from None
    if duration < 0 or duration > 3650:
        raise CatalogueError("duration", _("Thời hạn nằm ngoài khoảng cho phép."))
    sectors = item.get("sectors") or []
    for sector in sectors:
        _choice(sector, Sector, "sectors")
    cutoff = item.get("cutoff_time")
    try:
        cutoff_time = datetime.time.fromisoformat(cutoff) if cutoff else None
    except ValueError:
        raise CatalogueError("cutoff_time", _("Giờ phải có dạng HH:MM.")) from None
    kind = item.get("competent_agency_kind") or ""
    if kind:
        _choice(kind, AgencyKind, "competent_agency_kind")
    values = {
        "name": _required_text(item, "name", 1000),
        "level": _choice(item.get("level"), ProcedureLevel, "level"),
        "competent_agency_kind": kind,
        "duration": duration,
        "duration_unit": _choice(item.get("duration_unit"), DurationUnit, "duration_unit"),
        "cutoff_time": cutoff_time,
        "service_mode": _choice(item.get("service_mode"), ServiceMode, "service_mode"),
        "paper_result": bool(item.get("paper_result", True)),
        "sectors": list(sectors),
        "is_internal": bool(item.get("internal", False)),
        "on_national_portal": bool(item.get("on_national_portal", True)),
        "sequence": str(item.get("sequence") or ""),
        "method": str(item.get("method") or ""),
        "applicants": str(item.get("applicants") or ""),
        "legal_basis": str(item.get("legal_basis") or ""),
        "result_name": str(item.get("result_name") or "")[:500],
        "decision_date": _date(item.get("decision_date"), "decision_date"),
        "effective_date": _date(item.get("effective_date"), "effective_date"),
        "published_date": _date(item.get("published_date"), "published_date"),
        "is_demo": bool(item.get("demo", False)),
        "assumed_fields": list(item.get("assumed") or []),
        "source": str(item.get("source") or ""),
    }
    agency_list = [_agency(c, "agencies", agencies) for c in item.get("agencies") or []]
    steps = []
    for index, step in enumerate(item.get("process") or []):
        role = _choice(step.get("role"), StepRole, f"process[{index}].role")
        agency = (
            _agency(step["agency"], f"process[{index}].agency", agencies)
            if step.get("agency")
            else None
        )
        steps.append(
            ProcessStep(
                order=index,
                name=_required_text(step, "name", 255),
                role=role,
                agency=agency,
                hours=Decimal(str(step.get("hours", 8))),
            )
        )
    fees = [
        FeeLine(
            name=_required_text(f, "name", 300),
            code=str(f.get("code") or ""),
            amount=int(f.get("amount") or 0),
            note=str(f.get("note") or ""),
        )
        for f in item.get("fees") or []
    ]
    if any(f.amount < 0 for f in fees):
        raise CatalogueError("fees", _("Mức thu phải không âm."))
    documents = [
        RequiredDocument(
            order=i,
            name=_required_text(d, "name", 5000),
            required=bool(d.get("required", True)),
            reusable=bool(d.get("reusable", False)),
            condition=_optional_text(d, "condition", 2000),
            copy_kind=_choice(d.get("copy_kind") or CopyKind.ORIGINAL, CopyKind, "copy_kind"),
            quantity=_quantity(d),
        )
        for i, d in enumerate(item.get("documents") or [])
    ]
    with transaction.atomic():
        field_obj, _created = Field.objects.update_or_create(
            code=field_code, defaults={"name": field_name}
        )
        procedure, created = Procedure.objects.update_or_create(
            code=code, defaults={**values, "field": field_obj}
        )
        procedure.agencies.set(agency_list)
        procedure.steps.all().delete()
        procedure.fees.all().delete()
        procedure.documents.all().delete()
        for collection in (steps, fees, documents):
            for obj in collection:
                obj.procedure = procedure
        ProcessStep.objects.bulk_create(steps)
        FeeLine.objects.bulk_create(fees)
        RequiredDocument.objects.bulk_create(documents)
    return created


def import_catalogue(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise CatalogueError("schema", _("Tệp phải theo lược đồ %(s)s.") % {"s": SCHEMA})
    items = document.get("procedures")
    if not isinstance(items, list):
        raise CatalogueError("procedures", _("Phải là danh sách thủ tục."))
    agencies = {a.code: a for a in Agency.objects.all()}
    created = updated = 0
    errors = []
    for index, item in enumerate(items):
        try:
            if _save_procedure(item, agencies):
                created += 1
            else:
                updated += 1
        except CatalogueError as exc:
            errors.append(
                {
                    "index": index,
                    "code": item.get("code") if isinstance(item, dict) else None,
                    "field": exc.field,
                    "message": exc.message,
                }
            )
    return {"created": created, "updated": updated, "errors": errors}


def export_procedure(p: Procedure) -> dict[str, Any]:
    return {
        "code": p.code,
        "name": p.name,
        "field": {"code": p.field.code, "name": p.field.name},
        "level": p.level,
        "agencies": [a.code for a in p.agencies.all()],
        "competent_agency_kind": p.competent_agency_kind or None,
        "duration": float(p.duration),
        "duration_unit": p.duration_unit,
        "cutoff_time": p.cutoff_time.strftime("%H:%M") if p.cutoff_time else None,
        "service_mode": p.service_mode,
        "paper_result": p.paper_result,
        "sectors": p.sectors,
        "internal": p.is_internal,
        "on_national_portal": p.on_national_portal,
        "sequence": p.sequence,
        "method": p.method,
        "applicants": p.applicants,
        "legal_basis": p.legal_basis,
        "result_name": p.result_name,
        "decision_date": p.decision_date.isoformat() if p.decision_date else None,
        "effective_date": p.effective_date.isoformat() if p.effective_date else None,
        "published_date": p.published_date.isoformat() if p.published_date else None,
        "demo": p.is_demo,
        "assumed": p.assumed_fields,
        "source": p.source,
        "fees": [
            {"name": f.name, "code": f.code, "amount": f.amount, "note": f.note}
            for f in p.fees.all()
        ],
        "documents": [
            {
                "name": d.name,
                "required": d.required,
                "reusable": d.reusable,
                "condition": d.condition,
                "copy_kind": d.copy_kind,
                "quantity": d.quantity,
            }
            for d in p.documents.all()
        ],
        "process": [
            {
                "name": s.name,
                "role": s.role,
                "agency": s.agency.code if s.agency else None,
                "hours": float(s.hours),
            }
            for s in p.steps.select_related("agency")
        ],
    }


def export_catalogue() -> dict[str, Any]:
    procedures = Procedure.objects.select_related("field").prefetch_related(
        "agencies", "fees", "documents"
    )
    return {"schema": SCHEMA, "procedures": [export_procedure(p) for p in procedures]}
