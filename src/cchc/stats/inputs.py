"""The numbers an indicator is computed from, for one scope or for every agency/commune at
once (rankings): period sums and stocks from the rollups, and catalogue facts (small tables).

Everything is read lazily and once, so a caller that needs one formula pays for one query.
"""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q

from cchc.catalogue.constants import ONLINE_MODES, DurationUnit, ProcedureLevel
from cchc.catalogue.models import Procedure
from cchc.catalogue.selectors import fee_bearing_procedure_ids
from cchc.org.models import Agency
from cchc.workcalendar.calendar import WorkCalendar
from cchc.workcalendar.selectors import province_calendar

from .query import ONE_DAY, MonthlySums, Resolved, flows

_HOURS_PER_UNIT: dict[str, float] = {
    DurationUnit.WORKING_DAYS: 8.0,
    DurationUnit.WORKING_HOURS: 1.0,
    DurationUnit.CALENDAR_DAYS: 24.0,
    DurationUnit.SAME_DAY: 8.0,
}


def working_days_between(cal: WorkCalendar, a: datetime.date, b: datetime.date) -> int:
    """Working days d with a <= d < b (negative when b < a)."""
    if b < a:
        return -working_days_between(cal, b, a)
    count, day = 0, a
    while day < b:
        count += cal.is_working_day(day)
        day += ONE_DAY
    return count


@dataclass(frozen=True)
class ProcedureFacts:
    id: int
    level: str
    competent_kind: str
    online: bool
    on_portal: bool
    fee_bearing: bool
    internal: bool
    complete: bool  # 1.3: the seven publication parts
    decision_date: datetime.date | None
    effective_date: datetime.date | None
    published_date: datetime.date | None
    legal_hours: float
    sectors: tuple[str, ...]


class CatalogueFacts:
    """The procedure catalogue as the indicators see it (DOMAIN.md §6, 1.1–1.3, 3.1, 3.5)."""

    def __init__(self) -> None:
        fee_bearing = fee_bearing_procedure_ids()
        self.by_agency: dict[int, set[int]] = defaultdict(set)
        for procedure_id, agency_id in Procedure.agencies.through.objects.values_list(
            "procedure_id", "agency_id"
        ):
            self.by_agency[agency_id].add(procedure_id)
        self.procedures: dict[int, ProcedureFacts] = {}
        rows = Procedure.objects.filter(is_active=True).annotate(
            n_documents=Count("documents", distinct=True),
            n_agencies=Count("agencies", distinct=True),
        )
        for p in rows:
            parts = (
                p.name,
                p.sequence,
                p.method,
                p.n_documents,
                p.duration > 0 or p.duration_unit == DurationUnit.SAME_DAY,
                p.applicants,
                p.n_agencies or p.competent_agency_kind,
            )
            self.procedures[p.pk] = ProcedureFacts(
                id=p.pk,
                level=p.level,
                competent_kind=p.competent_agency_kind,
                online=p.service_mode in ONLINE_MODES,
                on_portal=p.on_national_portal,
                fee_bearing=p.pk in fee_bearing,
                internal=p.is_internal,
                complete=all(bool(part) for part in parts),
                decision_date=p.decision_date,
                effective_date=p.effective_date,
                published_date=p.published_date,
                legal_hours=float(p.duration) * _HOURS_PER_UNIT.get(p.duration_unit, 8.0)
                if p.duration_unit != DurationUnit.SAME_DAY
                else 8.0,
                sectors=tuple(p.sectors or ()),
            )
        self.commune_level = {
            pid for pid, p in self.procedures.items() if p.level == ProcedureLevel.COMMUNE
        }

    def for_agencies(self, agencies: list[Agency] | None) -> set[int]:
        """Active procedures of the scope: all (province), or those the agencies are competent
        for — named in the catalogue, or commune-level ones of the agency's kind."""
        if agencies is None:
            return set(self.procedures)
        found: set[int] = set()
        kinds = {a.kind for a in agencies}
        for agency in agencies:
            found |= self.by_agency.get(agency.pk, set())
        found |= {pid for pid in self.commune_level if self.procedures[pid].competent_kind in kinds}
        return found & set(self.procedures)

    def in_sectors(self, sectors: tuple[str, ...]) -> set[int]:
        wanted = set(sectors)
        return {pid for pid, p in self.procedures.items() if wanted & set(p.sectors)}


_CACHE: list[tuple[float, CatalogueFacts]] = []
CATALOGUE_TTL = 60.0


def catalogue_facts() -> CatalogueFacts:
    """The catalogue facts, rebuilt at most once a minute per process: the catalogue changes
    rarely, and reading ~2,000 procedures on every index request would dominate its cost. Not
    tied to the result cache (`CCHC_STATS_CACHE_SECONDS=0` must not make every request read
    the catalogue); a change of the catalogue is forgotten at once in the process that made it
    (receivers.py)."""
    now = time.monotonic()
    if _CACHE and now - _CACHE[0][0] < CATALOGUE_TTL:
        return _CACHE[0][1]
    facts = CatalogueFacts()
    _CACHE[:] = [(now, facts)]
    return facts


def forget_catalogue_facts() -> None:
    """Forget the catalogue both here and in the rollup refresh (rollups.py)."""
    from .rollups import forget_catalogue

    _CACHE.clear()
    forget_catalogue()


class Inputs:
    """Lazily read inputs of the indicators for one scope and period."""

    def __init__(
        self,
        start: datetime.date,
        end: datetime.date,
        resolved: Resolved,
        catalogue: CatalogueFacts | None = None,
        monthly: Callable[[Q, bool, bool], MonthlySums] | None = None,
    ):
        """`monthly(where, by_procedure, province)`, when given, supplies the scope's monthly
        sums shared with other periods (measures.Measurer); else they are read here, once for
        the period's sums and both stocks."""
        self.start, self.end, self.resolved = start, end, resolved
        self._catalogue = catalogue
        self.sector_procedures: set[int] | None = None
        if resolved.scope.sectors:
            self.sector_procedures = self.catalogue.in_sectors(resolved.scope.sectors)
        self.where = resolved.rollup_filter()
        if self.sector_procedures is not None:
            self.where &= Q(procedure_id__in=self.sector_procedures)
        self.by_procedure = self.sector_procedures is not None
        self.province = resolved.scope.kind == "province"
        self._monthly_factory = monthly

    @cached_property
    def catalogue(self) -> CatalogueFacts:
        return self._catalogue or catalogue_facts()

    @cached_property
    def cal(self) -> WorkCalendar:
        return province_calendar()

    @cached_property
    def monthly(self) -> MonthlySums:
        """The scope's months in one query: the period's sums and both stocks come from it."""
        factory = self._monthly_factory or MonthlySums
        return factory(self.where, self.by_procedure, self.province)

    @cached_property
    def flows(self) -> dict[str, float]:
        return self.monthly.flows(self.start, self.end)

    @cached_property
    def stock_end(self) -> dict[str, float]:
        return self.monthly.cumulative(self.end)

    @cached_property
    def stock_before(self) -> dict[str, float]:
        return self.monthly.cumulative(self.start - ONE_DAY)

    @cached_property
    def per_procedure(self) -> dict[int, dict[str, float]]:
        """finished, processing_hours (2.2) and fee_data (3.5) per procedure, one read."""
        rows = flows(
            self.start,
            self.end,
            self.where,
            names=("finished", "processing_hours", "fee_data"),
            by_procedure=True,
            group="procedure_id",
            province=self.province,
        )
        return {int(pid): values for pid, values in rows.items()}  # type: ignore[call-overload]

    @cached_property
    def fee_data_procedures(self) -> set[int]:
        """Procedures with fee data on a dossier of the period (the sums are counts, never
        negative: a positive sum is a positive row)."""
        return {pid for pid, values in self.per_procedure.items() if values["fee_data"] > 0}

    @cached_property
    def procedures(self) -> set[int]:
        """The scope's active procedures (catalogue)."""
        agencies = None if self.resolved.scope.kind == "province" else self.resolved.agencies()
        found = self.catalogue.for_agencies(agencies)
        if self.sector_procedures is not None:
            found &= self.sector_procedures
        return found
