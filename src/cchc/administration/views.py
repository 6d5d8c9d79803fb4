"""Home of the province administrator's pages: what there is, and where to edit it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cchc.accounts.models import User
from cchc.catalogue.models import Field, Procedure
from cchc.org.models import Agency
from cchc.workcalendar.models import CalendarOverride

from .access import province_admin_required


@province_admin_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    staff = User.objects.filter(assignments__isnull=False).distinct()
    counts = {
        "procedures": Procedure.objects.count(),
        "active_procedures": Procedure.objects.filter(is_active=True).count(),
        "fields": Field.objects.count(),
        "overrides": CalendarOverride.objects.filter(date__year=year).count(),
        "agencies": Agency.objects.count(),
        "active_agencies": Agency.objects.filter(is_active=True).count(),
        "staff": staff.count(),
        "locked_staff": staff.filter(is_active=False).count(),
    }
    return render(
        request,
        "administration/home.html",
        {"counts": counts, "year": year, "section": "home"},
    )
