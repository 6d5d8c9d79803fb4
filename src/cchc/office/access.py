"""Who may open the back office, and how a page finds a dossier the user may see.

Every office page is for staff only (403 for anybody else, checked on the server); a dossier
outside the user's scope answers 404, as the API does (`visible_dossiers`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render

from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import record_staff_access, visible_dossiers
from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role, is_staff_member

View = Callable[..., HttpResponseBase]


def staff_required(view: View) -> View:
    """Signed-out visitors go to the sign-in page; signed-in people without a staff role
    get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def dossier_for(request: HttpRequest, code: str, what: str) -> Dossier:
    """The dossier `code` if the user may see it (else 404); the read is logged."""
    dossier = get_object_or_404(
        visible_dossiers(request.user).select_related(
            "procedure", "processing_agency", "intake_agency", "current_agency"
        ),
        code=code,
    )
    record_staff_access(dossier, request.user, what)
    return dossier


def render_office(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """`render` with what the office menu needs (the intake link is for receiving officers)."""
    context.setdefault("nav_receiving", has_role(request.user, StaffRole.RECEIVING))
    return render(request, template, context, status=status)
