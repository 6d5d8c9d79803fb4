"""Phê duyệt — approval: processing is finished (status 9), the result goes back to where
the dossier was received."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from cchc.catalogue.constants import StepRole

from ..constants import Action, Status
from ..errors import InvalidTransition
from ..models import Dossier
from .door import DossierRef, perform
from .inputs import ActionInput, NoteForm
from .rules import R, at_current
from .spec import ActionSpec, Context
from .steps import current_step, leave_step, template_steps


def _guard(ctx: Context) -> None:
    d = ctx.dossier
    step = current_step(d)
    if template_steps(d) and (step is None or step.role != StepRole.APPROVAL):
        raise InvalidTransition(_("Chỉ phê duyệt được khi hồ sơ ở bước phê duyệt."))


def _apply(ctx: Context) -> dict[str, Any]:
    d = ctx.dossier
    fields = leave_step(d, ctx.at, ctx.cal)
    d.finished_at = ctx.at
    d.step_name = str(Status.FINISHED.label)
    d.step_due_at = None
    d.current_agency_id = d.intake_agency_id
    return fields


SPEC = ActionSpec(
    action=Action.APPROVE,
    sources=frozenset({Status.PROCESSING}),
    target=Status.FINISHED,
    may=at_current(R.APPROVER),
    guard=_guard,
    apply=_apply,
    notice=lambda: _("Hồ sơ %(code)s đã có kết quả, mời ông/bà nhận kết quả."),
    timeline=lambda e, d: _("Hồ sơ đã được giải quyết xong; kết quả sẵn sàng."),
    form=NoteForm,
    tone="success",
    order=0,
    api_input=ActionInput,
)


def approve(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": note})
