"""Reads of the organisation shared by the other apps."""

from __future__ import annotations

from typing import Any

from .models import Agency

# Per process, by the row's version (`updated_at`, decision 0009). Entries are read, never
# mutated; the memo is bounded.
_AGENCIES: dict[tuple[int, Any], Agency] = {}


def agency_at(pk: int, version: Any) -> Agency:
    """The agency `pk` as of `version` (its `updated_at` as the database returned it)."""
    key = (pk, version)
    agency = _AGENCIES.get(key)
    if agency is None:
        if len(_AGENCIES) > 5000:
            _AGENCIES.clear()
        agency = _AGENCIES[key] = Agency.objects.get(pk=pk)
    return agency


def forget_agencies() -> None:
    """Drop this process's memo (tests, whose rolled-back rows reuse keys)."""
    _AGENCIES.clear()
