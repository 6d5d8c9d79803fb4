"""The trend, its 80 % band and the status, on series worked out by hand (docs/forecast.md)."""

from __future__ import annotations

import math

import pytest

from cchc.plan.forecast import Status, fit_trend, project, status_of_actual, status_of_band

# (points, x, bounds, expected value, low, high)
PROJECTIONS = [
    # A perfect line 60, 65, 70 (slope 5 a year): 2025 gives 80, residuals 0 → no band.
    ([(2021, 60), (2022, 65), (2023, 70)], 2025, None, 80.0, 80.0, 80.0),
    # 50, 54, 52 at 2022–2024: x̄ = 2023, ȳ = 52, Sxx = 2, Sxy = 2 → slope 1, ŷ(2025) = 54.
    # Residuals −1, +2, −1 → SSR 6, s = √6 = 2.4495 (1 df), t(0.90; 1) = 3.078,
    # √(1 + 1/3 + (2025 − 2023)² / 2) = √3.3333 = 1.8257 → half-width
    # 3.078 × √6 × √(10/3) = 3.078 × √20 = 13.7652 → band 40.2348 … 67.7652.
    ([(2022, 50), (2023, 54), (2024, 52)], 2025, None, 54.0, 40.23, 67.77),
    # The same series clipped to a percentage: nothing changes inside 0–100.
    ([(2022, 50), (2023, 54), (2024, 52)], 2025, (0.0, 100.0), 54.0, 40.23, 67.77),
    # 90, 95, 100 rising 5 a year projects 110 in 2026: a share is clipped to 100.
    ([(2021, 90), (2022, 95), (2023, 100)], 2026, (0.0, 100.0), 100.0, 100.0, 100.0),
    # Four points 10, 12, 16, 18 at x = 1..4: x̄ = 2.5, ȳ = 14, Sxx = 5, Sxy = 14 → slope 2.8,
    # intercept 7; fitted 9.8, 12.6, 15.4, 18.2; residuals .2, −.6, .6, −.2 → SSR 0.8,
    # s = √(0.8/2) = 0.6325; at x = 6: ŷ = 23.8; √(1 + 1/4 + 3.5²/5) = √3.7 = 1.9235;
    # t(0.90; 2) = 1.886 → half-width 1.886 × 0.6325 × 1.9235 = 2.2945.
    ([(1, 10), (2, 12), (3, 16), (4, 18)], 6, None, 23.8, 21.51, 26.09),
]


@pytest.mark.parametrize(("points", "x", "bounds", "value", "low", "high"), PROJECTIONS)
def test_projection_with_prediction_band(points, x, bounds, value, low, high):
    result = project(points, x, bounds)
    assert result is not None
    assert (result.value, result.low, result.high) == (value, low, high)


def test_fewer_than_three_points_or_one_period_give_no_trend():
    assert project([(2021, 1), (2022, 2)], 2025) is None
    assert fit_trend([(2021, 1), (2021, 2), (2021, 3)]) is None


# (low, high, comparator, target, target_max, status)
STATUSES = [
    (40.23, 67.77, ">=", 40, None, Status.ON_TRACK),  # the whole band meets ≥ 40
    (40.23, 67.77, ">=", 60, None, Status.AT_RISK),  # 60 lies inside the band
    (40.23, 67.77, ">=", 70, None, Status.OFF_TRACK),  # even the top misses 70
    (80.0, 80.0, ">=", 80, None, Status.ON_TRACK),  # exactly on the floor
    (30.0, 30.0, ">", 30, None, Status.OFF_TRACK),  # "trên 30 %" needs more than 30
    (29.0, 31.0, ">", 30, None, Status.AT_RISK),
    (5.0, 8.0, "<=", 10, None, Status.ON_TRACK),
    (9.0, 12.0, "<=", 10, None, Status.AT_RISK),
    (11.0, 12.0, "<=", 10, None, Status.OFF_TRACK),
    (7.0, 9.0, "range", 6, 10, Status.ON_TRACK),  # a 6–10 % cut
    (4.0, 7.0, "range", 6, 10, Status.AT_RISK),
    (2.0, 14.0, "range", 6, 10, Status.AT_RISK),  # the band covers the whole range
    (11.0, 14.0, "range", 6, 10, Status.OFF_TRACK),
    (100.0, 100.0, "=", 100, None, Status.ON_TRACK),
    (98.0, 100.0, "=", 100, None, Status.AT_RISK),
]


@pytest.mark.parametrize(("low", "high", "comparator", "target", "target_max", "status"), STATUSES)
def test_status_from_where_the_band_sits(low, high, comparator, target, target_max, status):
    assert status_of_band(low, high, comparator, target, target_max) == status


def test_an_ended_year_is_judged_on_its_value():
    assert status_of_actual(86.57, ">=", 86) == Status.ON_TRACK
    assert status_of_actual(85.0, ">=", 86) == Status.OFF_TRACK
    assert status_of_actual(8.0, "range", 6, 10) == Status.ON_TRACK


def test_band_is_symmetric_before_clipping():
    result = project([(1, 10), (2, 12), (3, 16), (4, 18)], 6)
    assert result is not None
    assert math.isclose(result.value - result.low, result.high - result.value, abs_tol=0.011)
