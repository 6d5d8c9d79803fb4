"""Reads of dossiers, always scoped to what the user may see (issue 'Organisation')."""

from __future__ import annotations

import copy
from typing import Any

from django.db.models import Q, QuerySet

from cchc.org.permissions import agency_ids_with_role, is_staff_member, sees_all_agencies

from .models import Dossier, DossierAccess


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    """Province administrators and monitors see all; staff their agencies' dossiers (received,
    processed or held there); applicants only their own."""
    qs = Dossier.objects.all()
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if sees_all_agencies(user):
        return qs
    if is_staff_member(user):
        ids = agency_ids_with_role(user)
        return qs.filter(
            Q(intake_agency_id__in=ids)
            | Q(processing_agency_id__in=ids)
            | Q(current_agency_id__in=ids)
        )
    return qs.filter(applicant=user)


def may_see(user: Any, dossier: Dossier) -> bool:
    """`dossier in visible_dossiers(user)`, decided in Python on a row already read (the door
    locks by code, then asks this): the same rule, kept beside the query and tested equal to
    it for every user and dossier of the test world."""
    if not getattr(user, "is_authenticated", False):
        return False
    if sees_all_agencies(user):
        return True
    if is_staff_member(user):
        return bool(
            agency_ids_with_role(user)
            & {dossier.intake_agency_id, dossier.processing_agency_id, dossier.current_agency_id}
        )
    return dossier.applicant_id is not None and dossier.applicant_id == user.pk


def may_see_personal_data(dossier: Dossier, user: Any) -> bool:
    """CCCD and phone: the applicant, and staff of an agency that handles the dossier.
    Province-wide monitors see the dossier but not the person's identifiers."""
    if dossier.applicant_id is not None and dossier.applicant_id == getattr(user, "pk", None):
        return True
    ids = agency_ids_with_role(user)
    return bool(
        ids & {dossier.intake_agency_id, dossier.processing_agency_id, dossier.current_agency_id}
    )


def sees_as_applicant(dossier: Dossier, user: Any) -> bool:
    """The user reads the dossier as its applicant (not as staff): the API then shows what the
    portal shows them — no officer names or internal notes, no draft result, no control slip."""
    return (
        dossier.applicant_id is not None
        and dossier.applicant_id == getattr(user, "pk", None)
        and not is_staff_member(user)
    )


def sees_agency_personal_data(user: Any, agency_id: int) -> bool:
    """Whole-agency exports (the register, form 07): identifiers in full only for the agency's
    own staff; province-wide monitors and administrators get them masked (issue 15 §1)."""
    return agency_id in agency_ids_with_role(user)


def _read_only(*args: Any, **kwargs: Any) -> None:
    raise TypeError("a masked copy of a dossier is for reading only")


def as_seen_by(dossier: Dossier, user: Any) -> Dossier:
    """The one masking policy for every exit of a dossier's personal data — the API, the
    national-format export, the printed forms (issue 15 §1): the dossier itself for those
    entitled (`may_see_personal_data`), otherwise a read-only copy whose CCCD and phone are
    masked."""
    if may_see_personal_data(dossier, user):
        return dossier
    shown = copy.copy(dossier)
    shown.applicant_national_id = mask(dossier.applicant_national_id)
    shown.applicant_phone = mask(dossier.applicant_phone)
    shown.save = _read_only  # type: ignore[method-assign]
    return shown


def record_staff_access(dossier: Dossier, user: Any, what: str) -> None:
    """Every read of a dossier by staff is recorded (house rule 6)."""
    if is_staff_member(user):
        DossierAccess.objects.create(dossier=dossier, user=user, what=what)


def mask(value: str) -> str:
    if not value:
        return ""
    return "•" * max(0, len(value) - 3) + value[-3:]
