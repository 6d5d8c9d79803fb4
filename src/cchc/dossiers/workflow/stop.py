"""Dừng xử lý — processing stopped, with its reason (form 05, status 8)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from ..constants import Action, Status
from ..models import Dossier
from .common import close, require_note
from .door import DossierRef, perform
from .inputs import ReasonForm, ReasonInput
from .rules import R, at_current
from .spec import ActionSpec, Context


def _apply(ctx: Context) -> None:
    close(ctx, require_note(ctx, _("Vui lòng nêu lý do dừng xử lý.")))


SPEC = ActionSpec(
    action=Action.STOP,
    sources=frozenset({Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.PAYMENT}),
    target=Status.STOPPED,
    may=at_current(R.RECEIVING, R.PROCESSING, R.APPROVER),
    apply=_apply,
    notice=lambda: _("Hồ sơ %(code)s bị dừng xử lý. Lý do: %(note)s"),
    timeline=lambda e, d: _("Hồ sơ bị dừng xử lý."),
    timeline_shows_note=True,
    form=ReasonForm,
    tone="danger",
    order=92,
    api_input=ReasonInput,
    printed_form="05",
)


def stop(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": reason})
