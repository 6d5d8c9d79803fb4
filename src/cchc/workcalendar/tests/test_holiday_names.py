"""Holiday names in the page's language (DOMAIN.md §3).

Vietnamese by default; English for English requests (the ``holidays`` package's English
names, the shipped swap's English name, our own make-up texts); a province override keeps the
one name the province typed. Checked on the calendar API and on the administrator's year page.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from cchc.org.constants import StaffRole
from cchc.org.models import StaffAssignment
from cchc.workcalendar import selectors, services

pytestmark = pytest.mark.django_db

DAYS = "/api/v1/calendar/non-working-days"

VI_2026 = {
    "2026-01-01": "Tết Dương lịch",
    "2026-01-02": "Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)",
    "2026-01-10": "Làm bù cho ngày nghỉ 02/01/2026",
    "2026-02-16": "Giao thừa Tết Nguyên Đán",
    "2026-04-27": "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
    "2026-08-22": "Làm bù cho ngày nghỉ 31/08/2026",
    "2026-08-31": "Ngày nghỉ (thay cho ngày 22/08/2026)",
    "2026-11-24": "Ngày Văn hóa Việt Nam",
}
EN_2026 = {
    "2026-01-01": "New Year's Day",
    "2026-01-02": "New Year holiday (swapped with Saturday 10/01/2026)",
    "2026-01-10": "Make-up working day for the day off on 02/01/2026",
    "2026-02-16": "Lunar New Year's Eve",
    "2026-04-27": "Hung Kings' Commemoration Day (observed)",
    "2026-08-22": "Make-up working day for the day off on 31/08/2026",
    # The package writes 08/22/2026 in English; the platform writes dates day first.
    "2026-08-31": "Day off (swapped with 22/08/2026)",
    "2026-11-24": "Vietnam Cultural Day",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    selectors.invalidate_calendar_cache()
    yield
    selectors.invalidate_calendar_cache()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (None, "vi"),
        ("", "vi"),
        ("vi", "vi"),
        ("en", "en"),
        ("en-us", "en"),
        ("en_GB", "en"),
        ("EN", "en"),
        ("fr", "vi"),
    ],
)
def test_names_language(code: str | None, expected: str) -> None:
    assert selectors.names_language(code) == expected


def _reasons(client: Client, year: int, **headers: str) -> dict[str, tuple[str, str]]:
    response = client.get(DAYS, {"year": str(year)}, **headers)
    assert response.status_code == 200, response.content
    return {row["date"]: (row["kind"], row["reason"]) for row in response.json()["days"]}


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, VI_2026),  # Vietnamese by default
        ({"HTTP_ACCEPT_LANGUAGE": "vi"}, VI_2026),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, VI_2026),  # not offered: the default language
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, EN_2026),
        ({"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9,vi;q=0.5"}, EN_2026),
    ],
    ids=["default", "vi", "fr", "en", "en-us"],
)
def test_the_api_names_days_in_the_request_language(
    client: Client, headers: dict[str, str], expected: dict[str, str]
) -> None:
    reasons = _reasons(client, 2026, **headers)
    assert {day: reasons[day][1] for day in expected} == expected


def test_english_and_vietnamese_list_the_same_days(client: Client) -> None:
    vi = _reasons(client, 2026)
    en = _reasons(client, 2026, HTTP_ACCEPT_LANGUAGE="en")
    assert {day: kind for day, (kind, _) in en.items()} == {
        day: kind for day, (kind, _) in vi.items()
    }
    # Not a Vietnamese name left on the English answer (Vietnamese names carry diacritics).
    assert [reason for _, reason in en.values() if not reason.isascii()] == []
    assert all(en[day][1] != vi[day][1] for day in en)


def test_english_pairs_the_package_swaps_of_other_years(client: Client) -> None:
    # 2025: Fri 2 May off, swapped with Sat 26 Apr (holidays package, special holiday).
    vi = _reasons(client, 2025)
    en = _reasons(client, 2025, HTTP_ACCEPT_LANGUAGE="en")
    assert vi["2025-05-02"] == ("day_off", "Ngày nghỉ (thay cho ngày 26/04/2025)")
    assert vi["2025-04-26"] == ("working_day", "Làm bù cho ngày nghỉ 02/05/2025")
    assert en["2025-05-02"] == ("day_off", "Day off (swapped with 26/04/2025)")
    assert en["2025-04-26"] == ("working_day", "Make-up working day for the day off on 02/05/2025")


def test_an_override_keeps_the_province_text_in_english(client: Client) -> None:
    services.set_override(date(2026, 3, 3), "day_off", "Nghỉ theo Thông báo 7/TB-UBND")
    services.set_override(date(2026, 1, 2), "day_off", "Nghỉ Tết theo Thông báo 8/TB-UBND")
    en = _reasons(client, 2026, HTTP_ACCEPT_LANGUAGE="en")
    assert en["2026-03-03"] == ("day_off", "Nghỉ theo Thông báo 7/TB-UBND")
    assert en["2026-01-02"] == ("day_off", "Nghỉ Tết theo Thông báo 8/TB-UBND")
    assert en["2026-01-01"] == ("day_off", "New Year's Day")


def test_one_cached_calendar_per_language_with_the_same_days() -> None:
    vi = selectors.province_calendar()
    en = selectors.province_calendar(language="en")
    assert selectors.province_calendar(language="vi") is vi
    assert selectors.province_calendar(language="en-us") is en
    assert en is not vi
    assert en.days_off.keys() == vi.days_off.keys()
    assert en.extra_working_days.keys() == vi.extra_working_days.keys()
    assert en.days_off[date(2026, 1, 1)] == "New Year's Day"
    assert vi.days_off[date(2026, 1, 1)] == "Tết Dương lịch"
    # An override invalidates every language at once.
    services.set_override(date(2026, 3, 3), "day_off", "Nghỉ đột xuất")
    for language in ("vi", "en"):
        cal = selectors.province_calendar(language=language)
        assert not cal.is_working_day(date(2026, 3, 3))
        assert cal.days_off[date(2026, 3, 3)] == "Nghỉ đột xuất"


# --- the administrator's year page -------------------------------------------------------------


@pytest.fixture
def admin_client(client: Client) -> Client:
    user = get_user_model().objects.create_user(username="quantri", password="pw-quantri")
    StaffAssignment.objects.create(user=user, role=StaffRole.PROVINCE_ADMIN, agency=None)
    client.force_login(user)
    return client


SOURCE_VI = "Căn cứ: văn bản số 12729/VPCP-KGVX ngày 25/12/2025"
SOURCE_EN = "Basis: document No. 12729/VPCP-KGVX of 25/12/2025"


def _year_page(client: Client, **headers: str) -> tuple[str, dict[date, tuple[str, str]]]:
    response = client.get(reverse("administration:calendar"), {"nam": "2026"}, **headers)
    assert response.status_code == 200
    listed = {row.date: (row.reason, row.source) for row in response.context["listed"]}
    return response.content.decode(), listed


def test_the_year_page_in_vietnamese(admin_client: Client) -> None:
    html, listed = _year_page(admin_client)
    for day, name in VI_2026.items():
        assert listed[date.fromisoformat(day)][0] == name
        assert name in html
    # A shipped swap cites its official source; the package's days have no source line.
    assert listed[date(2026, 1, 2)] == (VI_2026["2026-01-02"], SOURCE_VI)
    assert listed[date(2026, 1, 10)] == (VI_2026["2026-01-10"], SOURCE_VI)
    assert listed[date(2026, 1, 1)] == ("Tết Dương lịch", "")
    assert html.count(SOURCE_VI) == 2


def test_the_year_page_in_english(admin_client: Client) -> None:
    html, listed = _year_page(admin_client, HTTP_ACCEPT_LANGUAGE="en")
    for day, name in EN_2026.items():
        assert listed[date.fromisoformat(day)][0] == name
        assert name.replace("'", "&#x27;") in html
    for name in VI_2026.values():
        assert name not in html
    assert listed[date(2026, 1, 2)] == (EN_2026["2026-01-02"], SOURCE_EN)
    assert html.count(SOURCE_EN) == 2


def test_the_year_page_pictures_the_swap(admin_client: Client) -> None:
    response = admin_client.get(reverse("administration:calendar"), {"nam": "2026"})
    january = {d.date: d for week in response.context["months"][0]["weeks"] for d in week if d.date}
    assert january[date(2026, 1, 2)].css == "cal-off cal-holiday"
    assert january[date(2026, 1, 10)].css == "cal-work cal-makeup"
    assert january[date(2026, 1, 3)].css == "cal-off"  # a plain Saturday
    # Days off in January 2026: 1, 2 (swap), 3, 4, 11, 17, 18, 24, 25, 31 — Sat 10 is worked.
    assert response.context["months"][0]["days_off"] == 10


def test_the_year_page_shows_the_province_override_over_the_swap(admin_client: Client) -> None:
    services.set_override(date(2026, 1, 2), "working_day", "UBND tỉnh: làm việc ngày 02/01")
    html, listed = _year_page(admin_client, HTTP_ACCEPT_LANGUAGE="en")
    # The province's text, in the one language it was typed in, on the English page too; the
    # swap's source is no longer cited for that date, Sat 10 Jan keeps it.
    assert listed[date(2026, 1, 2)] == ("UBND tỉnh: làm việc ngày 02/01", "")
    assert listed[date(2026, 1, 10)] == (EN_2026["2026-01-10"], SOURCE_EN)
    assert EN_2026["2026-01-02"] not in html
    response = admin_client.get(reverse("administration:calendar"), {"nam": "2026"})
    january = {d.date: d for week in response.context["months"][0]["weeks"] for d in week if d.date}
    assert january[date(2026, 1, 2)].css == "cal-work cal-makeup cal-override"
