"""External sign-in providers (VNeID through OpenID Connect, a province SSO …) as plugins.

A provider is a class named in `CCHC_SIGNIN_PROVIDERS` with a `key`, a `label` and a
`start_url(request, next_url)`; the sign-in page shows one button per provider. The provider's
own views (callback, token exchange) live in its package, find or create the `User` (setting
`vneid_verified`), and finish with `django.contrib.auth.login(request, user, backend=...)`.
Password sign-in (`backends.IdentityNumberBackend`) is the only provider built in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string


class SignInProvider(Protocol):
    key: str
    label: str

    def start_url(self, request: HttpRequest, next_url: str) -> str: ...


@dataclass(frozen=True)
class ProviderButton:
    key: str
    label: str
    url: str


def provider_buttons(request: HttpRequest, next_url: str) -> list[ProviderButton]:
    buttons = []
    for path in settings.SIGNIN_PROVIDERS:
        provider: SignInProvider = import_string(path)()
        buttons.append(
            ProviderButton(provider.key, provider.label, provider.start_url(request, next_url))
        )
    return buttons
