"""Form 02 handed over a counter to the applicant of an incomplete dossier: what to add
before coming back. Nothing was received, so it carries the guidance slip's number, not a
dossier code (DOMAIN.md §2; Circular 03/2025/TT-VPCP, form 02)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import CounterGuidance
from .formatting import format_vn_date, format_vn_datetime


def render_guidance_html(guidance: CounterGuidance) -> str:
    agency = guidance.intake_agency
    parent = agency.parent
    with translation.override("vi"):  # a legal document: always Vietnamese
        return render_to_string(
            "dossiers/forms/form02_guidance.html",
            {
                "number": "02",
                "title": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                "legal_basis": "Thông tư số 03/2025/TT-VPCP",
                "agency_name": agency.name.upper(),
                "agency_display": agency.name,
                "parent_name": parent.name.upper() if parent is not None else "",
                "place": agency.unit.name if agency.unit_id else "",
                "issued_date": format_vn_date(guidance.at or timezone.now()),
                "guidance": guidance,
                "dossier": {"code": guidance.code},
                "given": format_vn_datetime(guidance.at),
                "missing": guidance.missing_names(),
            },
        )


def render_guidance_form(guidance: CounterGuidance) -> bytes:
    html = render_guidance_html(guidance)

    import weasyprint  # slow import (~1 s): only when a PDF is actually produced

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
