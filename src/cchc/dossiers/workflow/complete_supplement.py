"""Hoàn thành bổ sung — the applicant supplemented: the clock resumes, the paused time is
not charged to the agency (DOMAIN.md §2; `deadlines.due_after_pause` is the one rule)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.catalogue.constants import DurationUnit

from ..constants import Action, DocumentKind, Status
from ..deadlines import due_after_pause
from ..models import Dossier, SupplementRequest
from .common import when
from .door import DossierRef, perform
from .inputs import ActionInput, CompleteSupplementForm
from .rules import R, any_of, applicant, at_intake
from .spec import ActionSpec, Context


def _apply(ctx: Context) -> None:
    d = ctx.dossier
    paused = d.paused_at or ctx.at
    if d.due_at is not None:
        d.due_at = due_after_pause(d.procedure, d.due_at, paused, ctx.at, ctx.cal)
    if d.step_due_at is not None:
        d.step_due_at = ctx.cal.resume_due(
            d.step_due_at, paused, ctx.at, DurationUnit.WORKING_HOURS
        )
    d.paused_at = None
    SupplementRequest.objects.filter(dossier=d, completed_at__isnull=True).update(
        completed_at=ctx.at, due_after=d.due_at
    )


def _run(target: Any, user: Any, data: dict[str, Any]) -> Dossier:
    """From a page or the API: the supplement file (if any) is added, then the supplement
    completed, in one transaction."""
    from .add_document import add_document

    with transaction.atomic():
        if data.get("file"):
            add_document(target, user, data["file"], kind=DocumentKind.SUPPLEMENT)
        return perform(SPEC, target, user, data=data, expected_version=data.get("expected_version"))


SPEC = ActionSpec(
    action=Action.COMPLETE_SUPPLEMENT,
    sources=frozenset({Status.SUPPLEMENT}),
    target=Status.PROCESSING,
    may=any_of(applicant, at_intake(R.RECEIVING)),
    apply=_apply,
    timeline=lambda e, d: (
        _("Đã bổ sung giấy tờ. Ngày hẹn trả mới: %(due)s.") % {"due": when(e.due_at)}
    ),
    form=CompleteSupplementForm,
    hint=gettext_lazy("Thời gian chờ bổ sung không tính vào thời hạn giải quyết."),
    order=5,
    api_input=ActionInput,
    run=_run,
)


def complete_supplement(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": note})
