# ruff: noqa: S608 — SQL built only from identifiers in code (counters.py, model tables); values are parameters
"""Keeping the rollups: incremental update of one dossier, and the full rebuild.

One SQL text (built from counters.COUNTERS) turns fact rows into rollup rows, for the rebuild
(every fact) and for an update (one fact, subtracted before it changes and added after), so
that incremental rollups equal a rebuild by construction.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction
from django.db.models import Max

from cchc.dossiers.models import Dossier

from .cache import bump
from .counters import COUNTERS, DAY_COLUMNS
from .facts import FACT_FIELDS, Catalogue, facts_between
from .models import AgencyDay, AgencyMonth, DossierFact, ProcedureDay, ProcedureMonth, Rollup

log = logging.getLogger(__name__)

_FACT_TABLE = DossierFact._meta.db_table
_COLUMNS = [c.name for c in COUNTERS]


@dataclass(frozen=True)
class Table:
    model: type[Rollup]
    keys: tuple[str, ...]  # besides day
    monthly: bool

    @property
    def name(self) -> str:
        return self.model._meta.db_table


TABLES = (
    Table(ProcedureDay, ("agency_id", "unit_id", "procedure_id", "channel"), False),
    Table(ProcedureMonth, ("agency_id", "unit_id", "procedure_id", "channel"), True),
    Table(AgencyDay, ("agency_id", "unit_id"), False),
    Table(AgencyMonth, ("agency_id", "unit_id"), True),
)


def _month(expression: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {expression}) AS date)"
    return f"date({expression}, 'start of month')"


def _contributions(keys: tuple[str, ...], monthly: bool, where: str) -> str:
    """SELECT of (day, keys…, counters…) rows, one per (fact, day role), before grouping."""
    parts = []
    for day_column in DAY_COLUMNS:
        day = _month(f"f.{day_column}") if monthly else f"f.{day_column}"
        values = ", ".join(
            f"{c.expression} AS {c.name}" if c.day == day_column else f"0 AS {c.name}"
            for c in COUNTERS
        )
        key_list = ", ".join(f"f.{k}" for k in keys)
        parts.append(
            f"SELECT {day} AS day, {key_list}, {values} FROM {_FACT_TABLE} f "
            f"WHERE f.{day_column} IS NOT NULL{where}"
        )
    return " UNION ALL ".join(parts)


def _upsert_sql(table: Table, where: str, sign: int) -> str:
    keys = ", ".join(table.keys)
    sums = ", ".join(f"{sign} * SUM(x.{name})" for name in _COLUMNS)
    conflict = ["day", "agency_id"] + (
        ["procedure_id", "channel"] if "channel" in table.keys else []
    )
    updates = ", ".join(f"{name} = {table.name}.{name} + excluded.{name}" for name in _COLUMNS)
    return (
        f"INSERT INTO {table.name} (day, {keys}, {', '.join(_COLUMNS)}) "
        f"SELECT x.day, {', '.join('x.' + k for k in table.keys)}, {sums} "
        f"FROM ({_contributions(table.keys, table.monthly, where)}) x WHERE 1 = 1 "
        f"GROUP BY x.day, {', '.join('x.' + k for k in table.keys)} "
        # Rows in key order, so that two refreshes meeting on rows take them in one order.
        f"ORDER BY x.day, {', '.join('x.' + k for k in table.keys)} "
        f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates}"
    )


_SQL_CACHE: dict[tuple[str, str, int], str] = {}


def _apply(fact_where: str, params: list, sign: int) -> None:
    with connection.cursor() as cursor:
        for table in TABLES:
            key = (table.name, connection.vendor, sign)
            sql = _SQL_CACHE.get(key)
            if sql is None:
                sql = _SQL_CACHE[key] = _upsert_sql(table, fact_where, sign)
            cursor.execute(sql, params)


# --- incremental -----------------------------------------------------------------------------


# Advisory locks of the rollup refresh: (namespace, agency id). "cchc" as a 32-bit integer.
LOCK_NAMESPACE = 0x63636863
# deadlock_detected, serialization_failure: the transaction is safe to run again.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
ATTEMPTS = 5


def _retryable(exc: OperationalError) -> bool:
    return getattr(exc.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES


def refresh_dossier(dossier_id: int, catalogue: Catalogue | None = None) -> bool:
    """Bring the rollups up to date with one dossier's current state; True if they changed.

    The dossier's row is locked first, as the engine's door does, so the state read here is the
    latest committed one and two refreshes of the same dossier (two task workers) run one after
    the other: the last to finish always writes the newest facts. Refreshes of different
    dossiers of one agency share rollup rows: they are serialised per agency (`_lock_agencies`)
    and write rows in key order, and a refresh that still loses a deadlock or serialization
    check is run again from the start (issue 16 §4) rather than dropped."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _refresh(dossier_id, catalogue)
        except OperationalError as exc:
            if attempt == ATTEMPTS or not _retryable(exc):
                raise
            log.warning("rollup refresh of dossier %s retried (%s)", dossier_id, exc)
            time.sleep(random.uniform(0, 0.005 * 2**attempt))  # noqa: S311 — jitter, not secrets
    raise AssertionError("unreachable")


def _lock_agencies(agency_ids: set[int]) -> None:
    """Serialise refreshes per agency until commit: every rollup row is keyed by one agency, so
    two refreshes that could meet on a row hold the same lock, taken in ascending order (no
    cycle). PostgreSQL only; SQLite has one writer at a time anyway."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for agency_id in sorted(agency_ids):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, agency_id])


def _refresh(dossier_id: int, catalogue: Catalogue | None) -> bool:
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier_id).values_list("pk").first()
        try:
            facts = facts_between(dossier_id - 1, dossier_id, catalogue or _catalogue())
        except KeyError:  # a procedure or agency newer than the cached catalogue
            forget_catalogue()
            facts = facts_between(dossier_id - 1, dossier_id, _catalogue())
        new = facts[0] if facts else None
        old = DossierFact.objects.filter(dossier_id=dossier_id).values(*FACT_FIELDS).first()
        if old == new:
            return False
        touched = [fact for fact in (old, new) if fact is not None]
        _lock_agencies({fact["agency_id"] for fact in touched})
        transaction.on_commit(
            lambda: bump(
                "province",
                *{f"agency#{fact['agency_id']}" for fact in touched},
                *{f"unit#{fact['unit_id']}" for fact in touched},
            )
        )
        where = " AND f.dossier_id = %s"
        if old is not None:
            _apply(where, [dossier_id] * len(DAY_COLUMNS), -1)
        if new is None:
            DossierFact.objects.filter(dossier_id=dossier_id).delete()
            return True
        DossierFact.objects.update_or_create(
            dossier_id=dossier_id, defaults={k: v for k, v in new.items() if k != "dossier_id"}
        )
        _apply(where, [dossier_id] * len(DAY_COLUMNS), +1)
    return True


# The catalogue (procedures, agencies, calendar) is cached per process for a short time:
# events arrive one by one, and re-reading ~2,000 procedures for each would dominate.
_CATALOGUE: list[tuple[float, Catalogue]] = []
CATALOGUE_TTL = 60.0


def _catalogue() -> Catalogue:
    now = time.monotonic()
    if _CATALOGUE and now - _CATALOGUE[0][0] < CATALOGUE_TTL:
        return _CATALOGUE[0][1]
    catalogue = Catalogue()
    _CATALOGUE[:] = [(now, catalogue)]
    return catalogue


def forget_catalogue() -> None:
    _CATALOGUE.clear()


# --- rebuild ---------------------------------------------------------------------------------


@dataclass
class RebuildReport:
    dossiers: int = 0
    facts: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _pages(last_id: int, size: int) -> Iterator[tuple[int, int]]:
    lo = 0
    while lo < last_id:
        yield lo, min(lo + size, last_id)
        lo += size


def _write_facts(rows: list[dict]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        columns = ", ".join(FACT_FIELDS)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3: COPY is ~10× faster than INSERT for bulk rows
            with raw.copy(f"COPY {_FACT_TABLE} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[name] for name in FACT_FIELDS])
        return
    DossierFact.objects.bulk_create([DossierFact(**row) for row in rows], batch_size=500)


def _truncate() -> None:
    tables = [_FACT_TABLE] + [t.name for t in TABLES]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for name in tables:
                cursor.execute(f"DELETE FROM {name}")


AGGREGATE_WORK_MEM = "256MB"


def _aggregate() -> None:
    """Fill the four rollup tables from the facts: days per procedure from the facts, the
    coarser tables from the finer ones."""
    columns = ", ".join(_COLUMNS)
    sums = ", ".join(f"SUM({name})" for name in _COLUMNS)
    procedure_day, procedure_month, agency_day, agency_month = TABLES
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One hash aggregate of ~6 rows per dossier: with the default 4 MB it spills to
            # disk many times over. Local to the rebuild's transaction.
            cursor.execute(f"SET LOCAL work_mem = '{AGGREGATE_WORK_MEM}'")
        keys = ", ".join(procedure_day.keys)
        x_keys = ", ".join("x." + k for k in procedure_day.keys)
        x_sums = ", ".join(f"SUM(x.{name})" for name in _COLUMNS)
        cursor.execute(
            f"INSERT INTO {procedure_day.name} (day, {keys}, {columns}) "
            f"SELECT x.day, {x_keys}, {x_sums} "
            f"FROM ({_contributions(procedure_day.keys, False, '')}) x "
            f"GROUP BY x.day, {x_keys}"
        )
        for target, source, monthly in (
            (procedure_month, procedure_day, True),
            (agency_day, procedure_day, False),
            (agency_month, procedure_month, False),
        ):
            keys = ", ".join(target.keys)
            day = _month("day") if monthly else "day"
            cursor.execute(
                f"INSERT INTO {target.name} (day, {keys}, {columns}) "
                f"SELECT {day}, {keys}, {sums} FROM {source.name} GROUP BY {day}, {keys}"
            )
        if connection.vendor == "postgresql":
            for table in (_FACT_TABLE, *(t.name for t in TABLES)):
                cursor.execute(f"ANALYZE {table}")


def rebuild(page_size: int = 20000, progress: Callable[[str], None] | None = None) -> RebuildReport:
    """Recompute every fact and every rollup from the dossiers, in pages of `page_size` ids.

    Runs in one transaction: readers see the old rollups until it commits.
    """
    report = RebuildReport()
    started = time.monotonic()
    catalogue = Catalogue()
    last_id = Dossier.objects.aggregate(last=Max("pk"))["last"] or 0
    with transaction.atomic():
        _truncate()
        for lo, hi in _pages(last_id, page_size):
            facts = facts_between(lo, hi, catalogue)
            _write_facts(facts)
            report.facts += len(facts)
            if progress:
                progress(f"{hi}/{last_id}")
        report.seconds["facts"] = round(time.monotonic() - started, 2)
        mark = time.monotonic()
        _aggregate()
        report.seconds["aggregate"] = round(time.monotonic() - mark, 2)
        transaction.on_commit(lambda: bump("all"))
    report.dossiers = Dossier.objects.count()
    report.seconds["total"] = round(time.monotonic() - started, 2)
    forget_catalogue()
    return report
