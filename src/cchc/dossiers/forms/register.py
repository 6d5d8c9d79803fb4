"""Form 07 of Circular 03/2025/TT-VPCP: the dossier register (Sổ theo dõi hồ sơ) as .xlsx.

The workbook is written in openpyxl's write-only mode while the dossiers are streamed from the
database in chunks, so a year of a busy agency does not sit in memory twice.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from cchc.org.models import Agency

from ..constants import Action
from ..errors import InvalidInput
from ..models import Dossier, DossierEvent
from .formatting import format_short_date, format_short_datetime
from .results import dossier_result_label
from .titles import FORMS, LEGAL_BASIS

REGISTER_TITLE = FORMS["07"].title
# The columns of the Circular's register, in its order (with "Ký nhận", the applicant's
# signature when the result is returned, left empty for the paper copy), then the dossier's
# status and its early/on-time/late result, then the notes.
REGISTER_HEADERS: tuple[str, ...] = (
    "STT",
    "Mã hồ sơ",
    "Tên TTHC",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho cá nhân, tổ chức",
    "Ký nhận",
    "Trạng thái",
    "Kết quả (trước hạn/đúng hạn/quá hạn)",
    "Ghi chú",
)
# 1-based row of the header; data rows follow it.
REGISTER_HEADER_ROW = 5
_WIDTHS = (6, 23, 44, 10, 28, 30, 30, 17, 17, 17, 17, 17, 12, 20, 14, 32)
_CHUNK = 2000


def register_queryset(
    agency: Agency, date_from: datetime.date, date_to: datetime.date
) -> QuerySet[Dossier]:
    """Dossiers processed or received by `agency`, received on a local date in the range."""
    tz = timezone.get_default_timezone()
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    first_forward = (
        DossierEvent.objects.filter(dossier=OuterRef("pk"), action=Action.FORWARD)
        .order_by("seq")
        .values("at")[:1]
    )
    return (
        Dossier.objects.filter(Q(processing_agency=agency) | Q(intake_agency=agency))
        .filter(received_at__gte=start, received_at__lt=end)
        .select_related("procedure", "processing_agency")
        .annotate(first_forward_at=Subquery(first_forward))
        .order_by("received_at", "id")
    )


def _note(dossier: Dossier) -> str:
    parts = []
    if dossier.refusal_reason:
        parts.append(dossier.refusal_reason)
    if dossier.supplement_count:
        parts.append(f"Yêu cầu bổ sung {dossier.supplement_count} lần")
    if dossier.apology_count:
        parts.append(f"Xin lỗi, hẹn lại {dossier.apology_count} lần")
    return "; ".join(parts)


def _row(index: int, dossier: Any) -> list[Any]:
    contact = " - ".join(
        part for part in (dossier.applicant_address, dossier.applicant_phone) if part
    )
    return [
        index,
        dossier.code,
        dossier.procedure.name,
        1,
        dossier.applicant_name,
        contact,
        dossier.processing_agency.name,
        format_short_datetime(dossier.received_at),
        format_short_datetime(dossier.due_at),
        format_short_datetime(dossier.first_forward_at),
        format_short_datetime(dossier.finished_at),
        format_short_datetime(dossier.returned_at),
        "",
        dossier.get_status_display(),
        dossier_result_label(dossier),
        _note(dossier),
    ]


def register_xlsx(agency: Agency, date_from: datetime.date, date_to: datetime.date) -> bytes:
    """Form 07 for `agency` over [date_from, date_to] (local dates of receipt) as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    from cchc.core.spreadsheets import as_text

    if date_to < date_from:
        raise InvalidInput("Ngày kết thúc phải không trước ngày bắt đầu.")

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("So theo doi ho so")
    last_column = get_column_letter(len(REGISTER_HEADERS))
    for number, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = f"A{REGISTER_HEADER_ROW + 1}"
    # Printed on A4 landscape, all columns on the width of the sheet, the header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{REGISTER_HEADER_ROW}:{REGISTER_HEADER_ROW}"

    def cell(value: Any, **style: Any) -> WriteOnlyCell:
        c = as_text(WriteOnlyCell(sheet, value=value))
        for key, item in style.items():
            setattr(c, key, item)
        return c

    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(vertical="top", wrap_text=True)

    sheet.append([cell(agency.name.upper(), font=Font(bold=True))])
    sheet.append([cell(REGISTER_TITLE, font=Font(bold=True, size=14), alignment=centre)])
    sheet.append(
        [
            cell(
                f"Từ ngày {format_short_date(date_from)} đến ngày {format_short_date(date_to)}",
                font=Font(italic=True),
                alignment=centre,
            )
        ]
    )
    sheet.append([cell(f"Mẫu số 07 ({LEGAL_BASIS})", font=Font(italic=True, size=9))])
    for row in (2, 3):
        sheet.merged_cells.add(CellRange(f"A{row}:{last_column}{row}"))
    sheet.append(
        [
            cell(
                title,
                font=Font(bold=True),
                alignment=centre,
                border=border,
                fill=PatternFill("solid", fgColor="DDDDDD"),
            )
            for title in REGISTER_HEADERS
        ]
    )

    for index, dossier in enumerate(
        register_queryset(agency, date_from, date_to).iterator(chunk_size=_CHUNK), start=1
    ):
        sheet.append([cell(value, border=border, alignment=wrap) for value in _row(index, dossier)])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
