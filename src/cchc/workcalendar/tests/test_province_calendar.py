"""The province calendar: holidays package + overrides + settings, cached (DOMAIN.md §3)."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.db import transaction

from cchc.workcalendar import selectors, services
from cchc.workcalendar.calendar import CALENDAR_DAYS, WORKING_DAYS, WORKING_HOURS
from cchc.workcalendar.constants import DurationUnit, OverrideKind, Timeliness
from cchc.workcalendar.models import CalendarOverride

from .helpers import TZ, at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    selectors.invalidate_calendar_cache()
    yield
    selectors.invalidate_calendar_cache()


def test_built_from_the_holidays_package_and_settings() -> None:
    cal = selectors.province_calendar()
    assert cal.tz == TZ
    assert cal.weekdays == frozenset({0, 1, 2, 3, 4})
    assert cal.periods == ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30)))
    assert cal.is_working_day(date(2026, 8, 22))  # make-up Saturday (weekend_workdays)
    assert cal.extra_working_days[date(2026, 8, 22)] == "Làm bù cho ngày nghỉ 31/08/2026"
    assert not cal.is_working_day(date(2026, 8, 31))
    assert not cal.is_working_day(date(2026, 11, 24))
    assert not cal.is_working_day(date(2027, 2, 4))
    # The default range reaches far both ways: historical imports and long deadlines.
    assert not cal.is_working_day(date(2015, 9, 2))
    assert not cal.is_working_day(date(2031, 1, 1))


def test_cached_until_an_override_changes() -> None:
    first = selectors.province_calendar()
    assert selectors.province_calendar() is first
    CalendarOverride.objects.create(
        date=date(2026, 3, 3), kind=OverrideKind.DAY_OFF, reason="Nghỉ đột xuất"
    )
    second = selectors.province_calendar()
    assert second is not first
    assert not second.is_working_day(date(2026, 3, 3))
    CalendarOverride.objects.filter(date=date(2026, 3, 3)).delete()
    assert selectors.province_calendar().is_working_day(date(2026, 3, 3))


@pytest.mark.parametrize(
    ("day", "kind", "working"),
    [
        (date(2026, 3, 3), OverrideKind.DAY_OFF, False),  # extra day off on a Tuesday
        (date(2026, 3, 7), OverrideKind.WORKING_DAY, True),  # extra working Saturday
        (date(2026, 9, 2), OverrideKind.WORKING_DAY, True),  # override beats a holiday
        (date(2026, 8, 22), OverrideKind.DAY_OFF, False),  # override beats a make-up Saturday
    ],
)
def test_override_wins(day: date, kind: str, working: bool) -> None:
    services.set_override(day, kind, "Quyết định của UBND tỉnh")
    cal = selectors.province_calendar()
    assert cal.is_working_day(day) is working
    assert (cal.days_off if not working else cal.extra_working_days)[day] == (
        "Quyết định của UBND tỉnh"
    )


@pytest.mark.parametrize(
    ("overrides", "start", "duration", "unit", "expected"),
    [
        # No override: Mon 2 Mar 07:30 + 2 days = Mon 8h + Tue 8h -> Tue 3 Mar 17:30.
        ([], "2026-03-02 07:30", 2, WORKING_DAYS, "2026-03-03 17:30"),
        # Tue 3 Mar off: Mon 8h, (Tue off), Wed 8h -> Wed 4 Mar 17:30.
        ([(date(2026, 3, 3), "day_off")], "2026-03-02 07:30", 2, WORKING_DAYS, "2026-03-04 17:30"),
        # Sat 7 Mar worked: Fri 6 Mar 13:30 + 8h = Fri 4h + Sat 4h -> Sat 7 Mar 11:30.
        (
            [(date(2026, 3, 7), "working_day")],
            "2026-03-06 13:30",
            8,
            WORKING_HOURS,
            "2026-03-07 11:30",
        ),
        # Mon 2 Mar + 4 calendar days = Fri 6 Mar, declared off -> Mon 9 Mar 10:00.
        ([(date(2026, 3, 6), "day_off")], "2026-03-02 10:00", 4, CALENDAR_DAYS, "2026-03-09 10:00"),
        # The Tết example is unaffected by an unrelated override: Wed 25 Feb 10:00.
        ([(date(2026, 6, 1), "day_off")], "2026-02-13 10:00", 3, WORKING_DAYS, "2026-02-25 10:00"),
    ],
)
def test_due_at_with_overrides(
    overrides: list[tuple[date, str]], start: str, duration: int, unit: str, expected: str
) -> None:
    for day, kind in overrides:
        services.set_override(day, kind, "Điều chỉnh")
    assert services.due_at(at(start), duration, unit) == at(expected)


def test_rolled_back_override_is_forgotten() -> None:
    assert selectors.province_calendar().is_working_day(date(2026, 3, 3))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.set_override(date(2026, 3, 3), OverrideKind.DAY_OFF, "Sẽ bị huỷ")
        assert not selectors.province_calendar().is_working_day(date(2026, 3, 3))
        raise RuntimeError("roll back")
    assert selectors.province_calendar().is_working_day(date(2026, 3, 3))


def test_remove_override() -> None:
    services.set_override(date(2026, 3, 3), OverrideKind.DAY_OFF, "Nghỉ")
    assert services.remove_override(date(2026, 3, 3)) is True
    assert services.remove_override(date(2026, 3, 3)) is False
    assert selectors.province_calendar().is_working_day(date(2026, 3, 3))


def test_set_override_replaces_and_validates() -> None:
    services.set_override(date(2026, 3, 7), OverrideKind.WORKING_DAY, "Làm bù")
    services.set_override(date(2026, 3, 7), OverrideKind.DAY_OFF, "Đổi lại")
    assert CalendarOverride.objects.get(date=date(2026, 3, 7)).kind == OverrideKind.DAY_OFF
    with pytest.raises(ValueError):
        services.set_override(date(2026, 3, 7), "holiday", "?")


def test_non_working_days_lists_overrides() -> None:
    services.set_override(date(2026, 3, 7), OverrideKind.WORKING_DAY, "Làm bù ngày 2/3")
    rows = selectors.non_working_days(2026)
    assert (date(2026, 3, 7), "working_day", "Làm bù ngày 2/3") in rows
    assert (date(2026, 8, 22), "working_day", "Làm bù cho ngày nghỉ 31/08/2026") in rows
    assert rows == sorted(rows)


def test_services_resume_extend_classify() -> None:
    # Left at the pause Tue 3 Mar 10:00: 5.5h + Wed 8h = 13.5h; from Mon 9 Mar 14:00: 3.5h,
    # Tue 10 8h, Wed 11 07:30 + 2h -> 09:30.
    due = services.resume_due(
        at("2026-03-04 17:30"), at("2026-03-03 10:00"), at("2026-03-09 14:00"), WORKING_DAYS
    )
    assert due == at("2026-03-11 09:30")
    # Extension by 1 working day from Wed 11 Mar 09:30 -> Thu 12 Mar 09:30.
    assert services.extend_due(due, 1, WORKING_DAYS) == at("2026-03-12 09:30")
    assert services.classify(at("2026-03-10 09:00"), due) == Timeliness.EARLY
    assert services.classify(at("2026-03-11 09:30"), due) == Timeliness.ON_TIME
    assert services.classify(at("2026-03-11 09:31"), due) == Timeliness.LATE


def test_choices_match_the_pure_module() -> None:
    assert set(DurationUnit.values) == {WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS}
    assert set(OverrideKind.values) == {"day_off", "working_day"}
    assert set(Timeliness.values) == {"early", "on_time", "late"}


def test_override_str_and_verbose_name() -> None:
    override = services.set_override(date(2026, 3, 3), OverrideKind.DAY_OFF, "Nghỉ")
    assert str(override) == "03/03/2026 — Ngày nghỉ: Nghỉ"
    assert str(CalendarOverride._meta.verbose_name) == "Ngày điều chỉnh lịch làm việc"
