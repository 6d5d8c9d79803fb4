"""Spreadsheets the platform writes hold data, never formulas (issue 15 §2): an applicant named
"=HYPERLINK(…)" or "+84…" stays text when an officer opens the register in Excel or
LibreOffice. Every exporter types its string cells through `as_text`."""

from __future__ import annotations

from typing import Any


def as_text(cell: Any) -> Any:
    """Type an openpyxl cell holding a string as text (openpyxl would store a string that
    begins with "=" as a formula); other values are left as they are."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell
