"""DRF throttles that count per client address as `client_address` resolves it, in Django's
cache (shared between nodes when `CCHC_REDIS_URL` is set)."""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle as _ScopedRateThrottle

from .client_address import client_address


class ScopedRateThrottle(_ScopedRateThrottle):
    """DRF's scoped throttle, keyed by the client address behind our trusted proxies only
    (DRF's own rule trusts any `X-Forwarded-For` when `NUM_PROXIES` is unset)."""

    def get_ident(self, request: Request) -> str:
        return client_address(request)
