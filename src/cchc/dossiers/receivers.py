"""Subscribers to the dossier engine's domain events."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from .signals import dossier_transitioned
from .tasks import _NOTIFIED, notify_applicant


@receiver(dossier_transitioned)
def queue_notification(
    sender: Any, dossier_id: int, event_id: int, action: str, notify: bool = True, **kwargs: Any
) -> None:
    """Queue the e-mail to the applicant; only when there is someone to tell."""
    if notify and action in _NOTIFIED:
        notify_applicant.enqueue(event_id)
