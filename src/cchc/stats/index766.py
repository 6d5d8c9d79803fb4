"""The service index of Decision 766/QĐ-TTg (DOMAIN.md §6): five groups, sub-indicators
scored `max × min(1, percent / threshold)`, N/A for a zero denominator, per period and scope,
and the rank of every agency or commune among its peers.

Configuration (points, thresholds) is versioned data in `index766/*.yaml`: the version valid
on the period's last day is used.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from django.db.models import Q

from cchc.org.constants import UnitLevel
from cchc.org.models import AdministrativeUnit, Agency

from . import indicators
from .cache import cached
from .counters import COUNTER_NAMES
from .inputs import Inputs, catalogue_facts
from .query import ONE_DAY, Resolved, Scope, cumulative, flows, per_procedure_totals, resolve

CONFIG_DIR = Path(__file__).parent / "index766"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class IndicatorConfig:
    code: str
    name: str
    max: Decimal
    threshold: Decimal
    compute: str
    held: bool


@dataclass(frozen=True)
class Config:
    version: str
    valid_from: datetime.date
    groups: tuple[tuple[str, str, Decimal, tuple[IndicatorConfig, ...]], ...]


@cache
def configs() -> tuple[Config, ...]:
    """Every configuration version, oldest first."""
    found = []
    for path in sorted(CONFIG_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        groups = tuple(
            (
                str(g["code"]),
                g["name"],
                Decimal(str(g["max"])),
                tuple(
                    IndicatorConfig(
                        code=str(i["code"]),
                        name=i["name"],
                        max=Decimal(str(i["max"])),
                        threshold=Decimal(str(i["threshold"])),
                        compute=i.get("compute", ""),
                        held=i.get("held", True),
                    )
                    for i in g["indicators"]
                ),
            )
            for g in data["groups"]
        )
        found.append(Config(str(data["version"]), data["valid_from"], groups))
    return tuple(sorted(found, key=lambda c: c.valid_from))


def config_for(day: datetime.date) -> Config:
    valid = [c for c in configs() if c.valid_from <= day]
    return valid[-1] if valid else configs()[0]


def _decimal(value: Decimal) -> float:
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def score(data: Inputs, config: Config) -> dict[str, Any]:
    """The index of one scope, in the API's shape (without scope/from/to)."""
    groups = []
    total = total_max = Decimal(0)
    for code, name, _group_max, items in config.groups:
        rows = []
        group_score = group_max = Decimal(0)
        for item in items:
            row: dict[str, Any] = {
                "code": item.code,
                "name": item.name,
                "numerator": None,
                "denominator": None,
                "percent": None,
                "threshold": float(item.threshold),
                "score": None,
                "max": float(item.max),
            }
            if item.held:
                ratio = getattr(indicators, item.compute)(data)
                row.update(numerator=ratio.numerator, denominator=ratio.denominator)
                if ratio.percent is not None:
                    share = min(Decimal(1), Decimal(str(ratio.percent)) / item.threshold)
                    points = (item.max * share).quantize(CENT, rounding=ROUND_HALF_UP)
                    row.update(percent=ratio.percent, score=float(points))
                    group_score += points
                    group_max += item.max
            rows.append(row)
        groups.append(
            {
                "code": code,
                "name": name,
                "score": _decimal(group_score),
                "max": _decimal(group_max),
                "indicators": rows,
            }
        )
        total += group_score
        total_max += group_max
    return {"total": _decimal(total), "max": _decimal(total_max), "groups": groups}


def index_766(start: datetime.date, end: datetime.date, scope: Scope) -> dict[str, Any]:
    """`GET /api/v1/indices/766` (issue 4 §3), cached until the scope's rollups change.
    ScopeNotFound for an unknown code."""
    resolved = resolve(scope)

    def compute() -> dict[str, Any]:
        data = Inputs(start, end, resolved)
        return {
            "scope": str(scope),
            "from": start.isoformat(),
            "to": end.isoformat(),
            **score(data, config_for(end)),
        }

    return cached(f"766:{start}:{end}:{scope}:{scope.sectors}", compute, depends=resolved.depends())


def ranking(
    start: datetime.date, end: datetime.date, level: Literal["agency", "unit"]
) -> list[dict[str, Any]]:
    """See `_ranking`; cached until any rollup changes (cache.py)."""
    return cached(
        f"766-ranking:{start}:{end}:{level}",
        lambda: _ranking(start, end, level),
        depends=("province",),
    )


def _ranking(
    start: datetime.date, end: datetime.date, level: Literal["agency", "unit"]
) -> list[dict[str, Any]]:
    """Every agency (or commune) with dossiers or procedures, ranked by its share of the
    points it could score (total ÷ max: N/A indicators count neither way), best first.

    Reads the rollups once per table grouped by agency/unit, not once per peer.
    """
    catalogue = catalogue_facts()
    config = config_for(end)
    column = "agency_id" if level == "agency" else "unit_id"
    if level == "agency":
        peers: dict[int, Any] = {a.pk: a for a in Agency.objects.filter(is_active=True)}
    else:
        peers = {u.pk: u for u in AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)}
    everything = Q()
    period = flows(start, end, everything, group=column)
    stock_end = cumulative(end, everything, group=column)
    stock_before = cumulative(start - ONE_DAY, everything, group=column)
    per_procedure: dict[int, dict[int, dict[str, float]]] = {}
    fee_data: dict[int, set[int]] = {}
    for (pk, procedure_id), values in per_procedure_totals(start, end, column).items():
        per_procedure.setdefault(pk, {})[procedure_id] = values
        if values["fee_data"] > 0:
            fee_data.setdefault(pk, set()).add(procedure_id)
    zero_flows = dict.fromkeys(COUNTER_NAMES, 0)
    zero_stock = {"received": 0, "ended": 0, "window_closed": 0}
    agencies_by_unit: dict[int, list[Agency]] = {}
    if level == "unit":
        for agency in Agency.objects.filter(unit_id__in=list(peers)):
            agencies_by_unit.setdefault(agency.unit_id, []).append(agency)
    rows = []
    for pk, peer in peers.items():
        if level == "agency":
            scope = Scope("agency", peer.code)
            resolved = Resolved(scope, frozenset({pk}), None)
        else:
            scope = Scope("unit", peer.code)
            resolved = Resolved(scope, None, frozenset({pk}))
        data = Inputs(start, end, resolved, catalogue)
        data.__dict__.update(
            flows=period.get(pk, zero_flows),
            stock_end=stock_end.get(pk, zero_stock),
            stock_before=stock_before.get(pk, zero_stock),
            per_procedure=per_procedure.get(pk, {}),
            fee_data_procedures=fee_data.get(pk, set()),
        )
        # the catalogue facts are in memory: no query per peer
        peer_agencies = [peer] if level == "agency" else agencies_by_unit.get(pk, [])
        data.__dict__["procedures"] = catalogue.for_agencies(peer_agencies)
        if pk not in period and not data.procedures:
            continue  # nothing to score: no dossiers, no procedures
        result = score(data, config)
        share = result["total"] / result["max"] * 100 if result["max"] else None
        rows.append(
            {
                "code": peer.code,
                "name": peer.name,
                "total": result["total"],
                "max": result["max"],
                "percent": round(share, 2) if share is not None else None,
            }
        )
    rows.sort(key=lambda r: (r["percent"] is None, -(r["percent"] or 0), r["code"]))
    rank = 0
    previous: float | None = None
    for position, row in enumerate(rows, start=1):
        if row["percent"] != previous:
            rank, previous = position, row["percent"]
        row["rank"] = rank if row["percent"] is not None else None
    return rows
