"""Trả kết quả — the result is handed to the applicant (status 10). A fee-bearing dossier is
returned only once its fees are paid or explicitly exempted (DOMAIN.md §2)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from cchc.catalogue.selectors import is_fee_bearing

from ..constants import Action, FeeState, Status
from ..errors import InvalidTransition
from ..models import Dossier
from .door import DossierRef, perform
from .inputs import ActionInput, NoteForm
from .rules import R, any_of, at_current, at_intake
from .spec import ActionSpec, Context


def _guard(ctx: Context) -> None:
    d = ctx.dossier
    if d.fee_state not in (FeeState.PAID, FeeState.EXEMPT) and is_fee_bearing(d.procedure):
        raise InvalidTransition(
            _(
                "Hồ sơ chưa nộp phí, lệ phí: hãy yêu cầu và xác nhận việc nộp phí, hoặc ghi "
                "nhận việc miễn phí trước khi trả kết quả."
            ),
            code="fee_unpaid",
        )


def _apply(ctx: Context) -> None:
    d = ctx.dossier
    d.returned_at = d.closed_at = ctx.at
    d.step_name = str(Status.RETURNED.label)


SPEC = ActionSpec(
    action=Action.RETURN_RESULT,
    sources=frozenset({Status.FINISHED}),
    target=Status.RETURNED,
    may=any_of(at_intake(R.RECEIVING), at_current(R.RECEIVING)),
    guard=_guard,
    apply=_apply,
    timeline=lambda e, d: _("Đã trả kết quả."),
    form=NoteForm,
    tone="success",
    order=0,
    api_input=ActionInput,
)


def return_result(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": note})
