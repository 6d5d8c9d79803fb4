"""Pure working-calendar arithmetic (DOMAIN.md §2, §3): no Django, no database.

Office hours 07:30–11:30 and 13:30–17:30 (8 h a working day), Monday–Friday, Vietnamese public
holidays from the ``holidays`` package. Every expected value is counted by hand in the row's
comment: "5.5h" = hours of office time used on that day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from cchc.workcalendar.calendar import (
    CALENDAR_DAYS,
    WORKING_DAYS,
    WORKING_HOURS,
    WorkCalendar,
    classify,
    duration_in_units,
    parse_office_hours,
    parse_weekdays,
)

from .helpers import TZ, at

WD, WH, CD = WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS


# --- which days are working days -----------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 2, 13), True),  # Fri before Tết 2026
        (date(2026, 2, 16), False),  # Mon, Giao thừa (Tết 2026: 16–20 Feb)
        (date(2026, 2, 20), False),  # Fri, Mùng bốn — last day of Tết 2026
        (date(2026, 2, 23), True),  # Mon after Tết 2026
        (date(2026, 4, 26), False),  # Sun, Hùng Kings (weekend anyway)
        (date(2026, 4, 27), False),  # Mon, Hùng Kings observed
        (date(2026, 4, 28), True),  # Tue
        (date(2026, 4, 30), False),  # Thu, Reunification Day
        (date(2026, 5, 1), False),  # Fri, Labour Day
        (date(2026, 8, 22), True),  # Sat, make-up working day for Mon 31 Aug
        (date(2026, 8, 23), False),  # Sun, plain weekend
        (date(2026, 8, 31), False),  # Mon, day off swapped with Sat 22 Aug
        (date(2026, 9, 1), False),  # Tue, National Day (adjacent day)
        (date(2026, 9, 2), False),  # Wed, National Day
        (date(2026, 9, 3), True),  # Thu
        (date(2026, 11, 24), False),  # Tue, Vietnam Culture Day (from 2026)
        (date(2027, 2, 3), True),  # Wed before Tết 2027
        (date(2027, 2, 4), False),  # Thu, 29 Tết (Tết 2027: Thu 4 – Wed 10 Feb)
        (date(2027, 2, 10), False),  # Wed, Mùng năm
        (date(2027, 2, 11), True),  # Thu after Tết 2027
        (date(2027, 5, 3), False),  # Mon, Labour Day (Sat 1 May) observed
        (date(2026, 3, 7), False),  # Sat, plain weekend
    ],
)
def test_is_working_day(vn: WorkCalendar, day: date, working: bool) -> None:
    assert vn.is_working_day(day) is working


# --- add: working days and working hours ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "unit", "expected"),
    [
        # DOMAIN.md §3 example. Need 24h. Fri 13: 10:00–11:30 + 13:30–17:30 = 5.5h; Sat–Sun
        # weekend; Mon 16–Fri 20 Tết; Sat–Sun; Mon 23: 8h (13.5); Tue 24: 8h (21.5);
        # Wed 25: 2.5h from 07:30 -> 10:00.
        ("2026-02-13 10:00", 3, WD, "2026-02-25 10:00"),
        # Tết 2027 (Thu 4 – Wed 10 Feb). Need 16h. Wed 3: 09:00–11:30 + 4h = 6.5h; Thu 4–Wed 10
        # off; Thu 11: 8h (14.5); Fri 12: 1.5h from 07:30 -> 09:00.
        ("2027-02-03 09:00", 2, WD, "2027-02-12 09:00"),
        # Hùng Kings observed Mon 27 Apr 2026. Need 8h. Fri 24: 08:00–11:30 + 4h = 7.5h; Sat–Sun;
        # Mon 27 off; Tue 28: 0.5h from 07:30 -> 08:00.
        ("2026-04-24 08:00", 1, WD, "2026-04-28 08:00"),
        # Need 24h. Tue 28 Apr: 8h; Wed 29: 8h; Thu 30 Apr and Fri 1 May off; Sat–Sun;
        # Mon 4 May: 8h, ends exactly at 17:30 and stays there.
        ("2026-04-28 07:30", 3, WD, "2026-05-04 17:30"),
        # Make-up Saturday. Need 8h. Fri 21 Aug: 13:30–17:30 = 4h; Sat 22 Aug is a working day:
        # 07:30–11:30 = 4h, ends exactly at the morning's end and stays at 11:30.
        ("2026-08-21 13:30", 1, WD, "2026-08-22 11:30"),
        # Need 16h. Fri 28 Aug: 8h; Sat–Sun; Mon 31 Aug, Tue 1 Sep, Wed 2 Sep off;
        # Thu 3 Sep: 8h -> 17:30.
        ("2026-08-28 07:30", 2, WD, "2026-09-03 17:30"),
        # 24 Nov 2026 (Tue) is off. Need 8h. Mon 23: 5.5h; Tue 24 off; Wed 25: 2.5h -> 10:00.
        ("2026-11-23 10:00", 1, WD, "2026-11-25 10:00"),
        # Before opening: counting starts 07:30; 8h fill Mon 2 Mar -> 17:30.
        ("2026-03-02 06:00", 1, WD, "2026-03-02 17:30"),
        # Lunch break: counting starts 13:30; 4h -> 17:30 the same day.
        ("2026-03-02 12:00", 4, WH, "2026-03-02 17:30"),
        # 11:30 sharp is closed: counting starts 13:30; 1h -> 14:30.
        ("2026-03-02 11:30", 1, WH, "2026-03-02 14:30"),
        # After closing: counting starts Tue 3 Mar 07:30; 8h -> Tue 17:30.
        ("2026-03-02 18:00", 1, WD, "2026-03-03 17:30"),
        # Weekend: counting starts Mon 9 Mar 07:30; 0.5 day = 4h -> 11:30.
        ("2026-03-07 09:00", Decimal("0.5"), WD, "2026-03-09 11:30"),
        # Friday 17:30 sharp is closed: next opening Mon 9 Mar 07:30; 1h -> 08:30.
        ("2026-03-06 17:30", 1, WH, "2026-03-09 08:30"),
        # 3h: 10:00–11:30 = 1.5h; 13:30 + 1.5h -> 15:00.
        ("2026-03-02 10:00", 3, WH, "2026-03-02 15:00"),
        # 1.5h: 10:00–11:30 exactly; stays at 11:30, not 13:30.
        ("2026-03-02 10:00", Decimal("1.5"), WH, "2026-03-02 11:30"),
        # 2h: 16:30–17:30 = 1h; Tue 07:30 + 1h -> 08:30.
        ("2026-03-02 16:30", 2, WH, "2026-03-03 08:30"),
        # 0.25h = 15 min.
        ("2026-03-02 10:00", Decimal("0.25"), WH, "2026-03-02 10:15"),
        # 0.5 day = 4h: 07:30 -> 11:30.
        ("2026-03-02 07:30", 0.5, WD, "2026-03-02 11:30"),
        # 1.5 days = 12h: Mon 10:00 gives 5.5h; Tue 4h morning (9.5) + 2.5h from 13:30 -> 16:00.
        ("2026-03-02 10:00", Decimal("1.5"), WD, "2026-03-03 16:00"),
        # 0.25 day = 2h: 07:30 -> 09:30.
        ("2026-03-02 07:30", Decimal("0.25"), WD, "2026-03-02 09:30"),
        # float 0.1 day = 0.8h = 48 min: 07:30 -> 08:18 (exact, no binary noise).
        ("2026-03-02 07:30", 0.1, WD, "2026-03-02 08:18"),
        # 10 working days = 80h over two full weeks Mon 2 – Fri 13 Mar -> Fri 13 Mar 17:30.
        ("2026-03-02 07:30", 10, WD, "2026-03-13 17:30"),
        # Duration 0 inside office hours: the start itself.
        ("2026-03-02 10:00", 0, WD, "2026-03-02 10:00"),
        # Duration 0 at lunch: the next opening, 13:30.
        ("2026-03-02 12:15", 0, WH, "2026-03-02 13:30"),
        # Duration 0 on Saturday: the next opening, Mon 07:30.
        ("2026-03-07 10:00", 0, WD, "2026-03-09 07:30"),
    ],
)
def test_add_working_time(
    vn: WorkCalendar, start: str, duration: Decimal | int | float, unit: str, expected: str
) -> None:
    due = vn.add(at(start), duration, unit)
    assert due == at(expected)
    assert due.tzinfo == TZ


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        # Mon 2 Mar + 3 × 24h = Thu 5 Mar, a working day: unchanged.
        ("2026-03-02 10:00", 3, "2026-03-05 10:00"),
        # Mon 2 Mar + 5 days = Sat 7 Mar -> same clock time on Mon 9 Mar (Civil Code Art. 148).
        ("2026-03-02 10:00", 5, "2026-03-09 10:00"),
        # Fri 6 Feb + 10 days = Mon 16 Feb, Tết (16–20) then the weekend -> Mon 23 Feb 10:00.
        ("2026-02-06 10:00", 10, "2026-02-23 10:00"),
        # Tue 18 Aug + 4 days = Sat 22 Aug, a make-up working day: it stays.
        ("2026-08-18 09:00", 4, "2026-08-22 09:00"),
        # Fri 20 Nov + 4 days = Tue 24 Nov (Culture Day) -> Wed 25 Nov 15:00.
        ("2026-11-20 15:00", 4, "2026-11-25 15:00"),
        # Half a calendar day = 12h: Mon 10:00 -> Mon 22:00 (hours do not matter here).
        ("2026-03-02 10:00", Decimal("0.5"), "2026-03-02 22:00"),
        # 0 days on a Saturday: moved to Monday, same clock time.
        ("2026-03-07 10:00", 0, "2026-03-09 10:00"),
    ],
)
def test_add_calendar_days(
    vn: WorkCalendar, start: str, duration: Decimal | int, expected: str
) -> None:
    assert vn.add(at(start), duration, CD) == at(expected)


def test_add_accepts_any_offset_and_answers_in_the_calendar_zone(vn: WorkCalendar) -> None:
    # 03:00 UTC = 10:00 in Hanoi: the Tết example again.
    start = datetime(2026, 2, 13, 3, 0, tzinfo=UTC)
    due = vn.add(start, 3, WD)
    assert due.isoformat() == "2026-02-25T10:00:00+07:00"
    tokyo = datetime(2026, 2, 13, 12, 0, tzinfo=ZoneInfo("Asia/Tokyo"))  # = 10:00 Hanoi
    assert vn.add(tokyo, 3, WD) == at("2026-02-25 10:00")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": datetime(2026, 3, 2, 10), "duration": 1, "unit": WD}, "timezone-aware"),
        ({"start": at("2026-03-02 10:00"), "duration": -1, "unit": WD}, "negative"),
        ({"start": at("2026-03-02 10:00"), "duration": Decimal("NaN"), "unit": WD}, "finite"),
        ({"start": at("2026-03-02 10:00"), "duration": float("inf"), "unit": WH}, "finite"),
        ({"start": at("2026-03-02 10:00"), "duration": 1, "unit": "weeks"}, "unknown unit"),
        ({"start": at("2026-03-02 10:00"), "duration": True, "unit": WD}, "boolean"),
    ],
)
def test_add_rejects_bad_input(vn: WorkCalendar, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        vn.add(**kwargs)


def test_extend_counts_from_the_due_date(vn: WorkCalendar) -> None:
    # Due Fri 13 Feb 17:30, extended by 2 working days: Tết and the weekends are skipped;
    # Mon 23: 8h, Tue 24: 8h -> Tue 24 Feb 17:30.
    assert vn.extend(at("2026-02-13 17:30"), 2, WD) == at("2026-02-24 17:30")


# --- next opening ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        ("2026-03-02 07:30", "2026-03-02 07:30"),  # opening instant itself
        ("2026-03-02 10:17", "2026-03-02 10:17"),  # inside: unchanged
        ("2026-03-02 06:59", "2026-03-02 07:30"),  # before opening
        ("2026-03-02 11:30", "2026-03-02 13:30"),  # end of the morning is closed
        ("2026-03-02 12:00", "2026-03-02 13:30"),  # lunch
        ("2026-03-02 17:30", "2026-03-03 07:30"),  # closing time
        ("2026-03-06 20:00", "2026-03-09 07:30"),  # Friday evening -> Monday
        ("2026-02-14 09:00", "2026-02-23 07:30"),  # Sat before Tết -> first day after Tết
        ("2026-08-21 18:00", "2026-08-22 07:30"),  # Friday evening -> make-up Saturday
    ],
)
def test_next_opening(vn: WorkCalendar, instant: str, expected: str) -> None:
    assert vn.next_opening(at(instant)) == at(expected)


# --- working time between ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "hours"),
    [
        # The Tết example backwards: 5.5 + 8 + 8 + 2.5 = 24h.
        ("2026-02-13 10:00", "2026-02-25 10:00", 24),
        # 11:00–11:30 and 13:30–14:00: 1h across lunch.
        ("2026-03-02 11:00", "2026-03-02 14:00", 1),
        # A whole day from before opening to after closing: 8h.
        ("2026-03-02 06:00", "2026-03-02 20:00", 8),
        # A weekend: nothing.
        ("2026-03-07 00:00", "2026-03-08 23:59", 0),
        # Reversed: nothing.
        ("2026-03-03 10:00", "2026-03-02 10:00", 0),
        # Fri 21 Aug 13:30 -> Mon 24 Aug 07:30: Fri 4h + make-up Sat 22 Aug 8h = 12h.
        ("2026-08-21 13:30", "2026-08-24 07:30", 12),
    ],
)
def test_working_time_between(vn: WorkCalendar, a: str, b: str, hours: float) -> None:
    assert vn.working_time_between(at(a), at(b)) == timedelta(hours=hours)


# --- the clock stops during a supplement request -----------------------------------------


@pytest.mark.parametrize(
    ("due", "paused", "resumed", "unit", "expected"),
    [
        # Left at the pause: Tue 3 Mar 10:00–17:30 (5.5h) + Wed 4 Mar (8h) = 13.5h. From Mon 9 Mar
        # 14:00: 3.5h (10 left); Tue 10: 8h (2 left); Wed 11: 07:30 + 2h -> 09:30.
        ("2026-03-04 17:30", "2026-03-03 10:00", "2026-03-09 14:00", WD, "2026-03-11 09:30"),
        # Same in working hours: the unit only says "count office time".
        ("2026-03-04 17:30", "2026-03-03 10:00", "2026-03-09 14:00", WH, "2026-03-11 09:30"),
        # Paused before Tết: Fri 13 Feb 5.5h + Mon 23 8h + Tue 24 2.5h = 16h left. Resumed Thu
        # 5 Mar 07:30: Thu 8h, Fri 8h -> Fri 6 Mar 17:30.
        ("2026-02-24 10:00", "2026-02-13 10:00", "2026-03-05 07:30", WD, "2026-03-06 17:30"),
        # Paused after the due date: nothing left; resumed on Saturday -> next opening Mon 07:30.
        ("2026-03-04 17:30", "2026-03-05 09:00", "2026-03-07 10:00", WD, "2026-03-09 07:30"),
        # Nothing left, resumed inside office hours: the resume instant itself.
        ("2026-03-04 17:30", "2026-03-05 09:00", "2026-03-09 10:00", WD, "2026-03-09 10:00"),
        # Calendar days: 10 days left (Tue 3 -> Fri 13 Mar); resumed Mon 9 Mar -> Thu 19 Mar.
        ("2026-03-13 10:00", "2026-03-03 10:00", "2026-03-09 10:00", CD, "2026-03-19 10:00"),
        # Calendar days, 10 left, resumed Wed 11 Mar -> Sat 21 Mar -> moved to Mon 23 Mar.
        ("2026-03-13 10:00", "2026-03-03 10:00", "2026-03-11 10:00", CD, "2026-03-23 10:00"),
        # Calendar days, paused after due: resumed Sat 7 Mar 10:00 -> Mon 9 Mar 10:00.
        ("2026-03-04 10:00", "2026-03-05 10:00", "2026-03-07 10:00", CD, "2026-03-09 10:00"),
    ],
)
def test_resume_due(
    vn: WorkCalendar, due: str, paused: str, resumed: str, unit: str, expected: str
) -> None:
    assert vn.resume_due(at(due), at(paused), at(resumed), unit) == at(expected)


def test_resume_before_pause_is_refused(vn: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="resumed_at"):
        vn.resume_due(at("2026-03-04 17:30"), at("2026-03-03 10:00"), at("2026-03-02 10:00"), WD)


# --- early / on time / late ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "due", "expected"),
    [
        (at("2026-02-24 16:00"), at("2026-02-25 10:00"), "early"),  # the day before due
        (at("2026-02-24 23:30"), at("2026-02-25 10:00"), "early"),  # late evening, day before
        (at("2026-02-25 09:00"), at("2026-02-25 10:00"), "on_time"),  # due day, before due time
        (at("2026-02-25 10:00"), at("2026-02-25 10:00"), "on_time"),  # exactly at due
        (at("2026-02-25 10:01"), at("2026-02-25 10:00"), "late"),  # same day but after due
        (at("2026-02-26 08:00"), at("2026-02-25 10:00"), "late"),  # the next day
        # 20:00 UTC on 24 Feb = 03:00 on 25 Feb in Hanoi: the due day, so on time (not early).
        (datetime(2026, 2, 24, 20, 0, tzinfo=UTC), at("2026-02-25 10:00"), "on_time"),
    ],
)
def test_classify(end: datetime, due: datetime, expected: str) -> None:
    assert classify(end, due, TZ) == expected


def test_classify_refuses_naive() -> None:
    with pytest.raises(ValueError, match="aware"):
        classify(datetime(2026, 2, 25, 10), at("2026-02-25 10:00"), TZ)


# --- the year's list ---------------------------------------------------------------------------


def test_non_working_days_2026(vn: WorkCalendar) -> None:
    rows = vn.non_working_days(2026)
    assert rows == sorted(rows)
    by_date = {day: (kind, reason) for day, kind, reason in rows}
    assert by_date[date(2026, 2, 16)][0] == "day_off"
    assert by_date[date(2026, 4, 26)][0] == "day_off"  # holiday on a Sunday is listed too
    assert by_date[date(2026, 4, 27)][0] == "day_off"
    assert by_date[date(2026, 8, 22)][0] == "working_day"
    assert by_date[date(2026, 8, 31)][0] == "day_off"
    assert by_date[date(2026, 11, 24)] == ("day_off", "Ngày Văn hóa Việt Nam")
    assert date(2026, 3, 7) not in by_date  # plain weekends are not listed
    # 1 Jan, Tết ×5, Hùng Kings + observed, 30 Apr, 1 May, 31 Aug, 1–2 Sep, 24 Nov = 14 off,
    # plus the make-up Saturday.
    assert [kind for _, kind, _ in rows].count("day_off") == 14
    assert [kind for _, kind, _ in rows].count("working_day") == 1
    assert all(day.year == 2026 for day, _, _ in rows)


# --- configuration -----------------------------------------------------------------------------


def test_other_office_hours_and_a_six_day_week() -> None:
    # 08:00–12:00 only (a 4h working day), Monday–Saturday, no holidays.
    cal = WorkCalendar({}, {}, frozenset(range(6)), parse_office_hours("08:00-12:00"), TZ)
    assert cal.working_day_length == timedelta(hours=4)
    # Fri 6 Mar 08:00 + 2 days = 8h: Fri 4h, Sat 4h -> Sat 12:00.
    assert cal.add(at("2026-03-06 08:00"), 2, WD) == at("2026-03-07 12:00")
    # Sat 12:00 + 1h: Sunday is off -> Mon 09:00.
    assert cal.add(at("2026-03-07 12:00"), 1, WH) == at("2026-03-09 09:00")


def test_overrides_in_a_pure_calendar() -> None:
    # Extra day off Tue 3 Mar; extra working day Sat 7 Mar.
    cal = WorkCalendar(
        {date(2026, 3, 3): "Nghỉ đột xuất"},
        {date(2026, 3, 7): "Làm bù"},
        frozenset(range(5)),
        parse_office_hours("07:30-11:30,13:30-17:30"),
        TZ,
    )
    assert not cal.is_working_day(date(2026, 3, 3))
    assert cal.is_working_day(date(2026, 3, 7))
    # Mon 2 Mar 07:30 + 5 days = 40h: Mon 8, (Tue off), Wed 8, Thu 8, Fri 8, Sat 8 -> Sat 17:30.
    assert cal.add(at("2026-03-02 07:30"), 5, WD) == at("2026-03-07 17:30")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30-11:30,13:30-17:30", ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30)))),
        (
            " 13:30 - 17:30 , 07:30-11:30 ",
            ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30))),
        ),
        ("08:00-12:00", ((time(8), time(12)),)),
    ],
)
def test_parse_office_hours(text: str, expected: tuple) -> None:
    assert parse_office_hours(text) == expected


@pytest.mark.parametrize(
    "text", ["", "07:30", "7h30-11h30", "11:30-07:30", "07:30-12:00,11:00-17:00", "08:00-08:00"]
)
def test_parse_office_hours_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_office_hours(text)


def test_parse_weekdays() -> None:
    assert parse_weekdays("0,1,2,3,4") == frozenset({0, 1, 2, 3, 4})
    assert parse_weekdays("0, 1, 2, 3, 4, 5") == frozenset(range(6))
    with pytest.raises(ValueError):
        parse_weekdays("1,7")


def test_a_date_cannot_be_both_off_and_working() -> None:
    day = date(2026, 3, 7)
    with pytest.raises(ValueError, match="both"):
        WorkCalendar({day: "a"}, {day: "b"}, frozenset(range(5)), ((time(8), time(12)),), TZ)


def test_a_calendar_without_working_days_fails_cleanly() -> None:
    cal = WorkCalendar({}, {}, frozenset(), ((time(8), time(12)),), TZ)
    with pytest.raises(ValueError, match="no working day"):
        cal.add(at("2026-03-02 08:00"), 1, WD)
    with pytest.raises(ValueError, match="no working day"):
        cal.next_opening(at("2026-03-02 08:00"))


@pytest.mark.parametrize(
    ("hours", "unit", "expected"),
    [
        (24, WD, Decimal("3.00")),  # 24 office hours = 3 working days of 8h
        (4, WD, Decimal("0.50")),
        (90, WH, Decimal("90.00")),
        (36, CD, Decimal("1.50")),
    ],
)
def test_duration_in_units(hours: int, unit: str, expected: Decimal) -> None:
    assert duration_in_units(timedelta(hours=hours), unit, timedelta(hours=8)) == expected
