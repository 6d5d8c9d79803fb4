"""The applicant's rating of the service (DOMAIN.md §6, group 5 — satisfaction)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..constants import Status
from ..errors import InvalidInput, NotPermitted
from ..models import Dossier, DossierRating, SatisfactionLevel


def rate(dossier: Dossier, user: Any, level: int, comment: str = "") -> DossierRating:
    """Once the result is returned, the applicant rates the service, once."""
    if dossier.applicant_id is None or dossier.applicant_id != getattr(user, "pk", None):
        raise NotPermitted(_("Chỉ người nộp hồ sơ được đánh giá."))
    if dossier.status != Status.RETURNED:
        raise InvalidInput(_("Chỉ đánh giá được sau khi đã nhận kết quả."))
    if level not in SatisfactionLevel.values:
        raise InvalidInput(_("Mức đánh giá không hợp lệ."))
    try:
        with transaction.atomic():
            return DossierRating.objects.create(
                dossier=dossier, level=level, comment=comment[:2000]
            )
    except IntegrityError:
        raise InvalidInput(_("Hồ sơ này đã được đánh giá.")) from None
