"""Period arithmetic: months, quarters, halves, years, year-to-date; keys and grids."""

from __future__ import annotations

import datetime

import pytest

from cchc.plan.periods import Period, PeriodKind, periods_between, reporting_periods

D = datetime.date

# (key, start, end, kind)
KEYS = [
    ("2026-02", D(2026, 2, 1), D(2026, 2, 28), PeriodKind.MONTH),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), PeriodKind.MONTH),  # leap year
    ("2025-Q2", D(2025, 4, 1), D(2025, 6, 30), PeriodKind.QUARTER),  # the last pre-merger quarter
    ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30), PeriodKind.QUARTER),
    ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), PeriodKind.HALF),
    ("2026-H2", D(2026, 7, 1), D(2026, 12, 31), PeriodKind.HALF),
    ("2025", D(2025, 1, 1), D(2025, 12, 31), PeriodKind.YEAR),
    ("2026-YTD@2026-11-25", D(2026, 1, 1), D(2026, 11, 25), PeriodKind.YTD),
]


@pytest.mark.parametrize(("key", "start", "end", "kind"), KEYS)
def test_keys_parse_and_print_back(key, start, end, kind):
    period = Period.parse(key)
    assert (period.start, period.end, period.kind) == (start, end, kind)
    assert period.key == key


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "26", "2026-YTD@2025-01-01", "x"])
def test_bad_keys_are_refused(bad):
    with pytest.raises(ValueError):
        Period.parse(bad)


# (kind, day, expected key)
CONTAINING = [
    (PeriodKind.MONTH, D(2026, 12, 31), "2026-12"),
    (PeriodKind.QUARTER, D(2026, 3, 31), "2026-Q1"),
    (PeriodKind.QUARTER, D(2026, 4, 1), "2026-Q2"),
    (PeriodKind.HALF, D(2026, 7, 1), "2026-H2"),
    (PeriodKind.YEAR, D(2030, 6, 15), "2030"),
    (PeriodKind.YTD, D(2026, 3, 5), "2026-YTD@2026-03-05"),
]


@pytest.mark.parametrize(("kind", "day", "key"), CONTAINING)
def test_period_containing_a_day(kind, day, key):
    assert Period.containing(kind, day).key == key


def test_next_and_previous_cross_the_year():
    assert Period.parse("2025-Q4").next().key == "2026-Q1"
    assert Period.parse("2026-01").previous().key == "2025-12"
    assert Period.parse("2026-H1").previous().key == "2025-H2"


def test_grid_between_two_days_includes_both_ends():
    keys = [p.key for p in periods_between("quarter", D(2025, 5, 10), D(2026, 1, 2))]
    assert keys == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    assert periods_between("month", D(2026, 2, 1), D(2026, 1, 1)) == []


def test_midpoint_is_the_middle_of_the_period_in_years():
    assert Period.year(2025).midpoint == 2025.5
    assert Period.year(2024).midpoint == 2024.5  # a leap year too
    assert Period.parse("2026-Q1").midpoint == pytest.approx(2026 + 90 / 365 / 2)


def test_reported_periods_have_begun_and_come_newest_first():
    periods = reporting_periods("quarterly", D(2026, 11, 25), years_back=1)
    assert [p.key for p in periods[:3]] == ["2026-Q4", "2026-Q3", "2026-Q2"]
    assert periods[-1].key == "2025-Q1"


def test_overlap_with_validity_dates():
    q2, q3 = Period.parse("2025-Q2"), Period.parse("2025-Q3")
    abolished = D(2025, 6, 30)  # districts ended on 30 June 2025
    assert q2.overlaps(None, abolished) and not q3.overlaps(None, abolished)
    assert Period.year(2025).overlaps(D(2025, 7, 1), None)


def test_labels_in_vietnamese():
    assert Period.parse("2026-Q1").label == "Quý I/2026"
    assert Period.parse("2026-H1").label == "6 tháng đầu năm 2026"
    assert Period.parse("2026-03").label == "Tháng 3/2026"
