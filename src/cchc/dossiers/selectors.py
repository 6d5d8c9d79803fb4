"""Reads of dossiers, always scoped to what the user may see (issue 'Organisation')."""

from __future__ import annotations

import copy
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

from cchc.catalogue.models import Procedure
from cchc.core.text import fold
from cchc.org.permissions import agency_ids_with_role, is_staff_member, sees_all_agencies

from .models import Dossier, DossierAccess

# Lists of dossiers are counted exactly up to this many, then shown as "10 000+".
COUNT_LIMIT = 10_000


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


def search_dossiers(qs: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """Dossiers of `qs` matching `text`: exactly its code when one dossier has that code;
    otherwise a part of the code, a part of the applicant's name (with or without
    diacritics), the CCCD/tax code, or a procedure by code or by the words of its name.

    Each alternative reads its own index (trigram indexes on the code and the folded name on
    PostgreSQL, migration 0004), so PostgreSQL combines them instead of scanning the queue in
    due-date order; the procedures are looked up in the catalogue first for the same reason."""
    text = " ".join(text.split())[:100]
    if not text:
        return qs
    if " " not in text:
        exact = Dossier.objects.filter(code__in={text, text.upper()}).values_list("pk", flat=True)
        pk = exact.first()
        if pk is not None:
            return qs.filter(pk=pk)
    folded = fold(text)
    q = (
        Q(code__icontains=text)
        | Q(applicant_search__contains=folded)
        | Q(applicant_national_id=text)
    )
    by_procedure = Q(code=text)
    if words := folded.split():
        by_procedure |= Q(*(Q(search_text__contains=word) for word in words))
    procedures = list(Procedure.objects.filter(by_procedure).values_list("pk", flat=True))
    if procedures:
        q |= Q(procedure_id__in=procedures)
    return qs.filter(q)


class BoundedCount(int):
    """How many dossiers a list holds, counted up to a limit: past it (`more`) the page says
    "10 000+" instead of paying for an exact count over millions of rows."""

    more: bool

    def __new__(cls, value: int, more: bool = False) -> BoundedCount:
        count = super().__new__(cls, value)
        count.more = more
        return count

    @property
    def label(self) -> str:
        if not self.more:
            return str(int(self))
        return f"{int(self):,}".replace(",", " ") + "+"


def bounded_count(qs: QuerySet[Dossier], limit: int | None = None) -> BoundedCount:
    """COUNT over `LIMIT limit + 1`: exact up to `limit`, else `limit` and `more`."""
    limit = COUNT_LIMIT if limit is None else limit
    counted = qs.order_by()[: limit + 1].count()
    return BoundedCount(min(counted, limit), more=counted > limit)


class BoundedPaginator(Paginator):
    """A paginator whose count is a `BoundedCount` (given when already known)."""

    def __init__(self, object_list: Any, per_page: int, count: BoundedCount | None = None) -> None:
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count

    @cached_property
    def count(self) -> BoundedCount:
        return bounded_count(cast(QuerySet[Dossier], self.object_list))

    def page(self, number: Any) -> Any:
        """As Django's, but a page is not cut at a count that is only a lower bound."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if not self.count.more and top + self.orphans >= self.count:
            top = self.count
        return Page(self.object_list[bottom:top], number, self)


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
