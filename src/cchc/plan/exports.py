"""The whole dashboard as a spreadsheet (openpyxl) and as a PDF report (WeasyPrint, with the
embedded Noto fonts as the dossier forms use), from the same data the page shows."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def dashboard_xlsx(context: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Chỉ tiêu")[:31]
    bold = Font(bold=True)
    sheet.append([context["plan"].name])
    sheet.append(
        [_("Phạm vi"), context["scope_name"], _("Số liệu đến"), context["today"].isoformat()]
    )
    sheet.append([])
    header = [
        _("Lĩnh vực"),
        _("Chỉ tiêu"),
        _("Cách đo"),
        _("Giá trị hiện tại"),
        _("Đơn vị"),
        _("Kỳ"),
        _("Mục tiêu 2025"),
        _("Trạng thái 2025"),
        _("Mục tiêu 2030"),
        _("Trạng thái 2030"),
        _("Dự báo 2030"),
        _("Cận dưới"),
        _("Cận trên"),
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for area in context["areas"]:
        for f in area.families:
            t25, t30 = f.t2025, f.t2030
            forecast = t30.forecast if t30 and t30.forecast else None
            sheet.append(
                [
                    f"{area.number}. {area.name}",
                    f.metric,
                    _("Tính từ dữ liệu") if f.measurement == "computed" else _("Cơ quan báo cáo"),
                    f.current["value"] if f.current else None,
                    f.unit,
                    f.current["period_label"] if f.current else "",
                    t25.goal if t25 else "",
                    t25.status_label if t25 else "",
                    t30.goal if t30 else "",
                    t30.status_label if t30 else "",
                    forecast["value"] if forecast else None,
                    forecast["low"] if forecast else None,
                    forecast["high"] if forecast else None,
                ]
            )
    for column, width in zip(
        "ABCDEFGHIJKLM", (28, 60, 16, 12, 8, 18, 12, 16, 12, 16, 12, 10, 10), strict=True
    ):
        sheet.column_dimensions[column].width = width

    series = book.create_sheet(_("Chuỗi số liệu")[:31])
    series.append([_("Chỉ tiêu"), _("Kỳ"), _("Giá trị"), _("Cận dưới"), _("Cận trên")])
    for cell in series[1]:
        cell.font = bold
    for area in context["areas"]:
        for f in area.families:
            for row in f.rows:
                series.append(
                    [f.metric, row["label"], row["value"], row.get("low"), row.get("high")]
                )

    index = book.create_sheet(_("Chỉ số 766")[:31])
    data = context.get("index")
    if data:
        index.append([_("Tổng điểm"), data.get("total"), _("Tối đa"), data.get("max")])
        index.append([_("Mã"), _("Tên"), _("Tỷ lệ (%)"), _("Điểm"), _("Tối đa")])
        for group in data.get("groups", []):
            index.append(
                [group.get("code"), group.get("name"), None, group.get("score"), group.get("max")]
            )
            for item in group.get("indicators", []):
                index.append(
                    [
                        item.get("code"),
                        item.get("name"),
                        item.get("percent"),
                        item.get("score"),
                        item.get("max"),
                    ]
                )
    for key in ("ranking", "commune_ranking"):
        if context.get(key):
            index.append([])
            index.append([_("Hạng"), _("Cơ quan, đơn vị"), _("Điểm"), _("Tối đa"), _("Tỷ lệ (%)")])
            for row in context[key]:
                index.append(
                    [
                        row.get("rank"),
                        row.get("name"),
                        row.get("total"),
                        row.get("max"),
                        row.get("percent"),
                    ]
                )

    late = book.create_sheet(_("Thủ tục quá hạn")[:31])
    late.append(
        [_("Mã thủ tục"), _("Tên thủ tục"), _("Đã kết thúc"), _("Quá hạn"), _("Tỷ lệ quá hạn (%)")]
    )
    for row in context.get("worst", []):
        late.append([row["code"], row["name"], row["ended"], row["late"], row["late_percent"]])

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def dashboard_pdf(context: dict[str, Any]) -> bytes:
    html = render_to_string("plan/report_pdf.html", context)
    import weasyprint  # slow import: only when a PDF is produced

    return weasyprint.HTML(string=html).write_pdf()
