"""Regenerate the pictures of the printed forms in docs/forms/ (see README.md there).

    .venv/bin/python docs/forms/generate.py

Builds a throw-away SQLite database in a temporary directory, creates a small demo-like
province (the service centre, the Department of Justice, their officers, one procedure with
its components and process), drives three dossiers through the services, renders forms
01–06 with cchc.dossiers.forms.render_form and turns the first page of each into a PNG with
``pdftoppm -png -r 70 -singlefile`` (poppler-utils). Form 07 is an .xlsx workbook: its picture
is a preview of the same header and rows (register.REGISTER_HEADERS and the rows register_xlsx
writes) set as an HTML table and printed by WeasyPrint, since no spreadsheet program is
assumed. Nothing outside docs/forms/ is written.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=TZ)


def setup_django(data_dir: str) -> None:
    os.environ["CCHC_DEBUG"] = "1"
    os.environ["CCHC_TASKS_IMMEDIATE"] = "1"
    os.environ["CCHC_DATA_DIR"] = data_dir
    os.environ["CCHC_PUBLIC_BASE_URL"] = "https://dichvucong.tuyenquang.gov.vn"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build() -> dict[str, Any]:
    """The demo-like province and three dossiers; returns what the pictures are made of."""
    from cchc.accounts.models import User
    from cchc.catalogue.constants import DurationUnit, ProcedureLevel, ServiceMode, StepRole
    from cchc.catalogue.models import Field, Procedure, ProcessStep, RequiredDocument
    from cchc.dossiers import services
    from cchc.dossiers.services import ApplicantData
    from cchc.org.constants import AgencyKind, StaffRole, UnitLevel
    from cchc.org.models import AdministrativeUnit, Agency, StaffAssignment

    province = AdministrativeUnit.objects.create(
        code="08", name="Tuyên Quang", kind="tỉnh", level=UnitLevel.PROVINCE
    )
    committee = Agency.objects.create(
        code="H60",
        name="Ủy ban nhân dân tỉnh Tuyên Quang",
        kind=AgencyKind.PROVINCE_COMMITTEE,
        unit=province,
    )
    centre = Agency.objects.create(
        code="H60.1",
        name="Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang",
        kind=AgencyKind.PROVINCE_CENTRE,
        unit=province,
        parent=committee,
    )
    dept = Agency.objects.create(
        code="H60.22",
        name="Sở Tư pháp tỉnh Tuyên Quang",
        kind=AgencyKind.DEPARTMENT,
        unit=province,
        parent=committee,
    )

    def staff(username: str, full_name: str, agency: Agency, role: str) -> User:
        user = User.objects.create_user(username=username, password=None, full_name=full_name)
        StaffAssignment.objects.create(user=user, agency=agency, role=role)
        return user

    receiver = staff("tiepnhan", "Lê Thị Thu Trang", centre, StaffRole.RECEIVING)
    processor = staff("xuly", "Nguyễn Văn Hùng", dept, StaffRole.PROCESSING)
    approver = staff("lanhdao", "Hoàng Minh Đức", dept, StaffRole.APPROVER)

    field = Field.objects.create(code="LLTP", name="Lý lịch tư pháp")
    procedure = Procedure.objects.create(
        code="DEMO.LLTP.01",
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại "
        "Việt Nam",
        field=field,
        level=ProcedureLevel.PROVINCE,
        duration=Decimal("10"),
        duration_unit=DurationUnit.WORKING_DAYS,
        service_mode=ServiceMode.PARTIAL_ONLINE,
    )
    procedure.agencies.add(dept)
    documents = [
        ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)", "original", 1, ""),
        ("Căn cước công dân hoặc Hộ chiếu của người được cấp Phiếu", "photocopy", 1, ""),
        ("Giấy tờ chứng minh nơi cư trú của người được cấp Phiếu", "certified_copy", 1, ""),
        ("Văn bản ủy quyền", "original", 1, "Khi ủy quyền cho người khác làm thủ tục"),
    ]
    for order, (name, kind, quantity, condition) in enumerate(documents, start=1):
        RequiredDocument.objects.create(
            procedure=procedure,
            order=order,
            name=name,
            copy_kind=kind,
            quantity=quantity,
            condition=condition,
            required=not condition,
        )
    for order, (name, role, agency, hours) in enumerate(
        [
            ("Tiếp nhận hồ sơ", StepRole.RECEIVING, None, "4"),
            ("Thẩm định, xử lý hồ sơ", StepRole.PROCESSING, dept, "64"),
            ("Phê duyệt kết quả", StepRole.APPROVAL, dept, "12"),
        ]
    ):
        ProcessStep.objects.create(
            procedure=procedure,
            order=order,
            name=name,
            role=role,
            agency=agency,
            hours=Decimal(hours),
        )

    def applicant(name: str, national_id: str, address: str) -> ApplicantData:
        return ApplicantData(
            name=name,
            national_id=national_id,
            phone="0912 345 678",
            email="",
            address=address,
        )

    ticked = "; ".join(d.name for d in procedure.documents.filter(required=True))
    main = services.intake_at_counter(
        receiver,
        centre,
        procedure,
        applicant("Nguyễn Thị Hoà", "008190001234", "Tổ 5, phường Minh Xuân, tỉnh Tuyên Quang"),
        at=at(3, 2, 9, 15),
        note=f"Thành phần hồ sơ đã nhận: {ticked}.",
    )
    main = services.forward(main, receiver, at=at(3, 2, 10, 30))
    main = services.request_supplement(
        main,
        processor,
        "Bổ sung giấy tờ chứng minh nơi cư trú trong 05 năm gần nhất (bản sao có chứng thực).",
        at=at(3, 4, 14),
    )
    main = services.complete_supplement(main, receiver, at=at(3, 5, 9))
    main = services.apologise(
        main,
        processor,
        at(3, 23, 16),
        "Cần xác minh thông tin lý lịch tại Công an tỉnh Hà Giang (cũ) trước khi cấp Phiếu.",
        at=at(3, 13, 10),
    )
    main = services.forward(main, processor, at=at(3, 18, 15), note="Đủ điều kiện cấp Phiếu")
    main = services.approve(main, approver, at=at(3, 19, 10))
    main = services.return_result(main, receiver, at=at(3, 20, 8, 30))

    refused = services.refuse_at_counter(
        receiver,
        centre,
        procedure,
        applicant("Trần Văn Bình", "008085004321", "Thôn Nà Hang, xã Hồng Thái, tỉnh Tuyên Quang"),
        "Người yêu cầu đề nghị cấp Phiếu lý lịch tư pháp cho người khác nhưng không có văn "
        "bản ủy quyền theo quy định.",
        at=at(3, 3, 8, 40),
    )
    stopped = services.intake_at_counter(
        receiver,
        centre,
        procedure,
        applicant("Hoàng Thị Lan", "008192007788", "Tổ 12, phường Hà Giang 1, tỉnh Tuyên Quang"),
        at=at(3, 3, 14),
    )
    stopped = services.forward(stopped, receiver, at=at(3, 3, 15))
    stopped = services.stop(
        stopped,
        processor,
        "Người yêu cầu có đơn đề nghị rút yêu cầu cấp Phiếu lý lịch tư pháp.",
        at=at(3, 6, 9),
    )
    return {
        "forms": {"01": main, "02": main, "03": refused, "04": main, "05": stopped, "06": main},
        "register": (dept, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)),
    }


def register_preview_html(agency: Any, date_from: datetime.date, date_to: datetime.date) -> str:
    """Form 07's header and rows (as register_xlsx writes them) as an A4-landscape page."""
    from cchc.dossiers.forms.formatting import format_short_date
    from cchc.dossiers.forms.register import (
        _WIDTHS,
        REGISTER_HEADERS,
        REGISTER_TITLE,
        _row,
        register_queryset,
    )

    rows = [_row(i, d) for i, d in enumerate(register_queryset(agency, date_from, date_to), 1)]
    total = sum(_WIDTHS)
    cols = "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in _WIDTHS)
    head = "".join(f"<th>{escape(h)}</th>" for h in REGISTER_HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v or ''))}</td>" for v in row) + "</tr>" for row in rows
    )
    period = f"Từ ngày {format_short_date(date_from)} đến ngày {format_short_date(date_to)}"
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4 landscape; margin: 1.2cm; }}
html {{ font-family: "Noto Serif", serif; font-size: 8pt; }}
h1 {{ text-align: center; font-size: 13pt; margin: 0.2cm 0 0 0; }}
p {{ margin: 0; }} .c {{ text-align: center; font-style: italic; }}
table {{ width: 100%; border-collapse: collapse; margin-top: 0.3cm; }}
th, td {{ border: 0.5pt solid #000; padding: 2pt; vertical-align: top; }}
th {{ background: #ddd; }}
</style></head><body>
<p><b>{escape(agency.name.upper())}</b></p><h1>{escape(REGISTER_TITLE)}</h1>
<p class="c">{period}</p><p><i>Mẫu số 07 (Thông tư số 03/2025/TT-VPCP) — xem trước tệp .xlsx</i></p>
<table style="table-layout: fixed"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"""


def to_png(pdf: bytes, target: Path) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(pdf)
        tmp.flush()
        stem = target.with_suffix("")
        command = ["pdftoppm", "-png", "-r", "70", "-singlefile", tmp.name, str(stem)]
        subprocess.run(command, check=True)  # noqa: S603, S607 (fixed arguments; poppler-utils)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="cchc-forms-") as data_dir:
        setup_django(data_dir)
        from cchc.dossiers.forms import FORMS, render_form

        made = build()
        for number, dossier in made["forms"].items():
            to_png(render_form(dossier, number), HERE / f"form{number}.png")
            print(f"form{number}.png  {FORMS[number].name}")

        import weasyprint

        agency, date_from, date_to = made["register"]
        html = register_preview_html(agency, date_from, date_to)
        to_png(weasyprint.HTML(string=html).write_pdf(), HERE / "form07.png")
        print(f"form07.png  {FORMS['07'].name} (xem trước)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
