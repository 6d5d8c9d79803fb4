"""External sign-in providers plug in by configuration (VNeID through OIDC, later)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse


class FakeVNeID:
    key = "vneid"
    label = "Đăng nhập bằng VNeID"

    def start_url(self, request, next_url: str) -> str:
        return f"https://vneid.example/authorize?next={quote(next_url)}"


@pytest.mark.django_db
def test_a_configured_provider_gets_a_button_on_the_sign_in_page(client, settings):
    settings.SIGNIN_PROVIDERS = ["cchc.accounts.tests.test_providers.FakeVNeID"]
    body = client.get(reverse("accounts:login") + "?next=/ho-so-cua-toi/").content.decode()
    assert "Đăng nhập bằng VNeID" in body
    assert "https://vneid.example/authorize?next=/ho-so-cua-toi/" in body


@pytest.mark.django_db
def test_no_provider_no_button(client, settings):
    settings.SIGNIN_PROVIDERS = []
    assert "VNeID" not in client.get(reverse("accounts:login")).content.decode()
