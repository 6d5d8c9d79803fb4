"""Browser journey: a citizen scans the QR on the receipt (or types the code) and sees the
status of the dossier, with no personal data on the page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cchc.dossiers import services
from cchc.dossiers.services import ApplicantData

from .world import build_world, vn

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lookup_by_code_shows_status_without_personal_data(live_server, page):
    world = build_world()
    dossier = services.intake_at_counter(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name="Nguyễn Thị Hoà", national_id="008190001234"),
        at=vn(2026, 3, 2, 9, 0),
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url("**/tra-cuu/?ma=*")
    assert page.locator(".status").inner_text() == "Được tiếp nhận"
    assert "Nguyễn Thị Hoà" not in page.content() and "008190001234" not in page.content()
    assert "09:00 05/03/2026" in page.inner_text("main")  # due: 3 working days after Mon 09:00
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lookup-360.png"), full_page=True)

    # The QR code on form 01 opens this same page with ?ma=<code>.
    page.goto(f"{live_server.url}/tra-cuu/?ma=KHONG-CO")
    assert "Không tìm thấy hồ sơ" in page.get_by_role("alert").inner_text()


def test_api_docs_render_under_the_content_security_policy(live_server, page):
    """Swagger UI is served from the app (no CDN) and runs without inline scripts."""
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "script-src" in m.text else None)
    page.goto(live_server.url + "/api/v1/docs")
    page.get_by_text("/api/v1/calendar/due").first.wait_for()
    assert "cchc API" in page.inner_text("body")
    assert blocked == []
    assert (
        "default-src 'self'"
        in page.request.get(live_server.url + "/api/v1/docs").headers["content-security-policy"]
    )
