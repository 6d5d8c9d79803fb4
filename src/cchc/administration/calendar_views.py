"""Calendar override pages: the year's overrides, a month-by-month picture, add/edit/delete.

The picture is the province calendar of `cchc.workcalendar.selectors` (DOMAIN.md §3: the
`holidays` package, the shipped official swaps, the province's overrides on top), with the
names in the page's language; a swap's row cites its official source.

Writes go through `cchc.workcalendar.services` (set/remove an override); the model signals
they fire invalidate the cached province calendar, so due dates use the change at once.
"""

from __future__ import annotations

import calendar as pycalendar
import contextlib
import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.workcalendar import services
from cchc.workcalendar.calendar import KIND_DAY_OFF, WorkCalendar
from cchc.workcalendar.models import CalendarOverride
from cchc.workcalendar.selectors import FIRST_YEAR, LAST_YEAR, calendar_for, official_swaps_in

from .access import province_admin_required
from .calendar_forms import OverrideForm


@dataclass
class Day:
    date: datetime.date | None  # None: a cell of the previous or next month
    working: bool = True
    reason: str = ""
    kind: str = ""  # "day_off" / "working_day" when listed, "" for a plain day or weekend
    overridden: bool = False

    @property
    def css(self) -> str:
        if self.date is None:
            return "cal-pad"
        classes = ["cal-work" if self.working else "cal-off"]
        if self.kind == KIND_DAY_OFF:
            classes.append("cal-holiday")
        elif self.kind:
            classes.append("cal-makeup")
        if self.overridden:
            classes.append("cal-override")
        return " ".join(classes)


def _year(request: HttpRequest) -> int:
    value = request.GET.get("nam", "")
    today = timezone.localdate()
    if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return today.year


@dataclass(frozen=True)
class Listed:
    """A row of the year's table of days off and make-up working days."""

    date: datetime.date
    kind: str
    reason: str
    source: str = ""  # the official text of a shipped swap, unless the province overrode it


def _listed(year: int, work_calendar: WorkCalendar, overridden: set[datetime.date]) -> list[Listed]:
    sources = {
        swap.date: _("Căn cứ: văn bản số %(number)s ngày %(day)s")
        % {"number": swap.source.number, "day": swap.source.date.strftime("%d/%m/%Y")}
        for swap in official_swaps_in(year)
        if swap.date not in overridden
    }
    return [
        Listed(day, kind, reason, sources.get(day, ""))
        for day, kind, reason in work_calendar.non_working_days(year)
    ]


def _months(
    year: int, work_calendar: WorkCalendar, overridden: set[datetime.date]
) -> list[dict[str, object]]:
    listed = {day: (kind, reason) for day, kind, reason in work_calendar.non_working_days(year)}
    months = []
    for month in range(1, 13):
        rows = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(Day(None))
                    continue
                kind, reason = listed.get(day, ("", ""))
                row.append(
                    Day(
                        day,
                        working=work_calendar.is_working_day(day),
                        reason=reason,
                        kind=kind,
                        overridden=day in overridden,
                    )
                )
            rows.append(row)
        off = sum(1 for row in rows for d in row if d.date and not d.working)
        months.append({"number": month, "weeks": rows, "days_off": off})
    return months


@province_admin_required
@require_GET
def override_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    overrides = list(CalendarOverride.objects.filter(date__year=year).order_by("date"))
    overridden = {o.date for o in overrides}
    work_calendar = calendar_for(datetime.date(year, 1, 1), get_language())
    return render(
        request,
        "administration/calendar.html",
        {
            "year": year,
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
            "overrides": overrides,
            "listed": _listed(year, work_calendar, overridden),
            "months": _months(year, work_calendar, overridden),
            "weekday_names": [
                (_("T2"), _("Thứ Hai")),
                (_("T3"), _("Thứ Ba")),
                (_("T4"), _("Thứ Tư")),
                (_("T5"), _("Thứ Năm")),
                (_("T6"), _("Thứ Sáu")),
                (_("T7"), _("Thứ Bảy")),
                (_("CN"), _("Chủ nhật")),
            ],
            "section": "calendar",
        },
    )


def _back_to_year(day: datetime.date) -> str:
    return f"{reverse('administration:calendar')}?nam={day.year}"


@province_admin_required
@require_http_methods(["GET", "POST"])
def override_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    suggested = request.GET.get("ngay", "")
    with contextlib.suppress(ValueError):
        initial["date"] = datetime.date.fromisoformat(suggested)
    form = OverrideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        override = services.set_override(data["date"], data["kind"], data["reason"])
        messages.success(request, _("Đã thêm điều chỉnh ngày %(day)s.") % _day(override.date))
        return redirect(_back_to_year(override.date))
    return render(
        request,
        "administration/override_form.html",
        {"form": form, "override": None, "section": "calendar"},
        status=400 if form.errors else 200,
    )


@province_admin_required
@require_http_methods(["GET", "POST"])
def override_edit(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_object_or_404(CalendarOverride, pk=pk)
    old_date = override.date
    form = OverrideForm(request.POST or None, instance=override)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            if data["date"] != old_date:
                services.remove_override(old_date)
            saved = services.set_override(data["date"], data["kind"], data["reason"])
        messages.success(request, _("Đã lưu điều chỉnh ngày %(day)s.") % _day(saved.date))
        return redirect(_back_to_year(saved.date))
    return render(
        request,
        "administration/override_form.html",
        {"form": form, "override": override, "old_date": old_date, "section": "calendar"},
        status=400 if form.errors else 200,
    )


@province_admin_required
@require_http_methods(["GET", "POST"])
def override_delete(request: HttpRequest, pk: int) -> HttpResponse:
    override = get_object_or_404(CalendarOverride, pk=pk)
    if request.method == "POST":
        services.remove_override(override.date)
        messages.success(request, _("Đã xóa điều chỉnh ngày %(day)s.") % _day(override.date))
        return redirect(_back_to_year(override.date))
    return render(
        request,
        "administration/override_delete.html",
        {"override": override, "section": "calendar"},
    )


def _day(day: datetime.date) -> dict[str, str]:
    return {"day": day.strftime("%d/%m/%Y")}
