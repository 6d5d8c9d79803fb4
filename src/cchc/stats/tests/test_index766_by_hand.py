"""The 766 index on a small history import, every number worked out by hand (DOMAIN.md §6).

Period: March 2025 (Mon 3 Mar … Mon 31 Mar; no public holiday). Office hours 07:30–11:30 and
13:30–17:30 (8 h a working day). World procedures (testing/cchc_testkit/world.py), all with a
paper result and full online service:
  1.000001 — Sở Tư pháp, 3 working days (24 h), fee 50,000 đ (the only fee-bearing procedure)
  1.000002 — land, Sở Tư pháp, 5 working days, a step at the tax agency
  1.000003 — commune level, UBND phường Minh Xuân
Records (R1 … R10), what each counts for:
  R1  1.000001 rec 03-03 08:00 due 03-06 08:00, returned; finished 03-05 16:00 → early.
      online, paid online, VNeID, component reused + from the national store, fee 50,000,
      e-result, synced.                                         rated "Rất hài lòng" 03-07
  R2  1.000001 rec 03-10 08:00 due 03-13 08:00, finished 03-14 09:00 → late. Counter, not
      synced, a file but a paper-only result, fee 50,000.         rated "Không hài lòng" 03-15
  R3  1.000001 rec 03-17 08:00 due 03-20 08:00, finished 03-19 10:00 (9), supplement 03-18
      09:00–15:00 → 03-19 04:00 adjusted → early. Online, VNeID, every fee line 0, e-result.
  R4  1.000002 rec 03-24 08:00 due 03-31 08:00, in progress: due day 31 ≥ 31 → on time.
      Online, a file, HoSoCoThanhPhanSoHoa.
  R5  1.000002 rec 03-20 08:00 due 03-27 08:00, in progress: late at 31 Mar. Counter.
  R6  1.000001 rec 02-20, finished 02-24: ended before the period → in no March number.
  R7  1.000001 rec 02-26 08:00 due 03-03 08:00, finished 03-03 10:00 → late; received in
      February, so only in 2.1/2.2/5.4.
  R8  1.000003 (commune) rec 03-05, two supplement requests, waiting → ended at the second
      request, late whatever its dates. Online.
  R9  1.000001 rec 03-25 08:00 due 03-28 08:00, refused 03-25 09:00 → early. Online, a file.
  R10 1.000001 rec 04-02: after the period.
"""

from __future__ import annotations

import copy
import datetime

import pytest

from cchc.dossiers.models import Dossier, DossierRating
from cchc.stats.rollups import refresh_dossier
from cchc_testkit.clients import api_client_for as client_for
from cchc_testkit.world import vn

BASE = {
    "MaTTHC": "1.000001",
    "ChuHoSo": "Nguyễn Văn A",
    "KenhThucHien": 1,
    "DaDongBoQuocGia": 1,
}
FILE = {"TenTepDinhKem": "to-khai.pdf", "DuongDanTaiTepTin": "https://x/1"}
FEE = {"TenPhiLePhi": "Lệ phí", "MaPhiLePhi": "LP1", "Gia": 50000}
E_RESULT = {"TenGiayTo": "Phiếu", "MaGiayToKetQua": "KQ", "DuongDanTepTinKetQua": "https://x/2"}


def rec(code: str, **fields: object) -> dict:
    data = copy.deepcopy(BASE)
    data["MaHoSo"] = code
    data.update(fields)
    return data


RECORDS = [
    rec(
        "R1",
        NgayTiepNhan="20250303080000",
        NgayHenTra="20250306080000",
        TrangThaiHoSo=10,
        NgayKetThucXuLy="20250305160000",
        NgayTra="20250306070000",
        KenhThucHien=2,
        DuocThanhToanTrucTuyen=2,
        TaiKhoanDuocXacThucVoiVNeID=1,
        TaiLieuNop=[{**FILE, "DuocSoHoa": 1, "DuocLayTuKhoDMQG": 1}],
        DanhSachLePhi=[FEE],
        DanhSachGiayToKetQua=[E_RESULT],
    ),
    rec(
        "R2",
        NgayTiepNhan="20250310080000",
        NgayHenTra="20250313080000",
        TrangThaiHoSo=10,
        NgayKetThucXuLy="20250314090000",
        NgayTra="20250314100000",
        DaDongBoQuocGia=0,
        TaiLieuNop=[FILE],
        DanhSachLePhi=[FEE],
        DanhSachGiayToKetQua=[{"TenGiayTo": "Phiếu", "MaGiayToKetQua": "KQ2"}],
    ),
    rec(
        "R3",
        NgayTiepNhan="20250317080000",
        NgayHenTra="20250320080000",
        TrangThaiHoSo=9,
        NgayKetThucXuLy="20250319100000",
        KenhThucHien=2,
        TaiKhoanDuocXacThucVoiVNeID=1,
        TaiLieuNop=[FILE],
        DanhSachLePhi=[{**FEE, "Gia": 0}],
        DanhSachHoSoBoSung=[
            {"NgayYeuCauBoSung": "20250318090000", "NgayHoanThanhBoSung": "20250318150000"}
        ],
        DanhSachGiayToKetQua=[E_RESULT],
    ),
    rec(
        "R4",
        MaTTHC="1.000002",
        NgayTiepNhan="20250324080000",
        NgayHenTra="20250331080000",
        TrangThaiHoSo=4,
        KenhThucHien=2,
        HoSoCoThanhPhanSoHoa=1,
        TaiLieuNop=[FILE],
    ),
    rec(
        "R5",
        MaTTHC="1.000002",
        NgayTiepNhan="20250320080000",
        NgayHenTra="20250327080000",
        TrangThaiHoSo=4,
    ),
    rec(
        "R6",
        NgayTiepNhan="20250220080000",
        NgayHenTra="20250225080000",
        TrangThaiHoSo=10,
        NgayKetThucXuLy="20250224080000",
        NgayTra="20250224090000",
    ),
    rec(
        "R7",
        NgayTiepNhan="20250226080000",
        NgayHenTra="20250303080000",
        TrangThaiHoSo=10,
        NgayKetThucXuLy="20250303100000",
        NgayTra="20250303110000",
    ),
    rec(
        "R8",
        MaTTHC="1.000003",
        DonViXuLy="H60.02215",
        NgayTiepNhan="20250305080000",
        NgayHenTra="20250310080000",
        TrangThaiHoSo=5,
        KenhThucHien=2,
        DanhSachHoSoBoSung=[
            {"NgayYeuCauBoSung": "20250306090000", "NgayHoanThanhBoSung": "20250307090000"},
            {"NgayYeuCauBoSung": "20250307150000"},
        ],
    ),
    rec(
        "R9",
        NgayTiepNhan="20250325080000",
        NgayHenTra="20250328080000",
        TrangThaiHoSo=3,
        NgayKetThucXuLy="20250325090000",
        KenhThucHien=2,
        TaiLieuNop=[FILE],
    ),
    rec(
        "R10",
        NgayTiepNhan="20250402080000",
        NgayHenTra="20250407080000",
        TrangThaiHoSo=4,
    ),
]


def _rate(code: str, level: int, at: datetime.datetime) -> None:
    dossier = Dossier.objects.get(code=code)
    rating = DossierRating.objects.create(dossier=dossier, level=level)
    # created_at is auto_now_add: back-date it, then refresh the fact explicitly (an update()
    # sends no signal).
    DossierRating.objects.filter(pk=rating.pk).update(created_at=at)
    refresh_dossier(dossier.pk)


@pytest.fixture
def imported(world, django_capture_on_commit_callbacks):
    p = world.procedure
    p.sequence, p.method, p.applicants = "Trình tự", "Trực tuyến", "Công dân"
    # 1.1: 10 working days between decision (Mon 3 Mar) and effect (Mon 17 Mar) ≥ 5 → on time.
    # 1.2: published Wed 12 Mar = 7 working days after the decision > 5 → late.
    p.decision_date = datetime.date(2025, 3, 3)
    p.effective_date = datetime.date(2025, 3, 17)
    p.published_date = datetime.date(2025, 3, 12)
    p.save()
    with django_capture_on_commit_callbacks(execute=True):
        body = (
            client_for(world.admin).post("/api/v1/dossiers/import", RECORDS, format="json").json()
        )
    assert (body["created"], body["errors"]) == (10, [])
    _rate("R1", 3, vn(2025, 3, 7, 9, 0))
    _rate("R2", 1, vn(2025, 3, 15, 9, 0))
    return world


# code: (numerator, denominator, percent, score) — percent rounds half up to 2 decimals,
# score = max × min(1, percent / threshold), half up to 2 decimals.
EXPECTED = {
    # 1.1: R-procedure 1.000001 only has a decision in March: 1/1; max 4.
    "1.1": (1, 1, 100.0, 4.0),
    # 1.2: published 7 working days after the decision: 0/1.
    "1.2": (0, 1, 0.0, 0.0),
    # 1.3: only 1.000001 has all seven parts (sequence, method, applicants are blank on the
    # others): 1/3 = 33.33 % → 4 × 0.3333 = 1.33.
    "1.3": (1, 3, 33.33, 1.33),
    # 1.4: received in March R1 R2 R3 R4 R5 R8 R9 = 7; synced all but R2 = 6 → 85.71 %;
    # 6 × 0.8571 = 5.14.
    "1.4": (6, 7, 85.71, 5.14),
    # 2.1: denominator = received by 31 Mar and not ended before 1 Mar = R1 R2 R3 R4 R5 R7 R8
    # R9 = 8 (R6 ended in Feb, R10 in April). On time: R1, R3, R9 (early) + R4 (in progress,
    # due 31 Mar) = 4 → 50 %; 14 × 0.5 = 7.
    "2.1": (4, 8, 50.0, 7.0),
    # 2.2: finished in March, 1.000001: R1 22 h (7.5 + 8 + 6.5), R2 33 h (7.5 + 8 × 3 + 1.5),
    # R3 18 h − 4 h supplement = 14 h, R7 26 h (7.5 + 8 + 8 + 2.5); 95 / 4 = 23.75 h ≤ 24 h →
    # 1 procedure of 1 within its limit: 100 %; 6.
    "2.2": (1, 1, 100.0, 6.0),
    # 3.1: 3 procedures, all online: 100 % ≥ 80 % → 6.
    "3.1": (3, 3, 100.0, 6.0),
    # 3.3: online and (paper result → e-result): R1, R3 = 2 of 7, × sync 6/7 → 12/49 =
    # 24.49 %; 6 × 24.49 / 50 = 2.9388 → 2.94.
    "3.3": (2, 7, 24.49, 2.94),
    # 3.5: fee-bearing procedures {1.000001}, fee data in March (R1): 1/1 → 4.
    "3.5": (1, 1, 100.0, 4.0),
    # 3.6: 1.000001 dossiers received in March: R1 R2 R3 R9, minus R3 (every fee line 0) = 3;
    # paid online R1 = 1 → 33.33 %; 6 × 0.3333 = 2.00 (1.9998).
    "3.6": (1, 3, 33.33, 2.0),
    # 4.1: finished paper-result dossiers received in March R1 R2 R3 = 3; e-result R1 R3 = 2 →
    # 66.67 %; 4 × 0.6667 = 2.67.
    "4.1": (2, 3, 66.67, 2.67),
    # 4.2: files attached and (finished → e-result): R1 R3 R4 R9 = 4 of 7 (R2 no e-result,
    # R5 R8 no file) → 57.14 %; 6 × 57.14 / 80 = 4.2855 → 4.29.
    "4.2": (4, 7, 57.14, 4.29),
    # 4.3: reused R1 (DuocSoHoa), R4 (HoSoCoThanhPhanSoHoa) = 2/7 = 28.57 %;
    # 4 × 28.57 / 80 = 1.4285 → 1.43.
    "4.3": (2, 7, 28.57, 1.43),
    # 4.4: national store R1 = 1/7 = 14.29 %; 4 × 0.1429 = 0.5716 → 0.57.
    "4.4": (1, 7, 14.29, 0.57),
    # 4.5: VNeID R1 R3 = 2/7 = 28.57 %; 4 × 0.2857 = 1.1428 → 1.14.
    "4.5": (2, 7, 28.57, 1.14),
    # 5.2, 5.3: no feedback module yet → N/A.
    "5.2": (None, None, None, None),
    "5.3": (None, None, None, None),
    # 5.4: 2.1's 8 − 4 late − 1 rated "Không hài lòng" in March (R2) = 3/8 = 37.5 %;
    # 10 × 37.5 / 90 = 4.1666 → 4.17.
    "5.4": (3, 8, 37.5, 4.17),
}
# Groups: 4 + 0 + 1.33 + 5.14 = 10.47 / 18; 7 + 6 = 13 / 20; 6 + 2.94 + 4 + 2 = 14.94 / 22;
# 2.67 + 4.29 + 1.43 + 0.57 + 1.14 = 10.10 / 22; 4.17 / 10 (5.2, 5.3 N/A count in no max).
GROUPS = {"1": (10.47, 18), "2": (13.0, 20), "3": (14.94, 22), "4": (10.1, 22), "5": (4.17, 10)}
TOTAL = (52.68, 92)


def _index(world, **params: str) -> dict:
    query = {"from": "2025-03-01", "to": "2025-03-31", "scope": "province", **params}
    response = client_for(world.monitor).get("/api/v1/indices/766", query)
    assert response.status_code == 200, response.json()
    return response.json()


def test_every_indicator_matches_the_hand_computation(imported):
    body = _index(imported)
    assert (body["scope"], body["from"], body["to"]) == ("province", "2025-03-01", "2025-03-31")
    found = {
        i["code"]: (i["numerator"], i["denominator"], i["percent"], i["score"])
        for g in body["groups"]
        for i in g["indicators"]
    }
    assert found == EXPECTED
    assert {g["code"]: (g["score"], g["max"]) for g in body["groups"]} == GROUPS
    assert (body["total"], body["max"]) == TOTAL


def test_agency_and_commune_scopes_count_the_dossiers_they_process(imported):
    commune = _index(imported, scope="unit:02215")
    on_time = next(i for g in commune["groups"] for i in g["indicators"] if i["code"] == "2.1")
    # Only R8 is processed by the commune's People's Committee: 0 of 1 on time.
    assert (on_time["numerator"], on_time["denominator"], on_time["percent"]) == (0, 1, 0.0)
    department = _index(imported, scope="agency:H60.22")
    on_time = next(i for g in department["groups"] for i in g["indicators"] if i["code"] == "2.1")
    assert (on_time["numerator"], on_time["denominator"]) == (4, 7)


def test_zero_denominators_are_not_applicable(imported):
    body = _index(imported, **{"from": "2030-01-01", "to": "2030-01-31"})
    by_code = {i["code"]: i for g in body["groups"] for i in g["indicators"]}
    for code in ("1.4", "3.3", "3.6", "4.1", "4.2", "4.3", "4.5", "2.2"):
        assert by_code[code]["percent"] is None and by_code[code]["score"] is None, code
        assert by_code[code]["denominator"] == 0
    # The stock of dossiers still in progress (R4, R5, R10) carries over: 2.1 has a
    # denominator in 2030, and all three are late by then.
    assert (by_code["2.1"]["numerator"], by_code["2.1"]["denominator"]) == (0, 3)


# The ranking by hand (percent = total ÷ max of the indicators that apply, half up to 2 decimals).
# Only agencies with procedures or dossiers in March are ranked: the centre (H60.1), the tax
# agency (H60.32) and the commune centre (H60.02215.01) process none and handle no procedure.
#
# Sở Tư pháp (H60.22): dossiers R1 R2 R3 R4 R5 R7 R9, procedures 1.000001 and 1.000002.
#   1.1 1/1 → 4; 1.2 0/1 → 0; 1.3 1/2 = 50 % → 2; 1.4 R1 R2 R3 R4 R5 R9 received, all but R2
#   synced 5/6 = 83.33 % → 6 × 0.8333 = 5.00                                   group 1: 11 / 18
#   2.1 on time R1 R3 R4 R9 of 7 = 57.14 % → 14 × 0.5714 = 8.00; 2.2 → 6       group 2: 14 / 20
#   3.1 2/2 → 6; 3.3 R1 R3 of 6 × synced 5/6 = 27.78 % → 6 × 27.78 / 50 = 3.33; 3.5 → 4;
#   3.6 1/3 = 33.33 % → 2.00                                                   group 3: 15.33 / 22
#   4.1 2/3 → 2.67; 4.2 R1 R3 R4 R9 of 6 = 66.67 % → 6 × 66.67 / 80 = 5.00; 4.3 2/6 = 33.33 %
#   → 4 × 33.33 / 80 = 1.67; 4.4 1/6 = 16.67 % → 0.67; 4.5 2/6 → 1.33         group 4: 11.34 / 22
#   5.4 7 − 3 late (R2 R5 R7) − 1 unhappy (R2) = 3/7 = 42.86 % → 10 × 42.86 / 90 = 4.76
#                                                                               group 5: 4.76 / 10
#   total 11 + 14 + 15.33 + 11.34 + 4.76 = 56.43 of 92 → 61.34 %
# UBND phường Minh Xuân (H60.02215): R8 only, procedure 1.000003 (no parts, online).
#   1.3 0/1 → 0 of 4; 1.4 synced 1/1 → 6 of 6; 2.1 R8 late 0/1 → 0 of 14; 3.1 1/1 → 6 of 6;
#   3.3 0/1 (not finished) of 6; 4.2 no file 0/1 of 6; 4.3, 4.4, 4.5 0/1 of 4 each; 5.4 0/1
#   of 10; 1.1 1.2 2.2 3.5 3.6 4.1 N/A → total 12 of 64 → 18.75 %
# Communes (level=unit): only Minh Xuân (02215), whose agencies are H60.02215 and its centre.
RANKING = [
    {"code": "H60.22", "name": "Sở Tư pháp", "total": 56.43, "max": 92.0, "percent": 61.34, "rank": 1},
    {"code": "H60.02215", "name": "UBND phường Minh Xuân", "total": 12.0, "max": 64.0, "percent": 18.75, "rank": 2},
]  # fmt: skip
UNIT_RANKING = [
    {"code": "02215", "name": "Minh Xuân", "total": 12.0, "max": 64.0, "percent": 18.75, "rank": 1},
]  # fmt: skip


def test_ranking_puts_the_better_agency_first(imported):
    response = client_for(imported.monitor).get(
        "/api/v1/indices/766/ranking", {"from": "2025-03-01", "to": "2025-03-31"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["results"] == RANKING
    units = client_for(imported.monitor).get(
        "/api/v1/indices/766/ranking", {"from": "2025-03-01", "to": "2025-03-31", "level": "unit"}
    )
    assert units.json()["results"] == UNIT_RANKING
