"""No input produces a 500: odd values through every family of endpoints."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cchc.dossiers import services
from cchc.dossiers.services import ApplicantData
from cchc_testkit.clients import api_client_for as client_for

from .test_import import record
from .world import vn

GETS = [
    "/api/v1/calendar/due?start=2026-02-13T10:00:00%2B07:00&duration=1e309&unit=working_days",
    "/api/v1/calendar/due?start=9999-12-31T23:59:59%2B07:00&duration=3650&unit=calendar_days",
    "/api/v1/calendar/due?start=2026-02-13T10:00:00%2B07:00&duration=nan&unit=working_hours",
    "/api/v1/calendar/non-working-days?year=-1",
    "/api/v1/procedures?page_size=abc",
    "/api/v1/procedures?page_size=100000",
    "/api/v1/procedures?q=" + "%00" * 5,
    "/api/v1/procedures?q=" + "a" * 5000,
    "/api/v1/procedures?sector=%22%25",
    "/api/v1/dossiers?status=abc",
    "/api/v1/dossiers?status=99999999999999999999",
    "/api/v1/dossiers?q=%00%27%22",
    "/api/v1/lookup/" + "x" * 300,
    "/api/v1/lookup/%00",
    "/tra-cuu/?ma=%00%27",
    "/api/v1/agencies/H60.1/register.xlsx?from=2026-01-01&to=2020-01-01",
    "/api/v1/agencies/none/register.xlsx?from=2026-01-01&to=2026-02-01",
]


@pytest.mark.parametrize("url", GETS)
def test_odd_queries_never_500(world, url):
    response = client_for(world.admin).get(url)
    assert response.status_code < 500, (url, response.status_code)


@pytest.fixture
def code(world):
    return services.intake_at_counter(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name="A"),
        at=vn(2026, 3, 2, 9, 0),
    ).code


ACTION_BODIES = [
    {"note": ["list"]},
    {"note": {"x": 1}},
    {"new_due": "hôm qua", "note": "x"},
    {"new_due": "2026-13-45T99:00:00", "note": "x"},
    {"expected_version": -1},
    {"expected_version": "mười"},
    {"note": "x" * 10000},
]


@pytest.mark.parametrize("body", ACTION_BODIES)
@pytest.mark.parametrize("action", ["forward", "apologise", "request_supplement", "stop"])
def test_odd_action_bodies_never_500(world, code, action, body):
    response = client_for(world.receiving).post(
        f"/api/v1/dossiers/{code}/actions/{action}", body, format="json"
    )
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert response.json()["code"]


IMPORT_RECORDS = [
    record(TaiLieuNop=[{"DuocSoHoa": {"x": 1}}]),
    record(TaiLieuNop="không phải danh sách"),
    record(DanhSachLePhi=[{"Gia": "abc"}]),
    record(DanhSachLePhi=[{"Gia": -5}]),
    record(DanhSachHoSoBoSung=[{"NgayYeuCauBoSung": None}]),
    record(NgayTiepNhan=20250310083000),
    record(NgayTiepNhan="20251332250000"),
    record(MaHoSo=["a"]),
    record(MaHoSo="x" * 100),
    record(LoaiDoiTuong="ba"),
    record(TaiKhoanDuocXacThucVoiVNeID=7),
    record(DanhSachGiayToKetQua=[{"MaGiayToKetQua": {"a": 1}}]),
    record(NgayHenTra="20250301000000"),
]


def test_nul_characters_are_refused_before_the_database(world):
    client = client_for(world.admin)
    assert client.get("/api/v1/procedures?q=a%00b").status_code == 400
    assert client.get("/tra-cuu/?ma=%00").status_code == 400
    response = client.post(
        "/api/v1/dossiers/import",
        data='[{"MaHoSo": "H60\\u0000-1"}]',
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


def test_odd_import_records_are_reported_not_500(world):
    response = client_for(world.admin).post(
        "/api/v1/dossiers/import", IMPORT_RECORDS, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["created"] + body["updated"] + len(body["errors"]) == len(IMPORT_RECORDS)
    assert len(body["errors"]) >= 10


def test_uploads_without_file_or_with_wrong_kind(world):
    client = client_for(world.citizen)
    code = client.post("/api/v1/dossiers", {"procedure": "1.000001"}, format="json").json()["code"]
    assert (
        client.post(f"/api/v1/dossiers/{code}/documents", {}, format="multipart").status_code == 400
    )
    assert (
        client.post(
            f"/api/v1/dossiers/{code}/documents", {"kind": "result"}, format="multipart"
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"/api/v1/dossiers/{code}/documents", b"raw", content_type="application/pdf"
        ).status_code
        == 415
    )
    assert (
        APIClient().post("/api/v1/auth/token", "{", content_type="application/json").status_code
        == 400
    )
