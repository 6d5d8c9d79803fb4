"""API tokens expire, are revoked by a password or role change, and are listed and revoked
by their owner (issue 15 §2)."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cchc.org import services as org_services
from cchc.org.constants import StaffRole

pytestmark = pytest.mark.django_db


PASSWORD = "mat-khau-thu-2026"


def _token(world, user) -> str:  # type: ignore[no-untyped-def]
    user.set_password(PASSWORD)
    user.save()
    response = APIClient().post(
        "/api/v1/auth/token", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    assert "expires_at" in response.json()
    return response.json()["token"]


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_an_expired_token_is_refused_and_a_new_one_issued(world, settings):
    settings.API_TOKEN_TTL_HOURS = 1
    key = _token(world, world.citizen)
    assert _client(key).get("/api/v1/dossiers").status_code == 200
    Token.objects.filter(key=key).update(
        created=datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)
    )
    refused = _client(key).get("/api/v1/dossiers")
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_expired"
    assert "hết hạn" in refused.json()["message"]
    fresh = _token(world, world.citizen)
    assert fresh != key
    assert _client(fresh).get("/api/v1/dossiers").status_code == 200


def test_a_password_change_revokes_the_token(world):
    key = _token(world, world.citizen)
    world.citizen.set_password("mat-khau-moi-2026")
    world.citizen.save()
    assert _client(key).get("/api/v1/dossiers").status_code == 401


def test_a_role_change_revokes_the_token(world):
    key = _token(world, world.processing)
    assert _client(key).get("/api/v1/dossiers").status_code == 200
    org_services.assign_role(world.processing, StaffRole.APPROVER, world.department)
    assert _client(key).get("/api/v1/dossiers").status_code == 401


def test_the_owner_lists_and_revokes_their_token(world):
    key = _token(world, world.citizen)
    client = _client(key)
    listed = client.get("/api/v1/auth/tokens").json()
    assert len(listed) == 1 and listed[0]["current"] is True
    assert key not in str(listed)  # the secret is never shown again
    other = _client(_token(world, world.other_citizen))
    assert other.delete(f"/api/v1/auth/tokens/{listed[0]['id']}").status_code == 404
    assert client.delete(f"/api/v1/auth/tokens/{listed[0]['id']}").status_code == 204
    assert client.get("/api/v1/auth/tokens").status_code == 401
