"""Hostile JSON bodies (issue 15 §2): deep nesting is refused with a 400 before it is parsed,
signed in or not; the depth is counted outside strings; NaN and NUL are refused."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cchc.api.parsers import MAX_DEPTH, nesting_depth
from cchc_testkit.clients import api_client_for


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("", 0),
        ("1", 0),
        ("[]", 1),
        ('{"a": [1, {"b": []}]}', 4),
        ('{"a": "[[[[{{{{"}', 1),  # brackets inside a string do not count
        ('["\\"[[[", [[]]]', 3),  # nor after an escaped quote
        ("[" * 5000 + "]" * 5000, 5000),
    ],
)
def test_nesting_depth(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 480, 100_000])
def test_deep_json_is_refused_without_signing_in(depth):
    body = "[" * depth + "]" * depth
    response = APIClient().post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "too_deep"
    assert "lồng nhau" in response.json()["message"]


@pytest.mark.django_db
def test_deep_json_is_refused_for_a_signed_in_user(world):
    body = '{"procedure": ' + "[" * 2000 + "]" * 2000 + "}"
    response = api_client_for(world.citizen).post(
        "/api/v1/dossiers", data=body, content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("body", ['{"username": NaN}', '{"username": "a\\u0000b"}', "{"])
def test_nan_nul_and_broken_json_are_refused(body):
    response = APIClient().post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_ordinary_json_still_works(world):
    response = APIClient().post(
        "/api/v1/auth/token",
        {"username": "khong-co", "password": "sai"},
        format="json",
    )
    assert response.status_code in (400, 401)
    assert "lồng nhau" not in response.content.decode()
