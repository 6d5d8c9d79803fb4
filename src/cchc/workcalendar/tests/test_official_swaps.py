"""Official civil-service day swaps shipped as data, layered between the ``holidays`` package
and the province's overrides (DOMAIN.md §3).

The 2026 New Year swap (văn bản 12729/VPCP-KGVX, 25/12/2025): Fri 2 Jan 2026 off, Sat 10 Jan
2026 worked. Office hours 07:30–11:30 and 13:30–17:30; every expected instant is counted by
hand in the row's comment ("5.5h" = office hours used that day), with what the package alone
would give, so each row fails if the swap is not applied.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from cchc.workcalendar import selectors, services
from cchc.workcalendar.calendar import CALENDAR_DAYS, WORKING_DAYS, WORKING_HOURS, WorkCalendar
from cchc.workcalendar.models import CalendarOverride
from cchc.workcalendar.swaps import (
    DATA_FILE,
    OfficialSwap,
    SwapFileError,
    official_swaps,
    parse_official_swaps,
)

from .helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.workcalendar.tests.urls")]

NEW_YEAR_OFF = "Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)"
NEW_YEAR_WORKED = "Làm bù cho ngày nghỉ 02/01/2026"
DUE = "/api/v1/calendar/due"
DAYS = "/api/v1/calendar/non-working-days"


@pytest.fixture(autouse=True)
def _fresh_cache():
    selectors.invalidate_calendar_cache()
    yield
    selectors.invalidate_calendar_cache()


# --- the shipped file ------------------------------------------------------------------------


def test_the_shipped_file_holds_the_2026_new_year_swap_with_its_source() -> None:
    swaps = {swap.date: swap for swap in official_swaps()}
    off, worked = swaps[date(2026, 1, 2)], swaps[date(2026, 1, 10)]
    assert (off.kind, off.name_vi, off.name_en) == (
        "day_off",
        NEW_YEAR_OFF,
        "New Year holiday (swapped with Saturday 10/01/2026)",
    )
    assert (worked.kind, worked.name_vi, worked.name_en) == (
        "working_day",
        NEW_YEAR_WORKED,
        "Make-up working day for the day off on 02/01/2026",
    )
    for swap in (off, worked):
        assert swap.source.number == "12729/VPCP-KGVX"
        assert swap.source.date == date(2025, 12, 25)
        assert swap.source.citation.startswith("Văn bản số 12729/VPCP-KGVX ngày 25/12/2025")
        assert "http" not in swap.source.citation


def test_every_shipped_swap_is_complete_and_in_date_order() -> None:
    swaps = official_swaps()
    assert swaps == parse_official_swaps(DATA_FILE.read_text(encoding="utf-8"))
    assert [swap.date for swap in swaps] == sorted({swap.date for swap in swaps})
    for swap in swaps:
        assert swap.name_vi and swap.name_en and swap.name_vi != swap.name_en
        assert swap.source.number and swap.source.citation
        assert swap.source.date <= swap.date


GOOD_ENTRY = """
  - date: 2026-01-02
    kind: day_off
    name: {vi: "Nghỉ", en: "Off"}
    source: {number: "1/VPCP-KGVX", date: 2025-12-25, citation: "Văn bản số 1/VPCP-KGVX"}
"""


def _file(entries: str) -> str:
    return "swaps:" + entries


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("swaps: [", "not valid YAML"),
        ("- 2026-01-02", "expected a mapping"),
        ("swaps: {}", "expected a list"),
        ("swaps: []\nextra: 1", "unknown keys ['extra']"),
        (_file(GOOD_ENTRY.replace("kind: day_off", "kind: holiday")), ".kind: expected"),
        (_file(GOOD_ENTRY.replace("date: 2026-01-02", 'date: "2026-01-02"')), ".date: expected"),
        (_file(GOOD_ENTRY.replace('en: "Off"', 'en: ""')), ".name.en: expected a non-empty"),
        (_file(GOOD_ENTRY.replace(', en: "Off"', "")), "missing keys ['en']"),
        (_file(GOOD_ENTRY.replace("date: 2025-12-25", "date: 2026-12-25")), "dated after"),
        (_file(GOOD_ENTRY.replace('number: "1/VPCP-KGVX", ', "")), "missing keys ['number']"),
        (_file(GOOD_ENTRY.replace("    source:", "    url: x\n    source:")), "unknown keys"),
        (_file(GOOD_ENTRY + GOOD_ENTRY), "2026-01-02 appears twice"),
    ],
)
def test_a_malformed_swaps_file_is_refused(text: str, message: str) -> None:
    with pytest.raises(SwapFileError, match=re.escape(message)):
        parse_official_swaps(text)


def test_a_well_formed_entry_is_read() -> None:
    (swap,) = parse_official_swaps(_file(GOOD_ENTRY))
    assert swap == OfficialSwap(
        date=date(2026, 1, 2),
        kind="day_off",
        name_vi="Nghỉ",
        name_en="Off",
        source=swap.source,
    )
    assert (swap.name("vi"), swap.name("en")) == ("Nghỉ", "Off")
    assert (swap.source.number, swap.source.date) == ("1/VPCP-KGVX", date(2025, 12, 25))


# --- layer 2 over the holidays package -------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working", "kind", "reason"),
    [
        # Fri 2 Jan 2026: a working Friday for the package, off by the swap.
        (date(2026, 1, 2), False, "day_off", NEW_YEAR_OFF),
        # Sat 10 Jan 2026: a plain Saturday for the package, worked by the swap.
        (date(2026, 1, 10), True, "working_day", NEW_YEAR_WORKED),
    ],
    ids=["fri-2-jan-off", "sat-10-jan-worked"],
)
def test_each_swap_decides_its_date(
    vn: WorkCalendar, day: date, working: bool, kind: str, reason: str
) -> None:
    # The holidays package alone says the opposite (if this line fails, the pinned package has
    # learnt the swap: keep the file's entry, it carries the source).
    assert vn.is_working_day(day) is not working
    cal = selectors.province_calendar()
    assert cal.is_working_day(day) is working
    assert (day, kind, reason) in selectors.non_working_days(2026)


def test_the_neighbouring_days_are_untouched() -> None:
    cal = selectors.province_calendar()
    assert not cal.is_working_day(date(2026, 1, 1))  # Tết Dương lịch (package)
    assert cal.days_off[date(2026, 1, 1)] == "Tết Dương lịch"
    assert not cal.is_working_day(date(2026, 1, 3))  # plain Saturday
    assert cal.is_working_day(date(2026, 1, 5))  # Monday
    assert not cal.is_working_day(date(2026, 1, 11))  # plain Sunday after the worked Saturday
    assert cal.is_working_day(date(2026, 8, 22))  # the package's own swap is still there


# Each row: start, duration, unit, expected due with the swap, due without it (package only).
SWAP_DUE_CASES = [
    # Wed 31 Dec 2025 10:00 + 3 days (24h): Wed 5.5h; Thu 1 Jan holiday, Fri 2 Jan swap off,
    # 3–4 Jan weekend; Mon 5 8h (13.5), Tue 6 8h (21.5), Wed 7 07:30 + 2.5h -> 10:00.
    # (Without the swap: Fri 2 8h (13.5), Mon 5 (21.5), Tue 6 07:30 + 2.5h -> Tue 6 10:00.)
    ("2025-12-31 10:00", 3, WORKING_DAYS, "2026-01-07 10:00", "2026-01-06 10:00"),
    # Fri 9 Jan 2026 10:00 + 1 day (8h): Fri 5.5h; Sat 10 worked: 07:30 + 2.5h -> 10:00.
    # (Without the swap: Mon 12 07:30 + 2.5h -> Mon 12 10:00.)
    ("2026-01-09 10:00", 1, WORKING_DAYS, "2026-01-10 10:00", "2026-01-12 10:00"),
    # Wed 31 Dec 10:00 + 6 days (48h): Wed 5.5, Mon 5 13.5, Tue 6 21.5, Wed 7 29.5, Thu 8 37.5,
    # Fri 9 45.5, Sat 10 07:30 + 2.5h -> 10:00. (Without: Fri 2 counts, Fri 9 10:00.)
    ("2025-12-31 10:00", 6, WORKING_DAYS, "2026-01-10 10:00", "2026-01-09 10:00"),
    # Fri 9 Jan 13:30 + 8 working hours: Fri 4h, Sat 10 07:30–11:30 4h -> ends at 11:30.
    # (Without: Mon 12 07:30–11:30 -> Mon 12 11:30.)
    ("2026-01-09 13:30", 8, WORKING_HOURS, "2026-01-10 11:30", "2026-01-12 11:30"),
    # Received on the worked Saturday 10 Jan 08:00 + half a day (4h): 3.5h to 11:30, then
    # 13:30 + 0.5h -> Sat 14:00. (Without: from Mon 12 07:30 + 4h -> 11:30.)
    ("2026-01-10 08:00", Decimal("0.5"), WORKING_DAYS, "2026-01-10 14:00", "2026-01-12 11:30"),
    # Received on the swapped day off Fri 2 Jan 09:00 + 1 day: counts from Mon 5 07:30, 8h ->
    # Mon 5 17:30. (Without: Fri 2 2.5h + 4h = 6.5h, Mon 5 07:30 + 1.5h -> 09:00.)
    ("2026-01-02 09:00", 1, WORKING_DAYS, "2026-01-05 17:30", "2026-01-05 09:00"),
    # Mon 29 Dec 2025 10:00 + 4 calendar days = Fri 2 Jan 10:00, off -> Sat, Sun -> Mon 5 Jan.
    # (Without: Fri 2 Jan 10:00 stands.)
    ("2025-12-29 10:00", 4, CALENDAR_DAYS, "2026-01-05 10:00", "2026-01-02 10:00"),
]


@pytest.mark.parametrize(("start", "duration", "unit", "expected", "without"), SWAP_DUE_CASES)
def test_due_dates_across_the_swap(
    vn: WorkCalendar, start: str, duration: int, unit: str, expected: str, without: str
) -> None:
    assert vn.add(at(start), duration, unit) == at(without)
    assert services.due_at(at(start), duration, unit) == at(expected)


@pytest.mark.parametrize(("start", "duration", "unit", "expected", "without"), SWAP_DUE_CASES)
def test_the_due_api_across_the_swap(
    client: Client, start: str, duration: int, unit: str, expected: str, without: str
) -> None:
    params = {"start": at(start).isoformat(), "duration": str(duration), "unit": unit}
    response = client.get(DUE, params)
    assert response.status_code == 200, response.content
    assert response.json() == {"due": at(expected).isoformat()}


# --- layer 3: the province wins --------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "kind", "working", "start", "duration", "expected", "swap_row"),
    [
        # The province keeps Fri 2 Jan as a working day: Wed 31 Dec 10:00 + 3 days = Wed 5.5h,
        # Fri 2 8h (13.5), Mon 5 8h (21.5), Tue 6 07:30 + 2.5h -> Tue 6 Jan 10:00.
        (
            date(2026, 1, 2),
            "working_day",
            True,
            "2025-12-31 10:00",
            3,
            "2026-01-06 10:00",
            (date(2026, 1, 2), "day_off", NEW_YEAR_OFF),
        ),
        # The province does not work Sat 10 Jan: Fri 9 10:00 + 1 day = Fri 5.5h, Mon 12
        # 07:30 + 2.5h -> Mon 12 Jan 10:00.
        (
            date(2026, 1, 10),
            "day_off",
            False,
            "2026-01-09 10:00",
            1,
            "2026-01-12 10:00",
            (date(2026, 1, 10), "working_day", NEW_YEAR_WORKED),
        ),
        # Same kind as the swap, the province's own text: the dates do not move (Wed 7 Jan).
        (
            date(2026, 1, 2),
            "day_off",
            False,
            "2025-12-31 10:00",
            3,
            "2026-01-07 10:00",
            (date(2026, 1, 2), "day_off", NEW_YEAR_OFF),
        ),
    ],
    ids=["2-jan-worked-by-province", "10-jan-off-by-province", "2-jan-renamed-by-province"],
)
def test_a_province_override_wins_over_the_swap(
    day: date,
    kind: str,
    working: bool,
    start: str,
    duration: int,
    expected: str,
    swap_row: tuple[date, str, str],
) -> None:
    services.set_override(day, kind, "Thông báo số 5/TB-UBND của UBND tỉnh")
    cal = selectors.province_calendar()
    assert cal.is_working_day(day) is working
    rows = selectors.non_working_days(2026)
    assert (day, kind, "Thông báo số 5/TB-UBND của UBND tỉnh") in rows
    assert swap_row not in rows
    assert services.due_at(at(start), duration, WORKING_DAYS) == at(expected)
    # Removing the override brings the shipped swap back at once (the cache is invalidated).
    services.remove_override(day)
    assert swap_row in selectors.non_working_days(2026)


def test_the_swap_comes_back_when_the_override_goes() -> None:
    override = CalendarOverride.objects.create(
        date=date(2026, 1, 10), kind="day_off", reason="Không làm bù"
    )
    assert not selectors.province_calendar().is_working_day(date(2026, 1, 10))
    override.delete()
    cal = selectors.province_calendar()
    assert cal.is_working_day(date(2026, 1, 10))
    assert cal.extra_working_days[date(2026, 1, 10)] == NEW_YEAR_WORKED


def test_swaps_outside_the_built_years_are_left_out() -> None:
    cal = selectors.province_calendar(range(2027, 2028))
    assert date(2026, 1, 2) not in cal.days_off
    assert date(2026, 1, 10) not in cal.extra_working_days
    assert [swap.date for swap in selectors.official_swaps_in(2026)] == [
        date(2026, 1, 2),
        date(2026, 1, 10),
    ]
    assert selectors.official_swaps_in(2027) == []


# --- the non-working-days API ----------------------------------------------------------------


def test_the_year_2026_lists_the_swap(client: Client) -> None:
    response = client.get(DAYS, {"year": "2026"})
    assert response.status_code == 200
    days = response.json()["days"]
    assert {"date": "2026-01-02", "kind": "day_off", "reason": NEW_YEAR_OFF} in days
    # Sat 10 Jan is not a day off: it is listed as a working day, like the package's 22 Aug.
    by_date = {row["date"]: row for row in days}
    assert by_date["2026-01-10"] == {
        "date": "2026-01-10",
        "kind": "working_day",
        "reason": NEW_YEAR_WORKED,
    }
    january = [row["date"] for row in days if row["date"].startswith("2026-01")]
    assert january == ["2026-01-01", "2026-01-02", "2026-01-10"]


def test_the_year_2026_lists_the_province_override_instead(client: Client) -> None:
    services.set_override(date(2026, 1, 2), "working_day", "Tỉnh làm việc ngày 02/01")
    days = client.get(DAYS, {"year": "2026"}).json()["days"]
    assert {"date": "2026-01-02", "kind": "working_day", "reason": "Tỉnh làm việc ngày 02/01"} in (
        days
    )
    assert not [row for row in days if row["date"] == "2026-01-02" and row["kind"] == "day_off"]
