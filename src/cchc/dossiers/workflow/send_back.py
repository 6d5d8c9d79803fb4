"""Trả lại — send the dossier back to the previous step of its template with a reason: the
approver returns it to processing, an officer hands it back to the previous agency
(DOMAIN.md §2). The step being left records its result for form 06 like any hand-over."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import Action, Status
from ..errors import InvalidTransition
from ..models import Dossier
from .common import agency_name, require_note
from .door import DossierRef, perform
from .inputs import ReasonInput, SendBackForm
from .rules import step_holder
from .spec import ActionSpec, Context
from .steps import enter_step, leave_step


def _guard(ctx: Context) -> None:
    if not ctx.dossier.step_index:
        raise InvalidTransition(_("Hồ sơ đang ở bước đầu của quy trình; không có bước trước."))


def _apply(ctx: Context) -> dict[str, Any]:
    require_note(ctx, _("Vui lòng nêu lý do trả lại."))
    d = ctx.dossier
    fields = leave_step(d, ctx.at, ctx.cal)
    enter_step(d, (d.step_index or 1) - 1, ctx.at, ctx.cal)
    return fields


SPEC = ActionSpec(
    action=Action.SEND_BACK,
    sources=frozenset({Status.PROCESSING}),
    target=Status.PROCESSING,
    may=step_holder,
    guard=_guard,
    apply=_apply,
    timeline=lambda e, d: (
        _("Hồ sơ được trả lại bước “%(step)s” tại %(agency)s để xử lý lại.")
        % {"step": e.to_step or "—", "agency": agency_name(e) or "—"}
    ),
    form=SendBackForm,
    tone="warning",
    hint=gettext_lazy("Trả hồ sơ về bước trước (xử lý lại, hoặc cơ quan trước) kèm lý do."),
    order=15,
    api_input=ReasonInput,
)


def send_back(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": reason})
