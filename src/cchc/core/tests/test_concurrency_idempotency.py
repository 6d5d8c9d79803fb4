"""Two requests with the same Idempotency-Key at once (PostgreSQL; .ci/run runs it there): one
dossier, and both clients get its answer."""

from __future__ import annotations

import pytest
from django.db import connection

from cchc.dossiers.models import Dossier
from cchc_testkit.clients import api_client_for
from cchc_testkit.concurrency import run_together
from cchc_testkit.world import build_world

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_the_same_key_at_once_makes_one_dossier():
    world = build_world()

    def submit():  # type: ignore[no-untyped-def]
        response = api_client_for(world.citizen).post(
            "/api/v1/dossiers",
            {"procedure": world.procedure.code},
            format="json",
            HTTP_IDEMPOTENCY_KEY="cung-mot-khoa",
        )
        return response.status_code, response.json()

    outcomes = run_together([submit] * 4)
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    answers = [value for _, value in outcomes]
    assert Dossier.objects.count() == 1
    code = Dossier.objects.get().code
    # Each got the dossier's answer, or (if it came while the first was still working and
    # the database let it through first) was told to retry — never a second dossier.
    for status, body in answers:
        assert (status, body.get("code")) in {(201, code), (409, "idempotency_in_progress")}
    assert any(status == 201 for status, _ in answers)
