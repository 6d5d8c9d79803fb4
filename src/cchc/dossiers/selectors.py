"""Reads of dossiers, always scoped to what the user may see (issue 'Organisation')."""

from __future__ import annotations

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


def record_staff_access(dossier: Dossier, user: Any, what: str) -> None:
    """Every read of a dossier by staff is recorded (house rule 6)."""
    if is_staff_member(user):
        DossierAccess.objects.create(dossier=dossier, user=user, what=what)


def mask(value: str) -> str:
    if not value:
        return ""
    return "•" * max(0, len(value) - 3) + value[-3:]
