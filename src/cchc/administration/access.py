"""Who may open the province administrator's pages: the `province_admin` role only.

Django's own admin (/quan-tri/) stays for super-users; these pages check the role itself,
so a super-user without the role is refused here like everybody else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role

View = Callable[..., HttpResponse]


def province_admin_required(view: View) -> View:
    """Anonymous visitors go to the sign-in page; signed-in people without the role get 403."""

    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not has_role(request.user, StaffRole.PROVINCE_ADMIN):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(checked)
