"""The scopes a target is shown for: the province, each provincial agency, each commune and —
for periods before 1 July 2025 — each district (DOMAIN.md §1).

Scope keys are those of the stats app: ``province``, ``agency:<code>``, ``unit:<code>``.
A unit is listed for a period when its validity dates meet the period, so 2024 shows the old
communes and districts, 2026 the 124 merged communes, and 2025 both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _

from cchc.org.constants import UnitLevel
from cchc.org.models import AdministrativeUnit, Agency
from cchc.stats.query import Scope, ScopeNotFound, resolve

from .periods import Period
from .permissions import province_agencies

NEWEST_FIRST = F("valid_from").desc(nulls_last=True)
_KEY = re.compile(r"^(province|agency:[\w.\-]{1,40}|unit:\d{2,10})$")


class ScopeError(ValueError):
    pass


@dataclass(frozen=True)
class ScopeOption:
    key: str
    name: str
    kind: str  # province | agency | commune | district


def check_scope(key: str) -> str:
    key = (key or "province").strip()
    if not _KEY.match(key):
        raise ScopeError(key)
    # An unknown code is refused here, as the stats would refuse it later (ScopeNotFound → 500):
    # the stats' own parser and resolver decide, so the two never disagree.
    try:
        resolve(Scope.parse(key))
    except (ValueError, ScopeNotFound):
        raise ScopeError(key) from None
    return key


def _units(level: str, period: Period) -> list[ScopeOption]:
    seen: dict[str, ScopeOption] = {}
    units = AdministrativeUnit.objects.filter(level=level).order_by(NEWEST_FIRST)
    for unit in units:
        if unit.code in seen or not period.overlaps(unit.valid_from, unit.valid_to):
            continue
        seen[unit.code] = ScopeOption(
            f"unit:{unit.code}", f"{unit.kind.capitalize()} {unit.name}", level
        )
    return sorted(seen.values(), key=lambda o: o.name)


def agencies() -> list[ScopeOption]:
    return [ScopeOption(f"agency:{a.code}", a.name, "agency") for a in province_agencies()]


def communes(period: Period) -> list[ScopeOption]:
    return _units(UnitLevel.COMMUNE, period)


def districts(period: Period) -> list[ScopeOption]:
    """Districts existed until 30 June 2025; a later period has none."""
    return _units(UnitLevel.DISTRICT, period)


def scope_name(key: str) -> str:
    if key == "province":
        return _("Toàn tỉnh")
    scope = Scope.parse(key)
    kind, code = scope.kind, scope.code
    if kind == "agency":
        agency = Agency.objects.filter(code=code).first()
        return agency.name if agency else code
    unit = AdministrativeUnit.objects.filter(code=code).order_by(NEWEST_FIRST).first()
    return f"{unit.kind.capitalize()} {unit.name}" if unit else code


BREAKDOWNS = {"agencies", "communes", "districts"}


def breakdown_options(kind: str, period: Period) -> list[ScopeOption]:
    if kind == "agencies":
        return agencies()
    if kind == "communes":
        return communes(period)
    if kind == "districts":
        return districts(period)
    raise ScopeError(kind)
