"""Who may see and do what, by role and agency (DOMAIN.md §1; issue 'Organisation').

Every check the API and pages make about staff scope goes through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .constants import PROVINCE_WIDE_ROLES, StaffRole
from .models import StaffAssignment

# Per process, by the user's roles version (`org.signals` moves it on every change): the
# staff-role query was 12 % of a transition's CPU (issue 16 §3). Entries are read, never
# mutated; the memo is bounded.
_MEMO: dict[tuple[int, int], list[StaffAssignment]] = {}


def _assignments(user: Any) -> list[StaffAssignment]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_cchc_assignments", None)
    if cached is None:
        key = (user.pk, getattr(user, "roles_version", 0))
        cached = _MEMO.get(key)
        if cached is None:
            if len(_MEMO) > 20000:
                _MEMO.clear()
            cached = list(StaffAssignment.objects.filter(user=user).select_related("agency"))
            _MEMO[key] = cached
        user._cchc_assignments = cached
    return cached


def forget_assignments() -> None:
    """Drop this process's memo (tests, whose rolled-back rows reuse keys)."""
    _MEMO.clear()


def is_staff_member(user: Any) -> bool:
    return bool(_assignments(user))


def sees_all_agencies(user: Any) -> bool:
    return any(a.role in PROVINCE_WIDE_ROLES for a in _assignments(user))


def has_role(user: Any, role: StaffRole | str) -> bool:
    return any(a.role == role for a in _assignments(user))


def agency_ids_with_role(user: Any, roles: Iterable[str] | None = None) -> set[int]:
    wanted = set(roles) if roles is not None else None
    return {
        a.agency_id
        for a in _assignments(user)
        if a.agency_id is not None and (wanted is None or a.role in wanted)
    }


def has_role_in(user: Any, agency_id: int | None, *roles: str) -> bool:
    return any(a.agency_id == agency_id and a.role in roles for a in _assignments(user))
