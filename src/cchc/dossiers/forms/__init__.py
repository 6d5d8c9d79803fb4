"""Printed forms of Circular 03/2025/TT-VPCP (DOMAIN.md §2).

* :func:`render_form` — forms 01–06 of one dossier as PDF (WeasyPrint, imported lazily);
* :func:`register_xlsx` — form 07, the dossier register of an agency over a period;
* :func:`format_vn_datetime` — "10 giờ 00 phút, ngày 25 tháng 02 năm 2026".

Not to be confused with Django's HTML forms: nothing here validates input.
"""

from .formatting import format_vn_datetime
from .pdf import FORM_TITLES, available_forms, lookup_url, render_form
from .register import register_xlsx
from .results import dossier_result, dossier_result_label

__all__ = [
    "FORM_TITLES",
    "available_forms",
    "dossier_result",
    "dossier_result_label",
    "format_vn_datetime",
    "lookup_url",
    "register_xlsx",
    "render_form",
]
