"""Invalidate the cached province calendar when an override changes (DOMAIN.md §3)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import selectors
from .models import CalendarOverride


@receiver(post_save, sender=CalendarOverride, dispatch_uid="workcalendar_override_saved")
@receiver(post_delete, sender=CalendarOverride, dispatch_uid="workcalendar_override_deleted")
def _override_changed(sender: type[CalendarOverride], **kwargs: Any) -> None:
    selectors.invalidate_calendar_cache(using=kwargs.get("using"))
