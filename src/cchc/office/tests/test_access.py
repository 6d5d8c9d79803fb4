"""Every office page is staff-only (403 otherwise); another agency's dossier is not found."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.dossiers.constants import Status
from cchc.dossiers.models import DossierAccess
from cchc_testkit.clients import client_for

from .conftest import counter_dossier


def _pages(code: str) -> list[str]:
    return [
        reverse("office:home"),
        reverse("office:intake"),
        reverse("office:intake-done", args=[code]),
        reverse("office:queue", args=["cua-toi"]),
        reverse("office:dossier", args=[code]),
        reverse("office:document", args=[code, 1]),
        reverse("office:form", args=[code, "01"]),
        reverse("office:register"),
    ]


def test_citizen_gets_403_on_every_office_page(world):
    dossier = counter_dossier(world)
    client = client_for(world.citizen)
    for url in _pages(dossier.code):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("office:action", args=[dossier.code, "forward"]))
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


def test_signed_out_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("office:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_other_agency_dossier_is_not_found(world):
    dossier = counter_dossier(world)
    client = client_for(world.commune_processing)
    for url in (
        reverse("office:dossier", args=[dossier.code]),
        reverse("office:intake-done", args=[dossier.code]),
        reverse("office:form", args=[dossier.code, "01"]),
        reverse("office:document", args=[dossier.code, 1]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("office:action", args=[dossier.code, "forward"]), {"forward-note": ""}
    )
    assert response.status_code == 404
    assert not DossierAccess.objects.filter(user=world.commune_processing).exists()


@pytest.mark.parametrize("slug", ["khong-co", "cua-ban"])
def test_unknown_queue_is_not_found(world, slug):
    assert client_for(world.processing).get(f"/mot-cua/hang-doi/{slug}/").status_code == 404


def test_intake_is_for_receiving_officers_only(world):
    assert client_for(world.processing).get(reverse("office:intake")).status_code == 403
    assert client_for(world.monitor).get(reverse("office:intake")).status_code == 403
    assert client_for(world.receiving).get(reverse("office:intake")).status_code == 200
