"""Form 07, the dossier register (sổ theo dõi hồ sơ) of one agency over a period, as .xlsx
(DOMAIN.md §2). Only agencies the user may see are offered."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cchc.dossiers.forms import register_xlsx
from cchc.dossiers.selectors import sees_agency_personal_data
from cchc.org.models import Agency
from cchc.org.permissions import agency_ids_with_role, sees_all_agencies

from ..access import render_office, staff_required
from ..forms import RegisterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register_agencies(user: object) -> QuerySet[Agency]:
    qs = Agency.objects.filter(is_active=True).order_by("code")
    if sees_all_agencies(user):
        return qs
    return qs.filter(pk__in=agency_ids_with_role(user))


@require_GET
@staff_required
def register(request: HttpRequest) -> HttpResponse:
    agencies = register_agencies(request.user)
    today = timezone.localdate()
    bound = "co_quan" in request.GET
    form = RegisterForm(
        request.GET if bound else None,
        agencies=agencies,
        initial={"tu_ngay": today.replace(day=1), "den_ngay": today},
    )
    if bound and form.is_valid():
        agency: Agency = form.cleaned_data["co_quan"]
        start: datetime.date = form.cleaned_data["tu_ngay"]
        end: datetime.date = form.cleaned_data["den_ngay"]
        masked = not sees_agency_personal_data(request.user, agency.pk)
        response = HttpResponse(register_xlsx(agency, start, end, masked=masked), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="so-theo-doi-{agency.code}-{start}-{end}.xlsx"'
        )
        return response
    return render_office(
        request, "office/register.html", {"form": form}, status=400 if form.errors else 200
    )
