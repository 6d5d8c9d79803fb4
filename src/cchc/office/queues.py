"""The officers' work queues (DOMAIN.md §2–§3): each queue is a filter over the dossiers the
user may see (`visible_dossiers`), sorted by due date; each counted up to a limit."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.catalogue.constants import DurationUnit, ProcedureLevel, StepRole
from cchc.catalogue.models import Procedure
from cchc.dossiers.constants import OPEN_STATUSES, Status
from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import (
    BoundedCount,
    bounded_count,
    search_dossiers,
    visible_dossiers,
)
from cchc.org.constants import AgencyKind, StaffRole
from cchc.org.models import Agency
from cchc.org.permissions import agency_ids_with_role, sees_all_agencies
from cchc.workcalendar.selectors import province_calendar

S = Status
R = StaffRole
WORKING = (S.RECEIVED, S.PROCESSING)


@dataclass(frozen=True)
class Queue:
    slug: str
    label: Any


QUEUES: tuple[Queue, ...] = (
    Queue("cua-toi", _("Việc của tôi")),
    Queue("cho-tiep-nhan", _("Chờ tiếp nhận")),
    Queue("cho-phe-duyet", _("Chờ phê duyệt")),
    Queue("co-quan", _("Của cơ quan")),
    Queue("sap-den-han", _("Đến hạn trong 1 ngày làm việc")),
    Queue("qua-han", _("Quá hạn")),
    Queue("cho-co-quan-khac", _("Chờ cơ quan khác")),
    Queue("cho-nguoi-nop", _("Chờ người nộp (bổ sung, nộp phí)")),
    Queue("tat-ca", _("Tất cả hồ sơ")),
)
BY_SLUG = {queue.slug: queue for queue in QUEUES}


def _at_step(agencies: set[int], *roles: str, no_step: bool = False) -> Q:
    """Dossiers in progress at `agencies` whose current step has one of `roles` (the role is
    stored on the dossier when it enters a step; "" when it is at none)."""
    q = Q(step_role__in=roles)
    if no_step:
        q |= Q(step_role="")
    return Q(status__in=WORKING, current_agency_id__in=agencies) & q


def queue_filters(user: Any, now: datetime.datetime | None = None) -> dict[str, Q]:
    """One Q per queue, for `user` at `now` (applied to `visible_dossiers(user)`)."""
    now = now or timezone.now()
    mine_all = sees_all_agencies(user)
    receiving = agency_ids_with_role(user, [R.RECEIVING])
    processing = agency_ids_with_role(user, [R.PROCESSING])
    approving = agency_ids_with_role(user, [R.APPROVER])
    own = agency_ids_with_role(user)
    # The open statuses named (not "not closed"): what the partial indexes of open dossiers cover.
    open_ = Q(status__in=OPEN_STATUSES)
    running = open_ & Q(finished_at__isnull=True, paused_at__isnull=True)
    # §3: "due within one working day" is counted in office hours, holidays excluded.
    horizon = province_calendar().add(now, Decimal(1), DurationUnit.WORKING_DAYS)

    mine = (
        Q(status=S.NEW, intake_agency_id__in=receiving)
        | _at_step(receiving, StepRole.RECEIVING)
        | _at_step(processing, StepRole.PROCESSING, no_step=True)
        | (
            Q(status=S.PROCESSING, current_agency_id__in=approving)
            & Q(step_role__in=(StepRole.APPROVAL, ""))
        )
        | Q(status=S.FINISHED, current_agency_id__in=receiving)
    )
    approval = Q(status=S.PROCESSING, step_role=StepRole.APPROVAL)
    if not mine_all:
        approval &= Q(current_agency_id__in=approving | own)
    agency = open_ if mine_all else open_ & Q(current_agency_id__in=own)
    if mine_all:
        elsewhere = Q(status__in=WORKING) & ~Q(current_agency_id=F("processing_agency_id"))
        elsewhere &= ~Q(current_agency_id=F("intake_agency_id"))
    else:
        # Visible and held by none of the user's agencies: received or decided by one of them.
        elsewhere = Q(status__in=WORKING) & ~Q(current_agency_id__in=own)
        elsewhere &= Q(intake_agency_id__in=own) | Q(processing_agency_id__in=own)
    return {
        "cua-toi": mine,
        "cho-tiep-nhan": Q(status=S.NEW) if mine_all else Q(status=S.NEW, intake_agency_id__in=own),
        "cho-phe-duyet": approval,
        "co-quan": agency,
        "sap-den-han": running & Q(due_at__gte=now, due_at__lte=horizon),
        # §2: more than one supplement request makes a dossier late whatever its dates.
        "qua-han": (open_ & Q(finished_at__isnull=True))
        & (Q(due_at__lt=now, paused_at__isnull=True) | Q(supplement_count__gt=1)),
        "cho-co-quan-khac": elsewhere,
        "cho-nguoi-nop": Q(status__in=(S.SUPPLEMENT, S.PAYMENT)),
        "tat-ca": Q(),
    }


def base_queryset(user: Any) -> QuerySet[Dossier]:
    return visible_dossiers(user)


def queue_counts(
    user: Any, filters: dict[str, Q] | None = None, limit: int | None = None
) -> dict[str, BoundedCount]:
    """Each queue's bounded count: one short query per queue, each able to use its own index
    (one aggregate with a FILTER per queue would read every visible dossier)."""
    filters = filters or queue_filters(user)
    base = base_queryset(user)
    return {slug: bounded_count(base.filter(q), limit) for slug, q in filters.items()}


def search(qs: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """Code, applicant name (with or without diacritics), CCCD, or the procedure's code or
    name words: `cchc.dossiers.selectors.search_dossiers`."""
    return search_dossiers(qs, text)


def procedure_choices(user: Any) -> QuerySet[Procedure]:
    """The procedures for the queue's filter. A province-wide overseer: those with dossiers,
    each probed through the procedure index. Staff: those their agencies handle in the
    catalogue, and every procedure of the level of a service centre or commune committee
    they work at (it receives them all) — the catalogue answers without reading millions of
    dossiers, which a probe per procedure did for procedures the user never sees."""
    fields = ("code", "name")
    if sees_all_agencies(user):
        exists = Exists(Dossier.objects.filter(procedure_id=OuterRef("pk")))
        return Procedure.objects.filter(exists).only(*fields).order_by("code")
    own = agency_ids_with_role(user)
    kinds = set(Agency.objects.filter(pk__in=own).values_list("kind", flat=True))
    q = Q(
        pk__in=Procedure.agencies.through.objects.filter(agency_id__in=own).values("procedure_id")
    )
    if AgencyKind.PROVINCE_CENTRE in kinds:
        q |= Q(level=ProcedureLevel.PROVINCE)
    if kinds & {AgencyKind.COMMUNE_CENTRE, AgencyKind.COMMUNE_COMMITTEE}:
        q |= Q(level=ProcedureLevel.COMMUNE)
    return Procedure.objects.filter(q).only(*fields).order_by("code")


# Up to this many dossiers a queue is sorted in memory after an indexed filter; larger ones
# are read in due-date order from the due_at index (their rows are dense enough there).
SORT_IN_MEMORY = 2000


def order_for(qs: QuerySet[Dossier], count: int | None) -> QuerySet[Dossier]:
    """Soonest due first (no due date last), then id. For a small result, the sort key is
    wrapped (COALESCE(due_at, due_at)) so PostgreSQL cannot walk the due_at index — which it
    may prefer on a misestimate, discarding millions of rows — and filters by the queue's own
    indexes instead."""
    due: Any = F("due_at")
    if count is not None and count <= SORT_IN_MEMORY and not getattr(count, "more", False):
        due = Coalesce("due_at", "due_at")
    return qs.order_by(due.asc(nulls_last=True), "id")


def queue_dossiers(
    user: Any, slug: str, filters: dict[str, Q] | None = None, count: int | None = None
) -> QuerySet[Dossier]:
    """The dossiers of queue `slug`, soonest due first (no due date last); `count`, when
    known, chooses how PostgreSQL sorts them (`order_for`)."""
    filters = filters or queue_filters(user)
    qs = base_queryset(user).filter(filters[slug]).select_related("procedure", "current_agency")
    return order_for(qs, count)


def queues_for(user: Any) -> list[Queue]:
    """The queues worth showing to `user`: approval only to approvers and overseers, intake
    only to receiving officers and overseers, "mine" to anyone who acts."""
    overseer = sees_all_agencies(user)
    hidden: set[str] = set()
    acts = bool(agency_ids_with_role(user, [R.RECEIVING, R.PROCESSING, R.APPROVER]))
    if not acts:
        hidden.add("cua-toi")
    if not (overseer or agency_ids_with_role(user, [R.APPROVER])):
        hidden.add("cho-phe-duyet")
    if not (overseer or agency_ids_with_role(user, [R.RECEIVING])):
        hidden.add("cho-tiep-nhan")
    return [queue for queue in QUEUES if queue.slug not in hidden]
