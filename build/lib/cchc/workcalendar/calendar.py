"""Working-time arithmetic: due dates, office hours and the stopped clock (DOMAIN.md §3).

Pure module: no ORM, no settings. A :class:`WorkCalendar` is a frozen value holding the days
off, the extra (make-up) working days, the working weekdays, the office-hour periods of one
working day and the time zone. :func:`cchc.workcalendar.selectors.province_calendar` builds
the province's calendar from the ``holidays`` package, the province's overrides and settings.

Conventions (DOMAIN.md §3):

* Office periods are half-open ``[start, end)`` for "is this instant inside office hours",
  but a count of working time that ends exactly at a period end stays there (a deadline is
  17:30, not 07:30 next morning).
* Arithmetic happens on the wall clock of ``tz``; results are aware datetimes in ``tz``.
  Aware inputs in any offset are accepted (converted to ``tz``); naive inputs are refused.
* Time is counted in whole microseconds (integers), so results are exact and
  ``add(add(s, a), b) == add(s, a + b)`` holds for whole working hours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

WORKING_DAYS: Final = "working_days"
WORKING_HOURS: Final = "working_hours"
CALENDAR_DAYS: Final = "calendar_days"
UNITS: Final = frozenset({WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS})

KIND_DAY_OFF: Final = "day_off"
KIND_WORKING_DAY: Final = "working_day"

EARLY: Final = "early"
ON_TIME: Final = "on_time"
LATE: Final = "late"

_US_PER_SECOND: Final = 1_000_000
_US_PER_DAY: Final = 86_400 * _US_PER_SECOND
_ONE_DAY: Final = timedelta(days=1)
# A calendar with working weekdays never needs more than a few weeks to find the next working
# day; this bound only stops a runaway loop on a calendar that has (almost) none.
_MAX_NON_WORKING_RUN: Final = 3_660

Number = Decimal | int | float


def _us_of_day(t: time) -> int:
    """Microseconds since midnight of a wall-clock time."""
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_SECOND + t.microsecond


def _to_decimal(value: Number, name: str = "duration") -> Decimal:
    """A finite, non-negative Decimal from a duration; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not a boolean")
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int):
            result = Decimal(value)
        elif isinstance(value, float):
            # repr() gives the shortest decimal that round-trips: 0.1 -> Decimal("0.1").
            result = Decimal(repr(value))
        else:
            raise ValueError(f"{name} must be a number, got {type(value).__name__}")
    except InvalidOperation as exc:  # pragma: no cover - Decimal(repr(float)) never fails
        raise ValueError(f"{name} is not a number") from exc
    if not result.is_finite():
        raise ValueError(f"{name} must be finite")
    if result < 0:
        raise ValueError(f"{name} must not be negative")
    return result


def parse_office_hours(value: str) -> tuple[tuple[time, time], ...]:
    """Parse ``"07:30-11:30,13:30-17:30"`` into sorted ``(start, end)`` periods (DOMAIN.md §3).

    Raises ValueError on malformed text, an empty period or overlapping periods.
    """
    periods: list[tuple[time, time]] = []
    for chunk in value.split(","):
        chunk = chunk.strip()
        if not chunk:
            continue
        try:
            start_text, end_text = (part.strip() for part in chunk.split("-"))
            start, end = time.fromisoformat(start_text), time.fromisoformat(end_text)
        except ValueError as exc:
            raise ValueError(f"bad office-hours period {chunk!r}; expected HH:MM-HH:MM") from exc
        periods.append((start, end))
    if not periods:
        raise ValueError("office hours must contain at least one HH:MM-HH:MM period")
    result = tuple(sorted(periods))
    _check_periods(result)
    return result


def parse_weekdays(value: str) -> frozenset[int]:
    """Parse ``"0,1,2,3,4"`` (0 = Monday … 6 = Sunday) into a set of weekdays (DOMAIN.md §3)."""
    days: set[int] = set()
    for chunk in value.split(","):
        chunk = chunk.strip()
        if not chunk:
            continue
        if not chunk.isdigit() or not 0 <= int(chunk) <= 6:
            raise ValueError(f"bad weekday {chunk!r}; expected 0 (Monday) … 6 (Sunday)")
        days.add(int(chunk))
    return frozenset(days)


def _check_periods(periods: tuple[tuple[time, time], ...]) -> None:
    previous_end = -1
    for start, end in periods:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError("office-hour periods are wall-clock times without tzinfo")
        if not start < end:
            raise ValueError(f"office-hour period {start}-{end} is empty or reversed")
        if _us_of_day(start) < previous_end:
            raise ValueError("office-hour periods overlap or are not sorted")
        previous_end = _us_of_day(end)


@dataclass(frozen=True)
class WorkCalendar:
    """Working days and office hours of one province (DOMAIN.md §3).

    ``days_off`` and ``extra_working_days`` map a date to its reason. An extra working day
    (a make-up Saturday) is a working day even on a weekend; a day off is not a working day
    even on a working weekday. A date may not be in both (the builder resolves overrides).
    """

    days_off: dict[date, str]
    extra_working_days: dict[date, str]
    weekdays: frozenset[int]
    periods: tuple[tuple[time, time], ...]
    tz: tzinfo
    # Derived, integer microseconds since midnight: ((start, end), ...) and their total.
    _spans: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)
    _day_us: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError("a calendar needs at least one office-hour period")
        periods = tuple(sorted(self.periods))
        _check_periods(periods)
        object.__setattr__(self, "periods", periods)
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        if any(not 0 <= day <= 6 for day in self.weekdays):
            raise ValueError("weekdays are 0 (Monday) … 6 (Sunday)")
        both = self.days_off.keys() & self.extra_working_days.keys()
        if both:
            raise ValueError(f"dates both off and working: {sorted(both)}")
        spans = tuple((_us_of_day(start), _us_of_day(end)) for start, end in periods)
        object.__setattr__(self, "_spans", spans)
        object.__setattr__(self, "_day_us", sum(end - start for start, end in spans))

    # --- days ---------------------------------------------------------------------------------

    @property
    def working_day_length(self) -> timedelta:
        """Office time in one working day (8 h by default), the size of one working day."""
        return timedelta(microseconds=self._day_us)

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day (DOMAIN.md §3).

        Extra working days win over weekends; days off win over working weekdays.
        """
        if d in self.extra_working_days:
            return True
        if d in self.days_off:
            return False
        return d.weekday() in self.weekdays

    def next_working_day(self, d: date, *, include: bool = True) -> date:
        """The first working day on or after ``d`` (strictly after when ``include`` is False)."""
        day = d if include else d + _ONE_DAY
        for _ in range(_MAX_NON_WORKING_RUN):
            if self.is_working_day(day):
                return day
            day += _ONE_DAY
        raise ValueError("the calendar has no working day in ten years")

    def non_working_days(self, year: int) -> list[tuple[date, str, str]]:
        """Every day off and every extra working day of ``year``, sorted (DOMAIN.md §3).

        Returns ``(date, kind, reason)`` with kind ``"day_off"`` or ``"working_day"``. Plain
        weekends are not listed; holidays falling on a weekend are (as days off).
        """
        rows = [(d, KIND_DAY_OFF, reason) for d, reason in self.days_off.items() if d.year == year]
        rows += [
            (d, KIND_WORKING_DAY, reason)
            for d, reason in self.extra_working_days.items()
            if d.year == year
        ]
        rows.sort()
        return rows

    # --- instants ------------------------------------------------------------------------------

    def _local(self, dt: datetime, name: str = "dt") -> datetime:
        """``dt`` as a naive wall-clock datetime in ``tz``; ValueError for naive input."""
        if not isinstance(dt, datetime):
            raise ValueError(f"{name} must be a datetime, got {type(dt).__name__}")
        if dt.tzinfo is None or dt.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware (naive datetimes are ambiguous)")
        return dt.astimezone(self.tz).replace(tzinfo=None)

    def _aware(self, day: date, us: int) -> datetime:
        """The aware datetime in ``tz`` at ``us`` microseconds after midnight of ``day``."""
        naive = datetime(day.year, day.month, day.day) + timedelta(microseconds=us)
        return naive.replace(tzinfo=self.tz)

    def is_open(self, dt: datetime) -> bool:
        """Whether ``dt`` is inside office hours: a working day and ``start <= t < end``."""
        local = self._local(dt)
        if not self.is_working_day(local.date()):
            return False
        us = _us_of_day(local.time())
        return any(start <= us < end for start, end in self._spans)

    def next_opening(self, dt: datetime) -> datetime:
        """``dt`` itself (in ``tz``) if inside office hours, else the next opening (DOMAIN.md §3).

        Periods are half-open: 11:30 sharp is closed, the next opening is 13:30.
        """
        local = self._local(dt)
        day, us = local.date(), _us_of_day(local.time())
        for _ in range(_MAX_NON_WORKING_RUN):
            if self.is_working_day(day):
                for start, end in self._spans:
                    if us < start:
                        return self._aware(day, start)
                    if us < end:
                        return dt.astimezone(self.tz)
            day += _ONE_DAY
            us = 0
        raise ValueError("the calendar has no working day in ten years")

    def _add_us(self, local: datetime, remaining: int) -> datetime:
        """Count ``remaining`` microseconds of office time from the wall-clock ``local``."""
        spans, day_us = self._spans, self._day_us
        if day_us <= 0:  # pragma: no cover - __post_init__ forbids empty periods
            raise ValueError("the calendar has no office hours")
        extra, off, weekdays = self.extra_working_days, self.days_off, self.weekdays
        day, us = local.date(), _us_of_day(local.time())
        idle = 0
        while True:
            if day in extra or (day not in off and day.weekday() in weekdays):
                idle = 0
                if us == 0 and remaining > day_us:
                    remaining -= day_us  # a whole working day, in O(1)
                else:
                    for start, end in spans:
                        if us >= end:
                            continue
                        begin = start if us < start else us
                        available = end - begin
                        if remaining <= available:
                            return self._aware(day, begin + remaining)
                        remaining -= available
            else:
                idle += 1
                if idle > _MAX_NON_WORKING_RUN:
                    raise ValueError("the calendar has no working day in ten years")
            day += _ONE_DAY
            us = 0

    def _shift_to_working_day(self, local: datetime) -> datetime:
        """Same wall-clock time on the first working day on or after ``local``'s date."""
        day = self.next_working_day(local.date())
        return datetime.combine(day, local.time()).replace(tzinfo=self.tz)

    def add(self, start: datetime, duration: Number, unit: str) -> datetime:
        """The due instant of a ``duration`` in ``unit`` counted from ``start`` (DOMAIN.md §3).

        * ``working_hours``: office time counted from ``start``; a start outside office hours
          counts from the next opening. Ending exactly at a period end stays at that end.
        * ``working_days``: N × the working-day length (8 h by default) of office time, so a
          dossier received Fri 13 Feb 2026 10:00 with 3 working days is due Wed 25 Feb 2026
          10:00 (Tết 16–20 Feb). Fractions allowed: 0.5 day = 4 working hours.
        * ``calendar_days``: ``start + N × 24 h``; [choice] if that falls on a non-working day
          it moves to the same clock time on the next working day (a deadline ending on a day
          off moves to the next working day — Civil Code 2015 Art. 148).

        Duration 0 with a working unit returns ``start`` if inside office hours, else the next
        opening. The result is aware, in ``tz``. Naive ``start`` or a negative duration raise
        ValueError.
        """
        local = self._local(start, "start")
        amount = _to_decimal(duration)
        if unit == CALENDAR_DAYS:
            due = local + timedelta(microseconds=int(amount * _US_PER_DAY))
            return self._shift_to_working_day(due)
        if unit == WORKING_DAYS:
            total = amount * self._day_us
        elif unit == WORKING_HOURS:
            total = amount * 3600 * _US_PER_SECOND
        else:
            raise ValueError(f"unknown unit {unit!r}; expected one of {sorted(UNITS)}")
        remaining = int(total.to_integral_value(rounding=ROUND_HALF_UP))
        if remaining == 0:
            return self.next_opening(start)
        return self._add_us(local, remaining)

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """``start`` plus ``amount`` of office time (DOMAIN.md §3); see :meth:`add`."""
        remaining = amount // timedelta(microseconds=1)
        if remaining < 0:
            raise ValueError("amount must not be negative")
        local = self._local(start, "start")
        if remaining == 0:
            return self.next_opening(start)
        return self._add_us(local, remaining)

    def extend(self, due: datetime, duration: Number, unit: str) -> datetime:
        """An explicit extension (form 04's new date): :meth:`add` counted from ``due``."""
        return self.add(due, duration, unit)

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Office time between two instants (DOMAIN.md §3); ``timedelta(0)`` if ``b <= a``."""
        la, lb = self._local(a, "a"), self._local(b, "b")
        if lb <= la:
            return timedelta(0)
        spans, day_us = self._spans, self._day_us
        first, last = la.date(), lb.date()
        us_a, us_b = _us_of_day(la.time()), _us_of_day(lb.time())
        total = 0
        day = first
        while day <= last:
            if self.is_working_day(day):
                low = us_a if day == first else 0
                high = us_b if day == last else _US_PER_DAY
                if low == 0 and high == _US_PER_DAY:
                    total += day_us
                else:
                    for start, end in spans:
                        overlap = min(end, high) - max(start, low)
                        if overlap > 0:
                            total += overlap
            day += _ONE_DAY
        return timedelta(microseconds=total)

    def resume_due(
        self, due: datetime, paused_at: datetime, resumed_at: datetime, unit: str
    ) -> datetime:
        """The due instant after the clock stopped for a supplement (DOMAIN.md §2, §3).

        The time left at the pause — office time between ``paused_at`` and ``due`` for working
        units, plain time for ``calendar_days`` — is counted again from ``resumed_at``. If
        ``paused_at >= due`` nothing is left: working units give the next opening from
        ``resumed_at``; calendar days give ``resumed_at`` moved off a non-working day.
        """
        local_due = self._local(due, "due")
        local_paused = self._local(paused_at, "paused_at")
        local_resumed = self._local(resumed_at, "resumed_at")
        if local_resumed < local_paused:
            raise ValueError("resumed_at must not be before paused_at")
        if unit == CALENDAR_DAYS:
            left = max(local_due - local_paused, timedelta(0))
            return self._shift_to_working_day(local_resumed + left)
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; expected one of {sorted(UNITS)}")
        return self.add_working_time(resumed_at, self.working_time_between(paused_at, due))


def classify(end: datetime, due: datetime, tz: tzinfo) -> str:
    """``"early"``, ``"on_time"`` or ``"late"`` for a step ending at ``end`` (DOMAIN.md §2).

    Early if ``end``'s local calendar day (in ``tz``) is before ``due``'s day; on time if on
    ``due``'s day and ``end <= due``; late if ``end > due`` (even on the same day).
    """
    for name, value in (("end", end), ("due", due)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware")
    if end > due:
        return LATE
    if end.astimezone(tz).date() < due.astimezone(tz).date():
        return EARLY
    return ON_TIME


def duration_in_units(amount: timedelta, unit: str, day_length: timedelta) -> Decimal:
    """``amount`` expressed in ``unit`` (2 decimals), e.g. for average processing times.

    Working days divide office time by the working-day length; working hours by one hour;
    calendar days by 24 hours.
    """
    if unit == WORKING_DAYS:
        divisor = day_length
    elif unit == WORKING_HOURS:
        divisor = timedelta(hours=1)
    elif unit == CALENDAR_DAYS:
        divisor = timedelta(days=1)
    else:
        raise ValueError(f"unknown unit {unit!r}; expected one of {sorted(UNITS)}")
    one = timedelta(microseconds=1)
    ratio = Decimal(amount // one) / Decimal(divisor // one)
    return ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


__all__ = [
    "CALENDAR_DAYS",
    "EARLY",
    "KIND_DAY_OFF",
    "KIND_WORKING_DAY",
    "LATE",
    "ON_TIME",
    "UNITS",
    "WORKING_DAYS",
    "WORKING_HOURS",
    "WorkCalendar",
    "classify",
    "duration_in_units",
    "parse_office_hours",
    "parse_weekdays",
]
