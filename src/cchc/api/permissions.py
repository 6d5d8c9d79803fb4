"""DRF permission classes built on cchc.org.permissions."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role


class IsProvinceAdmin(BasePermission):
    """Province administrators (and Django super-users) only."""

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (user.is_superuser or has_role(user, StaffRole.PROVINCE_ADMIN))
        )
