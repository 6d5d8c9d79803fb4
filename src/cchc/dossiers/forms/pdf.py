"""Forms 01–06 of Circular 03/2025/TT-VPCP as PDF (DOMAIN.md §2).

Each form is a Django template (``dossiers/forms/formNN.html``, extending
``dossiers/forms/base.html`` with the A4 print CSS) rendered by WeasyPrint, which embeds
subsets of the fonts it uses (Noto Serif from Debian's ``fonts-noto-core``), so Vietnamese
text prints and copies correctly on any machine.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cchc.org.models import Agency

from ..constants import Action, DocumentKind, Status
from ..errors import InvalidInput
from ..models import Dossier, DossierEvent
from .formatting import format_number, format_vn_date, format_vn_datetime
from .results import dossier_result_label

FORM_TITLES: dict[str, str] = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
}

LEGAL_BASIS = "Thông tư số 03/2025/TT-VPCP"


def available_forms(dossier: Dossier) -> list[str]:
    """The form numbers that apply to `dossier` now, in order."""
    forms = []
    if dossier.received_at is not None:
        forms.append("01")
    if dossier.supplement_count > 0:
        forms.append("02")
    if dossier.status == Status.REFUSED:
        forms.append("03")
    if dossier.apology_count > 0:
        forms.append("04")
    if dossier.status == Status.STOPPED:
        forms.append("05")
    if dossier.pk is not None and dossier.events.exists():
        forms.append("06")
    return forms


def lookup_url(dossier: Dossier) -> str:
    """The public status page of the dossier, printed and QR-encoded on form 01."""
    base = str(settings.PUBLIC_BASE_URL).rstrip("/")
    return f"{base}/tra-cuu/?{urlencode({'ma': dossier.code})}"


def render_form(dossier: Dossier, number: str) -> bytes:
    """Form `number` ("01" … "06") of `dossier` as PDF bytes.

    Raises :class:`InvalidInput` for an unknown number or a form that does not apply to the
    dossier (e.g. a refusal slip for a dossier that was received).
    """
    number = str(number).zfill(2)
    if number not in FORM_TITLES:
        raise InvalidInput(
            _("Không có mẫu số %(number)s; các mẫu in được: %(all)s.")
            % {"number": number, "all": ", ".join(FORM_TITLES)}
        )
    if number not in available_forms(dossier):
        raise InvalidInput(
            _(
                "Mẫu số %(number)s (%(title)s) không áp dụng cho hồ sơ %(code)s "
                "ở trạng thái hiện tại."
            )
            % {"number": number, "title": FORM_TITLES[number].capitalize(), "code": dossier.code}
        )
    html = render_form_html(dossier, number)

    import weasyprint  # slow import (~1 s): only when a PDF is actually produced

    return weasyprint.HTML(string=html).write_pdf()


def render_form_html(dossier: Dossier, number: str) -> str:
    """The HTML WeasyPrint prints (exposed for tests and previews); no applicability check."""
    with translation.override("vi"):  # a legal document: always Vietnamese labels
        context = _CONTEXT_BUILDERS[number](dossier)
        if context.get("issued_on") is None:
            context["issued_on"] = timezone.now()
        context.update(_header(context.pop("agency"), context["issued_on"]))
        context.update(
            number=number,
            title=FORM_TITLES[number],
            legal_basis=LEGAL_BASIS,
            dossier=dossier,
            applicant=_applicant(dossier),
        )
        return render_to_string(f"dossiers/forms/form{number}.html", context)


# --- shared pieces ----------------------------------------------------------------------------


def _header(agency: Agency | None, issued_on: Any) -> dict[str, Any]:
    parent_name = ""
    place = ""
    if agency is not None:
        parent = agency.parent
        parent_name = parent.name.upper() if parent is not None else ""
        place = agency.unit.name if agency.unit_id else ""
    return {
        "agency_name": agency.name.upper() if agency is not None else "",
        "agency_display": agency.name if agency is not None else "",
        "parent_name": parent_name,
        "place": place,
        "issued_date": format_vn_date(issued_on),
    }


@dataclass
class _Applicant:
    name: str
    national_id: str
    address: str
    phone: str
    email: str


def _applicant(dossier: Dossier) -> _Applicant:
    return _Applicant(
        name=dossier.applicant_name,
        national_id=dossier.applicant_national_id,
        address=dossier.applicant_address,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
    )


def _latest_event(dossier: Dossier, action: str) -> DossierEvent | None:
    return (
        dossier.events.filter(action=action)
        .select_related("from_agency__parent", "from_agency__unit")
        .order_by("-seq")
        .first()
    )


def _agency(dossier: Dossier, name: str) -> Agency:
    """An agency of the dossier with the relations the header prints."""
    agency_id = getattr(dossier, f"{name}_id")
    return Agency.objects.select_related("parent", "unit").get(pk=agency_id)


def _duration_text(dossier: Dossier) -> str:
    procedure = dossier.procedure
    return f"{format_number(procedure.duration)} {procedure.get_duration_unit_display()}"


def _qr_data_uri(url: str) -> str:
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=1, border=2, dark="#000")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


# --- one context per form -----------------------------------------------------------------------


def _form01(dossier: Dossier) -> dict[str, Any]:
    submitted = list(dossier.documents.filter(kind=DocumentKind.SUBMITTED).order_by("id"))
    required = list(dossier.procedure.documents.all())
    required_ids = {doc.pk for doc in required}
    rows = []
    for doc in required:
        files = [d.name for d in submitted if d.required_document_id == doc.pk]
        rows.append({"name": doc.name, "required": doc.required, "files": files})
    for d in submitted:
        if d.required_document_id not in required_ids:
            rows.append({"name": d.name, "required": None, "files": [d.name]})
    receive_event = _latest_event(dossier, Action.RECEIVE)
    url = lookup_url(dossier)
    return {
        "agency": _agency(dossier, "intake_agency"),
        "issued_on": dossier.received_at,
        "documents": rows,
        "duration": _duration_text(dossier),
        "received": format_vn_datetime(dossier.received_at),
        "due": format_vn_datetime(dossier.due_at),
        "channel": dossier.get_channel_display(),
        "officer": receive_event.actor_name if receive_event else "",
        "lookup_url": url,
        "qr": _qr_data_uri(url),
    }


def _form02(dossier: Dossier) -> dict[str, Any]:
    request = dossier.supplements.order_by("-requested_at", "-id").first()
    event = _latest_event(dossier, Action.REQUEST_SUPPLEMENT)
    requested_at = request.requested_at if request else (event.at if event else None)
    agency = (
        event.from_agency if event and event.from_agency else _agency(dossier, "current_agency")
    )
    return {
        "agency": agency,
        "issued_on": requested_at,
        "reason": (request.reason if request else "") or (event.note if event else ""),
        "requested": format_vn_datetime(requested_at),
        "due_before": format_vn_datetime(request.due_before if request else None),
        "ordinal": dossier.supplement_count,
        "officer": event.actor_name if event else "",
        "received": format_vn_datetime(dossier.received_at),
    }


def _form03(dossier: Dossier) -> dict[str, Any]:
    event = _latest_event(dossier, Action.REFUSE)
    return {
        "agency": _agency(dossier, "intake_agency"),
        "issued_on": event.at if event else dossier.closed_at,
        "reason": dossier.refusal_reason or (event.note if event else ""),
        "submitted": format_vn_datetime(dossier.submitted_at),
        "refused": format_vn_datetime(event.at if event else dossier.closed_at),
        "officer": event.actor_name if event else "",
    }


def _form04(dossier: Dossier) -> dict[str, Any]:
    event = _latest_event(dossier, Action.APOLOGISE)
    original_due = dossier.original_due_at
    if event is not None:
        before = (
            dossier.events.filter(seq__lt=event.seq, due_at__isnull=False).order_by("-seq").first()
        )
        if before is not None:
            original_due = before.due_at
    new_due = (event.due_at if event else None) or dossier.due_at
    agency = (
        event.from_agency if event and event.from_agency else _agency(dossier, "processing_agency")
    )
    return {
        "agency": agency,
        "issued_on": event.at if event else None,
        "received": format_vn_datetime(dossier.received_at),
        "received_date": format_vn_date(dossier.received_at),
        "original_due": format_vn_datetime(original_due),
        "new_due": format_vn_datetime(new_due),
        "reason": event.note if event else "",
        "officer": event.actor_name if event else "",
        "issuer": agency.name,
    }


def _form05(dossier: Dossier) -> dict[str, Any]:
    event = _latest_event(dossier, Action.STOP)
    agency = (
        event.from_agency if event and event.from_agency else _agency(dossier, "processing_agency")
    )
    return {
        "agency": agency,
        "issued_on": event.at if event else dossier.closed_at,
        "reason": dossier.refusal_reason or (event.note if event else ""),
        "received": format_vn_datetime(dossier.received_at),
        "stopped": format_vn_datetime(event.at if event else dossier.closed_at),
        "officer": event.actor_name if event else "",
        "issuer": agency.name,
    }


def _place(event: DossierEvent) -> str:
    source = event.from_agency.name if event.from_agency else ""
    target = event.to_agency.name if event.to_agency else ""
    if source and target and source != target:
        return f"{source} → {target}"
    return target or source


def _form06(dossier: Dossier) -> dict[str, Any]:
    events = dossier.events.select_related("from_agency", "to_agency").order_by("seq")
    rows = [
        {
            "seq": index,
            "place": _place(event),
            "at": format_vn_datetime(event.at),
            "action": event.get_action_display(),
            "actor": event.actor_name,
            "step": event.from_step if event.from_step and event.step_result else "",
            "result": event.get_step_result_display() if event.step_result else "",
            "note": event.note,
        }
        for index, event in enumerate(events, start=1)
    ]
    return {
        "agency": _agency(dossier, "intake_agency"),
        "processing_agency": dossier.processing_agency.name,
        "intake_agency": dossier.intake_agency.name,
        "received": format_vn_datetime(dossier.received_at),
        "due": format_vn_datetime(dossier.due_at),
        "result": dossier_result_label(dossier),
        "status": dossier.get_status_display(),
        "rows": rows,
    }


_CONTEXT_BUILDERS = {
    "01": _form01,
    "02": _form02,
    "03": _form03,
    "04": _form04,
    "05": _form05,
    "06": _form06,
}
