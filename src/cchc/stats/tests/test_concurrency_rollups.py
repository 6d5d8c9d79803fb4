"""Concurrency on PostgreSQL (skipped on SQLite, as in cchc.dossiers.tests.test_concurrency):
rollup refreshes racing with transitions still end equal to a full rebuild; two reviewers of one
report version cannot both decide it."""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from cchc.accounts.models import User
from cchc.dossiers import services
from cchc.dossiers.constants import Status
from cchc.dossiers.errors import DossierError
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc.org.constants import StaffRole
from cchc.org.models import StaffAssignment
from cchc.plan import reports
from cchc.plan.constants import ReportStatus
from cchc.plan.loader import PLANS_DIR, load_plan
from cchc.plan.models import ReportVersion
from cchc.plan.periods import Period
from cchc.stats.rollups import forget_catalogue, rebuild, refresh_dossier
from cchc_testkit.concurrency import run_together
from cchc_testkit.world import build_world

from .test_rollups import snapshot

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

DOSSIERS = 6
REFRESHERS = 4
ROUNDS = 3


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _user(pk: int) -> User:
    return User.objects.get(pk=pk)


def test_concurrent_refreshes_and_transitions_equal_a_rebuild():
    """Task workers refresh the same dossiers over and over while officers move them on; the
    incremental rollups end exactly as a rebuild from scratch computes them."""
    world = build_world()
    forget_catalogue()
    ids = [
        services.intake_at_counter(
            world.receiving, world.centre, world.procedure, ApplicantData(name=f"Người {i}")
        ).pk
        for i in range(DOSSIERS)
    ]
    ids.append(
        services.intake_at_counter(
            world.receiving, world.centre, world.land_procedure, ApplicantData(name="Đất")
        ).pk
    )

    def refresher(offset: int):
        def run():
            changed = 0
            for _ in range(ROUNDS):
                for pk in ids[offset:] + ids[:offset]:  # every worker in its own order
                    changed += refresh_dossier(pk)
            return changed

        return run

    def forward_all():
        officer, done = _user(world.receiving.pk), 0
        for pk in ids:
            try:
                services.forward(pk, officer)
                done += 1
            except DossierError:
                pass  # the other officer asked for a supplement first
        return done

    def supplement_all():
        officer, done = _user(world.receiving.pk), 0
        for pk in reversed(ids):
            try:
                services.request_supplement(pk, officer, "Thiếu giấy tờ")
                done += 1
            except DossierError:
                pass  # already forwarded
        return done

    def withdraw_one():
        return services.withdraw(ids[0], _user(world.receiving.pk), "Người nộp rút").status

    failed_refreshes = _Collect()
    stats_log = logging.getLogger("cchc.stats")
    stats_log.addHandler(failed_refreshes)
    try:
        outcomes = run_together(
            [refresher(i) for i in range(REFRESHERS)] + [forward_all, supplement_all, withdraw_one]
        )
    finally:
        stats_log.removeHandler(failed_refreshes)
    failures = [value for kind, value in outcomes if kind == "error"]
    # Only the withdrawal may lose its race (the dossier already forwarded or paused).
    assert all(isinstance(exc, DossierError) for exc in failures), failures
    assert len(failures) <= 1, failures
    # A refresh that failed (a deadlock, say) is only logged by the task: look for it.
    assert not failed_refreshes.messages, failed_refreshes.messages
    statuses = set(Dossier.objects.filter(pk__in=ids).values_list("status", flat=True))
    assert statuses <= {Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.WITHDRAWN}
    assert len(statuses) >= 2, "the transitions must really have happened"

    incremental = snapshot()
    assert len(incremental["facts"]) == len(ids)
    assert incremental["AgencyDay"], "events must reach the rollups"
    rebuild(page_size=3)
    assert snapshot() == incremental


# --- the plan's report approval -----------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
LEGAL = "1.legal-documents-compliant-2025"  # reported by Sở Tư pháp (world.processing)


def _staff(username: str, role: str) -> User:
    user = User.objects.create_user(username=username, password="x")
    StaffAssignment.objects.create(user=user, role=role, agency=None)
    return user


def _submitted(world) -> ReportVersion:
    target = load_plan(PLANS_DIR / "tuyen_quang_2021_2030.yaml").plan.targets.get(key=LEGAL)
    return reports.submit_report(
        target,
        world.processing,
        Period.year(2025),
        "97.5",
        [SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf")],
    )


def _decide(version_pk: int, user_pk: int, action: str, note: str = ""):
    def run():
        version = ReportVersion.objects.get(pk=version_pk)
        return reports.act(version, _user(user_pk), action, note=note).status

    return run


def _one_winner(outcomes):
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"], outcomes
    error = next(value for kind, value in outcomes if kind == "error")
    assert isinstance(error, reports.InvalidTransition), error
    assert error.http_status == 409 and error.message.startswith("Không thể")
    return next(value for kind, value in outcomes if kind == "ok")


def test_two_reviewers_of_one_version_review_it_once():
    """(Review then return is a legitimate sequence — an administrator may also return a
    reviewed version — so the race that must have one winner is review against review.)"""
    world = build_world()
    second_admin = _staff("quantri2", StaffRole.PROVINCE_ADMIN)
    version = _submitted(world)
    outcomes = run_together(
        [
            _decide(version.pk, world.admin.pk, "review"),
            _decide(version.pk, second_admin.pk, "review"),
        ]
    )
    assert _one_winner(outcomes) == ReportStatus.REVIEWED
    version.refresh_from_db()
    assert version.status == ReportStatus.REVIEWED
    assert version.reviewed_by_id in (world.admin.pk, second_admin.pk)
    actions = list(version.events.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["submit", "review"]


@pytest.mark.parametrize("first", ["approve", "return"])
def test_approve_and_return_of_one_reviewed_version_race_cleanly(first):
    world = build_world()
    second_monitor = _staff("giamsat2", StaffRole.MONITOR)
    version = _submitted(world)
    reports.act(version, world.admin, "review")
    deciders = [
        _decide(version.pk, world.monitor.pk, "approve"),
        _decide(version.pk, second_monitor.pk, "return", "Số liệu chưa khớp"),
    ]
    if first == "return":
        deciders.reverse()
    winner = _one_winner(run_together(deciders))
    version.refresh_from_db()
    assert version.status == winner
    assert winner in (ReportStatus.APPROVED, ReportStatus.RETURNED)
    assert (version.approved_by_id is not None) == (winner == ReportStatus.APPROVED)
    actions = list(version.events.order_by("at", "id").values_list("action", flat=True))
    last = "approve" if winner == ReportStatus.APPROVED else "return"
    assert actions == ["submit", "review", last]
    assert reports.counting_version(version.report) == (
        version if winner == ReportStatus.APPROVED else None
    )


def test_many_approvers_at_once_leave_one_approval():
    world = build_world()
    monitors = [_staff(f"giamsat{i}", StaffRole.MONITOR) for i in range(2, 7)]
    version = _submitted(world)
    reports.act(version, world.admin, "review")
    outcomes = run_together([_decide(version.pk, m.pk, "approve") for m in monitors])
    assert sorted(kind for kind, _ in outcomes) == ["error"] * 4 + ["ok"]
    assert all(
        isinstance(value, reports.InvalidTransition) for kind, value in outcomes if kind == "error"
    )
    version.refresh_from_db()
    assert version.status == ReportStatus.APPROVED
    assert version.events.filter(action="approve").count() == 1
    assert version.approved_by_id in {m.pk for m in monitors}
