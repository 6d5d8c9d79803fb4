"""Date and number formatting of the printed forms (Circular 03/2025/TT-VPCP, DOMAIN.md §2).

Every form and the register format instants in the province's time zone
(``settings.TIME_ZONE``, Asia/Ho_Chi_Minh), never in the request's active time zone: a
receipt printed by an officer with another time zone activated must show the same hour.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone


def local(dt: datetime.datetime) -> datetime.datetime:
    """``dt`` on the province's wall clock; a naive value is taken as already local."""
    tz = timezone.get_default_timezone()
    if timezone.is_naive(dt):
        return dt.replace(tzinfo=tz)
    return dt.astimezone(tz)


def format_vn_datetime(dt: datetime.datetime | None) -> str:
    """``"10 giờ 00 phút, ngày 25 tháng 02 năm 2026"``; ``""`` for None."""
    if dt is None:
        return ""
    t = local(dt)
    return f"{t:%H} giờ {t:%M} phút, ngày {t:%d} tháng {t:%m} năm {t.year:04d}"


def format_vn_date(value: datetime.date | datetime.datetime | None) -> str:
    """``"ngày 25 tháng 02 năm 2026"`` (the place-and-date line of a form); ``""`` for None."""
    if value is None:
        return ""
    day = local(value).date() if isinstance(value, datetime.datetime) else value
    return f"ngày {day:%d} tháng {day:%m} năm {day.year:04d}"


def format_short_datetime(dt: datetime.datetime | None) -> str:
    """``"25/02/2026 10:00"`` (the register, form 07); ``""`` for None."""
    if dt is None:
        return ""
    t = local(dt)
    return f"{t:%d/%m}/{t.year:04d} {t:%H:%M}"


def format_short_date(day: datetime.date) -> str:
    """``"25/02/2026"``."""
    return f"{day:%d/%m}/{day.year:04d}"


def format_number(value: Decimal | int | float) -> str:
    """A duration without useless decimals, Vietnamese decimal comma: 3 → "3", 1.5 → "1,5"."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f").replace(".", ",")
