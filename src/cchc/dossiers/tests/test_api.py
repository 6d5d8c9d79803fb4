"""The dossier API as clients use it: tokens, submission, uploads, actions, scoping, errors."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cchc.dossiers import services
from cchc.dossiers.constants import Status
from cchc.dossiers.models import DossierAccess
from cchc.dossiers.services import ApplicantData
from cchc_testkit.clients import api_client_for as client_for

from .world import vn

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def received(world):
    return services.intake_at_counter(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name="Nguyễn Thị Hoà", national_id="008190001234", phone="0912345678"),
        applicant_user=world.citizen,
        at=vn(2026, 3, 2, 9, 0),
    )


@pytest.fixture
def received_now(world):
    """Received a moment ago: the API acts at the present time, inside the supplement window."""
    return services.intake_at_counter(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name="Nguyễn Thị Hoà", national_id="008190001234", phone="0912345678"),
        applicant_user=world.citizen,
    )


def test_token_exchange(world):
    client = APIClient()
    ok = client.post(
        "/api/v1/auth/token", {"username": "congdan", "password": "pw-congdan"}, format="json"
    )
    assert ok.status_code == 200 and len(ok.json()["token"]) == 40
    bad = client.post(
        "/api/v1/auth/token", {"username": "congdan", "password": "sai"}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_credentials"
    assert "không đúng" in bad.json()["message"]


def test_login_is_throttled(world, settings):
    from django.core.cache import cache

    cache.clear()
    client = APIClient()
    codes = [
        client.post(
            "/api/v1/auth/token", {"username": "x", "password": "y"}, format="json"
        ).status_code
        for _ in range(12)
    ]
    assert codes[:10] == [400] * 10 and codes[-1] == 429
    cache.clear()


def test_citizen_submits_online_and_uploads(world):
    client = client_for(world.citizen)
    response = client.post(
        "/api/v1/dossiers", {"procedure": "1.000001", "summary": "Xin cấp"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == Status.NEW and body["allowed_actions"] == ["withdraw"]
    code = body["code"]
    detail = client.get(f"/api/v1/dossiers/{code}").json()
    assert detail["applicant_national_id"] == "008190001234" and detail["channel"] == 2
    upload = client.post(
        f"/api/v1/dossiers/{code}/documents",
        {"file": SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf")},
        format="multipart",
    )
    assert upload.status_code == 201, upload.json()
    assert len(upload.json()["sha256"]) == 64
    fake = client.post(
        f"/api/v1/dossiers/{code}/documents",
        {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" * 10, "application/pdf")},
        format="multipart",
    )
    assert fake.status_code == 400 and "PDF" in fake.json()["message"]
    renamed = client.post(
        f"/api/v1/dossiers/{code}/documents",
        {"file": SimpleUploadedFile("anh.pdf", PNG, "application/pdf")},
        format="multipart",
    )
    assert renamed.status_code == 400
    download = client.get(f"/api/v1/dossiers/{code}/documents/{upload.json()['id']}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_upload_size_limit(world, settings):
    settings.UPLOAD_MAX_MB = 1
    client = client_for(world.citizen)
    code = client.post("/api/v1/dossiers", {"procedure": "1.000001"}, format="json").json()["code"]
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024 + 1), "application/pdf")
    response = client.post(f"/api/v1/dossiers/{code}/documents", {"file": big}, format="multipart")
    assert response.status_code == 400 and "1 MB" in response.json()["message"]


def test_actions_follow_permissions_and_state(world, received):
    code = received.code
    forward = client_for(world.processing).post(
        f"/api/v1/dossiers/{code}/actions/forward", {}, format="json"
    )
    assert forward.status_code == 403  # still at the receiving step, held by the centre
    ok = client_for(world.receiving).post(
        f"/api/v1/dossiers/{code}/actions/forward", {}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["status"] == Status.PROCESSING
    conflict = client_for(world.receiving).post(
        f"/api/v1/dossiers/{code}/actions/receive", {}, format="json"
    )
    assert conflict.status_code == 409 and conflict.json()["code"] == "invalid_transition"
    stale = client_for(world.processing).post(
        f"/api/v1/dossiers/{code}/actions/forward", {"expected_version": 1}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    unknown = client_for(world.processing).post(
        f"/api/v1/dossiers/{code}/actions/fly", {}, format="json"
    )
    assert unknown.status_code == 404


def test_supplement_request_via_api(world, received_now):
    received = received_now
    client_for(world.receiving).post(
        f"/api/v1/dossiers/{received.code}/actions/forward", {}, format="json"
    )
    empty = client_for(world.processing).post(
        f"/api/v1/dossiers/{received.code}/actions/request_supplement", {"note": ""}, format="json"
    )
    assert empty.status_code == 400
    ok = client_for(world.processing).post(
        f"/api/v1/dossiers/{received.code}/actions/request_supplement",
        {"note": "Thiếu bản sao"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == Status.SUPPLEMENT
    assert (
        "complete_supplement"
        in client_for(world.citizen)
        .get(f"/api/v1/dossiers/{received.code}")
        .json()["allowed_actions"]
    )


def test_other_applicant_and_other_agency_cannot_see_dossier(world, received):
    assert (
        client_for(world.other_citizen).get(f"/api/v1/dossiers/{received.code}").status_code == 404
    )
    assert (
        client_for(world.commune_processing).get(f"/api/v1/dossiers/{received.code}").status_code
        == 404
    )
    assert client_for(world.citizen).get(f"/api/v1/dossiers/{received.code}").status_code == 200
    listed = client_for(world.other_citizen).get("/api/v1/dossiers").json()
    assert listed["count"] == 0


def test_personal_data_masked_for_monitor_and_staff_access_recorded(world, received):
    monitor_view = client_for(world.monitor).get(f"/api/v1/dossiers/{received.code}").json()
    assert monitor_view["applicant_national_id"] == "•" * 9 + "234"
    assert (
        monitor_view["applicant_phone"].endswith("678")
        and "0912" not in monitor_view["applicant_phone"]
    )
    officer_view = client_for(world.receiving).get(f"/api/v1/dossiers/{received.code}").json()
    assert officer_view["applicant_national_id"] == "008190001234"
    accesses = DossierAccess.objects.filter(dossier=received).values_list("user__username", "what")
    assert set(accesses) == {("giamsat", "view"), ("tiepnhan", "view")}


def test_public_lookup_shows_no_personal_data(world, received):
    response = APIClient().get(f"/api/v1/lookup/{received.code}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nguyễn Thị Hoà" not in text and "008190001234" not in text and "0912345678" not in text
    assert response.json()["status_label"] == "Được tiếp nhận"
    assert APIClient().get("/api/v1/lookup/H60.1-000000-9999").status_code == 404
    page = APIClient().get(f"/tra-cuu/?ma={received.code}")
    assert page.status_code == 200 and "Được tiếp nhận" in page.content.decode()
    assert "Nguyễn Thị Hoà" not in page.content.decode()


def test_counter_intake_needs_receiving_role(world):
    payload = {
        "procedure": "1.000003",
        "commune": "02215",
        "intake_agency": "H60.1",
        "applicant": {"name": "Lê Văn Tám", "national_id": "008090004321"},
    }
    denied = client_for(world.processing).post("/api/v1/dossiers/counter", payload, format="json")
    assert denied.status_code == 403
    ok = client_for(world.receiving).post("/api/v1/dossiers/counter", payload, format="json")
    assert ok.status_code == 201 and ok.json()["status"] == Status.RECEIVED
    detail = client_for(world.receiving).get(f"/api/v1/dossiers/{ok.json()['code']}").json()
    assert detail["processing_agency"] == "H60.02215" and detail["intake_agency"] == "H60.1"
    bad = client_for(world.receiving).post(
        "/api/v1/dossiers/counter", {**payload, "applicant": {"national_id": "12ab"}}, format="json"
    )
    assert bad.status_code == 400 and "national_id" in bad.json()["fields"]["applicant"]


@pytest.mark.parametrize(
    "body",
    [
        None,
        "không phải json",
        [1, 2],
        {"procedure": ""},
        {"procedure": "9.999999"},
        {"procedure": "1.000003", "commune": "99999"},
    ],
)
def test_bad_submissions_give_400_not_500(world, body):
    client = client_for(world.citizen)
    response = client.post("/api/v1/dossiers", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] and response.json()["message"]


def test_forms_and_export(world, received):
    client = client_for(world.receiving)
    pdf = client.get(f"/api/v1/dossiers/{received.code}/forms/01.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/api/v1/dossiers/{received.code}/forms/03.pdf").status_code == 400
    assert client.get(f"/api/v1/dossiers/{received.code}/forms/99.pdf").status_code == 404
    record = client.get(f"/api/v1/dossiers/{received.code}/national").json()
    assert record["MaHoSo"] == received.code and record["TrangThaiHoSo"] == 2
    assert record["NgayTiepNhan"] == "20260302090000" and record["DonViXuLy"] == "H60.22"


def test_register_xlsx_scoped_to_agency(world, received):
    url = "/api/v1/agencies/H60.1/register.xlsx?from=2026-03-01&to=2026-03-31"
    assert client_for(world.receiving).get(url).status_code == 200
    assert client_for(world.commune_processing).get(url).status_code == 403
    assert client_for(world.receiving).get(url.replace("2026-03-31", "nope")).status_code == 400


def test_english_errors_on_request(world):
    response = APIClient().get("/api/v1/dossiers", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert "log in" in response.json()["message"].lower()


def test_result_is_uploaded_approved_returned_and_downloaded_by_the_applicant(world, received):
    code = received.code
    client_for(world.receiving).post(f"/api/v1/dossiers/{code}/actions/forward", {}, format="json")
    client_for(world.processing).post(f"/api/v1/dossiers/{code}/actions/forward", {}, format="json")
    result = SimpleUploadedFile("giay-chung-nhan.pdf", PDF, "application/pdf")
    denied = client_for(world.receiving).post(
        f"/api/v1/dossiers/{code}/result", {"file": result}, format="multipart"
    )
    assert denied.status_code == 403
    result.seek(0)
    uploaded = client_for(world.processing).post(
        f"/api/v1/dossiers/{code}/result",
        {"file": result, "result_code": "GCN-2026-001"},
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.json()
    assert uploaded.json()["kind"] == "result" and uploaded.json()["result_code"] == "GCN-2026-001"
    approved = client_for(world.approver).post(
        f"/api/v1/dossiers/{code}/actions/approve", {}, format="json"
    )
    assert approved.json()["status"] == Status.FINISHED
    unpaid = client_for(world.receiving).post(
        f"/api/v1/dossiers/{code}/actions/return_result", {}, format="json"
    )
    assert (unpaid.status_code, unpaid.json()["code"]) == (409, "fee_unpaid")
    exempted = client_for(world.receiving).post(
        f"/api/v1/dossiers/{code}/actions/exempt_fee", {"note": "Trẻ em dưới 6 tuổi"}, format="json"
    )
    assert exempted.status_code == 200, exempted.json()
    returned = client_for(world.receiving).post(
        f"/api/v1/dossiers/{code}/actions/return_result", {}, format="json"
    )
    assert returned.json()["status"] == Status.RETURNED and returned.json()["allowed_actions"] == []
    detail = client_for(world.citizen).get(f"/api/v1/dossiers/{code}").json()
    assert detail["result_code"] == "GCN-2026-001"
    assert [e["action"] for e in detail["events"]][-4:] == [
        "attach_result",
        "approve",
        "exempt_fee",
        "return_result",
    ]
    download = client_for(world.citizen).get(
        f"/api/v1/dossiers/{code}/documents/{uploaded.json()['id']}"
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert (
        client_for(world.other_citizen)
        .get(f"/api/v1/dossiers/{code}/documents/{uploaded.json()['id']}")
        .status_code
        == 404
    )
    national = client_for(world.citizen).get(f"/api/v1/dossiers/{code}/national").json()
    assert national["DanhSachGiayToKetQua"][0]["MaGiayToKetQua"] == "GCN-2026-001"
    assert national["TrangThaiHoSo"] == 10
