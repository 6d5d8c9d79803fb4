"""Chuyển bước — hand the dossier to the next step of its template, possibly in another
agency (inter-agency one-stop, DOMAIN.md §1–§2); the step's result is recorded for form 06."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from ..constants import Action, Status
from ..errors import InvalidTransition
from ..models import Dossier
from .common import agency_name
from .door import DossierRef, perform
from .inputs import ActionInput, NoteForm
from .rules import step_holder
from .spec import ActionSpec, Context
from .steps import enter_step, leave_step, template_steps


def _guard(ctx: Context) -> None:
    d = ctx.dossier
    if d.step_index is None or d.step_index + 1 >= len(template_steps(d)):
        raise InvalidTransition(_("Hồ sơ đang ở bước cuối của quy trình; hãy phê duyệt."))


def _apply(ctx: Context) -> dict[str, Any]:
    d = ctx.dossier
    fields = leave_step(d, ctx.at, ctx.cal)
    enter_step(d, (d.step_index or 0) + 1, ctx.at, ctx.cal)
    return fields


SPEC = ActionSpec(
    action=Action.FORWARD,
    sources=frozenset({Status.RECEIVED, Status.PROCESSING}),
    target=Status.PROCESSING,
    may=step_holder,
    guard=_guard,
    apply=_apply,
    timeline=lambda e, d: (
        _("Hồ sơ được chuyển sang bước “%(step)s” tại %(agency)s.")
        % {"step": e.to_step or "—", "agency": agency_name(e) or "—"}
    ),
    form=NoteForm,
    order=10,
    api_input=ActionInput,
)


def forward(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": note})
