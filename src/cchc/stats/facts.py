"""From dossiers to facts: what each dossier contributes to the indicators (DOMAIN.md §6).

Dossiers are read in id ranges (keyset pages), with their supplements, documents, fees,
hand-overs and rating fetched per page by grouped queries, so that memory stays bounded
whatever the size of the table and one code path serves both the rebuild (every page) and
the incremental update (the page of one dossier).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q
from django.utils import timezone

from cchc.catalogue.constants import DurationUnit
from cchc.catalogue.models import Procedure, ProcessStep
from cchc.catalogue.selectors import fee_bearing_procedure_ids
from cchc.dossiers.constants import Channel, DocumentKind, Status
from cchc.dossiers.deadlines import due_after_pauses, legal_due
from cchc.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierFee,
    DossierRating,
    SupplementRequest,
)
from cchc.org.models import Agency
from cchc.workcalendar.calendar import EARLY, LATE, WorkCalendar, classify
from cchc.workcalendar.selectors import province_calendar

from .models import Timeliness

FACT_FIELDS = (
    "dossier_id",
    "agency_id",
    "unit_id",
    "procedure_id",
    "channel",
    "received_day",
    "ended_day",
    "window_closed_day",
    "finished_day",
    "returned_day",
    "rated_day",
    "timeliness",
    "rating",
    "processing_hours",
    "online",
    "online_counted",
    "synced",
    "fee_due",
    "paid_online",
    "fee_data",
    "paper_result",
    "finished",
    "e_result",
    "digitised",
    "reused",
    "national_store",
    "vneid",
    "needs_routing",
    "routed",
    "supplemented",
    "resupplemented",
)

_DOSSIER_COLUMNS = (
    "id",
    "procedure_id",
    "processing_agency_id",
    "intake_agency_id",
    "channel",
    "status",
    "received_at",
    "due_at",
    "original_due_at",
    "finished_at",
    "returned_at",
    "closed_at",
    "supplement_count",
    "paid_online",
    "vneid_authenticated",
    "has_digitised_component",
    "synced_to_national",
)

_FINISHED = (Status.FINISHED, Status.RETURNED)
_CLOSED_WITHOUT_RESULT = (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED)


@dataclass(frozen=True)
class ProcedureInfo:
    procedure: Procedure
    paper_result: bool
    fee_bearing: bool
    step_agencies: frozenset[int]


class Catalogue:
    """The small reference data a fact needs (procedures, agencies' units), read once."""

    def __init__(self) -> None:
        self.cal: WorkCalendar = province_calendar()
        self.tz = timezone.get_default_timezone()
        fee_bearing = fee_bearing_procedure_ids()
        steps: dict[int, set[int]] = defaultdict(set)
        for procedure_id, agency_id in ProcessStep.objects.filter(agency__isnull=False).values_list(
            "procedure_id", "agency_id"
        ):
            steps[procedure_id].add(agency_id)
        self.procedures = {
            p.pk: ProcedureInfo(
                procedure=p,
                paper_result=p.paper_result,
                fee_bearing=p.pk in fee_bearing,
                step_agencies=frozenset(steps.get(p.pk, ())),
            )
            for p in Procedure.objects.only(
                "id", "paper_result", "duration", "duration_unit", "cutoff_time"
            )
        }
        self.agency_units = dict(Agency.objects.values_list("id", "unit_id"))

    def day(self, moment: datetime.datetime | None) -> datetime.date | None:
        return moment.astimezone(self.tz).date() if moment is not None else None


@dataclass
class _Related:
    supplements: dict[int, list[tuple[datetime.datetime, datetime.datetime | None]]]
    documents: dict[int, dict[str, int]]
    fees: dict[int, tuple[int, int]]
    ratings: dict[int, tuple[int, datetime.datetime]]
    routed: set[int]


def _load_related(lo: int, hi: int) -> _Related:
    """Everything about dossiers with lo < id <= hi that lives outside the dossier row."""
    in_range = {"dossier_id__gt": lo, "dossier_id__lte": hi}
    supplements: dict[int, list[tuple[datetime.datetime, datetime.datetime | None]]] = defaultdict(
        list
    )
    for dossier_id, requested, completed in (
        SupplementRequest.objects.filter(**in_range)
        .order_by("dossier_id", "requested_at", "id")
        .values_list("dossier_id", "requested_at", "completed_at")
    ):
        supplements[dossier_id].append((requested, completed))
    has_file = ~Q(file="") | ~Q(url="")
    submitted = ~Q(kind=DocumentKind.RESULT)
    documents: dict[int, dict[str, int]] = {
        row["dossier_id"]: {k: int(v) for k, v in row.items()}  # type: ignore[call-overload]
        for row in DossierDocument.objects.filter(**in_range)
        .values("dossier_id")
        .annotate(
            files=Count("id", filter=submitted & has_file),
            digitised=Count("id", filter=submitted & Q(digitised=True)),
            national=Count("id", filter=Q(from_national_store=True)),
            results=Count("id", filter=Q(kind=DocumentKind.RESULT) & has_file),
        )
        .order_by()
    }
    fees = {
        dossier_id: (lines, top or 0)
        for dossier_id, lines, top in DossierFee.objects.filter(**in_range)
        .values("dossier_id")
        .annotate(lines=Count("id"), top=Max("amount"))
        .order_by()
        .values_list("dossier_id", "lines", "top")
    }
    ratings = {
        dossier_id: (level, created)
        for dossier_id, level, created in DossierRating.objects.filter(**in_range).values_list(
            "dossier_id", "level", "created_at"
        )
    }
    routed = set(
        DossierEvent.objects.filter(**in_range, from_agency__isnull=False, to_agency__isnull=False)
        .exclude(from_agency=F("to_agency"))
        .order_by()  # the event's default ordering would join the dossier table
        .values_list("dossier_id", flat=True)
        .distinct()
    )
    return _Related(supplements, documents, fees, ratings, routed)


def _processing_hours(
    info: ProcedureInfo,
    cal: WorkCalendar,
    start: datetime.datetime,
    end: datetime.datetime,
    pauses: list[tuple[datetime.datetime, datetime.datetime]],
) -> float:
    """Time charged to the agency, in hours of the procedure's own clock (2.2): office hours
    for working units, plain hours for calendar days; supplement pauses are not charged."""
    if info.procedure.duration_unit == DurationUnit.CALENDAR_DAYS:
        total = max(end - start, datetime.timedelta(0))
        for a, b in pauses:
            total -= max(min(b, end) - a, datetime.timedelta(0))
    else:
        total = cal.working_time_between(start, end)
        for a, b in pauses:
            total -= cal.working_time_between(a, min(b, end))
    return max(total.total_seconds(), 0.0) / 3600


def compute_fact(row: tuple[Any, ...], related: _Related, catalogue: Catalogue) -> dict | None:
    """The fact of one dossier (a dict of FACT_FIELDS), None when it was never received."""
    (
        dossier_id,
        procedure_id,
        agency_id,
        intake_agency_id,
        channel,
        status,
        received_at,
        due_at,
        original_due_at,
        finished_at,
        returned_at,
        closed_at,
        supplement_count,
        paid_online,
        vneid,
        has_digitised_component,
        synced,
    ) = row
    if received_at is None:
        return None
    info = catalogue.procedures[procedure_id]
    cal, day = catalogue.cal, catalogue.day
    received_day = day(received_at)
    assert received_day is not None

    # --- 2.1: the end of the clock, the supplement time, the due date -------------------------
    supplements = related.supplements.get(dossier_id, [])
    pauses = [(a, b) for a, b in supplements if b is not None]
    open_requests = [a for a, b in supplements if b is None]
    finished = status in _FINISHED
    end: datetime.datetime | None = None
    if finished:
        end = finished_at or returned_at or closed_at
    elif status in _CLOSED_WITHOUT_RESULT:
        end = closed_at
    elif status == Status.SUPPLEMENT and open_requests:
        end = open_requests[0]  # waiting for the applicant: the clock ended at the request
    due = original_due_at or due_at or legal_due(info.procedure, received_at, cal)
    # The supplement pauses move the due date by the one working-time rule the door uses
    # (`deadlines.due_after_pauses`), so the index and the dossier page agree (DOMAIN.md §2, §6).
    completed = [(a, b) for a, b in pauses if end is None or b <= end]
    paused_due = due_after_pauses(info.procedure, due, completed, cal) if completed else due
    many_requests = supplement_count > 1
    timeliness = Timeliness.NONE
    if end is not None:
        if many_requests:
            timeliness = Timeliness.LATE
        else:
            verdict = classify(end, paused_due, cal.tz)
            timeliness = (
                Timeliness.EARLY
                if verdict == EARLY
                else Timeliness.LATE
                if verdict == LATE
                else Timeliness.ON_TIME
            )
    # In progress at a period's last day E counts on time iff E <= the (paused-shifted) due
    # day; from `late_from` on it is late. The window [received, min(end, late_from)) is when
    # the dossier is open and on time.
    late_from = (
        received_day
        if many_requests
        else paused_due.astimezone(catalogue.tz).date() + datetime.timedelta(days=1)
    )
    ended_day = day(end)
    window_closed = min(ended_day, late_from) if ended_day is not None else late_from
    window_closed = max(window_closed, received_day)

    finish = (finished_at or returned_at or closed_at) if finished else None
    processing_hours = (
        _processing_hours(info, cal, received_at, finish, pauses) if finish is not None else 0.0
    )

    documents = related.documents.get(dossier_id, {})
    e_result = int(documents.get("results", 0) > 0)
    files = documents.get("files", 0) > 0
    paper_result = int(info.paper_result)
    lines, top_fee = related.fees.get(dossier_id, (0, 0))
    online = int(channel == Channel.ONLINE)
    rating = related.ratings.get(dossier_id)
    needs_routing = int(intake_agency_id != agency_id or bool(info.step_agencies - {agency_id}))
    return {
        "dossier_id": dossier_id,
        "agency_id": agency_id,
        "unit_id": catalogue.agency_units[agency_id],
        "procedure_id": procedure_id,
        "channel": channel,
        "received_day": received_day,
        "ended_day": ended_day,
        "window_closed_day": window_closed,
        "finished_day": day(finish),
        "returned_day": day(returned_at) if status == Status.RETURNED else None,
        "rated_day": day(rating[1]) if rating else None,
        "timeliness": int(timeliness),
        "rating": rating[0] if rating else 0,
        "processing_hours": round(processing_hours, 4),
        "online": online,
        # 3.3: online, and for a paper-result procedure an electronic result was issued
        "online_counted": int(online and (not paper_result or (finished and e_result))),
        "synced": int(bool(synced)),
        # 3.6: dossiers of fee-bearing procedures, minus those whose every fee line is 0
        "fee_due": int(info.fee_bearing and not (lines and top_fee == 0)),
        "paid_online": int(paid_online in (1, 2)),
        "fee_data": int(lines > 0),
        "paper_result": paper_result,
        "finished": int(finished),
        "e_result": e_result,
        # 4.2: files attached to the components and, once a paper result exists, its e-copy
        "digitised": int(files and (not (paper_result and finished) or bool(e_result))),
        "reused": int(bool(has_digitised_component) or documents.get("digitised", 0) > 0),
        "national_store": int(documents.get("national", 0) > 0),
        "vneid": int(bool(vneid)),
        "needs_routing": needs_routing,
        "routed": int(dossier_id in related.routed),
        "supplemented": int(supplement_count > 0),
        "resupplemented": int(many_requests),
    }


def facts_between(lo: int, hi: int, catalogue: Catalogue) -> list[dict]:
    """Facts of the received dossiers with lo < id <= hi."""
    rows = list(
        Dossier.objects.filter(pk__gt=lo, pk__lte=hi).order_by("pk").values_list(*_DOSSIER_COLUMNS)
    )
    if not rows:
        return []
    related = _load_related(lo, hi)
    facts = (compute_fact(row, related, catalogue) for row in rows)
    return [fact for fact in facts if fact is not None]
