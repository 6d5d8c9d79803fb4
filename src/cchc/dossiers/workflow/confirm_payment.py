"""Đã thực hiện nghĩa vụ tài chính — the fees were paid: online through a payment platform
(the platform itself confirms, user None) or at the counter (HinhThucThu, DOMAIN.md §5)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from ..constants import Action, FeeState, OnlinePayment, Status
from ..models import Dossier, DossierFee
from .door import DossierRef, perform
from .inputs import ActionInput, NoteForm
from .rules import R, any_of, at_current, at_intake, platform
from .spec import ActionSpec, Context


def _apply(ctx: Context) -> None:
    d = ctx.dossier
    online = int(ctx.data.get("online") or OnlinePayment.NONE)
    if online:
        d.paid_online = online
    DossierFee.objects.filter(dossier=d, method="").update(
        method="Trực tuyến" if online else "Trực tiếp"
    )
    d.fee_state = FeeState.PAID


SPEC = ActionSpec(
    action=Action.CONFIRM_PAYMENT,
    sources=frozenset({Status.PAYMENT}),
    target=Status.PROCESSING,
    may=any_of(platform, at_intake(R.RECEIVING), at_current(R.RECEIVING)),
    apply=_apply,
    timeline=lambda e, d: _("Đã ghi nhận việc nộp phí, lệ phí."),
    form=NoteForm,
    tone="success",
    order=5,
    api_input=ActionInput,
)


def confirm_payment(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    online: int = OnlinePayment.NONE,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": note, "online": online})
