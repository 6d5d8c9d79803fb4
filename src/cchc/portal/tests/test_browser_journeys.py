"""Browser journey of issue 3 on the Tuyên Quang demo organisation and catalogue: a citizen
finds a procedure by an unaccented query, registers, applies online with uploads and gets the
receipt; the commune's officers receive, ask for a supplement, the citizen supplements, the
dossier is approved and returned; the citizen downloads the result and rates the service.
Every page visited is checked with axe (WCAG 2.2 AA); citizen pages are weighed (< 150 KB)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

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


@pytest.fixture
def demo_province():
    load_agencies(load_units())
    load_catalogue()
    load_accounts()


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
    page.get_by_label("Địa chỉ liên hệ").fill("Tổ 5, phường Minh Xuân")
    page.get_by_label("Xã, phường nơi giải quyết").select_option(label="Minh Xuân")
    page.get_by_role("button", name="Tiếp tục: giấy tờ").click()
    page.wait_for_url("**/giay-to/")

    cards = page.locator("li.card")
    for index, name in ((0, "to-khai.pdf"), (1, "giay-chung-sinh.pdf")):
        cards.nth(index).locator("input[type=file]").set_input_files(str(files[name]))
        cards.nth(index).get_by_role("button", name="Tải lên").click()
        page.get_by_text(f"✓ {name}").wait_for()
    assert "Đã đủ giấy tờ bắt buộc" in page.inner_text("main")
    check(page, "portal-apply-2")
    page.get_by_role("link", name="Tiếp tục: xem lại").click()
    check(page, "portal-apply-3")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    code = page.locator("#ma-ho-so").inner_text()
    assert page.locator(".qr svg").count() == 1
    check(page, "portal-submitted", weigh=True)
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == Status.NEW and dossier.documents.count() == 2
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
    act(page, url, code, "approve")
    sign_out(page)
    sign_in(page, url, "tiepnhan.xa", "demo-tiepnhan")
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
