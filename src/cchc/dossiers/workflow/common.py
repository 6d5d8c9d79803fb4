"""Pieces several action specs share."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from ..errors import InvalidInput
from .spec import Context


def when(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""


def require_note(ctx: Context, message: str) -> str:
    """The reason an action needs (refusal, stop, supplement…), or InvalidInput."""
    text = ctx.note.strip()
    if not text:
        raise InvalidInput(message)
    return text


def close(ctx: Context, reason: str) -> None:
    """The change shared by refusal, withdrawal and stop: the dossier closes with a reason."""
    ctx.dossier.refusal_reason = reason
    ctx.dossier.closed_at = ctx.at


def agency_name(event: Any) -> str:
    return event.to_agency.name if event.to_agency_id and event.to_agency else ""


__all__ = ["InvalidInput", "agency_name", "close", "require_note", "when"]
