"""Template context shared by every page: what the signed-in person may reach from the menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role, is_staff_member


def navigation(request: HttpRequest) -> dict[str, Any]:
    from cchc.plan.permissions import sees_dashboard

    user = request.user
    staff = is_staff_member(user)
    return {
        "nav_is_staff": staff,
        "nav_is_province_admin": staff and has_role(user, StaffRole.PROVINCE_ADMIN),
        # Evaluated only if the menu asks (one query for approvers of province agencies).
        "nav_sees_dashboard": SimpleLazyObject(lambda: staff and sees_dashboard(user)),
    }
