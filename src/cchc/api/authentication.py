"""API token authentication with a lifetime (issue 15 §2); kept apart from the views, which
DRF imports after its authentication classes."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def expires_at(token: Token) -> datetime.datetime:
    return token.created + datetime.timedelta(hours=int(settings.API_TOKEN_TTL_HOURS))


def token_id(token: Token) -> str:
    """What the owner sees and names a token by: never the secret itself."""
    return hashlib.sha256(token.key.encode()).hexdigest()[:16]


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token, refused (and deleted) once it is older than the configured lifetime."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        user, token = super().authenticate_credentials(key)
        if expires_at(token) <= timezone.now():
            token.delete()
            raise AuthenticationFailed(
                _("Mã truy cập đã hết hạn; vui lòng lấy mã mới."), code="token_expired"
            )
        return user, token
