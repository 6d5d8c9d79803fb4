"""Two task workers refreshing rollups of the same agency and days at once (issue 16 §4), on
PostgreSQL (skipped on SQLite, which has no concurrent writers): no refresh is lost to a
deadlock, and the incremental rollups end equal to a full rebuild."""

from __future__ import annotations

import logging

import pytest
from django.db import connection

from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc.stats.rollups import forget_catalogue, rebuild, refresh_dossier
from cchc_testkit.concurrency import run_together
from cchc_testkit.world import build_world, vn

from .test_rollups import snapshot

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers"),
]

PER_WORKER = 4
ROUNDS = 12
DAYS = (vn(2026, 3, 2, 9, 0), vn(2026, 4, 6, 9, 0))  # two days, two months


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_two_workers_on_one_agency_and_day_lose_nothing_and_equal_a_rebuild():
    """Each worker moves its dossiers back and forth between the same two days of the same
    agency (as an import correcting a receipt date would) and refreshes them after every move,
    one worker starting on each day: their upserts take the same rollup rows in opposite
    directions — the pattern that deadlocked two `db_worker`s (issue 16: 87 of 1,923 refreshes
    aborted, never retried)."""
    world = build_world()
    forget_catalogue()
    procedures = (world.procedure, world.land_procedure)
    ids = [
        services.intake_at_counter(
            world.receiving,
            world.centre,
            procedures[i % 2],
            ApplicantData(name=f"Người {i}"),
            at=DAYS[i % 2],
        ).pk
        for i in range(2 * PER_WORKER)
    ]
    for pk in ids:
        refresh_dossier(pk)
    agencies = set(Dossier.objects.filter(pk__in=ids).values_list("processing_agency", flat=True))
    assert len(agencies) == 1, "every dossier must count for the same agency"

    def worker(mine: list[int], first: int):
        def run() -> int:
            changed = 0
            for round_ in range(ROUNDS):
                day = DAYS[(first + round_ + 1) % 2]  # the other day than the last round's
                for pk in mine:
                    Dossier.objects.filter(pk=pk).update(received_at=day, submitted_at=day)
                    changed += refresh_dossier(pk)
            return changed

        return run

    errors = _Errors()
    stats_log = logging.getLogger("cchc.stats")
    stats_log.addHandler(errors)
    try:
        outcomes = run_together([worker(ids[0::2], 0), worker(ids[1::2], 1)], timeout=120)
    finally:
        stats_log.removeHandler(errors)
    assert [kind for kind, _value in outcomes] == ["ok", "ok"], outcomes
    # Every refresh changed a fact (its dossier moved day): none was skipped or lost.
    assert [value for _kind, value in outcomes] == [ROUNDS * PER_WORKER] * 2
    assert not errors.messages, errors.messages

    incremental = snapshot()
    assert len(incremental["facts"]) == len(ids)
    rebuild(page_size=3)
    assert snapshot() == incremental
