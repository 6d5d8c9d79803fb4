"""Forms 01–07 of Circular 03/2025/TT-VPCP, built from dossiers driven through the services."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import openpyxl
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.accounts.models import User
from cchc.catalogue.constants import DurationUnit, ProcedureLevel, ServiceMode, StepRole
from cchc.catalogue.models import Field, Procedure, ProcessStep, RequiredDocument
from cchc.dossiers import services
from cchc.dossiers.constants import Status
from cchc.dossiers.documents import add_document
from cchc.dossiers.errors import InvalidInput
from cchc.dossiers.forms import (
    FORM_TITLES,
    available_forms,
    format_vn_datetime,
    register_xlsx,
    render_form,
)
from cchc.dossiers.forms.pdf import render_form_html
from cchc.dossiers.forms.register import REGISTER_HEADER_ROW, REGISTER_HEADERS
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc.org.constants import AgencyKind, StaffRole, UnitLevel
from cchc.org.models import AdministrativeUnit, Agency, StaffAssignment

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NAME = "Nguyễn Thị Hoà"
PROCEDURE_NAME = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=TZ)


def pdf_text(pdf: bytes) -> str:
    """All pages' text, NFC, whitespace collapsed (line breaks fall anywhere in a paragraph)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """Base font name → whether its descriptor carries an embedded font program."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    result: dict[str, bool] = {}
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants.get_object()[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            result[str(font["/BaseFont"])] = embedded
    return result


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_BASE_URL = "https://dichvucong.tuyenquang.gov.vn/"
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
        code="H60.22",
        name="Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang",
        kind=AgencyKind.PROVINCE_CENTRE,
        unit=province,
        parent=committee,
    )
    dept = Agency.objects.create(
        code="H60.10",
        name="Sở Tư pháp tỉnh Tuyên Quang",
        kind=AgencyKind.DEPARTMENT,
        unit=province,
        parent=committee,
    )

    def staff(username: str, full_name: str, agency: Agency, role: str) -> User:
        user = User.objects.create_user(
            username=username, password="x-unused-1234", full_name=full_name
        )
        StaffAssignment.objects.create(user=user, agency=agency, role=role)
        return user

    receiver = staff("tiepnhan", "Lê Văn Tiếp", centre, StaffRole.RECEIVING)
    processor = staff("xuly", "Trần Thị Xử", dept, StaffRole.PROCESSING)
    approver = staff("lanhdao", "Phạm Văn Duyệt", dept, StaffRole.APPROVER)
    citizen = User.objects.create_user(username="congdan", password="x-unused-1234", full_name=NAME)

    field = Field.objects.create(code="LLTP", name="Lý lịch tư pháp")
    procedure = Procedure.objects.create(
        code="1.001234",
        name=PROCEDURE_NAME,
        field=field,
        level=ProcedureLevel.PROVINCE,
        duration=Decimal("3"),
        duration_unit=DurationUnit.WORKING_DAYS,
        service_mode=ServiceMode.PARTIAL_ONLINE,
    )
    procedure.agencies.add(dept)
    form_doc = RequiredDocument.objects.create(
        procedure=procedure, order=1, name="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp"
    )
    RequiredDocument.objects.create(
        procedure=procedure, order=2, name="Bản chụp giấy tờ tùy thân", required=False
    )
    ProcessStep.objects.create(
        procedure=procedure,
        order=0,
        name="Tiếp nhận hồ sơ",
        role=StepRole.RECEIVING,
        agency=None,
        hours=Decimal("4"),
    )
    ProcessStep.objects.create(
        procedure=procedure,
        order=1,
        name="Thẩm định, xử lý hồ sơ",
        role=StepRole.PROCESSING,
        agency=dept,
        hours=Decimal("16"),
    )
    ProcessStep.objects.create(
        procedure=procedure,
        order=2,
        name="Phê duyệt kết quả",
        role=StepRole.APPROVAL,
        agency=dept,
        hours=Decimal("4"),
    )
    return SimpleNamespace(
        province=province,
        centre=centre,
        dept=dept,
        receiver=receiver,
        processor=processor,
        approver=approver,
        citizen=citizen,
        procedure=procedure,
        form_doc=form_doc,
    )


def applicant(name: str = NAME) -> ApplicantData:
    return ApplicantData(
        name=name,
        national_id="008190001234",
        phone="0912345678",
        address="Tổ 5, phường Minh Xuân, tỉnh Tuyên Quang",
    )


def intake(w: SimpleNamespace, when: datetime.datetime, name: str = NAME):
    return services.intake_at_counter(w.receiver, w.centre, w.procedure, applicant(name), at=when)


def received_on_13_feb(w: SimpleNamespace):
    """Received Fri 13 Feb 2026 10:00; 3 working days over Tết (16–20 Feb) → Wed 25 Feb 10:00."""
    return intake(w, at(2, 13, 10))


def fully_processed(w: SimpleNamespace):
    """Steps: receiving due Fri 16:00 (forwarded 14:00: on time); processing 16 h due Tue 24 Feb
    14:00 (forwarded Mon 23 Feb 15:00: early); approval 4 h due Tue 24 Feb 09:00 (approved 10:00:
    late). The dossier ends Tue 24 Feb before its due Wed 25 Feb: early."""
    d = received_on_13_feb(w)
    d = services.forward(d, w.receiver, at=at(2, 13, 14))
    d = services.forward(d, w.processor, at=at(2, 23, 15), note="Hồ sơ đủ điều kiện")
    return services.approve(d, w.approver, at=at(2, 24, 10))


# --- formatting ----------------------------------------------------------------------------


def test_format_vn_datetime_uses_the_province_time_zone():
    utc = datetime.datetime(2026, 2, 25, 3, 0, tzinfo=datetime.UTC)
    assert format_vn_datetime(utc) == "10 giờ 00 phút, ngày 25 tháng 02 năm 2026"
    assert format_vn_datetime(at(12, 31, 23, 5)) == "23 giờ 05 phút, ngày 31 tháng 12 năm 2026"
    assert format_vn_datetime(None) == ""


# --- applicability ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_available_forms_follow_the_dossier(world):
    d = received_on_13_feb(world)
    assert available_forms(d) == ["01", "06"]
    d = services.forward(d, world.receiver, at=at(2, 13, 14))
    d = services.apologise(d, world.processor, at(3, 6, 16), "Chờ xác minh", at=at(2, 23, 9))
    d = services.request_supplement(d, world.processor, "Thiếu tờ khai", at=at(2, 23, 10))
    assert available_forms(d) == ["01", "02", "04", "06"]
    d = services.stop(d, world.processor, "Người nộp không bổ sung", at=at(2, 24, 9))
    assert available_forms(d) == ["01", "02", "04", "05", "06"]


@pytest.mark.django_db
def test_form_that_does_not_apply_is_refused(world):
    d = received_on_13_feb(world)
    with pytest.raises(InvalidInput) as excinfo:
        render_form(d, "03")
    assert "không áp dụng" in excinfo.value.message
    with pytest.raises(InvalidInput):
        render_form(d, "02")
    with pytest.raises(InvalidInput):
        render_form(d, "08")


# --- form 01 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_form01_receipt_and_appointment(world):
    d = received_on_13_feb(world)
    upload = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    add_document(d, world.receiver, upload, required_document_id=world.form_doc.pk)

    pdf = render_form(d, "01")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert FORM_TITLES["01"] in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH TUYÊN QUANG" in text
    assert d.code == "H60.22-260213-0001"
    # The daily sequence of the code is the number of the receipt and in the register.
    assert "Số: 0001/TNHS" in text
    assert "Mã hồ sơ: H60.22-260213-0001 · Số vào sổ: 0001" in text
    assert NAME in text
    assert PROCEDURE_NAME in text
    # The components handed in (the scanned form), with their form and count; the optional
    # component nobody handed in is not listed, nor are file names.
    assert "STT Tên giấy tờ Hình thức Số lượng" in text
    assert "1 Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp Bản chính 01" in text
    assert "Bản chụp giấy tờ tùy thân" not in text
    assert "to-khai.pdf" not in text
    assert page_count(pdf) == 1
    assert "Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 13 tháng 02 năm 2026" in text
    assert (
        "Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 25 tháng 02 năm 2026" in text
    )
    assert "3 ngày làm việc" in text
    assert "Trực tiếp" in text
    assert "Lê Văn Tiếp" in text
    assert "Tuyên Quang, ngày 13 tháng 02 năm 2026" in text
    assert "Tra cứu tình trạng hồ sơ" in text
    url = f"https://dichvucong.tuyenquang.gov.vn/tra-cuu/?ma={d.code}"
    assert url in text.replace(" ", "")
    assert "data:image/svg+xml;base64," in render_form_html(d, "01")  # the QR code

    fonts = embedded_fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert any("NotoSerif" in name.replace("-", "") for name in fonts), fonts


# --- form 02 and 04 --------------------------------------------------------------------------


@pytest.mark.django_db
def test_form02_supplement_request_and_form04_apology(world):
    d = intake(world, at(3, 2, 8))  # Mon 2 Mar 08:00 → due Thu 5 Mar 08:00
    assert format_vn_datetime(d.due_at) == "08 giờ 00 phút, ngày 05 tháng 03 năm 2026"
    d = services.forward(d, world.receiver, at=at(3, 2, 9))
    d = services.request_supplement(
        d, world.processor, "Bổ sung bản sao giấy khai sinh", at=at(3, 3, 9)
    )
    d = services.complete_supplement(d, world.receiver, at=at(3, 5, 9))
    due_after_supplement = d.due_at
    d = services.apologise(
        d, world.processor, at(3, 13, 16), "Cần xác minh thông tin tại địa phương", at=at(3, 6, 10)
    )

    text = pdf_text(render_form(d, "02"))
    assert FORM_TITLES["02"] in text
    assert "SỞ TƯ PHÁP TỈNH TUYÊN QUANG" in text
    assert NAME in text
    assert "Bổ sung bản sao giấy khai sinh" in text
    assert "09 giờ 00 phút, ngày 03 tháng 03 năm 2026" in text
    assert "Trần Thị Xử" in text

    text = pdf_text(render_form(d, "04"))
    assert FORM_TITLES["04"] in text
    assert NAME in text
    assert "Cần xác minh thông tin tại địa phương" in text
    assert f"Thời gian hẹn trả kết quả: {format_vn_datetime(due_after_supplement)}" in text
    assert "Thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 13 tháng 03 năm 2026" in text


# --- form 03 and 05 --------------------------------------------------------------------------


@pytest.mark.django_db
def test_form03_refusal_of_an_online_dossier(world):
    d = services.submit_online(world.citizen, world.procedure, applicant(), at=at(3, 2, 20))
    assert d.intake_agency == world.centre
    assert available_forms(d) == ["06"]
    d = services.refuse(
        d, world.receiver, "Thủ tục không thuộc thẩm quyền giải quyết của tỉnh", at=at(3, 3, 8, 15)
    )
    assert available_forms(d) == ["03", "06"]
    text = pdf_text(render_form(d, "03"))
    assert FORM_TITLES["03"] in text
    assert NAME in text
    assert "Thủ tục không thuộc thẩm quyền giải quyết của tỉnh" in text
    assert "08 giờ 15 phút, ngày 03 tháng 03 năm 2026" in text
    with pytest.raises(InvalidInput):
        render_form(d, "01")


@pytest.mark.django_db
def test_form05_stop_notice(world):
    d = received_on_13_feb(world)
    d = services.forward(d, world.receiver, at=at(2, 13, 14))
    d = services.stop(d, world.processor, "Người yêu cầu đề nghị dừng giải quyết", at=at(2, 23, 8))
    text = pdf_text(render_form(d, "05"))
    assert FORM_TITLES["05"] in text
    assert NAME in text
    assert "Người yêu cầu đề nghị dừng giải quyết" in text
    assert "08 giờ 00 phút, ngày 23 tháng 02 năm 2026" in text


# --- form 06 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_form06_control_slip_has_one_row_per_event_with_step_results(world):
    d = fully_processed(world)
    pdf = render_form(d, "06")
    text = pdf_text(pdf)
    assert FORM_TITLES["06"] in text
    assert NAME in text
    for label in ("Đúng hạn", "Trước hạn", "Quá hạn"):
        assert label in text
    # submit, receive, forward ×2, approve
    for stamp in (
        "10 giờ 00 phút, ngày 13 tháng 02 năm 2026",
        "14 giờ 00 phút, ngày 13 tháng 02 năm 2026",
        "15 giờ 00 phút, ngày 23 tháng 02 năm 2026",
        "10 giờ 00 phút, ngày 24 tháng 02 năm 2026",
    ):
        assert stamp in text
    # hand-overs: receive, forward ×2, approve (submission at the counter is the receipt)
    assert len(re.findall(r"\d\d giờ \d\d phút, ngày", text)) == 4 + 2  # rows + received, due
    assert "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: 0001/TNHS)" in text
    assert "Bên giao Bên nhận" in text
    # Each row: who handed over and who received (unit, step), when, the step's result, what
    # happened, then the two names under the room to sign (text in the order of the page).
    assert (
        "1 Người nộp hồ sơ Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang Tiếp nhận hồ sơ "
        "10 giờ 00 phút, ngày 13 tháng 02 năm 2026 Tiếp nhận Nguyễn Thị Hoà Lê Văn Tiếp"
    ) in text
    assert (
        "2 Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang Tiếp nhận hồ sơ Sở Tư pháp tỉnh "
        "Tuyên Quang Thẩm định, xử lý hồ sơ 14 giờ 00 phút, ngày 13 tháng 02 năm 2026 Đúng hạn "
        "Hạn: 13/02/2026 16:00 Chuyển bước tiếp theo Lê Văn Tiếp Trần Thị Xử"
    ) in text
    assert (
        "4 Sở Tư pháp tỉnh Tuyên Quang Phê duyệt kết quả Trung tâm Phục vụ hành chính công tỉnh "
        "Tuyên Quang 10 giờ 00 phút, ngày 24 tháng 02 năm 2026 Quá hạn Hạn: 24/02/2026 09:00 "
        "Phê duyệt Phạm Văn Duyệt"
    ) in text
    assert "Hồ sơ đủ điều kiện" in text
    assert "kết quả giải quyết hồ sơ: Trước hạn" in text
    assert all(embedded_fonts(pdf).values())


# --- form 07 ---------------------------------------------------------------------------------


def _register_rows(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[REGISTER_HEADER_ROW - 1] == REGISTER_HEADERS
    return rows[REGISTER_HEADER_ROW:]


@pytest.mark.django_db
def test_register_lists_the_period_with_results(world):
    col = {name: index for index, name in enumerate(REGISTER_HEADERS)}
    early = fully_processed(world)  # received 13 Feb, finished 24 Feb, due 25 Feb

    # Received Mon 2 Mar 08:00 → due Thu 5 Mar 08:00; approved Thu 5 Mar 07:45: on time.
    on_time = intake(world, at(3, 2, 8), name="Hoàng Văn Đúng")
    on_time = services.forward(on_time, world.receiver, at=at(3, 2, 9))
    on_time = services.forward(on_time, world.processor, at=at(3, 4, 9))
    on_time = services.approve(on_time, world.approver, at=at(3, 5, 7, 45))

    # Finished early by its dates, but asked twice to supplement: late (DOMAIN.md §2). The
    # workflow refuses a second request today; a dossier of the old system may carry two.
    twice = intake(world, at(3, 2, 9), name="Vũ Thị Bổ")
    twice = services.forward(twice, world.receiver, at=at(3, 2, 10))
    twice = services.request_supplement(twice, world.processor, "Thiếu tờ khai", at=at(3, 2, 14))
    twice = services.complete_supplement(twice, world.receiver, at=at(3, 2, 15))
    Dossier.objects.filter(pk=twice.pk).update(supplement_count=2)  # as imported
    twice.refresh_from_db()
    twice = services.forward(twice, world.processor, at=at(3, 3, 8))
    twice = services.approve(twice, world.approver, at=at(3, 3, 9))
    assert twice.finished_at < twice.due_at

    # Approved after its due date: late.
    late = intake(world, at(3, 3, 8), name="Đỗ Văn Muộn")  # due Fri 6 Mar 08:00
    late = services.forward(late, world.receiver, at=at(3, 3, 9))
    late = services.forward(late, world.processor, at=at(3, 5, 9))
    late = services.approve(late, world.approver, at=at(3, 6, 9))

    # Still being processed: no result yet.
    pending = intake(world, at(3, 4, 8), name="Lý Thị Chờ")

    # Outside the period, and never received (refused online submission): not listed.
    intake(world, at(3, 16, 8), name="Ngoài Kỳ")
    refused = services.submit_online(
        world.citizen, world.procedure, applicant("Từ Chối"), at=at(3, 2, 8)
    )
    services.refuse(refused, world.receiver, "Sai thủ tục", at=at(3, 2, 9))

    data = register_xlsx(world.dept, datetime.date(2026, 2, 1), datetime.date(2026, 3, 15))
    rows = _register_rows(data)
    assert [row[col["Mã hồ sơ"]] for row in rows] == [
        early.code,
        on_time.code,
        twice.code,
        late.code,
        pending.code,
    ]
    assert [row[col["STT"]] for row in rows] == [1, 2, 3, 4, 5]
    assert [row[col["Kết quả (trước hạn/đúng hạn/quá hạn)"]] for row in rows] == [
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
        "Quá hạn",
        None,
    ]
    first = rows[0]
    assert first[col["Tên TTHC"]] == PROCEDURE_NAME
    assert first[col["Tên cá nhân, tổ chức"]] == NAME
    assert first[col["Địa chỉ, số điện thoại"]] == (
        "Tổ 5, phường Minh Xuân, tỉnh Tuyên Quang - 0912345678"
    )
    assert first[col["Số lượng hồ sơ (bộ)"]] == 1
    assert first[col["Cơ quan chủ trì giải quyết"]] == "Sở Tư pháp tỉnh Tuyên Quang"
    assert first[col["Nhận hồ sơ"]] == "13/02/2026 10:00"
    assert first[col["Hẹn trả kết quả"]] == "25/02/2026 10:00"
    assert first[col["Chuyển hồ sơ đến cơ quan giải quyết"]] == "13/02/2026 14:00"
    assert first[col["Nhận kết quả từ cơ quan giải quyết"]] == "24/02/2026 10:00"
    assert first[col["Trả kết quả cho cá nhân, tổ chức"]] is None
    assert first[col["Ký nhận"]] is None
    assert first[col["Trạng thái"]] == Status.FINISHED.label
    assert rows[2][col["Ghi chú"]] == "Yêu cầu bổ sung 2 lần"
    assert rows[4][col["Trạng thái"]] == Status.RECEIVED.label

    # The centre received them all: same rows; a one-day period keeps only that day.
    assert (
        len(
            _register_rows(
                register_xlsx(world.centre, datetime.date(2026, 2, 1), datetime.date(2026, 3, 15))
            )
        )
        == 5
    )
    one_day = _register_rows(
        register_xlsx(world.dept, datetime.date(2026, 3, 2), datetime.date(2026, 3, 2))
    )
    assert [row[col["Mã hồ sơ"]] for row in one_day] == [on_time.code, twice.code]


@pytest.mark.django_db
def test_register_title_rows(world):
    sheet = openpyxl.load_workbook(
        io.BytesIO(register_xlsx(world.dept, datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)))
    ).active
    assert sheet["A1"].value == "SỞ TƯ PHÁP TỈNH TUYÊN QUANG"
    assert sheet["A2"].value == "SỔ THEO DÕI HỒ SƠ"
    assert sheet["A3"].value == "Từ ngày 01/01/2026 đến ngày 31/01/2026"
    assert sheet["A4"].value == "Mẫu số 07 (Thông tư số 03/2025/TT-VPCP)"
    assert sheet.max_row == REGISTER_HEADER_ROW
    assert sheet.page_setup.orientation == "landscape"


@pytest.mark.django_db
def test_register_refuses_a_reversed_period(world):
    with pytest.raises(InvalidInput):
        register_xlsx(world.dept, datetime.date(2026, 3, 2), datetime.date(2026, 3, 1))


# --- every form with long Vietnamese names -----------------------------------------------------

# Exactly 200 and 300 characters (asserted below): the longest names the forms must carry.
LONG_APPLICANT = (
    "Công ty Trách nhiệm hữu hạn Một thành viên Sản xuất, Chế biến và Thương mại Chè Shan Tuyết "
    "Cao nguyên đá Đồng Văn, Hoàng Su Phì, Na Hang và các huyện vùng cao phía Bắc tỉnh Tuyên Quang "
    "- Chi nhánh 001"
)
LONG_PROCEDURE = (
    "Thủ tục cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh "
    "doanh thực phẩm nông, lâm, thủy sản thuộc thẩm quyền quản lý của Sở Nông nghiệp và Môi "
    "trường, trừ các cơ sở đã được cấp một trong các giấy chứng nhận theo khoản 1 Điều 12 Nghị "
    "định số 15/2018/NĐ-CP (cấp lần đầu)"
)
# (name, copy kind, quantity) of ten components, in the catalogue's order.
LONG_DOCUMENTS = [
    (
        "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm theo mẫu quy định "
        "tại Phụ lục ban hành kèm theo Thông tư của Bộ trưởng",
        "original",
        1,
    ),
    (
        "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện an toàn "
        "thực phẩm của cơ sở sản xuất, kinh doanh",
        "original",
        2,
    ),
    (
        "Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh có "
        "ngành nghề sản xuất, kinh doanh thực phẩm",
        "certified_copy",
        1,
    ),
    (
        "Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực "
        "phẩm do cơ sở y tế cấp huyện trở lên cấp",
        "certified_copy",
        3,
    ),
    (
        "Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm của chủ cơ sở và của "
        "người trực tiếp sản xuất, kinh doanh thực phẩm",
        "copy",
        3,
    ),
    (
        "Kết quả kiểm nghiệm nước dùng để sản xuất thực phẩm của phòng kiểm nghiệm được chỉ "
        "định hoặc được công nhận theo quy định hiện hành",
        "copy",
        1,
    ),
    (
        "Sơ đồ mặt bằng khu vực sản xuất, kinh doanh, kho bảo quản và khu vực xung quanh, thể "
        "hiện rõ quy trình sản xuất theo nguyên tắc một chiều",
        "photocopy",
        1,
    ),
    (
        "Hợp đồng thuê địa điểm sản xuất, kinh doanh hoặc giấy tờ chứng minh quyền sử dụng đất, "
        "quyền sở hữu nhà xưởng của cơ sở đề nghị cấp",
        "certified_copy",
        1,
    ),
    (
        "Bản cam kết bảo vệ môi trường hoặc kế hoạch bảo vệ môi trường đã được cơ quan nhà nước "
        "có thẩm quyền xác nhận theo quy định của pháp luật",
        "copy",
        1,
    ),
    (
        "Văn bản ủy quyền cho người đại diện nộp hồ sơ và nhận kết quả giải quyết thủ tục hành "
        "chính, có chữ ký của người đại diện theo pháp luật",
        "original",
        1,
    ),
]
LONG_REASON = (
    "Đề nghị bổ sung Giấy xác nhận đủ sức khỏe của người trực tiếp sản xuất còn thiếu và kết "
    "quả kiểm nghiệm nước còn hiệu lực theo quy định"
)


@pytest.fixture
def long_world(world):
    """The world of the other tests with the longest names: a 300-character procedure with
    ten long components (and a conditional eleventh the applicant did not hand in)."""
    procedure = world.procedure
    procedure.name = LONG_PROCEDURE
    procedure.save(update_fields=["name"])
    procedure.documents.all().delete()
    docs = [
        RequiredDocument.objects.create(
            procedure=procedure, order=i, name=name, copy_kind=kind, quantity=quantity
        )
        for i, (name, kind, quantity) in enumerate(LONG_DOCUMENTS, start=1)
    ]
    RequiredDocument.objects.create(
        procedure=procedure,
        order=11,
        name="Giấy chứng nhận VietGAP",
        condition="Khi cơ sở đề nghị ghi nhận sản xuất theo VietGAP",
        required=False,
    )
    world.long_documents = docs
    return world


def long_applicant() -> ApplicantData:
    return ApplicantData(
        name=LONG_APPLICANT,
        kind=2,  # an organisation: whoever hands the dossier in writes their own name
        national_id="5300123456",
        phone="02073822555",
        email="chesanhtuyet.caonguyen@example.vn",
        address=(
            "Thôn Nà Hang Tùng, xã Hồng Thái, tỉnh Tuyên Quang (trụ sở chính); xưởng chế biến "
            "tại thôn Lũng Cú, xã Lũng Cú, tỉnh Tuyên Quang"
        ),
    )


def long_dossier_through_every_step(w: SimpleNamespace):
    """Received at the counter with nine ticked components and one scanned; forwarded, asked
    once to supplement, apologised for, approved late and returned: forms 01, 02, 04 and 06."""
    ticked = "; ".join(doc.name for doc in w.long_documents[:9])
    d = services.intake_at_counter(
        w.receiver,
        w.centre,
        w.procedure,
        long_applicant(),
        at=at(2, 13, 10),
        note=f"Thành phần hồ sơ đã nhận: {ticked}.",
    )
    scan = SimpleUploadedFile("uy-quyen.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    add_document(d, w.receiver, scan, required_document_id=w.long_documents[9].pk)
    d = services.forward(d, w.receiver, at=at(2, 13, 14))
    d = services.request_supplement(d, w.processor, LONG_REASON, at=at(2, 23, 9))
    d = services.complete_supplement(d, w.receiver, at=at(2, 23, 15))
    d = services.apologise(
        d, w.processor, at(3, 4, 16), "Cần lấy ý kiến cơ quan phối hợp", at=at(2, 24, 9)
    )
    d = services.forward(d, w.processor, at=at(2, 26, 10), note="Đủ điều kiện cấp")
    d = services.approve(d, w.approver, at=at(2, 26, 15))
    return services.return_result(d, w.receiver, at=at(2, 27, 9))


@pytest.mark.django_db
def test_every_form_with_long_names(long_world):
    w = long_world
    assert len(LONG_APPLICANT) == 200 and len(LONG_PROCEDURE) == 300
    d = long_dossier_through_every_step(w)
    assert available_forms(d) == ["01", "02", "04", "06"]
    stopped = services.intake_at_counter(
        w.receiver, w.centre, w.procedure, long_applicant(), at=at(3, 2, 8)
    )
    stopped = services.forward(stopped, w.receiver, at=at(3, 2, 9))
    stopped = services.stop(stopped, w.processor, "Cơ sở đề nghị dừng", at=at(3, 3, 8))
    refused = services.refuse_at_counter(
        w.receiver, w.centre, w.procedure, long_applicant(), "Sai thẩm quyền", at=at(3, 2, 9)
    )
    pdfs = {number: render_form(d, number) for number in ("01", "02", "04", "06")}
    pdfs["03"] = render_form(refused, "03")
    pdfs["05"] = render_form(stopped, "05")
    pages = {number: page_count(pdf) for number, pdf in pdfs.items()}
    assert pages == {"01": 1, "02": 1, "03": 1, "04": 1, "05": 1, "06": 2}
    text = {number: pdf_text(pdf) for number, pdf in pdfs.items()}
    for number, page in text.items():
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in page
        assert LONG_APPLICANT in page
        # A line may break after the slash of "15/2018/NĐ-CP": compare without spaces.
        assert LONG_PROCEDURE.replace(" ", "") in page.replace(" ", ""), number
        assert f"Mẫu số {number} (Thông tư số 03/2025/TT-VPCP)" in page

    receipt = text["01"]
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH TUYÊN QUANG Số: 0001/TNHS" in receipt
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in receipt
    assert "Mã hồ sơ: H60.22-260213-0001 · Số vào sổ: 0001" in receipt
    for name, _kind, _quantity in LONG_DOCUMENTS:
        assert name in receipt
    assert (
        "3 Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh có "
        "ngành nghề sản xuất, kinh doanh thực phẩm Bản sao có chứng thực 01"
    ) in receipt
    assert (
        "5 Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm của chủ cơ sở và của "
        "người trực tiếp sản xuất, kinh doanh thực phẩm Bản sao 03"
    ) in receipt
    assert (
        "7 Sơ đồ mặt bằng khu vực sản xuất, kinh doanh, kho bảo quản và khu vực xung quanh, thể "
        "hiện rõ quy trình sản xuất theo nguyên tắc một chiều Bản chụp 01"
    ) in receipt
    assert (  # handed in as a scan, not ticked: listed all the same
        "10 Văn bản ủy quyền cho người đại diện nộp hồ sơ và nhận kết quả giải quyết thủ tục hành "
        "chính, có chữ ký của người đại diện theo pháp luật Bản chính 01"
    ) in receipt
    assert "VietGAP" not in receipt  # the conditional component nobody handed in
    assert "4. Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 13 tháng 02 năm 2026" in receipt
    # The appointment given at the counter, not the date moved later by the apology.
    assert (
        "5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 25 tháng 02 năm 2026"
    ) in receipt
    assert "Tra cứu tình trạng hồ sơ" in receipt
    assert "Lê Văn Tiếp" in receipt

    supplement = text["02"]
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in supplement
    assert LONG_REASON in supplement
    assert (
        "Thời gian yêu cầu bổ sung: 09 giờ 00 phút, ngày 23 tháng 02 năm 2026 (lần thứ 1)"
    ) in supplement

    refusal = text["03"]
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ Mã hồ sơ: H60.22-260302-0002" in refusal
    assert "Lý do cụ thể như sau: Sai thẩm quyền" in refusal
    assert "Thời gian từ chối tiếp nhận: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026" in refusal

    apology = text["04"]
    assert "SỞ TƯ PHÁP TỈNH TUYÊN QUANG Số: ……/……" in apology
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in apology
    assert "Tuyên Quang, ngày 24 tháng 02 năm 2026" in apology
    assert f"Kính gửi: {LONG_APPLICANT}, Thôn Nà Hang Tùng" in apology
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả số 0001/TNHS" in apology
    # The due date in force before the apology: 25 Feb 10:00 + the six hours of supplement.
    assert "Thời gian hẹn trả kết quả: 16 giờ 00 phút, ngày 25 tháng 02 năm 2026" in apology
    assert "Thời gian hẹn trả kết quả mới: 16 giờ 00 phút, ngày 04 tháng 03 năm 2026" in apology
    assert "Nơi nhận: - Như trên; - Lưu: VT, Bộ phận Một cửa. THỦ TRƯỞNG CƠ QUAN" in apology

    stop = text["05"]
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ Mã hồ sơ: H60.22-260302-0001" in stop
    assert "Thời gian dừng giải quyết: 08 giờ 00 phút, ngày 03 tháng 03 năm 2026" in stop
    assert "Lý do: Cơ sở đề nghị dừng" in stop

    slip = text["06"]
    assert "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: 0001/TNHS)" in slip
    assert slip.count("Bên giao Bên nhận") == 2  # the header again on the second page
    for row in (
        # seq, giver (unit, step), receiver (unit, step), time, result, what, then the names
        "1 Người nộp hồ sơ Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang Tiếp nhận hồ sơ "
        "10 giờ 00 phút, ngày 13 tháng 02 năm 2026 Tiếp nhận Lê Văn Tiếp",
        "2 Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang Tiếp nhận hồ sơ Sở Tư pháp tỉnh "
        "Tuyên Quang Thẩm định, xử lý hồ sơ 14 giờ 00 phút, ngày 13 tháng 02 năm 2026 Đúng hạn "
        "Hạn: 13/02/2026 16:00 Chuyển bước tiếp theo Lê Văn Tiếp Trần Thị Xử",
        "3 Sở Tư pháp tỉnh Tuyên Quang Thẩm định, xử lý hồ sơ Người nộp hồ sơ 09 giờ 00 phút, "
        "ngày 23 tháng 02 năm 2026 Yêu cầu bổ sung",
        "4 Người nộp hồ sơ Sở Tư pháp tỉnh Tuyên Quang Thẩm định, xử lý hồ sơ 15 giờ 00 phút, "
        "ngày 23 tháng 02 năm 2026 Hoàn thành bổ sung Xin lỗi và hẹn lại ngày trả 24/02/2026 "
        "09:00, hẹn trả mới 04/03/2026 16:00: Cần lấy ý kiến cơ quan phối hợp",
        "5 Sở Tư pháp tỉnh Tuyên Quang Thẩm định, xử lý hồ sơ Sở Tư pháp tỉnh Tuyên Quang Phê "
        "duyệt kết quả 10 giờ 00 phút, ngày 26 tháng 02 năm 2026 Quá hạn Hạn: 25/02/2026 08:00 "
        "Chuyển bước tiếp theo Đủ điều kiện cấp Trần Thị Xử Phạm Văn Duyệt",
        "6 Sở Tư pháp tỉnh Tuyên Quang Phê duyệt kết quả Trung tâm Phục vụ hành chính công tỉnh "
        "Tuyên Quang 15 giờ 00 phút, ngày 26 tháng 02 năm 2026 Đúng hạn Hạn: 26/02/2026 16:00 "
        "Phê duyệt Phạm Văn Duyệt Lê Văn Tiếp",
        "7 Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang Người nộp hồ sơ 09 giờ 00 phút, "
        "ngày 27 tháng 02 năm 2026 Trả kết quả Lê Văn Tiếp",
    ):
        assert row in slip
    assert LONG_REASON in slip

    col = {name: index for index, name in enumerate(REGISTER_HEADERS)}
    rows = _register_rows(
        register_xlsx(w.dept, datetime.date(2026, 2, 1), datetime.date(2026, 3, 31))
    )
    assert [row[col["Mã hồ sơ"]] for row in rows] == [
        "H60.22-260213-0001",
        "H60.22-260302-0001",
    ]
    first = rows[0]
    assert first[col["Tên TTHC"]] == LONG_PROCEDURE
    assert first[col["Tên cá nhân, tổ chức"]] == LONG_APPLICANT
    assert first[col["Cơ quan chủ trì giải quyết"]] == "Sở Tư pháp tỉnh Tuyên Quang"
    assert first[col["Trả kết quả cho cá nhân, tổ chức"]] == "27/02/2026 09:00"
    assert first[col["Ghi chú"]] == "Yêu cầu bổ sung 1 lần; Xin lỗi, hẹn lại 1 lần"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x.vn","Bấm")', "+84912345678", "-1+1", "@SUM(A1)"]
)
def test_register_writes_names_as_text_never_formulas(world, name):
    """Issue 15 §2: a value an applicant typed stays text in the officer's spreadsheet."""
    intake(world, at(3, 2, 9), name=name)
    data = register_xlsx(world.dept, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header = [c.value for c in sheet[REGISTER_HEADER_ROW]]
    cell = sheet.cell(REGISTER_HEADER_ROW + 1, header.index("Tên cá nhân, tổ chức") + 1)
    assert cell.value == name
    assert cell.data_type == "s"
