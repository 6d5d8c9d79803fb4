"""Browser journey of issue 3 on the Tuyên Quang demo organisation and catalogue: a citizen
finds a procedure by an unaccented query, registers, applies online with uploads and gets the
receipt; the commune's officers receive, ask for a supplement, the citizen supplements, the
dossier is approved and returned; the citizen downloads the result and rates the service.
Issue 8 §4 adds: step 1 survives a reload, a wrong file is refused beside its own input, a
conditional document is ticked and unticked, and "Hồ sơ của tôi" fits a 360 px phone.
Every page visited is checked with axe (WCAG 2.2 AA); citizen pages are weighed (< 150 KB)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cchc.catalogue.models import RequiredDocument
from cchc.demo.accounts import load_accounts
from cchc.demo.catalogue import load_catalogue
from cchc.demo.organisation import load_agencies, load_units
from cchc.dossiers.constants import Status
from cchc.dossiers.models import Dossier, DossierRating
from cchc_testkit.browser import assert_accessible, record_weight, shot

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET_KB = 150
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PROCEDURE = "Thủ tục đăng ký khai sinh"


ABANDONED = "Biên bản về việc trẻ bị bỏ rơi"


@pytest.fixture
def demo_province():
    load_agencies(load_units())
    load_catalogue()
    load_accounts()
    # The published record says "(trường hợp trẻ bị bỏ rơi)": a conditional document.
    RequiredDocument.objects.filter(procedure__code="1.001193", name__startswith=ABANDONED).update(
        condition="Trẻ bị bỏ rơi"
    )


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    made = {}
    for name in (
        "to-khai.pdf",
        "giay-chung-sinh.pdf",
        "ban-sao-cccd-me.pdf",
        "ket-qua-trich-luc.pdf",
    ):
        path = tmp_path / name
        path.write_bytes(PDF)
        made[name] = path
    # A note saved under a .pdf name: what a hurried applicant picks by mistake.
    made["ban-nhap.pdf"] = tmp_path / "ban-nhap.pdf"
    made["ban-nhap.pdf"].write_text("Tờ khai đăng ký khai sinh — bản nháp", encoding="utf-8")
    return made


def check(page, name: str, *, weigh: bool = False) -> None:
    page.wait_for_load_state("networkidle")
    assert_accessible(page, name)
    if weigh:
        record_weight(page, name, BUDGET_KB)
    shot(page, name)


def sign_in(page, url: str, login: str, password: str) -> None:
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Số CCCD, mã số thuế hoặc tên đăng nhập").fill(login)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.get_by_role("button", name=re.compile("^Đăng xuất")).click()
    page.wait_for_load_state()


def act(
    page, url: str, code: str, action: str, *, note: str = "", file: Path | None = None
) -> None:
    """An officer opens the dossier page and performs one of the action buttons shown."""
    page.goto(f"{url}/mot-cua/ho-so/{code}/")
    form = page.locator(f"form[action$='/thao-tac/{action}/']")
    details = page.locator("details.action-card", has=form)
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    if note and form.locator("textarea, input[name=note]").count():
        form.locator("textarea, input[name=note]").first.fill(note)
    if file is not None:
        form.locator("input[type=file]").set_input_files(str(file))
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() == 0, page.locator(
        ".alert-danger"
    ).first.inner_text()


def test_citizen_applies_online_and_officers_process_to_rating(
    live_server, page, demo_province, files
):
    url = live_server.url
    page.set_viewport_size({"width": 360, "height": 800})

    # 1. Find the procedure without diacritics.
    page.goto(url + "/")
    check(page, "portal-home", weigh=True)
    page.get_by_label("Tìm thủ tục hành chính").fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url("**/thu-tuc/?q=*")
    check(page, "portal-search", weigh=True)
    page.get_by_role("link", name=PROCEDURE, exact=True).click()
    check(page, "portal-procedure", weigh=True)
    assert "Giấy chứng sinh" in page.inner_text("main")

    # 2. Apply: sign-in is asked for; the citizen registers with a CCCD instead.
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_role("link", name="Chưa có tài khoản? Đăng ký").click()
    check(page, "portal-register")
    page.get_by_label("Họ và tên (hoặc tên tổ chức)").fill("Hoàng Thị Mai")
    page.get_by_label("Số định danh cá nhân (CCCD, 12 chữ số)").fill("008195004321")
    page.get_by_label("Số điện thoại di động").fill("0987654321")
    page.locator("#id_password1").fill("Hoa-ban-trang-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("Hoa-ban-trang-2026")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url("**/nop/")
    check(page, "portal-apply-1")
    # What is typed is saved as it is typed: a reload (or a closed tab) keeps it.
    page.get_by_label("Địa chỉ liên hệ").fill("Tổ 5, phường Minh Xuân")
    page.locator("#luu-nhap").get_by_text("Đã lưu nháp").wait_for()
    page.reload()
    assert page.get_by_label("Địa chỉ liên hệ").input_value() == "Tổ 5, phường Minh Xuân"
    page.get_by_label("Xã, phường nơi giải quyết").select_option(label="Minh Xuân")
    page.get_by_role("button", name="Tiếp tục: giấy tờ").click()
    page.wait_for_url("**/giay-to/")

    # A wrong file is refused at once, its message beside its own file input.
    cards = page.locator("#giay-to li.card")
    first_input = cards.nth(0).locator("input[type=file]")
    first_input.set_input_files(str(files["ban-nhap.pdf"]))
    message = cards.nth(0).get_by_role("alert")
    message.wait_for()
    assert "không phải là tệp PDF thật" in message.inner_text()
    assert message.get_attribute("id") in first_input.get_attribute("aria-describedby").split()
    assert cards.nth(1).get_by_role("alert").count() == 0
    check(page, "portal-apply-2-refused")
    # Each file is uploaded as soon as it is chosen.
    for index, name in ((0, "to-khai.pdf"), (1, "giay-chung-sinh.pdf")):
        cards.nth(index).locator("input[type=file]").set_input_files(str(files[name]))
        page.get_by_text(f"✓ {name}").wait_for()
    assert cards.nth(0).get_by_role("alert").count() == 0
    assert "Đã đủ giấy tờ bắt buộc" in page.inner_text("main")
    # A conditional document: ticked, it is required; unticked, it is skipped.
    abandoned = cards.filter(has_text=ABANDONED)
    assert "Chỉ phải nộp khi: Trẻ bị bỏ rơi" in abandoned.inner_text()
    abandoned.get_by_label("Trường hợp của tôi thuộc điều kiện này").check()
    page.get_by_text("Còn thiếu 1 giấy tờ bắt buộc.").wait_for()
    assert abandoned.locator("input[type=file]").count() == 1
    abandoned.get_by_label("Trường hợp của tôi thuộc điều kiện này").uncheck()
    page.get_by_text("Đã đủ giấy tờ bắt buộc.").wait_for()
    assert abandoned.locator("input[type=file]").count() == 0
    check(page, "portal-apply-2")
    page.get_by_role("link", name="Tiếp tục: xem lại").click()
    assert "Ông/bà xác nhận không thuộc trường hợp: Trẻ bị bỏ rơi" in page.inner_text("main")
    check(page, "portal-apply-3")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    code = page.locator("#ma-ho-so").inner_text()
    assert page.locator(".qr svg").count() == 1
    check(page, "portal-submitted", weigh=True)
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == Status.NEW and dossier.documents.count() == 2
    assert "không thuộc trường hợp “Trẻ bị bỏ rơi”" in dossier.summary

    # "Hồ sơ của tôi" on a 360 px phone: cards, nothing cut off, filterable by status.
    page.goto(url + "/ho-so-cua-toi/")
    card = page.locator("#danh-sach-ho-so li.card").filter(has_text=code)
    assert PROCEDURE in card.inner_text() and "Mới đăng ký" in card.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check(page, "portal-my-dossiers", weigh=True)
    page.get_by_label("Lọc theo trạng thái").select_option(label="Mới đăng ký (1)")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**trang-thai=1*")
    assert page.locator("#danh-sach-ho-so li.card").count() == 1
    sign_out(page)

    # 3. The commune centre receives and sends the dossier on; the processing officer asks for more.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, url, "tiepnhan.xa", "demo-tiepnhan")
    act(page, url, code, "receive")
    check(page, "office-dossier-received")
    act(page, url, code, "forward")
    sign_out(page)
    sign_in(page, url, "xuly.xa", "demo-xuly")
    act(page, url, code, "request_supplement", note="Bổ sung bản sao CCCD của mẹ")
    sign_out(page)
    assert Dossier.objects.get(code=code).status == Status.SUPPLEMENT

    # 4. The citizen supplements, once.
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, url, "008195004321", "Hoa-ban-trang-2026")
    page.goto(f"{url}/ho-so-cua-toi/{code}/")
    assert "Bổ sung bản sao CCCD của mẹ" in page.inner_text("main")
    check(page, "portal-supplement", weigh=True)
    page.get_by_label("Chọn tệp (PDF, JPEG, PNG)").set_input_files(
        str(files["ban-sao-cccd-me.pdf"])
    )
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_role("button", name="Gửi bổ sung").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Gửi bổ sung").count() == 0
    sign_out(page)

    # 5. Result, approval, return.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, url, "xuly.xa", "demo-xuly")
    act(page, url, code, "attach_result", file=files["ket-qua-trich-luc.pdf"])
    act(page, url, code, "forward")
    sign_out(page)
    sign_in(page, url, "lanhdao.xa", "demo-lanhdao")
    # Approval is the first, open action for the approver; here the approver sends it back.
    page.goto(f"{url}/mot-cua/ho-so/{code}/")
    first = page.locator("details.action-card").first
    assert first.get_attribute("open") is not None
    assert "Phê duyệt" in first.locator("summary").inner_text()
    act(page, url, code, "send_back", note="Ghi sai ngày sinh trên trích lục, xử lý lại")
    sign_out(page)
    sign_in(page, url, "xuly.xa", "demo-xuly")
    page.goto(f"{url}/mot-cua/ho-so/{code}/")
    assert "Ghi sai ngày sinh trên trích lục" in page.inner_text("main")
    act(page, url, code, "forward")
    sign_out(page)
    sign_in(page, url, "lanhdao.xa", "demo-lanhdao")
    act(page, url, code, "approve")
    sign_out(page)
    sign_in(page, url, "tiepnhan.xa", "demo-tiepnhan")
    # The optional copy fee (8.000 đ) was not asked for: the exemption is recorded, then the
    # result is returned (a fee-bearing dossier is never returned unpaid without it).
    act(page, url, code, "exempt_fee", note="Không yêu cầu cấp bản sao trích lục")
    act(page, url, code, "return_result")
    sign_out(page)
    assert Dossier.objects.get(code=code).status == Status.RETURNED

    # 6. The citizen downloads the result and rates the service.
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, url, "008195004321", "Hoa-ban-trang-2026")
    page.goto(f"{url}/ho-so-cua-toi/{code}/")
    assert page.locator("#trang-thai").inner_text() == "Đã trả kết quả"
    check(page, "portal-result", weigh=True)
    link = page.get_by_role("link", name="Tải kết quả: ket-qua-trich-luc.pdf")
    body = page.request.get(url + link.get_attribute("href")).body()
    assert body.startswith(b"%PDF")
    page.get_by_label("Rất hài lòng").check()
    page.get_by_label("Góp ý (không bắt buộc)").fill("Cán bộ hướng dẫn tận tình")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_load_state()
    assert "Ông/bà đã đánh giá: Rất hài lòng" in page.inner_text("main")
    check(page, "portal-rated")
    assert DossierRating.objects.get(dossier__code=code).level == 3


def test_pages_in_english_through_the_language_switch(live_server, page, demo_province):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Find an administrative procedure" in page.inner_text("main")
    check(page, "portal-home-en")
