"""Checks of Vietnamese identity numbers used to sign in and to apply.

Citizen identity number (số định danh cá nhân, printed on the CCCD card), Circular
59/2021/TT-BCA art. 7 (as Circular 07/2016/TT-BCA before it): 12 digits —
- digits 1–3: code of the province where the birth was registered (the 63 codes of the
  former provinces; the 2025 merger did not renumber identity numbers),
- digit 4: century of birth and sex (0/1: 20th century male/female, 2/3: 21st, 4/5: 22nd,
  6/7: 23rd, 8/9: 24th),
- digits 5–6: the last two digits of the year of birth,
- digits 7–12: a random number.
Organisations apply with their tax code (mã số thuế): 10 digits, or 13 as "10 digits-3 digits"
for a branch (Circular 105/2020/TT-BTC art. 5).
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BIRTH_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)


def birth_year(number: str) -> int:
    """Year of birth encoded in digits 4–6 of a (well-formed) identity number."""
    century = 1900 + 100 * (int(number[3]) // 2)
    return century + int(number[4:6])


def validate_national_id(value: str, *, today: dt.date | None = None) -> str:
    """Return the normalised 12-digit number or raise ValidationError with a Vietnamese message."""
    number = re.sub(r"\s+", "", value or "")
    if not re.fullmatch(r"\d{12}", number):
        raise ValidationError(
            _("Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số."), code="length"
        )
    if number[:3] not in BIRTH_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu của số CCCD không phải mã tỉnh, thành phố nơi đăng ký khai sinh."),
            code="province",
        )
    year = birth_year(number)
    this_year = (today or dt.date.today()).year
    if year > this_year or year < this_year - 130:
        raise ValidationError(
            _("Chữ số thứ 4 đến 6 của số CCCD (thế kỷ, giới tính, năm sinh) không hợp lệ."),
            code="birth",
        )
    return number


def validate_tax_code(value: str) -> str:
    """Return a normalised tax code (10 digits, or 10-3 for a branch) or raise ValidationError."""
    code = re.sub(r"\s+", "", value or "")
    if not re.fullmatch(r"\d{10}(-\d{3})?", code):
        raise ValidationError(
            _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (chi nhánh)."),
            code="tax_code",
        )
    return code


def validate_phone(value: str) -> str:
    """Vietnamese mobile number: 10 digits starting with 0 (or +84 followed by 9 digits)."""
    phone = re.sub(r"[\s.\-]", "", value or "")
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    if not re.fullmatch(r"0[35789]\d{8}", phone):
        raise ValidationError(
            _("Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."),
            code="phone",
        )
    return phone
