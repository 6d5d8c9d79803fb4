"""The summary tables (the province's own rollups, the year's running totals per agency and
procedure) equal a direct computation from the agency rollups, incrementally and after a
rebuild; the result cache follows writes through its version keys (issue 16 §2)."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest
from django.db import connection
from django.db.models import Q, Sum
from django.test import override_settings

from cchc.stats.counters import COUNTER_NAMES
from cchc.stats.index766 import _ranking, index_766, ranking
from cchc.stats.models import (
    AgencyDay,
    AgencyMonth,
    AgencyProcedureRunning,
    ProcedureDay,
    ProcedureMonth,
    ProvinceDay,
    ProvinceMonth,
    ProvinceProcedureDay,
    ProvinceProcedureMonth,
)
from cchc.stats.query import flows, per_procedure_totals
from cchc.stats.rollups import fill_summary_tables, rebuild

from .test_rollups import run_a_week

D = datetime.date
RUNNING = ("finished", "processing_hours", "fee_data")


def _rows(model, keys, names=COUNTER_NAMES) -> dict:
    """Rows that count something, keyed by `keys`, counters rounded (float sums)."""
    found = {}
    for row in model.objects.values(*keys).annotate(**{n: Sum(n) for n in names}).order_by():
        values = tuple(round(row[n] or 0, 6) for n in names)
        if any(values):
            found[tuple(row[k] for k in keys)] = values
    return found


def _running_by_hand() -> dict:
    """The running totals computed directly: for each month of each year, the sums per agency
    and procedure of that year's months up to it."""
    monthly: dict = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in ProcedureMonth.objects.values("day", "agency_id", "procedure_id", *RUNNING):
        bucket = monthly[(row["day"], row["agency_id"], row["procedure_id"])]
        for i, name in enumerate(RUNNING):
            bucket[i] += row[name]
    running: dict = defaultdict(lambda: [0.0, 0.0, 0.0])
    for (day, agency, procedure), values in monthly.items():
        for month in range(day.month, 13):
            bucket = running[(D(day.year, month, 1), agency, procedure)]
            for i in range(3):
                bucket[i] += values[i]
    return {k: tuple(round(v, 6) for v in vs) for k, vs in running.items() if any(vs)}


def summaries() -> dict:
    return {
        "ProvinceDay": _rows(ProvinceDay, ["day"]),
        "ProvinceMonth": _rows(ProvinceMonth, ["day"]),
        "ProvinceProcedureDay": _rows(ProvinceProcedureDay, ["day", "procedure_id"]),
        "ProvinceProcedureMonth": _rows(ProvinceProcedureMonth, ["day", "procedure_id"]),
        "running": _rows(AgencyProcedureRunning, ["day", "agency_id", "procedure_id"], RUNNING),
    }


def by_hand() -> dict:
    return {
        "ProvinceDay": _rows(AgencyDay, ["day"]),
        "ProvinceMonth": _rows(AgencyMonth, ["day"]),
        "ProvinceProcedureDay": _rows(ProcedureDay, ["day", "procedure_id"]),
        "ProvinceProcedureMonth": _rows(ProcedureMonth, ["day", "procedure_id"]),
        "running": _running_by_hand(),
    }


def test_summaries_follow_events_and_equal_a_direct_computation_and_a_rebuild(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    incremental = summaries()
    assert incremental["ProvinceDay"] and incremental["running"], "events must reach them"
    # a dossier finished in March counts in the running totals of March to December
    assert {day.month for day, _a, _p in incremental["running"]} == set(range(3, 13))
    assert incremental == by_hand()
    rebuild(page_size=2)
    assert summaries() == incremental


def test_the_migration_fills_the_summaries_from_existing_rollups(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    expected = summaries()
    for model in (
        ProvinceDay,
        ProvinceMonth,
        ProvinceProcedureDay,
        ProvinceProcedureMonth,
        AgencyProcedureRunning,
    ):
        model.objects.all().delete()
    fill_summary_tables()
    assert summaries() == expected


@pytest.mark.parametrize(
    "period",
    [
        (D(2026, 1, 1), D(2026, 11, 30)),  # whole months of one year: one month's rows
        (D(2026, 3, 1), D(2026, 3, 31)),  # one month: March minus February
        (D(2026, 3, 3), D(2026, 3, 5)),  # days only
        (D(2026, 2, 15), D(2026, 4, 10)),  # edges and a whole month
        (D(2025, 7, 1), D(2026, 6, 30)),  # across a new year
        (D(2026, 4, 1), D(2026, 12, 31)),  # after every event
    ],
)
def test_per_procedure_totals_equal_the_monthly_and_daily_sums(
    world, django_capture_on_commit_callbacks, period
):
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    for group in ("agency_id", "unit_id"):
        direct = flows(
            *period,
            Q(),
            names=RUNNING,
            by_procedure=True,
            group=(group, "procedure_id"),
        )
        expected = {k: v for k, v in direct.items() if any(v.values())}
        found = {k: v for k, v in per_procedure_totals(*period, group).items() if any(v.values())}
        assert found == expected, group
    if period == (D(2026, 1, 1), D(2026, 11, 30)):
        assert found, "the year's dossiers must be there"


def test_a_write_is_seen_at_once_with_the_result_cache_on(
    world, django_capture_on_commit_callbacks
):
    """The cache is on (a minute); the second read is answered from it, yet a dossier received
    in between shows at once: the refresh bumped the scope's version after its commit."""
    from cchc.dossiers import services
    from cchc.dossiers.services import ApplicantData
    from cchc.stats.query import Scope
    from cchc_testkit.world import vn

    period = (D(2026, 3, 1), D(2026, 3, 31))

    def received(index) -> float:
        rows = {i["code"]: i for g in index["groups"] for i in g["indicators"]}
        return rows["1.4"]["denominator"]  # 1.4: ÷ dossiers received

    def intake(day):
        with django_capture_on_commit_callbacks(execute=True):
            services.intake_at_counter(
                world.receiving,
                world.centre,
                world.procedure,
                ApplicantData(name="Nguyễn Thị Hoà"),
                at=vn(2026, 3, day, 9, 0),
            )

    with override_settings(STATS_CACHE_SECONDS=60):
        intake(2)
        scopes = (Scope("province"), Scope.parse("agency:H60.22"))
        assert [received(index_766(*period, s)) for s in scopes] == [1, 1]
        first_ranking = ranking(*period, "agency")
        # Rows changed behind the cache's back (no refresh, no version bump): still cached.
        march = D(2026, 3, 1)
        for model in (AgencyMonth, ProvinceMonth):
            model.objects.filter(day=march).update(received=99)
        assert [received(index_766(*period, s)) for s in scopes] == [1, 1]
        assert ranking(*period, "agency") == first_ranking
        for model in (AgencyMonth, ProvinceMonth):
            model.objects.filter(day=march).update(received=1)
        intake(3)  # through the door: the refresh bumps the versions
        assert [received(index_766(*period, s)) for s in scopes] == [2, 2]
        assert ranking(*period, "agency") == _ranking(*period, "agency")


def test_the_result_cache_can_be_turned_off(world, django_capture_on_commit_callbacks):
    from cchc.stats.query import Scope

    period = (D(2026, 3, 1), D(2026, 3, 31))
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    with override_settings(STATS_CACHE_SECONDS=0):
        before = index_766(*period, Scope("province"))
        ProvinceMonth.objects.update(received=0)
        assert index_766(*period, Scope("province")) != before  # computed again, not kept


def test_province_reads_use_the_province_tables(world, django_capture_on_commit_callbacks):
    """The province's figures come from its own tables: a few rows a month, not one per
    agency (checked by what the query touches)."""
    from django.test.utils import CaptureQueriesContext

    from cchc.stats.inputs import Inputs
    from cchc.stats.query import Scope, resolve

    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    data = Inputs(D(2026, 1, 1), D(2026, 11, 30), resolve(Scope("province")))
    with CaptureQueriesContext(connection) as queries:
        assert data.flows["received"] == 6
        assert data.per_procedure
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "stats_provincemonth" in tables and "stats_provinceproceduremonth" in tables
    assert "stats_agencymonth" not in tables and "stats_proceduremonth" not in tables


PERIODS = [
    (D(2026, 1, 1), D(2026, 11, 30)),
    (D(2026, 3, 1), D(2026, 3, 31)),
    (D(2026, 3, 3), D(2026, 3, 5)),
    (D(2026, 2, 15), D(2026, 4, 10)),
    (D(2025, 7, 1), D(2026, 6, 30)),
    (D(2026, 3, 4), D(2026, 12, 31)),
]


def test_monthly_sums_equal_the_direct_sums(world, django_capture_on_commit_callbacks):
    from cchc.stats.query import MonthlySums, Scope, cumulative, resolve

    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    cases = [
        (Q(), False, True),  # the province
        (resolve(Scope.parse("agency:H60.22")).rollup_filter(), False, False),
        (resolve(Scope.parse("unit:02215")).rollup_filter(), False, False),
        (Q(procedure_id__in=[world.land_procedure.pk]), True, True),  # a sector
    ]
    for where, by_procedure, province in cases:
        sums = MonthlySums(where, by_procedure, province)
        for start, end in PERIODS:
            args = {"by_procedure": by_procedure, "province": province}
            assert sums.flows(start, end) == pytest.approx(
                flows(start, end, where, **args)[None]
            ), (where, start, end)
            for day in (end, start - datetime.timedelta(days=1)):
                assert sums.cumulative(day) == pytest.approx(cumulative(day, where, **args)[None])
    assert MonthlySums(Q(), False, True).flows(*PERIODS[1])["received"] == 6


def test_a_page_measuring_many_formulas_equals_measure(world, django_capture_on_commit_callbacks):
    """The plan's pages measure through one Measurer (sums shared between formulas and
    periods): every formula, scope and period gives what `measure` gives alone."""
    from cchc.stats.measures import FORMULAS, Measurer, Scope, measure

    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    measurer = Measurer()
    scopes = [
        Scope("province"),
        Scope.parse("agency:H60.22"),
        Scope.parse("unit:02215"),
        Scope("province", sectors=("land",)),
    ]
    for name in FORMULAS:
        for scope in scopes:
            for start, end in PERIODS:
                assert measurer.measure(name, start, end, scope) == measure(
                    name, start, end, scope
                ), (name, scope, start, end)
