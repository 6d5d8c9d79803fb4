"""The national portal's dossier sync format (DOMAIN.md §5): history import and export.

Dates are `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh. The import is idempotent on MaHoSo, checks
every record, keeps valid records and reports invalid ones without changing anything for them.
It keeps every flag of DOMAIN.md §4 (digitised components, national store, electronic result,
VNeID, online payment) because the indicators are computed from them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.catalogue.models import Procedure
from cchc.org.models import Agency

from .constants import Action, Channel, DocumentKind, OnlinePayment, Status
from .models import Dossier, DossierDocument, DossierEvent, DossierFee, SupplementRequest
from .workflow.door import publish

DATE_FORMAT = "%Y%m%d%H%M%S"


# DanhSachHoSoBoSung dates, and whether each is required.
_SUPPLEMENT_DATES = (
    ("NgayYeuCauBoSung", True),
    ("NgayHoanThanhBoSung", False),
    ("NgayHenTraTruoc", False),
    ("NgayHenTraMoi", False),
)


class RecordError(Exception):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def parse_date(value: Any, field_name: str, required: bool = False) -> datetime.datetime | None:
    if value in (None, ""):
        if required:
            raise RecordError(field_name, _("Trường bắt buộc."))
        return None
    text = str(value)
    if len(text) != 14 or not text.isdigit():
        raise RecordError(field_name, _("Ngày giờ phải có dạng yyyyMMddHHmmss."))
    try:
        return datetime.datetime.strptime(text, DATE_FORMAT).replace(tzinfo=_tz())
    except ValueError:
        raise RecordError(field_name, _("Ngày giờ không tồn tại.")) from None


def format_date(value: datetime.datetime | None) -> str | None:
    return value.astimezone(_tz()).strftime(DATE_FORMAT) if value else None


def _int_choice(record: dict, name: str, allowed: set[int], default: int | None = None) -> int:
    value = record.get(name, default)
    if value in (None, ""):
        if default is None:
            raise RecordError(name, _("Trường bắt buộc."))
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise RecordError(name, _("Phải là số nguyên.")) from None
    if number not in allowed:
        raise RecordError(name, _("Giá trị %(value)s không hợp lệ.") % {"value": value})
    return number


def _flag(record: dict, name: str) -> bool:
    value = record.get(name, 0)
    if isinstance(value, bool):
        return value
    if value in (0, 1, "0", "1", None, ""):
        return value in (1, "1")
    raise RecordError(name, _("Phải là 0 hoặc 1."))


def _text(record: dict, name: str, max_length: int, required: bool = False) -> str:
    value = record.get(name)
    if value in (None, ""):
        if required:
            raise RecordError(name, _("Trường bắt buộc."))
        return ""
    if not isinstance(value, str | int):
        raise RecordError(name, _("Phải là chuỗi ký tự."))
    text = str(value).strip()
    if len(text) > max_length:
        raise RecordError(name, _("Dài quá %(n)s ký tự.") % {"n": max_length})
    return text


def _list(record: dict, name: str) -> list[dict]:
    value = record.get(name) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise RecordError(name, _("Phải là danh sách các đối tượng."))
    return value


@dataclass
class ParsedRecord:
    code: str
    procedure: Procedure
    agency: Agency
    fields: dict[str, Any]
    documents: list[dict] = field(default_factory=list)
    fees: list[dict] = field(default_factory=list)
    supplements: list[dict[str, datetime.datetime | None]] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)


def parse_record(
    record: Any, procedures: dict[str, Procedure], agencies: dict[str, Agency]
) -> ParsedRecord:
    """Validate one record; raises RecordError naming the first bad field."""
    if not isinstance(record, dict):
        raise RecordError("", _("Mỗi hồ sơ phải là một đối tượng JSON."))
    code = _text(record, "MaHoSo", 60, required=True)
    procedure_code = _text(record, "MaTTHC", 40, required=True)
    procedure = procedures.get(procedure_code)
    if procedure is None:
        raise RecordError(
            "MaTTHC", _("Không có thủ tục mã %(code)s trong danh mục.") % {"code": procedure_code}
        )
    status = _int_choice(record, "TrangThaiHoSo", set(Status.values))
    channel = _int_choice(record, "KenhThucHien", set(Channel.values))
    agency_code = _text(record, "DonViXuLy", 40)
    if agency_code:
        agency = agencies.get(agency_code)
        if agency is None:
            raise RecordError(
                "DonViXuLy", _("Không có cơ quan mã %(code)s.") % {"code": agency_code}
            )
    else:
        agency = next(iter(procedure.agencies.all()), None)
        if agency is None:
            raise RecordError(
                "DonViXuLy", _("Thủ tục không có cơ quan có thẩm quyền cố định; cần DonViXuLy.")
            )
    submitted = parse_date(record.get("NgayNopHoSo"), "NgayNopHoSo")
    received = parse_date(record.get("NgayTiepNhan"), "NgayTiepNhan", required=status != Status.NEW)
    due = parse_date(record.get("NgayHenTra"), "NgayHenTra")
    returned = parse_date(record.get("NgayTra"), "NgayTra")
    finished = parse_date(record.get("NgayKetThucXuLy"), "NgayKetThucXuLy")
    if received and due and due < received:
        raise RecordError("NgayHenTra", _("Ngày hẹn trả trước ngày tiếp nhận."))
    if status == Status.RETURNED and returned is None:
        raise RecordError("NgayTra", _("Hồ sơ đã trả kết quả phải có ngày trả."))
    documents = _list(record, "TaiLieuNop")
    fees = _list(record, "DanhSachLePhi")
    supplements = _list(record, "DanhSachHoSoBoSung")
    results = _list(record, "DanhSachGiayToKetQua")
    supplement_dates = [
        {
            name: parse_date(item.get(name), f"DanhSachHoSoBoSung[{index}].{name}", required)
            for name, required in _SUPPLEMENT_DATES
        }
        for index, item in enumerate(supplements)
    ]
    for index, item in enumerate(fees):
        try:
            if int(item.get("Gia") or 0) < 0:
                raise ValueError
        except (TypeError, ValueError):
            raise RecordError(
                f"DanhSachLePhi[{index}].Gia", _("Mức thu phải là số không âm.")
            ) from None
    paid = _int_choice(record, "DuocThanhToanTrucTuyen", set(OnlinePayment.values), default=0)
    digitised = _flag(record, "HoSoCoThanhPhanSoHoa") or any(
        str(d.get("DuocSoHoa", 0)) == "1" for d in documents
    )
    closed = None
    if status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED):
        closed = finished or received
    elif status == Status.RETURNED:
        closed = returned
    fields = {
        "procedure": procedure,
        "applicant_name": _text(record, "ChuHoSo", 255, required=True),
        "applicant_kind": _int_choice(record, "LoaiDoiTuong", {1, 2}, default=1),
        "applicant_email": _text(record, "Email", 254),
        "applicant_phone": _text(record, "SoDienThoai", 20),
        "summary": _text(record, "TrichYeuHoSo", 5000),
        "status": status,
        "channel": channel,
        "submitted_at": submitted or received,
        "received_at": received,
        "due_at": due,
        "original_due_at": due,
        "finished_at": finished if status in (Status.FINISHED, Status.RETURNED) else None,
        "returned_at": returned,
        "closed_at": closed,
        "processing_agency": agency,
        "intake_agency": agency,
        "current_agency": agency,
        "paid_online": paid,
        "vneid_authenticated": _flag(record, "TaiKhoanDuocXacThucVoiVNeID"),
        "has_digitised_component": digitised,
        "synced_to_national": str(record.get("DaDongBoQuocGia", 1)) == "1",
        "supplement_count": len(supplements),
        "result_code": _text(results[0], "MaGiayToKetQua", 100) if results else "",
        "imported": True,
    }
    return ParsedRecord(code, procedure, agency, fields, documents, fees, supplement_dates, results)


def _save(parsed: ParsedRecord) -> bool:
    """Create or update one dossier from a parsed record; True when created."""
    dossier = Dossier.objects.select_for_update().filter(code=parsed.code).first()
    created = dossier is None
    if dossier is None:
        dossier = Dossier(code=parsed.code)
    from_status = None if created else dossier.status
    for name, value in parsed.fields.items():
        setattr(dossier, name, value)
    dossier.version += 1
    dossier.save()
    dossier.documents.all().delete()
    dossier.fees.all().delete()
    dossier.supplements.all().delete()
    DossierDocument.objects.bulk_create(
        [
            DossierDocument(
                dossier=dossier,
                kind=DocumentKind.SUBMITTED,
                name=str(d.get("TenTepDinhKem", ""))[:255],
                url=str(d.get("DuongDanTaiTepTin", ""))[:1000],
                digitised=str(d.get("DuocSoHoa", 0)) == "1",
                from_national_store=str(d.get("DuocLayTuKhoDMQG", 0)) == "1",
            )
            for d in parsed.documents
        ]
        + [
            DossierDocument(
                dossier=dossier,
                kind=DocumentKind.RESULT,
                name=str(r.get("TenGiayTo", ""))[:255],
                result_code=str(r.get("MaGiayToKetQua", ""))[:100],
                url=str(r.get("DuongDanTepTinKetQua", ""))[:1000],
                digitised=True,
            )
            for r in parsed.results
        ]
    )
    DossierFee.objects.bulk_create(
        [
            DossierFee(
                dossier=dossier,
                name=str(f.get("TenPhiLePhi", ""))[:300],
                code=str(f.get("MaPhiLePhi", ""))[:40],
                method=str(f.get("HinhThucThu", ""))[:40],
                amount=int(f.get("Gia") or 0),
            )
            for f in parsed.fees
        ]
    )
    SupplementRequest.objects.bulk_create(
        [
            SupplementRequest(
                dossier=dossier,
                requested_at=cast(datetime.datetime, s["NgayYeuCauBoSung"]),  # required above
                completed_at=s["NgayHoanThanhBoSung"],
                due_before=s["NgayHenTraTruoc"],
                due_after=s["NgayHenTraMoi"],
            )
            for s in parsed.supplements
        ]
    )
    event = DossierEvent(
        dossier=dossier,
        seq=dossier.version,
        action=Action.IMPORT,
        actor_name=_("Nhập lịch sử"),
        at=timezone.now(),
        from_status=from_status,
        to_status=dossier.status,
        to_agency=parsed.agency,
        due_at=dossier.due_at,
    )
    event.save()
    # A whole history written at once, outside the table; announced like every other change.
    publish(dossier.pk, event.pk, Action.IMPORT)
    return created


def import_records(records: list[Any]) -> dict[str, Any]:
    """`{"created": n, "updated": n, "errors": [...]}`; each record in its own savepoint."""
    codes = {r.get("MaTTHC") for r in records if isinstance(r, dict)}
    procedures = {
        p.code: p for p in Procedure.objects.filter(code__in=codes).prefetch_related("agencies")
    }
    agency_codes = {
        r.get("DonViXuLy") for r in records if isinstance(r, dict) and r.get("DonViXuLy")
    }
    agencies = {a.code: a for a in Agency.objects.filter(code__in=agency_codes)}
    created = updated = 0
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        code = record.get("MaHoSo") if isinstance(record, dict) else None
        try:
            parsed = parse_record(record, procedures, agencies)
            if parsed.code in seen:
                raise RecordError("MaHoSo", _("Mã hồ sơ lặp lại trong cùng một lần nhập."))
            with transaction.atomic():
                if _save(parsed):
                    created += 1
                else:
                    updated += 1
            seen.add(parsed.code)
        except RecordError as exc:
            errors.append(
                {"index": index, "MaHoSo": code, "field": exc.field, "message": exc.message}
            )
    return {"created": created, "updated": updated, "errors": errors}


def export_record(dossier: Dossier) -> dict[str, Any]:
    """One dossier in the national sync format (DongBoHoSoMC)."""
    documents = list(dossier.documents.all())
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure.code,
        "TenTTHC": dossier.procedure.name,
        "MaLinhVuc": dossier.procedure.field.code,
        "TenLinhVuc": dossier.procedure.field.name,
        "SoBienNhan": dossier.code,
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": dossier.applicant_kind,
        "Email": dossier.applicant_email,
        "SoDienThoai": dossier.applicant_phone,
        "TrichYeuHoSo": dossier.summary,
        "NgayNopHoSo": format_date(dossier.submitted_at),
        "NgayTiepNhan": format_date(dossier.received_at),
        "NgayHenTra": format_date(dossier.due_at),
        "TrangThaiHoSo": dossier.status,
        "NgayTra": format_date(dossier.returned_at),
        "KenhThucHien": dossier.channel,
        "NgayKetThucXuLy": format_date(dossier.finished_at or dossier.closed_at),
        "DonViXuLy": dossier.processing_agency.code,
        "DuocThanhToanTrucTuyen": dossier.paid_online,
        "TaiKhoanDuocXacThucVoiVNeID": int(dossier.vneid_authenticated),
        "HoSoCoThanhPhanSoHoa": int(dossier.has_digitised_component),
        "TaiLieuNop": [
            {
                "TenTepDinhKem": d.name,
                "DuongDanTaiTepTin": d.url or f"/api/v1/dossiers/{dossier.code}/documents/{d.pk}",
                "DuocSoHoa": int(d.digitised),
                "DuocLayTuKhoDMQG": int(d.from_national_store),
            }
            for d in documents
            if d.kind != DocumentKind.RESULT
        ],
        "DanhSachLePhi": [
            {"TenPhiLePhi": f.name, "MaPhiLePhi": f.code, "HinhThucThu": f.method, "Gia": f.amount}
            for f in dossier.fees.all()
        ],
        "DanhSachHoSoBoSung": [
            {
                "NgayYeuCauBoSung": format_date(s.requested_at),
                "NgayHoanThanhBoSung": format_date(s.completed_at),
                "NgayHenTraTruoc": format_date(s.due_before),
                "NgayHenTraMoi": format_date(s.due_after),
            }
            for s in dossier.supplements.all()
        ],
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": d.name,
                "MaGiayToKetQua": d.result_code,
                "DuongDanTepTinKetQua": d.url
                or f"/api/v1/dossiers/{dossier.code}/documents/{d.pk}",
            }
            for d in documents
            if d.kind == DocumentKind.RESULT
        ],
    }
