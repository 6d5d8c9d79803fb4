"""`Idempotency-Key` on API writes (issue 15 §3): a retried submission returns the first
answer instead of a second dossier; the key is bound to one request and one client."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import Dossier
from cchc_testkit.clients import api_client_for

pytestmark = pytest.mark.django_db


def _submit(client, key: str | None, procedure: str):  # type: ignore[no-untyped-def]
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(
        "/api/v1/dossiers", {"procedure": procedure, "summary": "Cấp bản sao"}, format="json",
        **headers,
    )  # fmt: skip


def test_a_retried_submission_returns_the_first_answer(world):
    client = api_client_for(world.citizen)
    code = world.procedure.code
    first = _submit(client, "3f1c2b7e-lan-1", code)
    assert first.status_code == 201, first.content
    again = _submit(client, "3f1c2b7e-lan-1", code)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Dossier.objects.count() == 1


def test_without_a_key_two_submissions_are_two_dossiers(world):
    client = api_client_for(world.citizen)
    assert _submit(client, None, world.procedure.code).status_code == 201
    assert _submit(client, None, world.procedure.code).status_code == 201
    assert Dossier.objects.count() == 2


def test_the_same_key_for_another_request_is_refused(world):
    client = api_client_for(world.citizen)
    assert _submit(client, "k-1", world.procedure.code).status_code == 201
    other = _submit(client, "k-1", world.land_procedure.code)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Dossier.objects.count() == 1


def test_keys_of_different_clients_never_meet(world):
    assert _submit(api_client_for(world.citizen), "k-1", world.procedure.code).status_code == 201
    second = _submit(api_client_for(world.other_citizen), "k-1", world.procedure.code)
    assert second.status_code == 201 and "Idempotent-Replayed" not in second
    assert Dossier.objects.count() == 2


def test_a_refusal_is_replayed_too(world):
    client = api_client_for(world.citizen)
    first = _submit(client, "k-2", "9.999999")
    assert first.status_code in (400, 404)
    again = _submit(client, "k-2", "9.999999")
    assert again.status_code == first.status_code and again.json() == first.json()


def test_a_server_error_keeps_nothing_and_the_retry_does_the_work(world, monkeypatch):
    from cchc.dossiers import services

    real = services.submit_online

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)  # the dossier is written, then the server fails
        raise RuntimeError("database went away")

    client = api_client_for(world.citizen)
    client.raise_request_exception = False
    monkeypatch.setattr(services, "submit_online", broken)
    assert _submit(client, "k-3", world.procedure.code).status_code == 500
    assert Dossier.objects.count() == 0  # rolled back with the key
    monkeypatch.setattr(services, "submit_online", real)
    retried = _submit(client, "k-3", world.procedure.code)
    assert retried.status_code == 201 and "Idempotent-Replayed" not in retried
    assert Dossier.objects.count() == 1
