"""Signed-in clients: the API with a real token (as a mobile app or script would call it), and
the browser pages with a session."""

from __future__ import annotations

from typing import Any

from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def api_client_for(user: Any) -> APIClient:
    """An API client sending `Authorization: Token …` for `user` (the token is created once)."""
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def client_for(user: Any) -> Client:
    """A page client with `user` signed in (session cookie)."""
    client = Client()
    client.force_login(user)
    return client
