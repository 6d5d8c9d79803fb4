"""Projection of a target's series to its target year, and its status (docs/forecast.md).

Pure functions: an ordinary least-squares line through the observed values, an 80 %
prediction interval around the projected value, and a status read from where that band sits
relative to the target's interval (≥ 80 % means [80, +∞)).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

MIN_POINTS = 3
LEVEL = 0.80  # two-sided coverage of the band

# Student's t quantile t(0.90; df) for the 80 % two-sided band, df = n − 2.
_T90 = {
    1: 3.078, 2: 1.886, 3: 1.638, 4: 1.533, 5: 1.476, 6: 1.440, 7: 1.415, 8: 1.397,
    9: 1.383, 10: 1.372, 11: 1.363, 12: 1.356, 13: 1.350, 14: 1.345, 15: 1.341, 16: 1.337,
    17: 1.333, 18: 1.330, 19: 1.328, 20: 1.325, 21: 1.323, 22: 1.321, 23: 1.319, 24: 1.318,
    25: 1.316, 26: 1.315, 27: 1.314, 28: 1.313, 29: 1.311, 30: 1.310,
}  # fmt: skip
_T90_LARGE = 1.282  # the normal quantile, for df > 30


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Trend:
    slope: float
    intercept: float
    n: int
    residual_sd: float
    x_mean: float
    sxx: float

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x


@dataclass(frozen=True)
class Projection:
    x: float
    value: float
    low: float
    high: float
    slope: float
    n: int
    level: float = LEVEL


def t_quantile(df: int) -> float:
    if df < 1:
        raise ValueError("at least one degree of freedom")
    return _T90.get(df, _T90_LARGE)


def fit_trend(points: Sequence[tuple[float, float]]) -> Trend | None:
    """The least-squares line y = a + b·x; None with fewer than 3 points or a single x."""
    n = len(points)
    if n < MIN_POINTS:
        return None
    x_mean = sum(x for x, _ in points) / n
    y_mean = sum(y for _, y in points) / n
    sxx = sum((x - x_mean) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    sxy = sum((x - x_mean) * (y - y_mean) for x, y in points)
    slope = sxy / sxx
    intercept = y_mean - slope * x_mean
    ssr = sum((y - (intercept + slope * x)) ** 2 for x, y in points)
    return Trend(slope, intercept, n, math.sqrt(ssr / (n - 2)), x_mean, sxx)


def project(
    points: Sequence[tuple[float, float]],
    x: float,
    bounds: tuple[float, float] | None = None,
) -> Projection | None:
    """The trend's value at `x` with its 80 % prediction interval
    ŷ ± t(0.90; n−2) · s · √(1 + 1/n + (x − x̄)² / Sxx), clipped to `bounds` (0–100 for %)."""
    trend = fit_trend(points)
    if trend is None:
        return None
    value = trend.at(x)
    half = (
        t_quantile(trend.n - 2)
        * trend.residual_sd
        * math.sqrt(1 + 1 / trend.n + (x - trend.x_mean) ** 2 / trend.sxx)
    )
    low, high = value - half, value + half
    if bounds is not None:
        lo, hi = bounds
        value, low, high = (min(hi, max(lo, v)) for v in (value, low, high))
    return Projection(
        x=x,
        value=round(value, 2),
        low=round(low, 2),
        high=round(high, 2),
        slope=round(trend.slope, 4),
        n=trend.n,
    )


def target_interval(
    comparator: str, value: float, value_max: float | None = None
) -> tuple[float, float, bool, bool]:
    """The set of values that meet the target: (low, high, low_open, high_open)."""
    inf = math.inf
    if comparator == ">=":
        return value, inf, False, True
    if comparator == ">":
        return value, inf, True, True
    if comparator == "<=":
        return -inf, value, True, False
    if comparator == "<":
        return -inf, value, True, True
    if comparator == "range":
        return value, value if value_max is None else value_max, False, False
    return value, value, False, False  # "="


def meets(comparator: str, target: float, observed: float, target_max: float | None = None) -> bool:
    lo, hi, lo_open, hi_open = target_interval(comparator, target, target_max)
    above = observed > lo if lo_open else observed >= lo
    below = observed < hi if hi_open else observed <= hi
    return above and below


def status_of_band(
    low: float, high: float, comparator: str, target: float, target_max: float | None = None
) -> Status:
    """On track when the whole band meets the target, off track when none of it does,
    at risk when the band straddles an edge of the target."""
    if meets(comparator, target, low, target_max) and meets(comparator, target, high, target_max):
        return Status.ON_TRACK
    t_lo, t_hi, lo_open, hi_open = target_interval(comparator, target, target_max)
    below = high <= t_lo if lo_open else high < t_lo
    above = low >= t_hi if hi_open else low > t_hi
    return Status.OFF_TRACK if below or above else Status.AT_RISK


def status_of_actual(
    observed: float, comparator: str, target: float, target_max: float | None = None
) -> Status:
    """A target year that has ended is judged on its value: met or not, no band."""
    return Status.ON_TRACK if meets(comparator, target, observed, target_max) else Status.OFF_TRACK
