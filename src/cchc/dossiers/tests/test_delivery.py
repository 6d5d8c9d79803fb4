"""Delivery of a change (decision 0009): the door queues one task in the change's own
transaction; the worker sends the domain event to its listeners and then the applicant's
notice. A failing listener stops neither the others nor the notice, and fails the task."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.tasks import task

from cchc.core import sms
from cchc.core.immediate import CommittedImmediateBackend
from cchc.dossiers import services
from cchc.dossiers.signals import dossier_transitioned
from cchc.dossiers.tasks import DeliveryFailed, dispatch_event
from cchc.dossiers.tests.factories import RECEIVED, DossierFactory

pytestmark = pytest.mark.django_db


def test_a_failing_listener_fails_the_delivery_but_the_applicant_is_told(world):
    dossier = DossierFactory(world=world)
    dossier = services.receive(dossier, world.receiving, at=RECEIVED)
    event = dossier.events.get(action="receive")
    heard: list[int] = []

    def broken(sender: Any, dossier_id: int, **kwargs: Any) -> None:
        raise RuntimeError("listener down")

    def working(sender: Any, dossier_id: int, **kwargs: Any) -> None:
        heard.append(dossier_id)

    sms.outbox.clear()
    dossier_transitioned.connect(broken, dispatch_uid="test.broken")
    dossier_transitioned.connect(working, dispatch_uid="test.working")
    try:
        with pytest.raises(DeliveryFailed):
            dispatch_event.call(dossier.pk, event.pk, "receive", True)
    finally:
        dossier_transitioned.disconnect(dispatch_uid="test.broken")
        dossier_transitioned.disconnect(dispatch_uid="test.working")
    assert heard == [dossier.pk]
    assert len(sms.outbox) == 1 and dossier.code in sms.outbox[0][1]


ran: list[int] = []


@task()
def remember(value: int) -> None:
    ran.append(value)


def test_the_committed_immediate_backend_runs_only_what_committed(
    django_capture_on_commit_callbacks,
):
    backend = CommittedImmediateBackend("default", {})
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        backend.enqueue(remember, (1,), {})
        assert ran == []  # not before the commit
    assert ran == [1]
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                backend.enqueue(remember, (2,), {})
                raise RuntimeError("the change fails")
        except RuntimeError:
            pass
    assert ran == [1]  # the rolled-back change queued nothing
