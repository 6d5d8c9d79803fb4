"""Miễn phí, lệ phí — the explicit, logged decision that a fee-bearing dossier pays nothing;
without it (or a payment) the result is not returned (DOMAIN.md §2: fees are part of the
flow)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.catalogue.selectors import is_fee_bearing

from ..constants import Action, FeeState, Status
from ..errors import InvalidTransition
from ..models import Dossier
from .common import require_note
from .door import DossierRef, perform
from .inputs import ExemptionForm, ReasonInput
from .rules import R, any_of, at_current, at_intake
from .spec import ActionSpec, Context


def _guard(ctx: Context) -> None:
    d = ctx.dossier
    if not is_fee_bearing(d.procedure):
        raise InvalidTransition(_("Thủ tục này không thu phí, lệ phí."), code="no_fee")
    if d.fee_state in (FeeState.PAID, FeeState.EXEMPT):
        raise InvalidTransition(_("Phí, lệ phí của hồ sơ đã được giải quyết."), code="fee_settled")


def _apply(ctx: Context) -> None:
    require_note(ctx, _("Vui lòng nêu căn cứ miễn phí, lệ phí."))
    ctx.dossier.fee_state = FeeState.EXEMPT


SPEC = ActionSpec(
    action=Action.EXEMPT_FEE,
    sources=frozenset({Status.RECEIVED, Status.PROCESSING, Status.FINISHED}),
    target=None,
    may=any_of(at_current(R.RECEIVING, R.PROCESSING, R.APPROVER), at_intake(R.RECEIVING)),
    guard=_guard,
    apply=_apply,
    timeline=lambda e, d: _("Hồ sơ được miễn phí, lệ phí."),
    timeline_shows_note=True,
    form=ExemptionForm,
    tone="secondary",
    hint=gettext_lazy("Ghi rõ căn cứ (đối tượng được miễn); việc miễn được ghi vào lịch sử."),
    order=70,
    api_input=ReasonInput,
)


def exempt_fee(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": reason})
