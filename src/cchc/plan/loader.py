"""Read a plan file (YAML, `plans/*.yaml`) and load it into the database, idempotently.

Every target must say how it is measured: `computed` with a named formula over platform data,
or `reported` with the agency that reports it, how often, and what evidence it attaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from cchc.stats.cache import bump

from .constants import Comparator, Frequency, MeasurementKind, ScopeLevel
from .models import Plan, PlanArea, Target

PLANS_DIR = Path(__file__).parent / "plans"


class PlanFileError(ValueError):
    """A plan file that cannot be loaded; names the target and the field."""


@dataclass(frozen=True)
class LoadResult:
    plan: Plan
    targets: int
    removed: int


def read_plan_file(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    if not isinstance(document, dict) or "plan" not in document or "targets" not in document:
        raise PlanFileError(f"{path.name}: expected the keys 'plan' and 'targets'")
    return document


def _decimal(value: Any, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise PlanFileError(f"{where}: not a number: {value!r}") from None


def _choice(value: Any, choices: Any, where: str) -> str:
    if value not in choices.values:
        raise PlanFileError(f"{where}: {value!r} is not one of {', '.join(choices.values)}")
    return str(value)


def target_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The model fields of one target entry, checked."""
    key = item.get("id")
    if not key or not isinstance(key, str):
        raise PlanFileError("a target without an id")
    where = f"target {key}"
    for name in ("text", "metric", "unit"):
        if not item.get(name):
            raise PlanFileError(f"{where}: missing {name}")
    comparator = _choice(item.get("comparator"), Comparator, f"{where}.comparator")
    value_max = item.get("value_max")
    if comparator == Comparator.RANGE and value_max is None:
        raise PlanFileError(f"{where}: a range needs value_max")
    year = item.get("year")
    if year not in (2025, 2030):
        raise PlanFileError(f"{where}: year must be 2025 or 2030")
    scope = item.get("scope") or {}
    measurement = item.get("measurement") or {}
    kind = _choice(measurement.get("kind"), MeasurementKind, f"{where}.measurement.kind")
    fields: dict[str, Any] = {
        "text": item["text"],
        "metric": item["metric"],
        "comparator": comparator,
        "value": _decimal(item.get("value"), f"{where}.value"),
        "value_max": None if value_max is None else _decimal(value_max, f"{where}.value_max"),
        "unit": item["unit"],
        "year": year,
        "scope_level": _choice(scope.get("level", "province"), ScopeLevel, f"{where}.scope.level"),
        "sectors": list(scope.get("sectors") or []),
        "baseline": item.get("baseline"),
        "measurement": kind,
        "formula": "",
        "index_766": str(measurement.get("index_766") or ""),
        "reporting_agency": "",
        "frequency": "",
        "evidence": "",
    }
    if kind == MeasurementKind.COMPUTED:
        if not measurement.get("formula"):
            raise PlanFileError(f"{where}: a computed target needs a formula")
        fields["formula"] = measurement["formula"]
    else:
        for name in ("agency", "frequency", "evidence"):
            if not measurement.get(name):
                raise PlanFileError(f"{where}: a reported target needs {name}")
        fields["reporting_agency"] = measurement["agency"]
        fields["frequency"] = _choice(measurement["frequency"], Frequency, f"{where}.frequency")
        fields["evidence"] = measurement["evidence"]
    return fields


@transaction.atomic
def load_plan(path: Path) -> LoadResult:
    document = read_plan_file(path)
    head = document["plan"]
    plan, _ = Plan.objects.update_or_create(
        code=head["code"],
        version=int(head.get("version", 1)),
        defaults={
            "name": head["name"],
            "province": str(head["province"]),
            "source": head.get("source", ""),
        },
    )
    areas = {}
    for area in head.get("areas", []):
        areas[int(area["number"])], _ = PlanArea.objects.update_or_create(
            plan=plan, number=int(area["number"]), defaults={"name": area["name"]}
        )
    keys = []
    for item in document["targets"]:
        fields = target_fields(item)
        area = areas.get(item.get("area"))
        if area is None:
            raise PlanFileError(f"target {item['id']}: unknown area {item.get('area')!r}")
        if item["id"] in keys:
            raise PlanFileError(f"target {item['id']}: duplicate id")
        keys.append(item["id"])
        Target.objects.update_or_create(
            plan=plan, key=item["id"], defaults={**fields, "area": area}
        )
    removed, _ = Target.objects.filter(plan=plan).exclude(key__in=keys).delete()
    transaction.on_commit(lambda: bump("plan"))
    return LoadResult(plan=plan, targets=len(keys), removed=removed)
