"""The result cache of computed statistics, with version keys (Django's cache API only).

The pages are fast without it (issue 16 §2: the rollups and the summaries are small); it saves
repeating the same answer to many readers. Every cached answer's key holds the version of the
data it was computed from — `province`, `agency#<id>`, `unit#<id>`, `plan`, and `all` (the
catalogue, a rebuild) — and a refresh that changes a rollup bumps the versions of its scopes
after it commits, so the next read computes afresh: on a cache shared by every process (Redis)
a write is seen at once, on the per-process default (local memory) by the process that did the
write at once and by the others within `ttl()` seconds.

`CCHC_STATS_CACHE_SECONDS` (settings.STATS_CACHE_SECONDS) bounds how long an answer is kept;
0 turns the result cache off (the benchmark measures the pages that way).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache

RESULT_TTL = 60
_PREFIX = "cchc.stats"


def ttl() -> int:
    """Seconds an answer is kept; 0 = no result cache. Tests run with the cache (pytest-django
    turns DEBUG off), and the test kit's plugin (`cchc_testkit.plugin.clear_caches`) empties it
    around every test."""
    return int(getattr(settings, "STATS_CACHE_SECONDS", RESULT_TTL))


def _version_key(name: str) -> str:
    return f"{_PREFIX}:v:{name}"


def _seed() -> int:
    # A version key that was evicted starts again from the clock, never from an old number.
    return time.time_ns() // 1000


def versions(names: Iterable[str]) -> str:
    """The current versions of the named data, as one key fragment ("all" always included)."""
    keys = [_version_key(name) for name in ("all", *names)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _seed(), None)
            found[key] = cache.get(key, 0)
    return ".".join(str(found[key]) for key in keys)


def bump(*names: str) -> None:
    """Answers computed from the named data are out of date (call after the commit)."""
    for name in names:
        key = _version_key(name)
        try:
            cache.incr(key)
        except ValueError:  # not there (never read, or evicted): any new number will do
            cache.add(key, _seed(), None)


def cached[T](
    key: str, compute: Callable[[], T], seconds: int | None = None, depends: Iterable[str] = ()
) -> T:
    """`compute()`, kept `seconds` (default `ttl()`) under `key` and the versions of `depends`;
    computed every time when the result cache is off."""
    if ttl() <= 0:
        return compute()
    seconds = seconds or ttl()
    full_key = f"{_PREFIX}:{key}@{versions(depends)}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, seconds)
    return value
