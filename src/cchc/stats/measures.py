"""The plan's computed targets: `measure(formula, start, end, scope)` (issue 4 §2).

Every formula name used by a `measurement: computed` target of the plan files is in
`FORMULAS`. Where a formula is also a Decision 766 indicator it uses the same definition
(DOMAIN.md §6), from the same code (`indicators.py`). Values come from the daily rollups and
the (small) catalogue tables, never from the dossier table.

`Scope.sectors` narrows a measure to procedures of catalogue sectors, e.g.
`Scope("province", sectors=("land", "construction", "investment"))` for the plan's
satisfaction target on land, construction and investment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from . import indicators as ind
from .cache import cached
from .inputs import Inputs
from .query import MonthlySums, Resolved, Scope, ScopeNotFound, resolve

__all__ = ["FORMULAS", "Measurement", "Measurer", "Scope", "ScopeNotFound", "measure"]


@dataclass(frozen=True)
class Measurement:
    numerator: float | None
    denominator: float | None
    value: float | None  # percent (0–100) or a count/score; None when N/A
    unit: str  # "%", "count", "points", "days"


class Formula:
    """A percentage formula: a ratio of indicators.py over the inputs of a period and scope."""

    def __init__(self, ratio: Callable[[Inputs], ind.Ratio], doc: str) -> None:
        self.ratio = ratio
        self.__doc__ = doc

    def of(self, data: Inputs) -> Measurement:
        ratio = self.ratio(data)
        return Measurement(ratio.numerator, ratio.denominator, ratio.percent, "%")

    def __call__(self, start: date, end: date, scope: Scope) -> Measurement:
        return self.of(Inputs(start, end, resolve(scope)))


_percent = Formula


FORMULAS: dict[str, Formula] = {
    "inter_agency_electronic_routing": _percent(
        ind.electronic_routing,
        """Dossiers routed between agencies electronically ÷ dossiers needing routing between
        agencies (received in the period). Not a 766 indicator; period by NgayTiepNhan (§6).
        Every hand-over recorded on the platform is electronic (the control slip, form 06).""",
    ),
    "online_payment_procedures": _percent(
        ind.payment_integration,
        """766 3.5 (DOMAIN.md §6): fee-bearing procedures of the scope with fee data on at least
        one dossier in the period ÷ procedures with a non-zero fee in the catalogue.""",
    ),
    "online_payment_transactions": _percent(
        ind.online_payment,
        """766 3.6 (DOMAIN.md §6): dossiers paid online ÷ (dossiers of fee-bearing procedures −
        those whose every fee line is 0), received in the period.""",
    ),
    "digitised_results": _percent(
        ind.electronic_results,
        """766 4.1 (DOMAIN.md §6): dossiers of paper-result procedures with an electronic result
        file ÷ such dossiers that have a result (finished), received in the period.""",
    ),
    "online_procedures": _percent(
        ind.online_procedures,
        """766 3.1 (DOMAIN.md §6): procedures offering online service (full or partial) ÷ all
        procedures of the scope (catalogue, current state; not period-dependent).""",
    ),
    "national_portal_procedures": _percent(
        ind.national_portal_procedures,
        """Online procedures (3.1's numerator, DOMAIN.md §6) provided on the national portal ÷
        online procedures of the scope (catalogue flag).""",
    ),
    "online_dossiers": _percent(
        ind.online_share,
        """766 3.3 (DOMAIN.md §6) without the sync-rate factor: dossiers received online
        (KenhThucHien = 2 and, for paper-result procedures, an electronic result issued) ÷
        dossiers received in the period.""",
    ),
    "dossier_satisfaction": _percent(
        ind.dossier_satisfaction,
        """766 5.4 (DOMAIN.md §6): 100 % − (late-dossier rate (2.1) + rate of dossiers rated
        "Không hài lòng"). With `Scope.sectors`, only procedures of those sectors.""",
    ),
    "internal_procedures_published": _percent(
        ind.internal_procedures_published,
        """Internal procedures published ≤ 5 working days after their publishing decision (the
        766 1.2 rule, DOMAIN.md §6) ÷ active internal procedures (catalogue).""",
    ),
    "document_reuse": _percent(
        ind.reuse,
        """766 4.3 (DOMAIN.md §6): dossiers received in the period with at least one component
        reused from digitised data ÷ dossiers received in the period.""",
    ),
    "vneid_authenticated_applicants": _percent(
        ind.population_data,
        """766 4.5 (DOMAIN.md §6): dossiers whose applicant is VNeID-authenticated ÷ dossiers
        received in the period.""",
    ),
    "vneid_authenticated_online_applicants": _percent(
        ind.population_data_online,
        """766 4.5 (DOMAIN.md §6) over online dossiers: online dossiers (KenhThucHien = 2) with a
        VNeID-authenticated applicant ÷ online dossiers received in the period.""",
    ),
    "agency_service_satisfaction": _percent(
        ind.rating_satisfaction,
        """Per-dossier ratings (DOMAIN.md §7: Rất hài lòng / Hài lòng / Không hài lòng) given in
        the period: "Rất hài lòng" + "Hài lòng" ÷ all ratings.""",
    ),
    # The other 766 ratios, for targets a plan may add.
    "on_time_dossiers": _percent(ind.on_time, "766 2.1 (DOMAIN.md §6), see indicators.on_time."),
    "national_portal_sync": _percent(ind.sync_rate, "766 1.4 (DOMAIN.md §6)."),
    "digitised_dossiers": _percent(ind.digitised_dossiers, "766 4.2 (DOMAIN.md §6)."),
    "national_store_dossiers": _percent(ind.national_store, "766 4.4 (DOMAIN.md §6)."),
}


def measure(formula: str, start: date, end: date, scope: Scope) -> Measurement:
    """The value of `formula` over [start, end] (both included) in `scope`.

    KeyError for an unknown formula; ScopeNotFound for an unknown agency or unit code.
    Answers are cached (cache.py) until the scope's rollups change.
    """
    compute = FORMULAS[formula]
    resolved = resolve(scope)  # unknown codes fail even when an answer is cached
    return cached(
        _key(formula, start, end, scope),
        lambda: compute(start, end, scope),
        depends=resolved.depends(),
    )


def _key(formula: str, start: date, end: date, scope: Scope) -> str:
    return f"measure:{formula}:{start}:{end}:{scope}:{','.join(scope.sectors)}"


class Measurer:
    """`measure` for a page that needs many formulas over the same periods and scopes (the plan's
    targets, the leaders' dashboard): the rollup sums of one period and scope are read once and
    shared by every formula, instead of once per formula. Answers equal `measure`'s and share
    its result cache."""

    def __init__(self) -> None:
        self._inputs: dict[tuple[date, date, Scope], Inputs] = {}
        self._resolved: dict[Scope, Resolved] = {}
        self._monthly: dict[Scope, MonthlySums] = {}

    def _resolve(self, scope: Scope) -> Resolved:
        if scope not in self._resolved:
            self._resolved[scope] = resolve(scope)
        return self._resolved[scope]

    def inputs(self, start: date, end: date, scope: Scope) -> Inputs:
        key = (start, end, scope)
        if key not in self._inputs:

            def monthly(where: Q, by_procedure: bool, province: bool) -> MonthlySums:
                # one read of the scope's months for every period measured on this page
                if scope not in self._monthly:
                    self._monthly[scope] = MonthlySums(where, by_procedure, province)
                return self._monthly[scope]

            self._inputs[key] = Inputs(start, end, self._resolve(scope), monthly=monthly)
        return self._inputs[key]

    def measure(self, formula: str, start: date, end: date, scope: Scope) -> Measurement:
        compute = FORMULAS[formula]
        resolved = self._resolve(scope)
        return cached(
            _key(formula, start, end, scope),
            lambda: compute.of(self.inputs(start, end, scope)),
            depends=resolved.depends(),
        )
