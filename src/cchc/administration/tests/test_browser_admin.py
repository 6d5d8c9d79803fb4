"""Browser journey of the province administrator on a 360 px phone: sign in through the form,
change a procedure's processing time, add a holiday, create a staff account with a role.
axe (WCAG 2.2 AA) runs on every page; screenshots are named admin-*."""

from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest

from cchc.accounts.models import User
from cchc.catalogue.models import Procedure
from cchc.org.models import StaffAssignment
from cchc.workcalendar.models import CalendarOverride
from cchc_testkit.browser import assert_accessible, shot
from cchc_testkit.world import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_province_admin_edits_catalogue_calendar_and_staff(live_server, page):
    build_world()
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.set_viewport_size({"width": 360, "height": 780})

    # Sign in through the login form; the page asked for comes back after it.
    page.goto(live_server.url + "/quan-tri-he-thong/")
    assert page.url == live_server.url + "/tai-khoan/dang-nhap/?next=/quan-tri-he-thong/"
    page.get_by_label("Số CCCD, mã số thuế hoặc tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("pw-quantri")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/quan-tri-he-thong/")
    page.get_by_role("heading", name="Quản trị hệ thống cấp tỉnh").wait_for()
    assert_accessible(page, "admin-home")
    shot(page, "admin-home")

    # Catalogue: find the procedure without diacritics, change its processing time.
    page.get_by_role("link", name="Thủ tục hành chính").first.click()
    page.get_by_label("Mã hoặc tên (không cần dấu)").fill("thu tuc 1.000001")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"/thu-tuc/\?q="))
    assert_accessible(page, "admin-procedures")
    shot(page, "admin-procedures")
    page.get_by_role("link", name="Thủ tục 1.000001").click()
    page.get_by_role("heading", name="Sửa thủ tục 1.000001").wait_for()
    assert_accessible(page, "admin-procedure-form")
    page.get_by_label("Thời hạn giải quyết").fill("")  # bad input first: nothing is lost
    page.get_by_role("button", name="Lưu thủ tục").click()
    page.get_by_text("Chưa lưu: vui lòng sửa các mục được đánh dấu bên dưới.").wait_for()
    assert_accessible(page, "admin-procedure-form-errors")
    page.get_by_label("Thời hạn giải quyết").fill("5")
    page.get_by_role("button", name="Lưu thủ tục").click()
    page.get_by_text("Đã lưu thủ tục 1.000001.").wait_for()
    shot(page, "admin-procedure-form")
    assert Procedure.objects.get(code="1.000001").duration == Decimal(5)

    # Calendar: a day off the national calendar does not know.
    page.get_by_role("link", name="Lịch làm việc").first.click()
    page.get_by_role("link", name="Thêm ngày điều chỉnh").click()
    page.get_by_label(re.compile(r"^Ngày \*$")).fill("2026-09-03")
    page.get_by_label("Ngày nghỉ", exact=True).check()
    page.get_by_label("Lý do").fill("Nghỉ theo Thông báo số 99/TB-UBND")
    assert_accessible(page, "admin-override-form")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/lich-lam-viec/\?nam=2026$"))
    page.get_by_role("cell", name="Nghỉ theo Thông báo số 99/TB-UBND", exact=True).first.wait_for()
    assert CalendarOverride.objects.get().reason == "Nghỉ theo Thông báo số 99/TB-UBND"
    assert_accessible(page, "admin-calendar")
    shot(page, "admin-calendar")

    # Staff: a new account with a role at the province service centre.
    page.get_by_role("link", name="Cán bộ", exact=True).click()
    assert_accessible(page, "admin-staff")
    page.get_by_role("link", name="Tạo tài khoản cán bộ").click()
    page.get_by_label("Tên đăng nhập").fill("tran.binh")
    page.get_by_label("Họ và tên").fill("Trần Thị Bình")
    page.get_by_label("Vai trò").select_option(label="Cán bộ tiếp nhận")
    page.get_by_label("Cơ quan").select_option(
        label="H60.1 — Trung tâm Phục vụ hành chính công tỉnh"
    )
    page.get_by_label(re.compile(r"^Mật khẩu \*$")).fill("Mot-cua-2026!")
    page.get_by_label("Nhập lại mật khẩu").fill("Mot-cua-2026?")
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_text("Hai mật khẩu không khớp.").wait_for()
    assert_accessible(page, "admin-staff-form-errors")
    assert page.get_by_label("Họ và tên").input_value() == "Trần Thị Bình"
    page.get_by_label(re.compile(r"^Mật khẩu \*$")).fill("Mot-cua-2026!")
    page.get_by_label("Nhập lại mật khẩu").fill("Mot-cua-2026!")
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_role("heading", name="Trần Thị Bình").wait_for()
    assert_accessible(page, "admin-staff-detail")
    shot(page, "admin-staff-detail")
    user = User.objects.get(username="tran.binh")
    assert list(StaffAssignment.objects.filter(user=user).values_list("role", "agency__code")) == [
        ("receiving", "H60.1")
    ]
    assert blocked == []
