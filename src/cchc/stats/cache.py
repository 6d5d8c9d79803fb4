"""A short-lived cache of computed indicators, per process (Django's default cache).

The rollups change with every event, but nobody needs an index fresher than a minute, and a
province-wide index over a year sums a few hundred thousand rollup rows: cache the answer for
`RESULT_TTL` seconds, keyed by what was asked.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

RESULT_TTL = 60


def ttl() -> int:
    """Seconds; 0 (no cache) in debug mode, where a developer or a demo wants every write seen
    at once. Tests do run with the cache: pytest-django turns DEBUG off whatever CCHC_DEBUG
    says, so the test kit's plugin (`cchc_testkit.plugin.clear_caches`) empties it around
    every test instead."""
    return int(getattr(settings, "STATS_CACHE_SECONDS", 0 if settings.DEBUG else RESULT_TTL))


def cached[T](key: str, compute: Callable[[], T], seconds: int | None = None) -> T:
    """`compute()`, kept `seconds` (default `ttl()`); never kept in debug mode."""
    if ttl() <= 0:
        return compute()
    seconds = seconds or ttl()
    full_key = f"cchc.stats:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, seconds)
    return value
