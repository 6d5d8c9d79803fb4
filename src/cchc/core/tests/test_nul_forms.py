"""NUL characters in submitted forms are refused with 400 before any view sees them."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/tai-khoan/dang-nhap/", {"username": "a\x00b", "password": "x"}),
        ("/tai-khoan/quen-mat-khau/", {"login": "0081\x00"}),
        ("/tai-khoan/dang-ky/", {"full_name": "\x00"}),
    ],
)
def test_nul_in_a_form_field_is_a_400(url, data):
    response = Client().post(url, data)
    assert response.status_code == 400
    assert "Dữ liệu không hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_the_api_query_is_a_json_400():
    response = Client().get("/api/v1/procedures", {"q": "a\x00"})
    assert response.status_code == 400 and response.json()["code"] == "invalid"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/dossiers", "/tai-khoan/dang-nhap/"])
def test_a_body_over_the_limit_is_refused_before_it_is_read(client, settings, path):
    """Issue 15 §2: the declared length alone decides; the body is never read."""
    settings.MAX_BODY_BYTES = 1024
    response = client.generic("POST", path, b"x" * 2048, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "quá lớn" in response.content.decode()
