"""History import in the national portal's sync format (DOMAIN.md §5)."""

from __future__ import annotations

import copy

from rest_framework.test import APIClient

from cchc.dossiers.constants import Status
from cchc.dossiers.models import Dossier
from cchc_testkit.clients import api_client_for as client_for

from .world import vn

VALID = {
    "MaHoSo": "H60.22-250310-0001",
    "MaTTHC": "1.000001",
    "ChuHoSo": "Trần Văn Bảy",
    "LoaiDoiTuong": 1,
    "SoDienThoai": "0987654321",
    "TrichYeuHoSo": "Cấp phiếu",
    "NgayNopHoSo": "20250310080000",
    "NgayTiepNhan": "20250310083000",
    "NgayHenTra": "20250313083000",
    "TrangThaiHoSo": 10,
    "NgayKetThucXuLy": "20250312160000",
    "NgayTra": "20250313080000",
    "KenhThucHien": 2,
    "DuocThanhToanTrucTuyen": 2,
    "TaiKhoanDuocXacThucVoiVNeID": 1,
    "HoSoCoThanhPhanSoHoa": 1,
    "TaiLieuNop": [
        {
            "TenTepDinhKem": "to-khai.pdf",
            "DuongDanTaiTepTin": "https://x/1",
            "DuocSoHoa": 1,
            "DuocLayTuKhoDMQG": 1,
        }
    ],
    "DanhSachLePhi": [
        {"TenPhiLePhi": "Lệ phí", "MaPhiLePhi": "LP1", "HinhThucThu": "Trực tuyến", "Gia": 50000}
    ],
    "DanhSachHoSoBoSung": [
        {"NgayYeuCauBoSung": "20250311090000", "NgayHoanThanhBoSung": "20250311150000"}
    ],
    "DanhSachGiayToKetQua": [
        {"TenGiayTo": "Phiếu", "MaGiayToKetQua": "KQ-1", "DuongDanTepTinKetQua": "https://x/2"}
    ],
}


def record(**changes):
    data = copy.deepcopy(VALID)
    data.update(changes)
    return data


def test_mixed_valid_and_invalid_records(world):
    records = [
        record(),
        record(MaHoSo="H60.22-250310-0002", MaTTHC="9.999999"),  # unknown procedure
        record(MaHoSo="H60.22-250310-0003", NgayTiepNhan="2025-03-10"),  # bad date format
        record(MaHoSo="H60.22-250310-0004", DonViXuLy=None, TrangThaiHoSo=4, NgayTra=None),
        record(MaHoSo="H60.22-250310-0005", TrangThaiHoSo=11),
        "không phải đối tượng",
        record(
            MaHoSo="H60.22-250310-0006", MaTTHC="1.000003"
        ),  # commune procedure: needs DonViXuLy
        record(
            MaHoSo="H60.22-250310-0007",
            DonViXuLy="H60.02215",
            MaTTHC="1.000003",
            TrangThaiHoSo=2,
            NgayTra=None,
            NgayKetThucXuLy=None,
        ),
    ]
    response = client_for(world.admin).post("/api/v1/dossiers/import", records, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["created"], body["updated"]) == (3, 0)
    errors = {(e["index"], e["field"]) for e in body["errors"]}
    assert errors == {
        (1, "MaTTHC"),
        (2, "NgayTiepNhan"),
        (4, "TrangThaiHoSo"),
        (5, ""),
        (6, "DonViXuLy"),
    }
    assert not Dossier.objects.filter(
        code__in=["H60.22-250310-0002", "H60.22-250310-0003"]
    ).exists()

    imported = Dossier.objects.get(code="H60.22-250310-0001")
    assert imported.status == Status.RETURNED and imported.imported
    assert imported.processing_agency == world.department  # the procedure's competent agency
    assert imported.received_at == vn(2025, 3, 10, 8, 30)
    assert (
        imported.paid_online,
        imported.vneid_authenticated,
        imported.has_digitised_component,
    ) == (2, True, True)
    assert imported.supplement_count == 1 and imported.result_code == "KQ-1"
    assert imported.documents.filter(from_national_store=True, digitised=True).count() == 1
    assert (
        Dossier.objects.get(code="H60.22-250310-0007").processing_agency == world.commune_committee
    )


def test_import_is_idempotent_and_updates(world):
    client = client_for(world.admin)
    first = client.post("/api/v1/dossiers/import", [record()], format="json").json()
    again = client.post(
        "/api/v1/dossiers/import",
        [record(TrangThaiHoSo=10, ChuHoSo="Trần Văn Bảy (sửa)")],
        format="json",
    ).json()
    assert (first["created"], again["created"], again["updated"]) == (1, 0, 1)
    dossier = Dossier.objects.get(code=VALID["MaHoSo"])
    assert dossier.applicant_name == "Trần Văn Bảy (sửa)"
    assert dossier.documents.count() == 2 and dossier.fees.count() == 1  # replaced, not duplicated
    assert list(dossier.events.values_list("seq", flat=True)) == [1, 2]


def test_import_then_export_round_trip(world):
    client = client_for(world.admin)
    client.post("/api/v1/dossiers/import", [record()], format="json")
    exported = client.get(f"/api/v1/dossiers/{VALID['MaHoSo']}/national").json()
    for key in (
        "MaHoSo",
        "MaTTHC",
        "NgayTiepNhan",
        "NgayHenTra",
        "NgayTra",
        "TrangThaiHoSo",
        "KenhThucHien",
        "DuocThanhToanTrucTuyen",
        "TaiKhoanDuocXacThucVoiVNeID",
        "HoSoCoThanhPhanSoHoa",
    ):
        assert exported[key] == VALID[key], key
    assert exported["DanhSachHoSoBoSung"][0]["NgayYeuCauBoSung"] == "20250311090000"
    assert exported["TaiLieuNop"][0]["DuocLayTuKhoDMQG"] == 1


def test_import_needs_province_administrator(world):
    assert (
        client_for(world.receiving)
        .post("/api/v1/dossiers/import", [record()], format="json")
        .status_code
        == 403
    )
    assert APIClient().post("/api/v1/dossiers/import", [record()], format="json").status_code == 401
    not_list = client_for(world.admin).post(
        "/api/v1/dossiers/import", {"MaHoSo": "x"}, format="json"
    )
    assert not_list.status_code == 400


def test_a_bad_supplement_date_is_reported_with_its_field(world):
    bad = record(DanhSachHoSoBoSung=[{"NgayYeuCauBoSung": "20250311090000", "NgayHenTraMoi": "x"}])
    body = client_for(world.admin).post("/api/v1/dossiers/import", [bad], format="json").json()
    assert body["created"] == 0
    assert body["errors"][0]["field"] == "DanhSachHoSoBoSung[0].NgayHenTraMoi"
