"""Tiếp nhận — receipt: the legal clock starts (DOMAIN.md §2–§3); form 01 is printed."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import Action, Status
from ..deadlines import legal_due
from ..models import Dossier
from .common import when
from .door import DossierRef, perform
from .inputs import ActionInput, NoteForm
from .rules import R, at_intake
from .spec import ActionSpec, Context
from .steps import enter_step, template_steps


def _apply(ctx: Context) -> None:
    d = ctx.dossier
    d.received_at = ctx.at
    d.due_at = d.original_due_at = legal_due(d.procedure, ctx.at, ctx.cal)
    if template_steps(d):
        enter_step(d, 0, ctx.at, ctx.cal)


SPEC = ActionSpec(
    action=Action.RECEIVE,
    sources=frozenset({Status.NEW}),
    target=Status.RECEIVED,
    may=at_intake(R.RECEIVING),
    apply=_apply,
    notice=lambda: _("Hồ sơ %(code)s đã được tiếp nhận. Ngày hẹn trả: %(due)s."),
    timeline=lambda e, d: (
        _("Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: %(due)s.") % {"due": when(e.due_at)}
    ),
    form=NoteForm,
    hint=gettext_lazy("Thời hạn giải quyết bắt đầu tính từ lúc tiếp nhận."),
    order=0,
    api_input=ActionInput,
    printed_form="01",
)


def receive(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": note})
