"""Helpers of the working-calendar tests: pure, no Django, no database."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import holidays

from cchc.workcalendar.calendar import WorkCalendar, parse_office_hours

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh from ``"YYYY-MM-DD HH:MM"``."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def build_vn_calendar(years: range = range(2025, 2029)) -> WorkCalendar:
    """The national calendar from the holidays package, as the province builds it, minus DB."""
    vn = holidays.country_holidays("VN", years=list(years), categories=("public",), language="vi")
    extra = {d: "Ngày làm bù" for d in vn.weekend_workdays if d.year in years}
    days_off = {d: str(name) for d, name in vn.items() if d.year in years and d not in extra}
    return WorkCalendar(
        days_off=days_off,
        extra_working_days=extra,
        weekdays=frozenset({0, 1, 2, 3, 4}),
        periods=parse_office_hours("07:30-11:30,13:30-17:30"),
        tz=TZ,
    )
