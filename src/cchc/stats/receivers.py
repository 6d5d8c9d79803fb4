"""Rollups follow the dossiers: every committed change of a dossier refreshes its fact.

The engine publishes `dossier_transitioned` after commit (the door, decision 0001). The
history import, ratings and documents attached outside a transition write no transition
event, so their saves are followed too, once their transaction commits.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cchc.catalogue.models import FeeLine, Procedure, ProcessStep, RequiredDocument
from cchc.dossiers.constants import Action
from cchc.dossiers.models import DossierDocument, DossierEvent, DossierRating
from cchc.dossiers.signals import dossier_transitioned
from cchc.org.models import Agency

from .inputs import forget_catalogue_facts
from .rollups import forget_catalogue

log = logging.getLogger(__name__)


def refresh_safely(dossier_id: int) -> None:
    """Queue the refresh for the task worker (`db_worker`), so a citizen's or officer's request
    does not wait for statistics (10–20 ms a dossier, bench/README.md). Never let statistics
    break the operation that triggered them: a failure to queue is logged, and
    `manage.py rebuild_rollups` repairs the rollups."""
    from .tasks import refresh_rollups

    try:
        refresh_rollups.enqueue(dossier_id)
    except Exception:
        log.exception("rollup refresh could not be queued for dossier %s", dossier_id)


def _after_commit(dossier_id: int) -> None:
    transaction.on_commit(lambda: refresh_safely(dossier_id))


@receiver(dossier_transitioned, dispatch_uid="stats.transitioned")
def _on_transition(sender: Any, dossier_id: int, **kwargs: Any) -> None:
    refresh_safely(dossier_id)  # sent after commit already


@receiver(post_save, sender=DossierEvent, dispatch_uid="stats.imported")
def _on_import(sender: Any, instance: DossierEvent, created: bool, **kwargs: Any) -> None:
    if created and instance.action == Action.IMPORT:
        _after_commit(instance.dossier_id)


@receiver(post_save, sender=DossierRating, dispatch_uid="stats.rated")
def _on_rating(sender: Any, instance: DossierRating, **kwargs: Any) -> None:
    _after_commit(instance.dossier_id)


@receiver(post_save, sender=DossierDocument, dispatch_uid="stats.document")
def _on_document(sender: Any, instance: DossierDocument, created: bool, **kwargs: Any) -> None:
    if created:
        _after_commit(instance.dossier_id)


def _catalogue_changed(sender: Any, **kwargs: Any) -> None:
    """This process forgets its cached catalogue at once; others within a minute (TTL)."""
    forget_catalogue()
    forget_catalogue_facts()


for _model in (Procedure, FeeLine, ProcessStep, RequiredDocument, Agency):
    post_save.connect(_catalogue_changed, sender=_model, dispatch_uid=f"stats.cat.{_model}")
    post_delete.connect(_catalogue_changed, sender=_model, dispatch_uid=f"stats.catd.{_model}")
