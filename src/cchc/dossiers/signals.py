"""Domain events of the dossier engine, sent after the transaction commits."""

from django.dispatch import Signal

# kwargs: dossier_id: int, event_id: int, action: str, notify: bool (the applicant can be told)
dossier_transitioned = Signal()
