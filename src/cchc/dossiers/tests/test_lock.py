"""The door's locking read (decision 0009) gives the dossier with its procedure and current
agency as they are now: a renamed agency or a changed procedure duration is what the next
action sees, though both are kept per process by version."""

from __future__ import annotations

import pytest

from cchc.catalogue.models import Procedure
from cchc.dossiers.tests.factories import DossierFactory
from cchc.dossiers.workflow.door import _lock
from cchc_testkit.clients import api_client_for

pytestmark = pytest.mark.django_db


def test_the_locked_row_carries_the_current_agency_and_procedure(world):
    dossier = DossierFactory(world=world)
    first = _lock("code", dossier.code)
    assert first is not None and first.current_agency.code == world.centre.code
    assert first.procedure.duration == world.procedure.duration
    centre = world.centre
    centre.code = "H60.99"
    centre.save()
    Procedure.objects.filter(pk=world.procedure.pk).update(duration=9)
    procedure = Procedure.objects.get(pk=world.procedure.pk)
    procedure.save()  # an edit through the administrator's pages moves updated_at
    again = _lock("id", dossier.pk)
    assert again is not None
    assert again.current_agency.code == "H60.99"
    assert again.procedure.duration == 9
    assert _lock("code", "no-such-code") is None


def test_the_action_answer_shows_the_renamed_agency(world):
    dossier = DossierFactory(world=world)  # waiting at the province centre
    officer = api_client_for(world.receiving)
    primed = _lock("code", dossier.code)  # this process now keeps the centre as it was
    assert primed is not None and primed.current_agency.code == world.centre.code
    centre = world.centre
    centre.code = "H60.77"
    centre.save()
    response = officer.post(f"/api/v1/dossiers/{dossier.code}/actions/receive", {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["current_agency"] == "H60.77"
