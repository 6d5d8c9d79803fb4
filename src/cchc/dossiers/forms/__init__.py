"""Printed forms of Circular 03/2025/TT-VPCP (DOMAIN.md §2).

* :data:`FORMS` — the one table of the forms 01–07: per number, the official upper-case
  title printed on the form and a short translated label for buttons
  (:func:`form_title`, :func:`form_label`);
* :func:`render_form` — forms 01–06 of one dossier as PDF (WeasyPrint, imported lazily);
* :func:`register_xlsx` — form 07, the dossier register of an agency over a period;
* :func:`format_vn_datetime` — "10 giờ 00 phút, ngày 25 tháng 02 năm 2026".

Not to be confused with Django's HTML forms: nothing here validates input.
"""

from .formatting import format_vn_datetime
from .pdf import available_forms, lookup_url, render_form
from .register import register_xlsx
from .results import dossier_result, dossier_result_label
from .titles import FORM_TITLES, FORMS, FormInfo, form_label, form_title

__all__ = [
    "FORMS",
    "FORM_TITLES",
    "FormInfo",
    "available_forms",
    "dossier_result",
    "dossier_result_label",
    "form_label",
    "form_title",
    "format_vn_datetime",
    "lookup_url",
    "register_xlsx",
    "render_form",
]
