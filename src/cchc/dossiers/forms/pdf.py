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

from cchc.accounts.models import ApplicantKind
from cchc.org.models import Agency

from ..constants import Action, Status
from ..errors import InvalidInput
from ..models import Dossier, DossierEvent
from .components import handed_in, register_number
from .formatting import format_number, format_vn_date, format_vn_datetime
from .handovers import coordinating_agencies, handovers
from .results import dossier_result_label
from .titles import FORM_TITLES, FORMS, LEGAL_BASIS


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
            % {"number": number, "title": FORMS[number].name, "code": dossier.code}
        )
    import weasyprint  # slow import (~1 s): only when a PDF is actually produced

    document = weasyprint.HTML(string=render_form_html(dossier, number)).render()
    if number in ONE_PAGE_FORMS and len(document.pages) > 1:
        # A long dossier: the same form in smaller type, still on one sheet if it fits.
        compact = weasyprint.HTML(string=render_form_html(dossier, number, compact=True)).render()
        if len(compact.pages) < len(document.pages):
            document = compact
    return document.write_pdf()


def render_form_html(dossier: Dossier, number: str, *, compact: bool = False) -> str:
    """The HTML WeasyPrint prints (exposed for tests and previews); no applicability check.
    `compact` sets everything in smaller type (a receipt with many or long components)."""
    with translation.override("vi"):  # a legal document: always Vietnamese labels
        context = _CONTEXT_BUILDERS[number](dossier)
        if context.get("issued_on") is None:
            context["issued_on"] = timezone.now()
        context.update(_header(context.pop("agency"), context["issued_on"]))
        context.setdefault("document_number", "")
        context.update(
            number=number,
            title=FORMS[number].title,
            legal_basis=LEGAL_BASIS,
            dossier=dossier,
            applicant=_applicant(dossier),
            compact=compact,
        )
        return render_to_string(f"dossiers/forms/form{number}.html", context)


# --- shared pieces ----------------------------------------------------------------------------

# Forms handed over the counter as one sheet: printed smaller rather than on two pages.
ONE_PAGE_FORMS = frozenset({"01"})

# "Số: …" of a letter the agency's clerk numbers when it is signed (forms 04 and 05).
BLANK_NUMBER = "……/……"


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
    signer: str  # the name printed under the applicant's signature: a person's, not a company's
    addressee: str  # "Ông/Bà Nguyễn Thị Hoà", or an organisation's name (letters 04 and 05)


def _applicant(dossier: Dossier) -> _Applicant:
    person = dossier.applicant_kind == ApplicantKind.CITIZEN
    return _Applicant(
        signer=dossier.applicant_name if person else "",
        addressee=f"Ông/Bà {dossier.applicant_name}" if person else dossier.applicant_name,
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


def _receipt_reference(dossier: Dossier) -> str:
    """The receipt's number as other forms quote it ("0042/TNHS"); "" before receipt."""
    if dossier.received_at is None:
        return ""
    return register_number(dossier).receipt_number


# --- one context per form -----------------------------------------------------------------------


def _form01(dossier: Dossier) -> dict[str, Any]:
    receive_event = _latest_event(dossier, Action.RECEIVE)
    url = lookup_url(dossier)
    register = register_number(dossier)
    return {
        "agency": _agency(dossier, "intake_agency"),
        "issued_on": dossier.received_at,
        "document_number": register.receipt_number,
        "register_sequence": register.sequence,
        "documents": handed_in(dossier),
        "duration": _duration_text(dossier),
        "received": format_vn_datetime(dossier.received_at),
        # The appointment made at receipt: a reprint shows what the applicant was given
        # (later changes are on forms 02 and 04).
        "due": format_vn_datetime(dossier.original_due_at or dossier.due_at),
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
        "receipt": _receipt_reference(dossier),
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
        "document_number": BLANK_NUMBER,
        "received": format_vn_datetime(dossier.received_at),
        "received_date": format_vn_date(dossier.received_at),
        "receipt": _receipt_reference(dossier),
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
        "document_number": BLANK_NUMBER,
        "reason": dossier.refusal_reason or (event.note if event else ""),
        "received": format_vn_datetime(dossier.received_at),
        "receipt": _receipt_reference(dossier),
        "stopped": format_vn_datetime(event.at if event else dossier.closed_at),
        "officer": event.actor_name if event else "",
        "issuer": agency.name,
    }


def _form06(dossier: Dossier) -> dict[str, Any]:
    rows = handovers(dossier)
    return {
        "agency": _agency(dossier, "intake_agency"),
        # The slip is opened when the dossier is received and travels with it.
        "issued_on": dossier.received_at or dossier.submitted_at,
        "receipt": _receipt_reference(dossier),
        "processing_agency": dossier.processing_agency.name,
        "intake_agency": dossier.intake_agency.name,
        "coordinating": coordinating_agencies(dossier, rows),
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
