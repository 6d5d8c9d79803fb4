"""Rút hồ sơ — withdrawal at the applicant's request (status 7)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from ..constants import Action, Status
from ..models import Dossier
from .common import close
from .door import DossierRef, perform
from .inputs import ActionInput, ReasonForm
from .rules import R, any_of, applicant, at_intake
from .spec import ActionSpec, Context


def _apply(ctx: Context) -> None:
    close(ctx, ctx.note)


SPEC = ActionSpec(
    action=Action.WITHDRAW,
    sources=frozenset(
        {Status.NEW, Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.PAYMENT}
    ),
    target=Status.WITHDRAWN,
    may=any_of(applicant, at_intake(R.RECEIVING)),
    apply=_apply,
    timeline=lambda e, d: _("Hồ sơ đã được rút theo yêu cầu."),
    form=ReasonForm,
    tone="danger",
    order=95,
    api_input=ActionInput,
)


def withdraw(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str = "",
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": reason})
