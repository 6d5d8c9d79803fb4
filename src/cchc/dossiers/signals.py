"""Domain events of the dossier engine, sent after the transaction commits."""

from django.dispatch import Signal

# kwargs: dossier_id: int, event_id: int, action: str. Subscribers (rollups, sync) must not
# change the dossier: they react to what happened.
dossier_transitioned = Signal()
