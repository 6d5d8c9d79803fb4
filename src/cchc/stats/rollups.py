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
from .models import (
    AgencyDay,
    AgencyMonth,
    AgencyProcedureRunning,
    Counters,
    DossierFact,
    ProcedureDay,
    ProcedureMonth,
    ProvinceDay,
    ProvinceMonth,
    ProvinceProcedureDay,
    ProvinceProcedureMonth,
)

log = logging.getLogger(__name__)

_FACT_TABLE = DossierFact._meta.db_table
_COLUMNS = [c.name for c in COUNTERS]


@dataclass(frozen=True)
class Table:
    model: type[Counters]
    keys: tuple[str, ...]  # besides day
    monthly: bool
    unique: tuple[str, ...]  # the conflict target besides day
    source: type[Counters] | None = None  # the finer table the rebuild sums (None: the facts)

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    @property
    def by_agency(self) -> bool:
        return "agency_id" in self.keys


_PROCEDURE_KEYS = ("agency_id", "unit_id", "procedure_id", "channel")
_PROCEDURE_UNIQUE = ("agency_id", "procedure_id", "channel")
# In the order a refresh writes them (a fixed order: see refresh_dossier), the finer first.
_AGENCY = ("agency_id", "unit_id")
_PROCEDURE = ("procedure_id",)
TABLES = (
    Table(ProcedureDay, _PROCEDURE_KEYS, False, _PROCEDURE_UNIQUE),
    Table(ProcedureMonth, _PROCEDURE_KEYS, True, _PROCEDURE_UNIQUE, ProcedureDay),
    Table(AgencyDay, _AGENCY, False, ("agency_id",), ProcedureDay),
    Table(AgencyMonth, _AGENCY, True, ("agency_id",), ProcedureMonth),
    Table(ProvinceProcedureDay, _PROCEDURE, False, _PROCEDURE, ProcedureDay),
    Table(ProvinceProcedureMonth, _PROCEDURE, True, _PROCEDURE, ProcedureMonth),
    Table(ProvinceDay, (), False, (), AgencyDay),
    Table(ProvinceMonth, (), True, (), AgencyMonth),
)
TABLES_BY_MODEL = {table.model: table for table in TABLES}


def _month(expression: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {expression}) AS date)"
    return f"date({expression}, 'start of month')"


def _contributions(
    keys: tuple[str, ...], monthly: bool, where: str, source: str = _FACT_TABLE, sign: str = ""
) -> str:
    """SELECT of (day, keys…, counters…) rows, one per (fact, day role), before grouping;
    `sign` multiplies every counter (the incremental delta: −1 for the old fact, +1 for the
    new one)."""
    parts = []
    for day_column in DAY_COLUMNS:
        day = _month(f"f.{day_column}") if monthly else f"f.{day_column}"
        values = ", ".join(
            f"({c.expression}){sign} AS {c.name}" if c.day == day_column else f"0 AS {c.name}"
            for c in COUNTERS
        )
        key_list = "".join(f", f.{k}" for k in keys)
        parts.append(
            f"SELECT {day} AS day{key_list}, {values} FROM {source} f "
            f"WHERE f.{day_column} IS NOT NULL{where}"
        )
    return " UNION ALL ".join(parts)


def _fact_types() -> list[str]:
    """SQL types of the fact columns, for typed VALUES rows (PostgreSQL infers none for NULL)."""
    fields = {f.column: f for f in DossierFact._meta.concrete_fields}
    return [
        (
            fields[name].rel_db_type(connection)
            if name == "dossier_id"
            else fields[name].db_type(connection)
        )
        or "integer"
        for name in FACT_FIELDS
    ]


def _delta_values(rows: int) -> str:
    """The CTE `delta`: `rows` fact rows given as parameters, each FACT_FIELDS then its sign."""
    if connection.vendor == "postgresql":
        types = [*_fact_types(), "integer"]
        row = "(" + ", ".join(f"CAST(%s AS {t})" for t in types) + ")"
    else:
        row = "(" + ", ".join(["%s"] * (len(FACT_FIELDS) + 1)) + ")"
    columns = ", ".join((*FACT_FIELDS, "sign"))
    return f"delta ({columns}) AS (VALUES {', '.join([row] * rows)})"


def _delta_sql(table: Table, rows: int) -> str:
    """One upsert adding to `table` the delta of `rows` fact rows given as parameters (each
    FACT_FIELDS then its sign): its rows in key order, so two refreshes that meet on rows take
    them in the same order."""
    x_keys = "".join(f", x.{k}" for k in table.keys)
    sums = ", ".join(f"SUM(x.{name})" for name in _COLUMNS)
    updates = ", ".join(f"{name} = {table.name}.{name} + excluded.{name}" for name in _COLUMNS)
    contributions = _contributions(table.keys, table.monthly, "", "delta", " * f.sign")
    return (
        f"WITH {_delta_values(rows)} "
        f"INSERT INTO {table.name} (day{''.join(', ' + k for k in table.keys)}, "
        f"{', '.join(_COLUMNS)}) "
        f"SELECT x.day{x_keys}, {sums} FROM ({contributions}) x WHERE 1 = 1 "
        f"GROUP BY x.day{x_keys} ORDER BY x.day{x_keys} "
        f"ON CONFLICT ({', '.join(('day', *table.unique))}) DO UPDATE SET {updates}"
    )


# --- the year's running totals per agency and procedure (models.AgencyProcedureRunning) -----

RUNNING = AgencyProcedureRunning._meta.db_table
RUNNING_COUNTERS = ("finished", "processing_hours", "fee_data")
_RUNNING_KEYS = ("agency_id", "unit_id", "procedure_id")
_OFFSETS = "offsets (n) AS (VALUES " + ", ".join(f"({n})" for n in range(12)) + ")"


def _plus_months(day: str, months: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST({day} + {months} * INTERVAL '1 month' AS date)"
    return f"date({day}, '+' || {months} || ' months')"


def _month_number(day: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(MONTH FROM {day}) AS integer)"
    return f"CAST(strftime('%m', {day}) AS integer)"


def _running_sql(source: str, ctes: str, upsert: bool) -> str:
    """Rows of month m (first day) for a contribution of month m0 (`x.day`, first day) in every
    month m0 ≤ m ≤ December of its year."""
    keys = ", ".join(f"x.{k}" for k in _RUNNING_KEYS)
    month = _plus_months("x.day", "o.n")
    sql = (
        f"WITH {ctes} INSERT INTO {RUNNING} (day, {', '.join(_RUNNING_KEYS)}, "
        f"{', '.join(RUNNING_COUNTERS)}) "
        f"SELECT {month} AS m, {keys}, {', '.join(f'SUM(x.{c})' for c in RUNNING_COUNTERS)} "
        f"FROM ({source}) x JOIN offsets o ON o.n <= 12 - {_month_number('x.day')} "
        f"WHERE {' OR '.join(f'x.{c} <> 0' for c in RUNNING_COUNTERS)} "
        f"GROUP BY {month}, {keys} ORDER BY {month}, {keys}"
    )
    if upsert:
        updates = ", ".join(f"{c} = {RUNNING}.{c} + excluded.{c}" for c in RUNNING_COUNTERS)
        sql += f" ON CONFLICT (day, agency_id, procedure_id) DO UPDATE SET {updates}"
    return sql


def _running_delta_sql(rows: int) -> str:
    return _running_sql(
        _contributions(_RUNNING_KEYS, True, "", "delta", " * f.sign"),
        f"{_delta_values(rows)}, {_OFFSETS}",
        upsert=True,
    )


def _running_rebuild_sql() -> str:
    source = TABLES_BY_MODEL[ProcedureMonth].name
    return _running_sql(f"SELECT * FROM {source}", _OFFSETS, upsert=False)


_SQL_CACHE: dict[tuple[str, str, int], str] = {}


def _apply_delta(old: dict | None, new: dict | None) -> None:
    """Subtract the old fact and add the new one, in every table, one statement a table."""
    params: list = []
    for fact, sign in ((old, -1), (new, 1)):
        if fact is not None:
            params.extend(fact[name] for name in FACT_FIELDS)
            params.append(sign)
    rows = len(params) // (len(FACT_FIELDS) + 1)
    with connection.cursor() as cursor:
        for table in TABLES:
            key = (table.name, connection.vendor, rows)
            sql = _SQL_CACHE.get(key)
            if sql is None:
                sql = _SQL_CACHE[key] = _delta_sql(table, rows)
            cursor.execute(sql, params)
            if table.model is AgencyMonth:  # keyed by agency too: before the province tables
                key = (RUNNING, connection.vendor, rows)
                sql = _SQL_CACHE.get(key)
                if sql is None:
                    sql = _SQL_CACHE[key] = _running_delta_sql(rows)
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
    dossiers share rollup rows (their agency's, the province's): they are serialised per agency
    (`_lock_agencies`), and each writes its delta (new fact − old fact) with one statement a
    table, tables in a fixed order and rows in key order, so two refreshes take shared rows in
    the same order and cannot wait for each other in a cycle. A refresh that still loses a
    deadlock or serialization check is run again from the start rather than dropped (issue 16
    §4)."""
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
        _apply_delta(old, new)
        if new is None:
            DossierFact.objects.filter(dossier_id=dossier_id).delete()
        else:
            DossierFact.objects.update_or_create(
                dossier_id=dossier_id,
                defaults={k: v for k, v in new.items() if k != "dossier_id"},
            )
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
    tables = [_FACT_TABLE, RUNNING] + [t.name for t in TABLES]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for name in tables:
                cursor.execute(f"DELETE FROM {name}")


AGGREGATE_WORK_MEM = "256MB"


def _coarser_sql(target: Table) -> str:
    """INSERT of `target`'s rows summed from its finer source table (a monthly table from the
    daily one, a province table from the agency ones)."""
    assert target.source is not None
    source = TABLES_BY_MODEL[target.source]
    day = _month("day") if target.monthly and not source.monthly else "day"
    keys = "".join(f", {k}" for k in target.keys)
    return (
        f"INSERT INTO {target.name} (day{keys}, {', '.join(_COLUMNS)}) "
        f"SELECT {day}{keys}, {', '.join(f'SUM({name})' for name in _COLUMNS)} "
        f"FROM {source.name} GROUP BY {day}{keys}"
    )


def fill_summary_tables() -> None:
    """Fill the province tables and the running totals (empty) from the agency rollups: the
    migration that added them (no rebuild needed)."""
    with connection.cursor() as cursor:
        for target in TABLES:
            if not target.by_agency:
                cursor.execute(_coarser_sql(target))
        cursor.execute(_running_rebuild_sql())


def _aggregate() -> None:
    """Fill the rollup tables from the facts: days per procedure from the facts, the coarser
    tables from the finer ones."""
    procedure_day = TABLES[0]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One hash aggregate of ~6 rows per dossier: with the default 4 MB it spills to
            # disk many times over. Local to the rebuild's transaction.
            cursor.execute(f"SET LOCAL work_mem = '{AGGREGATE_WORK_MEM}'")
        keys = ", ".join(procedure_day.keys)
        x_keys = ", ".join("x." + k for k in procedure_day.keys)
        x_sums = ", ".join(f"SUM(x.{name})" for name in _COLUMNS)
        cursor.execute(
            f"INSERT INTO {procedure_day.name} (day, {keys}, {', '.join(_COLUMNS)}) "
            f"SELECT x.day, {x_keys}, {x_sums} "
            f"FROM ({_contributions(procedure_day.keys, False, '')}) x "
            f"GROUP BY x.day, {x_keys}"
        )
        for target in TABLES[1:]:
            cursor.execute(_coarser_sql(target))
        cursor.execute(_running_rebuild_sql())
        if connection.vendor == "postgresql":
            for table in (_FACT_TABLE, RUNNING, *(t.name for t in TABLES)):
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
