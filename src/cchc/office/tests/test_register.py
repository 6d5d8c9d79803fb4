"""Form 07 as .xlsx, for the agencies the user may see."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cchc.dossiers.forms.register import REGISTER_HEADER_ROW
from cchc_testkit.clients import client_for

from .conftest import counter_dossier

URL = "/mot-cua/so-theo-doi/"


def test_register_form_offers_only_the_users_agencies(world):
    content = client_for(world.processing).get(URL).content.decode()
    assert world.department.name in content and world.centre.name not in content
    monitor = client_for(world.monitor).get(URL).content.decode()
    assert world.department.name in monitor and world.centre.name in monitor


def test_register_downloads_an_xlsx_that_opens(world):
    dossier = counter_dossier(world)
    today = timezone.localdate().isoformat()
    response = client_for(world.processing).get(
        URL, {"co_quan": world.department.code, "tu_ngay": today, "den_ngay": today}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = [row[1] for row in sheet.iter_rows(min_row=REGISTER_HEADER_ROW + 1, values_only=True)]
    assert codes == [dossier.code]


def test_register_of_another_agency_is_refused(world):
    today = timezone.localdate().isoformat()
    response = client_for(world.processing).get(
        URL, {"co_quan": world.centre.code, "tu_ngay": today, "den_ngay": today}
    )
    assert response.status_code == 400
    assert "xlsx" not in response["Content-Type"]


def test_register_rejects_a_backwards_or_too_long_period(world):
    client = client_for(world.processing)
    backwards = client.get(
        URL, {"co_quan": world.department.code, "tu_ngay": "2026-03-10", "den_ngay": "2026-03-01"}
    )
    assert backwards.status_code == 400
    too_long = client.get(
        URL, {"co_quan": world.department.code, "tu_ngay": "2024-01-01", "den_ngay": "2026-03-01"}
    )
    assert too_long.status_code == 400
    assert "tối đa một năm" in too_long.content.decode()


def test_register_link_is_in_the_office_menu(world):
    assert reverse("office:register") in client_for(world.monitor).get("/mot-cua/").content.decode()
