"""Đánh giá — the applicant rates the service once the result is returned, once
(DOMAIN.md §6 group 5, §7: Rất hài lòng / Hài lòng / Không hài lòng)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from ..constants import Action, Status
from ..errors import InvalidInput, InvalidTransition
from ..models import Dossier, DossierRating, SatisfactionLevel
from .door import DossierRef, perform
from .rules import applicant
from .spec import ActionSpec, Context


def _guard(ctx: Context) -> None:
    if DossierRating.objects.filter(dossier=ctx.dossier).exists():
        raise InvalidTransition(_("Hồ sơ này đã được đánh giá."), code="already_rated")


def _apply(ctx: Context) -> dict[str, Any]:
    level = ctx.data.get("level")
    if level not in SatisfactionLevel.values:
        raise InvalidInput(_("Mức đánh giá không hợp lệ."))
    ctx.data["rating"] = DossierRating.objects.create(
        dossier=ctx.dossier, level=level, comment=str(ctx.data.get("comment") or "")[:2000]
    )
    return {"note": str(SatisfactionLevel(level).label)}


SPEC = ActionSpec(
    action=Action.RATE,
    sources=frozenset({Status.RETURNED}),
    target=None,
    may=applicant,
    guard=_guard,
    apply=_apply,
    timeline=lambda e, d: _("Ông/bà đã đánh giá: %(level)s.") % {"level": e.note},
    order=99,
)


def rate(
    dossier: Dossier | int | DossierRef,
    user: Any,
    level: int,
    comment: str = "",
    *,
    at: datetime.datetime | None = None,
) -> DossierRating:
    data: dict[str, Any] = {"level": level, "comment": comment}
    perform(SPEC, dossier, user, at=at, data=data)
    rating: DossierRating = data["rating"]
    return rating
