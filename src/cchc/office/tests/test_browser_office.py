"""Browser journeys through the back office: counter intake to approval, and a refusal and a
supplement request at the counter with their printed slips (forms 03 and 02)."""

from __future__ import annotations

import os
import re

import pytest

from cchc.dossiers.models import Dossier
from cchc_testkit.browser import assert_accessible, record_weight, shot
from cchc_testkit.files import PDF as PDF_BYTES
from cchc_testkit.world import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.get_by_label("Số CCCD, mã số thuế hoặc tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("pw-" + username)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/mot-cua/")


def _sign_out(page) -> None:
    page.get_by_role("button", name=re.compile("Đăng xuất")).click()
    page.wait_for_load_state()


def _choose_procedure(page, query: str, code: str) -> None:
    page.get_by_label("Tìm thủ tục (mã hoặc tên, gõ không dấu được)").fill(query)
    result = page.get_by_role("link", name=re.compile(re.escape(code)))
    result.wait_for()  # htmx live search, no button press needed
    result.click()
    page.wait_for_url(f"**thu_tuc={code}")


def _act(page, label: str, note: str = "") -> None:
    card = page.locator("details.action-card", has=page.locator("summary", has_text=label))
    if card.get_attribute("open") is None:
        card.locator("summary").click()
    if note:
        card.get_by_role("textbox").first.fill(note)
    card.get_by_role("button", name=label).click()
    page.wait_for_load_state()
    assert f"Đã thực hiện: {label}." in page.get_by_role("status").first.inner_text()


def test_counter_intake_then_processing_and_approval(live_server, page, tmp_path):
    build_world()
    base = live_server.url
    _sign_in(page, base, "tiepnhan")
    assert_accessible(page, "office-home-receiving")
    shot(page, "office-home-receiving")

    page.get_by_role("link", name="Tiếp nhận hồ sơ tại quầy").first.click()
    assert_accessible(page, "office-intake-search")
    _choose_procedure(page, "thu tuc 000001", "1.000001")

    page.get_by_label("Số CCCD hoặc mã số thuế của người nộp").fill("008190001234")
    page.get_by_role("button", name="Tìm theo CCCD").click()
    name = page.get_by_label("Họ và tên người nộp (hoặc tên tổ chức)")
    page.get_by_text("Đã tìm thấy tài khoản").wait_for()
    assert name.input_value() == "Nguyễn Thị Hoà"
    page.get_by_label("Địa chỉ").fill("Tổ 5, phường Minh Xuân")
    page.get_by_role("checkbox", name=re.compile("Tờ khai")).check()
    scan = tmp_path / "to-khai.pdf"
    scan.write_bytes(PDF_BYTES)
    page.get_by_label("Bản quét: Tờ khai").set_input_files(str(scan))
    assert_accessible(page, "office-intake-form")
    shot(page, "office-intake-form")
    page.get_by_role("button", name="Tiếp nhận hồ sơ", exact=True).click()

    page.wait_for_url("**/mot-cua/tiep-nhan/H60.1-*/")
    dossier = Dossier.objects.get()
    receipt = page.get_by_role("link", name="In giấy tiếp nhận và hẹn trả kết quả (mẫu 01)")
    pdf = page.request.get(base + receipt.get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    assert_accessible(page, "office-intake-done")
    shot(page, "office-intake-done")

    page.get_by_role("link", name="Việc của tôi").click()
    page.get_by_role("link", name=dossier.code).wait_for()
    assert_accessible(page, "office-queue")
    record_weight(page, "office-queue")
    shot(page, "office-queue")

    # The centre hands the dossier to the department's processing step.
    page.get_by_role("link", name=dossier.code).click()
    assert_accessible(page, "office-dossier-receiving")
    _act(page, "Chuyển bước tiếp theo", "Chuyển Sở Tư pháp")
    _sign_out(page)

    _sign_in(page, base, "xuly")
    page.get_by_role("link", name=dossier.code).first.click()
    assert "Sở Tư pháp" in page.inner_text("main")
    document = page.get_by_role("link", name="to-khai.pdf")
    assert page.request.get(base + document.get_attribute("href")).body().startswith(b"%PDF")
    assert_accessible(page, "office-dossier-processing")
    shot(page, "office-dossier-processing")
    _act(page, "Chuyển bước tiếp theo", "Đủ điều kiện, trình ký")
    _sign_out(page)

    _sign_in(page, base, "lanhdao")
    page.get_by_role("link", name=dossier.code).first.click()
    _act(page, "Phê duyệt", "Đồng ý")
    assert "Đã xử lý xong" in page.inner_text("main")
    assert_accessible(page, "office-dossier-approved")
    slip = page.get_by_role("link", name="Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 06)")
    assert page.request.get(base + slip.get_attribute("href")).body().startswith(b"%PDF")


def test_refusal_and_supplement_at_the_counter_print_forms_03_and_02(live_server, page):
    build_world()
    base = live_server.url
    page.set_viewport_size({"width": 360, "height": 740})
    _sign_in(page, base, "tiepnhan")
    page.goto(base + "/mot-cua/tiep-nhan/")
    _choose_procedure(page, "thu tuc 000002", "1.000002")
    page.get_by_label("Họ và tên người nộp (hoặc tên tổ chức)").fill("Lê Văn Tám")
    page.get_by_label("Nội dung cần bổ sung hoặc lý do từ chối").fill(
        "Hồ sơ không thuộc phạm vi giải quyết của thủ tục đã chọn"
    )
    assert_accessible(page, "office-intake-refusal-360")
    page.get_by_role("button", name="Từ chối tiếp nhận").click()
    page.wait_for_url("**/mot-cua/tiep-nhan/H60.1-*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Đã từ chối tiếp nhận hồ sơ"
    slip = page.get_by_role("link", name="In phiếu từ chối tiếp nhận (mẫu 03)")
    response = page.request.get(base + slip.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    assert_accessible(page, "office-refused-360")
    shot(page, "office-refused-360")

    # An incomplete paper dossier is not received: the applicant leaves with guidance (02).
    page.get_by_role("link", name="Tiếp nhận hồ sơ khác").click()
    _choose_procedure(page, "1.000001", "1.000001")
    page.get_by_label("Họ và tên người nộp (hoặc tên tổ chức)").fill("Lê Văn Tám")
    page.get_by_role("button", name="Tiếp nhận hồ sơ", exact=True).click()
    assert "còn thiếu thành phần bắt buộc" in page.get_by_role("alert").first.inner_text()
    assert_accessible(page, "office-intake-errors-360")
    page.get_by_label("Nội dung cần bổ sung hoặc lý do từ chối").fill("Thiếu tờ khai")
    page.get_by_role("button", name="Hướng dẫn bổ sung (mẫu 02), không tiếp nhận").click()
    page.wait_for_url("**/mot-cua/huong-dan/HD.H60.1-*/")
    assert "không tiếp nhận" in page.get_by_role("heading", level=1).inner_text()
    form02 = page.get_by_role("link", name="In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)")
    assert page.request.get(base + form02.get_attribute("href")).body().startswith(b"%PDF")
    assert_accessible(page, "office-guidance-360")
    shot(page, "office-supplement-360")

    page.get_by_role("link", name="Hồ sơ", exact=True).click()
    page.get_by_role("link", name="Chờ người nộp (bổ sung, nộp phí)").click()
    assert page.locator("#ket-qua table tbody tr").count() == 0  # nothing was received
    assert_accessible(page, "office-queue-360")
    shot(page, "office-queue-360")
