"""Pages of the plan: the leadership dashboard with drill-down and exports, one target's
series by period and scope, and the reported figures' entry, review and approval."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import reports as services
from .constants import MeasurementKind, ReportStatus
from .dashboard import build_cached
from .forms import DecisionForm, ReportForm
from .models import Plan, ReportEvent, ReportEvidence, ReportVersion, Target
from .periods import Period, PeriodKind, reporting_periods
from .permissions import (
    AgencyDirectory,
    may_approve,
    may_report,
    may_review,
    may_use_reports,
    reporter_agency_ids,
    sees_dashboard,
)
from .scopes import BREAKDOWNS, ScopeError, breakdown_options, check_scope, scope_name
from .summaries import default_grid, default_plan, series_rows, summary
from .values import PlanValues


def _leadership(request: HttpRequest) -> None:
    if not sees_dashboard(request.user):
        raise PermissionDenied


def _plan(request: HttpRequest) -> Plan:
    code = request.GET.get("ke-hoach")
    plan = Plan.objects.filter(code=code).order_by("-version").first() if code else default_plan()
    if plan is None:
        raise Http404
    return plan


def _scope(request: HttpRequest) -> str:
    try:
        return check_scope(request.GET.get("pham-vi", "province"))
    except ScopeError:
        raise Http404 from None


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _leadership(request)
    context = build_cached(_plan(request), _scope(request))
    return render(request, "plan/dashboard.html", context)


@login_required
def target_detail(request: HttpRequest, key: str) -> HttpResponse:
    _leadership(request)
    plan = _plan(request)
    target = get_object_or_404(Target.objects.select_related("area"), plan=plan, key=key)
    scope = _scope(request)
    values = PlanValues()
    grid_param = request.GET.get("ky") or default_grid(target)
    try:
        grid = PeriodKind(grid_param)
        if grid == PeriodKind.YTD:
            raise ValueError(grid)
    except ValueError:
        raise Http404 from None
    breakdown = request.GET.get("theo", "agencies")
    if breakdown not in BREAKDOWNS:
        raise Http404
    period = Period.year_to_date(values.today)
    if breakdown == "districts":
        period = Period.parse("2025-H1")  # the last half-year in which districts existed
    rows = []
    for option in breakdown_options(breakdown, period):
        found = values.value(target, period, option.key)
        rows.append({"option": option, "value": found.value})
    data = summary(target, values, AgencyDirectory(), scope)
    series = series_rows(values.series(target, grid, scope))
    chart = {
        "labels": [r["period_label"] for r in series],
        "observed": [r["value"] for r in series],
        "projected": [],
        "low": [],
        "high": [],
        "goals": {str(target.year): float(target.value)},
        "unit": target.unit,
        "names": {
            "observed": _("Giá trị thực tế"),
            "projected": _("Dự báo"),
            "low": _("Cận dưới dự báo"),
            "high": _("Cận trên dự báo"),
            "goal": _("Mục tiêu %(y)s"),
        },
    }
    return render(
        request,
        "plan/target.html",
        {
            "target": target,
            "data": data,
            "scope": scope,
            "scope_name": scope_name(scope),
            "grid": grid.value,
            "grids": [(k.value, k.label) for k in _grid_choices()],
            "series": series,
            "chart_rows": [{"label": r["period_label"], "value": r["value"]} for r in series],
            "chart": chart if len(series) >= 2 else None,
            "breakdown": breakdown,
            "breakdown_period": period,
            "rows": rows,
            "reports_url": reverse("plan:report-submit", args=[target.key])
            if target.measurement == MeasurementKind.REPORTED
            else "",
        },
    )


class _GridChoice:
    def __init__(self, value: str, label: str) -> None:
        self.value, self.label = value, label


def _grid_choices() -> list[_GridChoice]:
    return [
        _GridChoice("month", _("Tháng")),
        _GridChoice("quarter", _("Quý")),
        _GridChoice("half", _("6 tháng")),
        _GridChoice("year", _("Năm")),
    ]


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    _leadership(request)
    from .exports import dashboard_xlsx

    scope = _scope(request)
    context = build_cached(_plan(request), scope)
    response = HttpResponse(
        dashboard_xlsx(context),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bang-dieu-khien-{context["today"].isoformat()}.xlsx"'
    )
    return response


@login_required
def export_pdf(request: HttpRequest) -> HttpResponse:
    _leadership(request)
    from .exports import dashboard_pdf

    context = build_cached(_plan(request), _scope(request))
    response = HttpResponse(dashboard_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-ke-hoach-{context["today"].isoformat()}.pdf"'
    )
    return response


# --- reported figures -------------------------------------------------------------------------


def _versions() -> Any:
    return ReportVersion.objects.select_related(
        "report__target__area", "submitted_by", "reviewed_by", "approved_by"
    ).prefetch_related(
        "evidence", Prefetch("events", queryset=ReportEvent.objects.order_by("at", "id"))
    )


@login_required
def reports_home(request: HttpRequest) -> HttpResponse:
    if not may_use_reports(request.user):
        raise PermissionDenied
    plan = _plan(request)
    directory = AgencyDirectory()
    reported = plan.targets.filter(measurement=MeasurementKind.REPORTED).select_related("area")
    mine = [t for t in reported if may_report(request.user, t, directory)]
    queue: list[ReportVersion] = []
    if may_review(request.user) or may_approve(request.user):
        wanted = []
        if may_review(request.user):
            wanted.append(ReportStatus.SUBMITTED)
        if may_approve(request.user):
            wanted.append(ReportStatus.REVIEWED)
        queue = list(
            _versions()
            .filter(report__target__plan=plan, status__in=wanted)
            .order_by("submitted_at")
        )
    recent = list(
        _versions()
        .filter(report__target__plan=plan, report__target__in=mine)
        .order_by("-submitted_at")[:20]
    )
    return render(
        request,
        "plan/reports.html",
        {
            "plan": plan,
            "targets": mine,
            "agencies": {t.pk: directory.resolve(t.reporting_agency) for t in mine},
            "queue": queue,
            "recent": recent,
            "has_agency": bool(reporter_agency_ids(request.user)),
        },
    )


@login_required
def report_submit(request: HttpRequest, key: str) -> HttpResponse:
    plan = _plan(request)
    target = get_object_or_404(
        Target.objects.select_related("area"),
        plan=plan,
        key=key,
        measurement=MeasurementKind.REPORTED,
    )
    if not may_report(request.user, target):
        raise PermissionDenied
    periods = reporting_periods(target.frequency, timezone.localdate())
    form = ReportForm(
        request.POST or None, request.FILES or None, periods=periods, unit=target.unit
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.submit_report(
                target,
                request.user,
                Period.parse(form.cleaned_data["period"]),
                form.cleaned_data["value"],
                [form.cleaned_data["evidence"]],
                note=form.cleaned_data["note"],
            )
        except services.ReportError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Đã gửi báo cáo lần %(n)s, chờ thẩm định.") % {"n": version.number},
            )
            return redirect("plan:report-version", pk=version.pk)
    history = list(
        _versions().filter(report__target=target).order_by("-report__period_end", "-number")
    )
    return render(
        request,
        "plan/report_form.html",
        {"target": target, "form": form, "history": history, "status": ReportStatus},
    )


@login_required
def report_version(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(_versions(), pk=pk)
    target = version.report.target
    if not (
        sees_dashboard(request.user) or may_report(request.user, target) or may_review(request.user)
    ):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if form.is_valid():
            try:
                services.act(version, request.user, action, note=form.cleaned_data["note"])
            except services.ReportError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã cập nhật báo cáo."))
            return redirect("plan:report-version", pk=pk)
    siblings = list(_versions().filter(report=version.report).order_by("-number"))
    counting = next((v for v in siblings if v.status == ReportStatus.APPROVED), None)
    return render(
        request,
        "plan/report_version.html",
        {
            "version": version,
            "target": target,
            "siblings": siblings,
            "counting": counting,
            "actions": services.allowed_actions(version, request.user),
            "form": form,
            "can_correct": may_report(request.user, target),
        },
    )


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(
        ReportEvidence.objects.select_related("version__report__target"), pk=pk
    )
    target = evidence.version.report.target
    if not (
        sees_dashboard(request.user) or may_report(request.user, target) or may_review(request.user)
    ):
        raise PermissionDenied
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
