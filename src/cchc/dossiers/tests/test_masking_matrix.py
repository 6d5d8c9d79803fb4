"""The masking matrix (issue 15 §1): every exit of a dossier's personal data — the API detail,
the national-format export, the printed form 01 and the agency register — shows the CCCD and
phone in full to the applicant and to staff of an agency handling the dossier, and masked to
province-wide monitors and administrators. One policy: `selectors.as_seen_by`."""

from __future__ import annotations

import io
import re
import unicodedata

import openpyxl
import pypdf
import pytest

from cchc.dossiers import services
from cchc.dossiers.services import ApplicantData
from cchc_testkit.clients import api_client_for
from cchc_testkit.world import vn

pytestmark = pytest.mark.django_db

CCCD = "008190001234"
PHONE = "0912345678"


@pytest.fixture
def dossier(world):  # type: ignore[no-untyped-def]
    data = ApplicantData(
        name="Nguyễn Thị Hoà", national_id=CCCD, phone=PHONE, address="Tổ 5, Minh Xuân"
    )
    return services.intake_at_counter(
        world.receiving, world.centre, world.procedure, data, at=vn(2026, 3, 2, 9, 0)
    )


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _exits(world, user, dossier) -> dict[str, str]:  # type: ignore[no-untyped-def]
    client = api_client_for(user)
    out = {}
    detail = client.get(f"/api/v1/dossiers/{dossier.code}")
    assert detail.status_code == 200, detail.content
    out["api"] = f"{detail.json()['applicant_national_id']} {detail.json()['applicant_phone']}"
    national = client.get(f"/api/v1/dossiers/{dossier.code}/national")
    assert national.status_code == 200
    out["national"] = str(national.json())
    form = client.get(f"/api/v1/dossiers/{dossier.code}/forms/01.pdf")
    assert form.status_code == 200, form.content
    out["form 01"] = _pdf_text(form.content)
    return out


def _register(user, world) -> str:  # type: ignore[no-untyped-def]
    response = api_client_for(user).get(
        f"/api/v1/agencies/{world.centre.code}/register.xlsx?from=2026-03-01&to=2026-03-31"
    )
    assert response.status_code == 200, response.content
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)


@pytest.mark.parametrize("who", ["receiving", "processing"])
def test_staff_of_a_handling_agency_see_the_identifiers(world, dossier, who):
    user = getattr(world, who)
    for exit_, text in _exits(world, user, dossier).items():
        assert PHONE in text, exit_
        if exit_ != "national":  # the national format carries no CCCD
            assert CCCD in text, exit_


@pytest.mark.parametrize("who", ["monitor", "admin"])
def test_province_wide_roles_see_them_masked_on_every_exit(world, dossier, who):
    user = getattr(world, who)
    for exit_, text in _exits(world, user, dossier).items():
        assert PHONE not in text and CCCD not in text, exit_
        assert PHONE[-3:] in text, exit_  # masked, not dropped
    register = _register(user, world)
    assert PHONE not in register and "Tổ 5, Minh Xuân" in register


def test_the_agencys_own_register_shows_the_phone(world, dossier):
    assert PHONE in _register(world.receiving, world)


def test_a_masked_copy_cannot_be_saved(world, dossier):
    from cchc.dossiers.selectors import as_seen_by

    shown = as_seen_by(dossier, world.monitor)
    assert shown.applicant_national_id.endswith("234") and shown.applicant_national_id != CCCD
    with pytest.raises(TypeError):
        shown.save()
    dossier.refresh_from_db()
    assert dossier.applicant_national_id == CCCD
