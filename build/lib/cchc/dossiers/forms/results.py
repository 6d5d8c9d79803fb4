"""Early / on time / late of a whole dossier, as printed on form 06 and in the register (07)."""

from __future__ import annotations

from django.utils import timezone

from cchc.workcalendar.calendar import classify

from ..constants import Timeliness
from ..models import Dossier


def dossier_result(dossier: Dossier) -> str:
    """A :class:`Timeliness` value, or ``""`` while processing has not ended.

    The end is ``finished_at`` (result ready), else ``returned_at``; it is compared with the
    due date in force (``due_at``, after supplements and apologies). More than one supplement
    request makes the dossier late whatever its dates (DOMAIN.md §2).
    """
    if dossier.supplement_count > 1:
        return Timeliness.LATE
    end = dossier.finished_at or dossier.returned_at
    if end is None or dossier.due_at is None:
        return ""
    return classify(end, dossier.due_at, timezone.get_default_timezone())


def dossier_result_label(dossier: Dossier) -> str:
    """``"Trước hạn"``, ``"Đúng hạn"``, ``"Quá hạn"`` or ``""``."""
    value = dossier_result(dossier)
    return str(Timeliness(value).label) if value else ""
