"""Từ chối tiếp nhận — refusal at intake, with its reason (form 03, DOMAIN.md §2)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from ..constants import Action, Status
from ..models import Dossier
from .common import close, require_note
from .door import DossierRef, perform
from .inputs import ReasonForm, ReasonInput
from .rules import R, at_intake
from .spec import ActionSpec, Context


def _apply(ctx: Context) -> None:
    close(ctx, require_note(ctx, _("Vui lòng nêu lý do từ chối.")))


SPEC = ActionSpec(
    action=Action.REFUSE,
    sources=frozenset({Status.NEW}),
    target=Status.REFUSED,
    may=at_intake(R.RECEIVING),
    apply=_apply,
    notice=lambda: _("Hồ sơ %(code)s không được tiếp nhận. Lý do: %(note)s"),
    timeline=lambda e, d: _("Hồ sơ không được tiếp nhận."),
    timeline_shows_note=True,
    form=ReasonForm,
    tone="danger",
    order=90,
    api_input=ReasonInput,
    printed_form="03",
)


def refuse(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": reason})
