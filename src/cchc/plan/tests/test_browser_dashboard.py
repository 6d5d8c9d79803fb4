"""Browser journey: a monitor signs in, lands on the leadership dashboard, drills down to an
agency and reads a trend chart and its table; axe finds no WCAG 2.2 AA violation."""

from __future__ import annotations

import datetime
import os

import pytest
from django.utils import timezone

from cchc.dossiers import services
from cchc.dossiers.services import ApplicantData
from cchc.plan.loader import PLANS_DIR, load_plan
from cchc_testkit.browser import assert_accessible, shot
from cchc_testkit.world import build_world, vn

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _months_back(n: int) -> datetime.date:
    day = timezone.localdate().replace(day=1)
    for _ in range(n):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return day


def test_monitor_drills_down_to_an_agency_chart(live_server, page):
    world = build_world()
    load_plan(PLANS_DIR / "tuyen_quang_2021_2030.yaml")
    # One counter dossier of the department in each of the last three months.
    for n in (1, 2, 3):
        first = _months_back(n)
        services.intake_at_counter(
            world.receiving,
            world.centre,
            world.procedure,
            ApplicantData(name="Nguyễn Thị Hoà", national_id="008190001234"),
            at=vn(first.year, first.month, 3 if first.weekday() < 5 else 6, 9, 0),
        )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Số CCCD, mã số thuế hoặc tên đăng nhập").fill("giamsat")
    page.get_by_label("Mật khẩu").fill("pw-giamsat")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/lanh-dao/")
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Theo dõi kế hoạch cải cách hành chính")
    )
    assert_accessible(page, "dashboard-province")
    shot(page, "dashboard-province-360")

    page.get_by_role("link", name="Sở Tư pháp").last.click()
    page.wait_for_url("**/lanh-dao/?pham-vi=agency*")
    assert "Sở Tư pháp" in page.get_by_role("heading", level=1).inner_text()
    chart = page.locator("canvas[data-chart]").first
    chart.wait_for()
    assert chart.bounding_box()["width"] <= 360
    details = page.locator("details.chart-table").first
    details.locator("summary").click()
    table = details.locator("table")
    assert table.is_visible()
    assert table.locator("th[scope=col]").count() == 3
    assert table.locator("tbody tr").count() >= 2
    assert_accessible(page, "dashboard-agency")
    shot(page, "dashboard-agency-360")
