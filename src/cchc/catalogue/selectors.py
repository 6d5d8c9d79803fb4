"""Reads of the public catalogue, shared by the portal pages and the counter intake."""

from __future__ import annotations

from django.db.models import QuerySet

from cchc.core.text import fold

from .models import Procedure


def public_procedures() -> QuerySet[Procedure]:
    """Procedures a citizen can apply for: active and not internal."""
    return Procedure.objects.filter(is_active=True, is_internal=False).select_related("field")


def search(qs: QuerySet[Procedure], query: str) -> QuerySet[Procedure]:
    """Every word of the query, folded (no diacritics, any order), must appear in the code,
    name or field: "dang ky khai sinh" and "khai sinh đăng ký" both find "Đăng ký khai sinh"."""
    for word in fold(query)[:200].split():
        qs = qs.filter(search_text__contains=word)
    return qs
