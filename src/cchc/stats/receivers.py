"""Rollups follow the dossiers: every committed change of a dossier refreshes its fact.

Every change of a dossier or its parts — transitions, documents, ratings, the history
import — goes through the door and ends in one domain event, `dossier_transitioned`,
delivered by the task worker after the change committed (decisions 0001, 0008, 0009). That is the only thing statistics listen to about
dossiers; the catalogue's saves are followed for its cached reference data.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cchc.catalogue.models import FeeLine, Procedure, ProcessStep, RequiredDocument
from cchc.dossiers.signals import dossier_transitioned
from cchc.org.models import Agency

from .cache import bump
from .inputs import forget_catalogue_facts
from .rollups import forget_catalogue, refresh_dossier


@receiver(dossier_transitioned, dispatch_uid="stats.transitioned")
def _on_transition(sender: Any, dossier_id: int, **kwargs: Any) -> None:
    """Delivered by the task worker after the change committed (decision 0009), so the
    refresh runs here, not in the request; a failure fails the delivery task visibly and
    `manage.py rebuild_rollups` repairs the rollups."""
    refresh_dossier(dossier_id)


def _catalogue_changed(sender: Any, **kwargs: Any) -> None:
    """This process forgets its cached catalogue at once, others within a minute (TTL); cached
    answers computed from it are out of date (cache.py)."""
    forget_catalogue()
    forget_catalogue_facts()
    transaction.on_commit(lambda: bump("all"))


for _model in (Procedure, FeeLine, ProcessStep, RequiredDocument, Agency):
    post_save.connect(_catalogue_changed, sender=_model, dispatch_uid=f"stats.cat.{_model}")
    post_delete.connect(_catalogue_changed, sender=_model, dispatch_uid=f"stats.catd.{_model}")
