"""The only code that changes staff accounts and their roles (the province administrator's
pages adapt to it). The guards that keep the platform manageable live here: an administrator
cannot remove their own administrator role or lock themselves out, and a staff account always
keeps at least one role."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.accounts.models import User
from cchc.core.statemachine import InvalidInput, NotFound, NotPermitted

from .constants import StaffRole
from .models import Agency, StaffAssignment


def create_staff(
    *,
    username: str,
    password: str,
    full_name: str,
    role: str,
    agency: Agency | None,
    email: str = "",
    phone: str = "",
) -> User:
    """A staff account with its first role, in one transaction."""
    with transaction.atomic():
        user = User.objects.create_user(
            username=username, password=password, full_name=full_name, email=email, phone=phone
        )
        StaffAssignment.objects.create(user=user, role=role, agency=agency)
    return user


def assign_role(user: User, role: str, agency: Agency | None) -> StaffAssignment:
    assignment: StaffAssignment = StaffAssignment.objects.create(
        user=user, role=role, agency=agency
    )
    return assignment


def remove_role(user: User, assignment_pk: int, by: Any) -> StaffAssignment:
    """Remove one role; refused for one's own administrator role and for the last role."""
    with transaction.atomic():
        # Locked so two removals at once cannot leave the account without a role.
        assignments = list(StaffAssignment.objects.select_for_update().filter(user=user))
        assignment = next((a for a in assignments if a.pk == assignment_pk), None)
        if assignment is None:
            raise NotFound(_("Không có vai trò này."))
        if user.pk == getattr(by, "pk", None) and assignment.role == StaffRole.PROVINCE_ADMIN:
            raise NotPermitted(
                _(
                    "Bạn không thể tự gỡ vai trò quản trị cấp tỉnh của mình. Một quản trị viên "
                    "khác phải làm việc này."
                )
            )
        if len(assignments) == 1:
            raise InvalidInput(
                _(
                    "Cán bộ phải giữ ít nhất một vai trò. Hãy giao vai trò mới trước, hoặc khóa "
                    "tài khoản nếu cán bộ thôi việc."
                )
            )
        assignment.delete()
    return assignment


def set_active(user: User, active: bool, by: Any) -> None:
    """Lock or unlock an account; nobody locks themselves out."""
    if user.pk == getattr(by, "pk", None) and not active:
        raise NotPermitted(_("Bạn không thể tự khóa tài khoản của mình."))
    User.objects.filter(pk=user.pk).update(is_active=active)


def set_password(user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
