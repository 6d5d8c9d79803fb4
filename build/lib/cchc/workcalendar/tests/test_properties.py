"""Properties of working-time arithmetic (DOMAIN.md §3), checked with hypothesis. Pure."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.workcalendar.calendar import CALENDAR_DAYS, WORKING_DAYS, WORKING_HOURS, WorkCalendar

from .helpers import TZ, build_vn_calendar

VN = build_vn_calendar(range(2025, 2031))

# Minute-precision starts in 2025–2027, any time of day, weekends and holidays included.
starts = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31, 23, 59)).map(
    lambda dt: dt.replace(second=0, microsecond=0, tzinfo=TZ)
)
hours = st.integers(min_value=0, max_value=400)


@settings(max_examples=300, deadline=None, database=None)
@given(start=starts, a=hours, b=st.integers(min_value=1, max_value=400))
def test_add_is_associative_in_working_hours(start: datetime, a: int, b: int) -> None:
    # b >= 1: adding 0 to an instant at a period end (11:30, 17:30) moves it to the next
    # opening by definition, so add(add(s, a), 0) may differ from add(s, a) by a closed gap.
    assert VN.add(start, a + b, WORKING_HOURS) == VN.add(
        VN.add(start, a, WORKING_HOURS), b, WORKING_HOURS
    )


@settings(max_examples=300, deadline=None, database=None)
@given(start=starts, h=hours)
def test_working_time_between_inverts_add(start: datetime, h: int) -> None:
    assert VN.working_time_between(start, VN.add(start, h, WORKING_HOURS)) == timedelta(hours=h)


@settings(max_examples=200, deadline=None, database=None)
@given(start=starts, days=st.integers(min_value=0, max_value=60))
def test_working_days_are_eight_working_hours(start: datetime, days: int) -> None:
    assert VN.add(start, days, WORKING_DAYS) == VN.add(start, 8 * days, WORKING_HOURS)


@settings(max_examples=200, deadline=None, database=None)
@given(start=starts, h=st.integers(min_value=1, max_value=400))
def test_due_is_after_start_on_a_working_day_within_office_hours(start: datetime, h: int) -> None:
    due = VN.add(start, h, WORKING_HOURS)
    assert due > start
    assert VN.is_working_day(due.date())
    assert due.tzinfo == TZ
    # Inside office hours, or exactly at a period end (11:30 or 17:30).
    assert VN.is_open(due) or due.time().strftime("%H:%M") in {"11:30", "17:30"}


@settings(max_examples=200, deadline=None, database=None)
@given(start=starts, days=st.integers(min_value=0, max_value=400))
def test_calendar_days_land_on_a_working_day_at_the_same_clock_time(
    start: datetime, days: int
) -> None:
    due = VN.add(start, days, CALENDAR_DAYS)
    assert VN.is_working_day(due.date())
    assert due.time() == start.time()
    assert timedelta(days=days) <= due - start < timedelta(days=days + 15)


def test_calendar_is_a_value() -> None:
    assert isinstance(VN, WorkCalendar)
    assert build_vn_calendar(range(2025, 2031)) == VN
