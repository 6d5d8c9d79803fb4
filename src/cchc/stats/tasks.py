"""Background work of the statistics: keeping the rollups in step with the dossiers."""

from __future__ import annotations

import logging

from django.tasks import task

from .rollups import refresh_dossier

log = logging.getLogger(__name__)


@task()
def refresh_rollups(dossier_id: int) -> bool:
    """Refresh one dossier's contribution to the rollups. Changes now reach the rollups through
    the delivery of their domain event (`cchc.dossiers.tasks.dispatch_event`, decision 0009);
    this task stays for refreshes queued before that, and for an operator's manual use."""
    try:
        return refresh_dossier(dossier_id)
    except Exception:
        log.exception("rollup refresh failed for dossier %s", dossier_id)
        raise
