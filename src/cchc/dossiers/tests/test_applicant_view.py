"""The applicant's API shows what the portal shows them (issue 15 §1): no officer names or
internal notes in the history, no result file before the result is issued, no control slip."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers import services
from cchc.dossiers.tests.factories import APPROVED, FORWARDED, DossierFactory
from cchc_testkit.clients import api_client_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_the_applicant_sees_no_officer_names_notes_draft_results_or_control_slip(world):
    dossier = DossierFactory(world=world, received=True)
    dossier = services.forward(dossier, world.receiving, note="Chuyển gấp, hồ sơ VIP", at=FORWARDED)
    draft = SimpleUploadedFile("du-thao.pdf", PDF, "application/pdf")
    services.attach_result(dossier, world.processing, draft, at=APPROVED)

    mine = api_client_for(world.citizen).get(f"/api/v1/dossiers/{dossier.code}").json()
    officer = api_client_for(world.processing).get(f"/api/v1/dossiers/{dossier.code}").json()

    assert any(e["actor_name"] for e in officer["events"])
    assert all(e["actor_name"] == "" for e in mine["events"])
    assert "hồ sơ VIP" in str(officer["events"]) and "hồ sơ VIP" not in str(mine["events"])
    assert [d["kind"] for d in officer["documents"]].count("result") == 1
    assert "result" not in [d["kind"] for d in mine["documents"]]
    result_id = next(d["id"] for d in officer["documents"] if d["kind"] == "result")
    download = api_client_for(world.citizen).get(
        f"/api/v1/dossiers/{dossier.code}/documents/{result_id}"
    )
    assert download.status_code == 404
    assert "06" in officer["forms"] and "06" not in mine["forms"]
    slip = api_client_for(world.citizen).get(f"/api/v1/dossiers/{dossier.code}/forms/06.pdf")
    assert slip.status_code == 404
