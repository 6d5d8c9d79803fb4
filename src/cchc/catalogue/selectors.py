"""Reads of the public catalogue, shared by the portal pages and the counter intake."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from cchc.core.text import fold

from .models import FeeLine, Procedure


def public_procedures() -> QuerySet[Procedure]:
    """Procedures a citizen can apply for: active and not internal."""
    return Procedure.objects.filter(is_active=True, is_internal=False).select_related("field")


def search(qs: QuerySet[Procedure], query: str) -> QuerySet[Procedure]:
    """Every word of the query, folded (no diacritics, any order), must appear in the code,
    name or field: "dang ky khai sinh" and "khai sinh đăng ký" both find "Đăng ký khai sinh"."""
    for word in fold(query)[:200].split():
        qs = qs.filter(search_text__contains=word)
    return qs


# --- procedures as a transition reads them ----------------------------------------------------

# The long publication texts, which no transition reads.
PUBLICATION_TEXTS = ("sequence", "method", "applicants", "legal_basis", "source", "search_text")

# Per process, by the row's version (`updated_at`, moved by every change of the procedure or
# its parts: `catalogue.signals`, decision 0009). Entries are read, never mutated.
_PROCEDURES: dict[tuple[int, Any], Procedure] = {}


def procedure_at(pk: int, version: Any) -> Procedure:
    """The procedure `pk` (without its publication texts) as of `version`, its `updated_at` as
    the database returned it."""
    key = (pk, version)
    procedure = _PROCEDURES.get(key)
    if procedure is None:
        if len(_PROCEDURES) > 5000:
            _PROCEDURES.clear()
        procedure = _PROCEDURES[key] = Procedure.objects.defer(*PUBLICATION_TEXTS).get(pk=pk)
    return procedure


# --- fees: the one definition of "fee-bearing" (DOMAIN.md §6, 3.5/3.6) -----------------------


def paying_fee_lines() -> QuerySet[FeeLine]:
    """Fee lines that ask for money: a procedure with at least one is fee-bearing."""
    return FeeLine.objects.filter(amount__gt=0)


def fee_bearing_procedure_ids() -> set[int]:
    return set(paying_fee_lines().values_list("procedure_id", flat=True))


# Per process, by procedure version (`catalogue.signals`): a transition lists the actions its
# guards allow, and the fee guard would otherwise read the fee lines on every answer.
_FEE_TOTALS: dict[tuple[int, datetime.datetime], int] = {}


def catalogue_fee_total(procedure: Procedure) -> int:
    """What the catalogue asks for the procedure: the sum of its fee lines, in đồng."""
    key = (procedure.pk, procedure.updated_at)
    total = _FEE_TOTALS.get(key)
    if total is None:
        if len(_FEE_TOTALS) > 5000:
            _FEE_TOTALS.clear()
        total = _FEE_TOTALS[key] = sum(line.amount for line in procedure.fees.all())
    return total


def forget_fee_totals() -> None:
    """Drop this process's memos (tests, whose transactions roll back versions)."""
    _FEE_TOTALS.clear()
    _PROCEDURES.clear()


def is_fee_bearing(procedure: Procedure) -> bool:
    return catalogue_fee_total(procedure) > 0
