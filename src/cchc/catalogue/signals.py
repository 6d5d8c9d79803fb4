"""A procedure's `updated_at` is its version: every saved or deleted part of it (fee lines,
process steps, required documents) moves it, so per-process memos keyed by
`(procedure.pk, procedure.updated_at)` — the process template of a transition, the fee total —
are never stale, on any node, without a shared cache (decision 0009)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import FeeLine, Procedure, ProcessStep, RequiredDocument


def _touch_procedure(sender: Any, instance: Any, **kwargs: Any) -> None:
    Procedure.objects.filter(pk=instance.procedure_id).update(updated_at=timezone.now())


for _part in (FeeLine, ProcessStep, RequiredDocument):
    post_save.connect(_touch_procedure, sender=_part, dispatch_uid=f"catalogue.touch.{_part}")
    post_delete.connect(_touch_procedure, sender=_part, dispatch_uid=f"catalogue.touchd.{_part}")
