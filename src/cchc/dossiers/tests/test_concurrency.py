"""Concurrency on PostgreSQL: row locks make simultaneous actions safe (skipped on SQLite,
where writes are serialised by the database itself; .ci/run runs this on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from cchc.dossiers import services
from cchc.dossiers.errors import InvalidTransition
from cchc.dossiers.services import ApplicantData
from cchc_testkit.concurrency import run_together

from .world import build_world, vn

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_officers_receive_the_same_dossier_once():
    world = build_world()
    from cchc.accounts.models import User
    from cchc.org.constants import StaffRole
    from cchc.org.models import StaffAssignment

    second = User.objects.create_user("tiepnhan2", password="x")
    StaffAssignment.objects.create(user=second, agency=world.centre, role=StaffRole.RECEIVING)
    dossier = services.submit_online(
        world.citizen, world.procedure, ApplicantData(name="Hoà"), at=vn(2026, 3, 2, 8, 0)
    )
    outcomes = run_together(
        [
            lambda: services.receive(dossier.pk, User.objects.get(pk=world.receiving.pk)),
            lambda: services.receive(dossier.pk, User.objects.get(pk=second.pk)),
        ]
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"]
    error = next(value for kind, value in outcomes if kind == "error")
    assert isinstance(error, InvalidTransition)
    assert "Được tiếp nhận" in error.message
    dossier.refresh_from_db()
    assert dossier.events.filter(action="receive").count() == 1


def test_dossier_codes_have_no_repeats_or_gaps_under_concurrency():
    world = build_world()
    from cchc.accounts.models import User

    def intake():
        officer = User.objects.get(pk=world.receiving.pk)
        return services.intake_at_counter(
            officer, world.centre, world.procedure, ApplicantData(name="A"), at=vn(2026, 3, 2, 9, 0)
        ).code

    outcomes = run_together([intake] * 8)
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    numbers = sorted(int(code.rsplit("-", 1)[1]) for _, code in outcomes)
    assert numbers == list(range(1, 9))
