"""The home page per role and the work queues (DOMAIN.md §2–§3)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cchc.dossiers.constants import CLOSED_STATUSES
from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import BoundedPaginator, bounded_count
from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role, sees_all_agencies

from ..access import render_office, staff_required
from ..forms import QueueFilterForm
from ..queues import (
    BY_SLUG,
    order_for,
    procedure_choices,
    queue_counts,
    queue_dossiers,
    queue_filters,
    queues_for,
    search,
)

PAGE_SIZE = 25
HOME_LIST = 8


def mark_deadlines(dossiers: list[Dossier], now: datetime.datetime) -> list[Dossier]:
    """Set `is_late` on each open dossier for the table's badge (§2: more than one
    supplement request is late whatever the dates)."""
    for dossier in dossiers:
        running = dossier.status not in CLOSED_STATUSES and dossier.finished_at is None
        dossier.is_late = running and (  # type: ignore[attr-defined]
            dossier.supplement_count > 1
            or (dossier.due_at is not None and dossier.paused_at is None and dossier.due_at < now)
        )
    return dossiers


@require_GET
@staff_required
def home(request: HttpRequest) -> HttpResponse:
    """What waits for this person, by role: intake for receiving officers, their queues for
    processing officers, approvals for approvers, counts only for read-only monitors."""
    user = request.user
    now = timezone.now()
    filters = queue_filters(user, now)
    counts = queue_counts(user, filters)
    roles = {
        "receiving": has_role(user, StaffRole.RECEIVING),
        "processing": has_role(user, StaffRole.PROCESSING),
        "approver": has_role(user, StaffRole.APPROVER),
    }
    acts = any(roles.values())
    lists: list[dict[str, Any]] = []
    if roles["receiving"]:
        lists.append({"slug": "cho-tiep-nhan", "label": BY_SLUG["cho-tiep-nhan"].label})
    if roles["approver"]:
        lists.append({"slug": "cho-phe-duyet", "label": BY_SLUG["cho-phe-duyet"].label})
    if roles["processing"] or roles["receiving"]:
        lists.append({"slug": "cua-toi", "label": BY_SLUG["cua-toi"].label})
    for item in lists:
        item["count"] = counts[item["slug"]]
        item["dossiers"] = mark_deadlines(
            list(queue_dossiers(user, item["slug"], filters, item["count"])[:HOME_LIST]), now
        )
    queues = [
        {"queue": queue, "count": counts[queue.slug]}
        for queue in queues_for(user)
        if queue.slug != "tat-ca"
    ]
    return render_office(
        request,
        "office/home.html",
        {
            "roles": roles,
            "read_only": not acts,
            "province_wide": sees_all_agencies(user),
            "queues": queues,
            "lists": lists,
        },
    )


@require_GET
@staff_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    """One queue, sorted by due date, filtered and searched, a page at a time. htmx requests
    (live filtering) get the results region only."""
    user = request.user
    if slug not in BY_SLUG:
        raise Http404
    now = timezone.now()
    filters = queue_filters(user, now)
    counts = queue_counts(user, filters)
    form = QueueFilterForm(request.GET or None, procedures=procedure_choices(user))
    dossiers = queue_dossiers(user, slug, filters)
    count = counts[slug]
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        dossiers = search(dossiers, data["q"] or "")
        if data["status"] is not None:
            dossiers = dossiers.filter(status=data["status"])
        if data["procedure"] is not None:
            dossiers = dossiers.filter(procedure=data["procedure"])
        if data["q"] or data["status"] is not None or data["procedure"] is not None:
            count = bounded_count(dossiers)  # the queue's count no longer applies
    dossiers = order_for(dossiers, count)
    page = BoundedPaginator(dossiers, PAGE_SIZE, count).get_page(request.GET.get("trang"))
    page.object_list = mark_deadlines(list(page.object_list), now)
    context = {
        "current": BY_SLUG[slug],
        "queues": [{"queue": q, "count": counts[q.slug]} for q in queues_for(user)],
        "form": form,
        "page": page,
        "filtered": form.is_bound,
    }
    template = (
        "office/_queue_results.html" if getattr(request, "htmx", False) else "office/queue.html"
    )
    return render_office(request, template, context)
