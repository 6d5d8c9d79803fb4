"""Template context shared by every page: what the signed-in person may reach from the menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role, is_staff_member


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    staff = is_staff_member(user)
    dashboard = ""
    if staff:
        try:
            dashboard = reverse("plan:dashboard")
        except NoReverseMatch:  # the leaders' dashboard is an optional part of an installation
            dashboard = ""
    return {
        "nav_dashboard_url": dashboard,
        "nav_is_staff": staff,
        "nav_is_province_admin": staff and has_role(user, StaffRole.PROVINCE_ADMIN),
        "nav_sees_dashboard": staff
        and (has_role(user, StaffRole.MONITOR) or has_role(user, StaffRole.PROVINCE_ADMIN)),
    }
