"""Reporting periods — month, quarter, half-year, year and year-to-date — as pure values.

A period is a closed date range with a kind and a stable key (``2026-03``, ``2026-Q1``,
``2026-H1``, ``2026``, ``2026-YTD@2026-11-25``) used in URLs, the API and report rows.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    YTD = "ytd"


# The reporting frequency of a target (plan `Frequency`) → the period a report covers.
FREQUENCY_PERIOD = {
    "monthly": PeriodKind.MONTH,
    "quarterly": PeriodKind.QUARTER,
    "semiannual": PeriodKind.HALF,
    "annual": PeriodKind.YEAR,
}

_KEY = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|YTD@(?P<asof>\d{4}-\d{2}-\d{2})))?$"
)


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    kind: PeriodKind

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(datetime.date(year, month, 1), _month_end(year, month), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(datetime.date(year, first, 1), _month_end(year, first + 2), PeriodKind.QUARTER)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        first = 6 * (half - 1) + 1
        return cls(datetime.date(year, first, 1), _month_end(year, first + 5), PeriodKind.HALF)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def year_to_date(cls, day: datetime.date) -> Period:
        return cls(datetime.date(day.year, 1, 1), day, PeriodKind.YTD)

    @classmethod
    def containing(cls, kind: PeriodKind | str, day: datetime.date) -> Period:
        """The period of `kind` that contains `day` (for YTD: from 1 January to `day`)."""
        kind = PeriodKind(kind)
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        if kind == PeriodKind.HALF:
            return cls.half(day.year, 1 if day.month <= 6 else 2)
        if kind == PeriodKind.YEAR:
            return cls.year(day.year)
        return cls.year_to_date(day)

    @classmethod
    def parse(cls, key: str) -> Period:
        """``2026``, ``2026-03``, ``2026-Q1``, ``2026-H2`` or ``2026-YTD@2026-05-31``."""
        match = _KEY.match(key.strip())
        if match is None:
            raise ValueError(f"not a period: {key!r}")
        year = int(match["year"])
        if match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise ValueError(f"not a month: {key!r}")
            return cls.month(year, month)
        if match["quarter"]:
            return cls.quarter(year, int(match["quarter"]))
        if match["half"]:
            return cls.half(year, int(match["half"]))
        if match["asof"]:
            day = datetime.date.fromisoformat(match["asof"])
            if day.year != year:
                raise ValueError(f"year-to-date must end in its year: {key!r}")
            return cls.year_to_date(day)
        return cls.year(year)

    # --- reading -----------------------------------------------------------------------------
    @property
    def key(self) -> str:
        y = self.start.year
        if self.kind == PeriodKind.MONTH:
            return f"{y}-{self.start.month:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.HALF:
            return f"{y}-H{1 if self.start.month == 1 else 2}"
        if self.kind == PeriodKind.YTD:
            return f"{y}-YTD@{self.end.isoformat()}"
        return str(y)

    @property
    def label(self) -> str:
        """Vietnamese label: "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026"."""
        y = self.start.year
        if self.kind == PeriodKind.MONTH:
            return _("Tháng %(m)s/%(y)s") % {"m": self.start.month, "y": y}
        if self.kind == PeriodKind.QUARTER:
            roman = ("I", "II", "III", "IV")[(self.start.month - 1) // 3]
            return _("Quý %(q)s/%(y)s") % {"q": roman, "y": y}
        if self.kind == PeriodKind.HALF:
            if self.start.month == 1:
                return _("6 tháng đầu năm %(y)s") % {"y": y}
            return _("6 tháng cuối năm %(y)s") % {"y": y}
        if self.kind == PeriodKind.YTD:
            return _("Năm %(y)s đến %(d)s") % {"y": y, "d": self.end.strftime("%d/%m")}
        return _("Năm %(y)s") % {"y": y}

    @property
    def midpoint(self) -> float:
        """The middle of the period in fractional years (a whole year 2025 → 2025.5): the x of
        a trend. Each day counts as 1/365 (1/366 in a leap year) of its year."""
        return (_years(self.start) + _years(self.end + datetime.timedelta(days=1))) / 2

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end

    def overlaps(self, start: datetime.date | None, end: datetime.date | None) -> bool:
        """Whether [start, end] (None = open) meets this period — e.g. a unit's validity."""
        return (start is None or start <= self.end) and (end is None or self.start <= end)

    def next(self) -> Period:
        return Period.containing(self.kind, self.end + datetime.timedelta(days=1))

    def previous(self) -> Period:
        return Period.containing(self.kind, self.start - datetime.timedelta(days=1))

    def clipped(self, last_day: datetime.date) -> Period:
        """The part of the period up to `last_day` (a running period is measured to date)."""
        if last_day >= self.end:
            return self
        return Period(self.start, max(self.start, last_day), self.kind)

    def __str__(self) -> str:
        return self.key


def _years(day: datetime.date) -> float:
    """`day` at 00:00 in fractional years."""
    days = 366 if _is_leap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def periods_between(
    kind: PeriodKind | str, first_day: datetime.date, last_day: datetime.date
) -> list[Period]:
    """Every period of `kind` that meets [first_day, last_day], in order (not YTD)."""
    kind = PeriodKind(kind)
    if kind == PeriodKind.YTD:
        raise ValueError("year-to-date is not a grid")
    out: list[Period] = []
    if last_day < first_day:
        return out
    period = Period.containing(kind, first_day)
    while period.start <= last_day:
        out.append(period)
        period = period.next()
    return out


def reporting_periods(frequency: str, today: datetime.date, years_back: int = 5) -> list[Period]:
    """The periods an agency may report for a target of `frequency`: those that have begun,
    newest first, going back `years_back` calendar years."""
    kind = FREQUENCY_PERIOD[frequency]
    first = datetime.date(today.year - years_back, 1, 1)
    return list(reversed(periods_between(kind, first, today)))
