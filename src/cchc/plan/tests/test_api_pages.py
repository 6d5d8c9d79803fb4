"""The plan API's shapes and refusals; the dashboard and its exports."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from .conftest import pdf

TARGET_KEYS = {
    "id", "area", "text", "metric", "year", "comparator", "value", "value_max", "unit",
    "scope_level", "measurement", "current", "forecast", "status", "status_basis",
}  # fmt: skip


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_target_list_has_every_target_with_its_shape(world, plan):
    response = _client(world.monitor).get("/api/v1/plan/targets")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 91
    assert set(body[0]) == TARGET_KEYS
    computed = next(t for t in body if t["id"] == "2.online-dossiers-2025")
    assert computed["measurement"] == {
        "kind": "computed",
        "formula": "online_dossiers",
        "index_766": "3.3",
    }
    reported = next(t for t in body if t["id"] == "1.legal-documents-compliant-2025")
    assert reported["measurement"]["agency_code"] == "H60.22"
    assert reported["status"] in {"on_track", "at_risk", "off_track", "no_data"}


def test_target_detail_adds_series_and_breakdown(world, plan):
    url = "/api/v1/plan/targets/2.online-dossiers-2030"
    response = _client(world.admin).get(
        url,
        {
            "granularity": "quarter",
            "from": "2026-01-01",
            "to": "2026-09-30",
            "breakdown": "agencies",
            "period": "2026-Q1",
        },
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert [p["period"] for p in body["series"]] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert body["breakdown_period"] == "2026-Q1"
    assert {r["scope"] for r in body["breakdown"]} >= {"agency:H60.22", "agency:H60.1"}


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"scope": "bogus"}, "invalid_parameter"),
        ({"granularity": "week"}, "invalid_parameter"),
        ({"breakdown": "planets"}, "invalid_parameter"),
        ({"from": "2026-13-01"}, "invalid_parameter"),
    ],
)
def test_bad_parameters_are_answered_with_a_code(world, plan, params, code):
    response = _client(world.monitor).get("/api/v1/plan/targets/2.online-dossiers-2030", params)
    assert response.status_code == 400 and response.json()["code"] == code


def test_unknown_target_is_404(world, plan):
    response = _client(world.monitor).get("/api/v1/plan/targets/khong-co")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_plan_api_refused_to_citizens_and_counter_staff(world, plan):
    for user in (world.citizen, world.receiving, world.processing):
        assert _client(user).get("/api/v1/plan/targets").status_code == 403
    assert APIClient().get("/api/v1/plan/targets").status_code in (401, 403)


def test_report_flow_through_the_api(world, plan):
    key = "1.legal-documents-compliant-2025"
    response = _client(world.processing).post(
        f"/api/v1/plan/targets/{key}/reports",
        {"period": "2025", "value": "95", "note": "Báo cáo năm", "evidence": [pdf()]},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    version = response.json()
    assert version["status"] == "submitted" and version["evidence"][0]["name"] == "bao-cao.pdf"
    pk = version["id"]
    refused = _client(world.processing).post(f"/api/v1/plan/reports/{pk}/actions/review", {})
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert (
        _client(world.admin).post(f"/api/v1/plan/reports/{pk}/actions/review", {}).status_code
        == 200
    )
    approved = _client(world.monitor).post(f"/api/v1/plan/reports/{pk}/actions/approve", {})
    assert approved.status_code == 200 and approved.json()["counts"] is True
    again = _client(world.monitor).post(f"/api/v1/plan/reports/{pk}/actions/approve", {})
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    listed = _client(world.monitor).get(f"/api/v1/plan/targets/{key}/reports").json()
    assert [v["number"] for v in listed] == [1]
    target = next(
        t for t in _client(world.monitor).get("/api/v1/plan/targets").json() if t["id"] == key
    )
    assert target["current"]["value"] == 95.0 and target["current"]["period"] == "2025"
    assert target["status"] == "off_track" and target["status_basis"] == "actual"  # 95 < 100


def test_submit_without_evidence_is_refused(world, plan):
    response = _client(world.processing).post(
        "/api/v1/plan/targets/1.legal-documents-compliant-2025/reports",
        {"period": "2025", "value": "95"},
        format="multipart",
    )
    assert response.status_code == 400 and response.json()["code"] == "evidence_required"


def test_dashboard_renders_for_a_monitor_and_refuses_a_citizen(world, plan, client):
    client.force_login(world.monitor)
    response = client.get(reverse("plan:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cải cách thủ tục hành chính" in html and "Mục tiêu 2030" in html
    assert "Quyết định 766" in html and 'style="' not in html
    agency = client.get(reverse("plan:dashboard"), {"pham-vi": "agency:H60.22"})
    assert agency.status_code == 200 and "Sở Tư pháp" in agency.content.decode()
    client.force_login(world.citizen)
    assert client.get(reverse("plan:dashboard")).status_code == 403
    client.force_login(world.receiving)
    assert client.get(reverse("plan:dashboard")).status_code == 403


def test_dashboard_exports(world, plan, client):
    from openpyxl import load_workbook

    client.force_login(world.monitor)
    xlsx = client.get(reverse("plan:export-xlsx"))
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    sheet = book.worksheets[0]
    assert sheet.cell(row=4, column=2).value == "Chỉ tiêu"
    assert sheet.max_row > 40  # every target family
    report = client.get(reverse("plan:export-pdf"))
    assert report.status_code == 200 and report.content.startswith(b"%PDF")


def test_report_pages_submit_review_approve(world, plan, client):
    key = "1.legal-documents-compliant-2025"
    client.force_login(world.processing)
    page = client.get(reverse("plan:report-submit", args=[key]))
    assert page.status_code == 200 and "Kỳ báo cáo" in page.content.decode()
    posted = client.post(
        reverse("plan:report-submit", args=[key]),
        {"period": "2025", "value": "99", "note": "", "evidence": pdf()},
    )
    assert posted.status_code == 302
    version = plan.targets.get(key=key).reports.get().versions.get()
    client.force_login(world.admin)
    client.post(reverse("plan:report-version", args=[version.pk]), {"action": "review", "note": ""})
    client.force_login(world.monitor)
    page = client.get(reverse("plan:report-version", args=[version.pk]))
    assert "Phê duyệt" in page.content.decode()
    client.post(
        reverse("plan:report-version", args=[version.pk]), {"action": "approve", "note": ""}
    )
    version.refresh_from_db()
    assert version.status == "approved"
    evidence = version.evidence.get()
    download = client.get(reverse("plan:evidence", args=[evidence.pk]))
    assert download.status_code == 200
    client.force_login(world.citizen)
    assert client.get(reverse("plan:evidence", args=[evidence.pk])).status_code == 403
    assert client.get(reverse("plan:report-submit", args=[key])).status_code == 403


def test_target_page_with_breakdown(world, plan, client):
    """The breakdown table has one row per agency (or commune) it was given, each linking to
    that scope's dashboard with its value ("—" when nothing was measured), and says so when
    there is none (no district exists in the small province)."""
    client.force_login(world.monitor)
    url = reverse("plan:target", args=["2.online-dossiers-2030"])
    agencies = client.get(url, {"theo": "agencies"})
    assert agencies.status_code == 200
    rows = agencies.context["rows"]
    # The province-level agencies of the small province (the centre, Sở Tư pháp, Thuế tỉnh;
    # the commune's agencies are under communes), none with a dossier: no value anywhere.
    assert sorted((r["option"].key, r["value"]) for r in rows) == [
        ("agency:H60.1", None),
        ("agency:H60.22", None),
        ("agency:H60.32", None),
    ]
    html = agencies.content.decode()
    for row in rows:
        link = f'<a href="{reverse("plan:dashboard")}?pham-vi={row["option"].key.replace(":", "%3A")}">'
        assert f"{link}{row['option'].name}</a></th><td>—</td>" in html, row["option"].key
    communes = client.get(url, {"theo": "communes"})
    assert [(r["option"].key, r["value"]) for r in communes.context["rows"]] == [
        ("unit:02215", None)
    ]
    name = communes.context["rows"][0]["option"].name
    assert "Minh Xuân" in name and f">{name}</a></th><td>—</td>" in communes.content.decode()
    districts = client.get(url, {"theo": "districts"})
    assert districts.context["rows"] == []
    assert "Không có đơn vị nào trong kỳ." in districts.content.decode()
