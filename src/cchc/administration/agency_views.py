"""Agency pages: list and search, create, edit."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.core.text import fold
from cchc.org.constants import AgencyKind
from cchc.org.models import Agency

from .access import province_admin_required
from .org_forms import AgencyForm

PAGE_SIZE = 50


@province_admin_required
@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.select_related("unit", "parent").order_by("code")
    kind = request.GET.get("loai", "")
    if kind in AgencyKind.values:
        agencies = agencies.filter(kind=kind)
    query = request.GET.get("q", "").strip()[:200]
    rows = list(agencies)
    words = fold(query).split()
    if words:
        # A few hundred agencies: folding in Python searches without diacritics on any database.
        rows = [
            a
            for a in rows
            if all(w in fold(f"{a.code} {a.name} {a.short_name} {a.unit.name}") for w in words)
        ]
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "administration/agency_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang")),
            "query": query,
            "kind": kind,
            "kinds": AgencyKind.choices,
            "filter_query": params.urlencode(),
            "section": "agencies",
        },
    )


@province_admin_required
@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    return _agency_form(request, Agency())


@province_admin_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _agency_form(request, get_object_or_404(Agency, pk=pk))


def _agency_form(request: HttpRequest, agency: Agency) -> HttpResponse:
    creating = agency.pk is None
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(
            request,
            (_("Đã thêm cơ quan %(name)s.") if creating else _("Đã lưu cơ quan %(name)s."))
            % {"name": saved.name},
        )
        return redirect("administration:agency-list")
    return render(
        request,
        "administration/agency_form.html",
        {"form": form, "agency": agency, "creating": creating, "section": "agencies"},
        status=400 if form.errors else 200,
    )
