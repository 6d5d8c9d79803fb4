"""Rollups updated from dossier events equal a rebuild from scratch; the plan's formulas."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from cchc.dossiers import services
from cchc.dossiers.constants import OnlinePayment
from cchc.dossiers.errors import InvalidTransition
from cchc.dossiers.models import DossierRating
from cchc.dossiers.services import ApplicantData
from cchc.dossiers.workflow.door import publish
from cchc.plan.loader import PLANS_DIR
from cchc.stats.counters import COUNTER_NAMES
from cchc.stats.measures import FORMULAS, Measurement, Scope, ScopeNotFound, measure
from cchc.stats.models import AgencyDay, AgencyMonth, DossierFact, ProcedureDay, ProcedureMonth
from cchc.stats.rollups import rebuild
from cchc_testkit.clients import api_client_for as client_for
from cchc_testkit.world import vn

TABLES = (ProcedureDay, ProcedureMonth, AgencyDay, AgencyMonth)


def snapshot() -> dict:
    """Every rollup row that counts something, and every fact."""
    state: dict = {}
    for model in TABLES:
        keys = ["day", "agency_id", "unit_id"] + (
            ["procedure_id", "channel"] if model in (ProcedureDay, ProcedureMonth) else []
        )
        rows = {}
        for row in model.objects.values(*keys, *COUNTER_NAMES):
            counters = tuple(round(row[name], 6) for name in COUNTER_NAMES)
            if any(counters):
                rows[tuple(row[k] for k in keys)] = counters
        state[model.__name__] = rows
    state["facts"] = {f["dossier_id"]: f for f in DossierFact.objects.values()}
    return state


def counter(w, at, procedure=None):
    return services.intake_at_counter(
        w.receiving,
        w.centre,
        procedure or w.procedure,
        ApplicantData(name="Nguyễn Thị Hoà", national_id="008190001234"),
        at=at,
    )


def run_a_week(w) -> None:
    """A week of work through the real services (events after commit)."""
    a = counter(w, vn(2026, 3, 2, 9, 0))
    a = services.forward(a, w.receiving, at=vn(2026, 3, 2, 10, 0))
    a = services.request_supplement(a, w.processing, "Thiếu giấy tờ", at=vn(2026, 3, 3, 9, 0))
    a = services.complete_supplement(a, w.receiving, at=vn(2026, 3, 4, 9, 0))
    a = services.forward(a, w.processing, at=vn(2026, 3, 4, 10, 0))
    a = services.approve(a, w.approver, at=vn(2026, 3, 5, 10, 0))
    a = services.exempt_fee(a, w.receiving, "Đối tượng được miễn", at=vn(2026, 3, 5, 14, 0))
    a = services.return_result(a, w.receiving, at=vn(2026, 3, 5, 15, 0))
    # A counter applicant has no account to rate through the door yet: the row is written
    # here, and announced as the door would.
    DossierRating.objects.create(dossier=a, level=1)
    publish(a.pk, None, "rate")

    b = counter(w, vn(2026, 3, 2, 14, 0), procedure=w.land_procedure)
    b = services.forward(b, w.receiving, at=vn(2026, 3, 2, 15, 0))
    b = services.forward(b, w.processing, at=vn(2026, 3, 4, 9, 0))  # to the tax agency
    b = services.request_payment(b, w.tax_officer, at=vn(2026, 3, 5, 9, 0))
    services.confirm_payment(b, None, online=OnlinePayment.NATIONAL_PORTAL, at=vn(2026, 3, 5, 10))

    c = counter(w, vn(2026, 3, 3, 8, 0))
    services.withdraw(c, w.receiving, "Không cần nữa", at=vn(2026, 3, 3, 9, 0))

    d = counter(w, vn(2026, 3, 3, 10, 0))
    d = services.request_supplement(d, w.receiving, "Thiếu", at=vn(2026, 3, 3, 11, 0))
    d = services.complete_supplement(d, w.receiving, at=vn(2026, 3, 4, 8, 0))
    with pytest.raises(InvalidTransition):  # at most once (DOMAIN.md §2)
        services.request_supplement(d, w.receiving, "Lại thiếu", at=vn(2026, 3, 4, 9, 0))

    client_for(w.admin).post(
        "/api/v1/dossiers/import",
        [
            {
                "MaHoSo": "H60.22-250310-0001",
                "MaTTHC": "1.000001",
                "ChuHoSo": "Trần Văn Bảy",
                "NgayTiepNhan": "20260302083000",
                "NgayHenTra": "20260305083000",
                "TrangThaiHoSo": 10,
                "NgayKetThucXuLy": "20260304160000",
                "NgayTra": "20260305080000",
                "KenhThucHien": 2,
                "DuocThanhToanTrucTuyen": 1,
                "TaiKhoanDuocXacThucVoiVNeID": 1,
                "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": 50000}],
            },
            {
                # The old system asked twice: late whatever its dates (DOMAIN.md §2, §6 2.1).
                "MaHoSo": "H60.22-260303-0002",
                "MaTTHC": "1.000001",
                "ChuHoSo": "Lê Thị Chín",
                "NgayTiepNhan": "20260303083000",
                "NgayHenTra": "20260306083000",
                "TrangThaiHoSo": 10,
                "NgayKetThucXuLy": "20260304160000",
                "NgayTra": "20260305080000",
                "KenhThucHien": 1,
                "DanhSachHoSoBoSung": [
                    {"NgayYeuCauBoSung": "20260303100000", "NgayHoanThanhBoSung": "20260303140000"},
                    {"NgayYeuCauBoSung": "20260303150000", "NgayHoanThanhBoSung": "20260304080000"},
                ],
            },
        ],
        format="json",
    )


def test_incremental_rollups_equal_a_full_rebuild(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    incremental = snapshot()
    assert len(incremental["facts"]) == 6
    assert incremental["AgencyDay"], "events must reach the rollups"
    rebuild(page_size=2)  # several pages, on purpose
    assert snapshot() == incremental


def test_rebuild_command_reports_what_it_did(world, django_capture_on_commit_callbacks, capsys):
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    DossierFact.objects.all().delete()
    AgencyDay.objects.all().delete()
    call_command("rebuild_rollups", "--page-size", "3")
    assert "facts=6" in capsys.readouterr().out
    assert DossierFact.objects.count() == 6 and AgencyDay.objects.exists()


def test_a_second_supplement_request_ends_the_clock_late(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    week = (datetime.date(2026, 3, 2), datetime.date(2026, 3, 8))
    on_time = measure("on_time_dossiers", *week, Scope("province"))
    # a: received Mon 09:00, due Thu 09:00; paused Tue 09:00 → Wed 09:00 leaves 16 office
    #    hours from Wed 09:00 → due Fri 09:00; finished Thu 10:00, a day before → early;
    #    b: in progress, due in the future → on time; c: withdrawn within an hour → early;
    #    d: received Tue 10:00, due Fri 10:00; paused Tue 11:00 → Wed 08:00 with 23 office
    #    hours left (0.5 + 4 Tue, 8 Wed, 8 Thu, 2.5 Fri), counted from Wed 08:00 → due Fri
    #    17:00; still open at the week's end (Sun) → late; import 1: early; import 2: two
    #    requests in the old system → late. 4 of 6 = 66.67 %.
    assert (on_time.numerator, on_time.denominator, on_time.value) == (4, 6, 66.67)


def _plan_formulas() -> set[str]:
    import yaml

    names: set[str] = set()
    for path in PLANS_DIR.glob("*.yaml"):
        for target in yaml.safe_load(path.read_text(encoding="utf-8"))["targets"]:
            measurement = target["measurement"]
            if measurement["kind"] == "computed":
                names.add(measurement["formula"])
    return names


def test_every_formula_of_the_plan_files_is_implemented():
    missing = _plan_formulas() - set(FORMULAS)
    assert not missing
    assert len(_plan_formulas()) >= 13


def test_every_formula_answers_a_measurement(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_a_week(world)
    week = (datetime.date(2026, 3, 2), datetime.date(2026, 3, 8))
    for name in FORMULAS:
        for scope in (Scope("province"), Scope.parse("agency:H60.22"), Scope.parse("unit:02215")):
            result = measure(name, *week, scope)
            assert isinstance(result, Measurement) and result.unit == "%"
            assert result.value is None or 0 <= result.value <= 100, (name, scope, result)
    paid = measure("online_payment_transactions", *week, Scope("province"))
    # Fee-bearing 1.000001 dossiers a, c, d and the two imports (b is land, no fee): 5; paid
    # online: import 1 = 1.
    assert (paid.numerator, paid.denominator, paid.value) == (1, 5, 20.0)
    sectors = measure(
        "dossier_satisfaction", *week, Scope("province", sectors=("land", "construction"))
    )
    assert sectors.denominator == 0 and sectors.value is None  # no land sector in the world
    assert measure("agency_service_satisfaction", *week, Scope("province")).value is None


def test_scope_parsing_and_unknown_codes(world):
    assert Scope.parse("province") == Scope("province")
    assert Scope.parse("agency:H60.22") == Scope("agency", "H60.22")
    assert Scope.parse("unit:02215") == Scope("unit", "02215")
    for bad in ("", "agency:", "district:1", "provinces"):
        with pytest.raises(ValueError):
            Scope.parse(bad)
    with pytest.raises(ScopeNotFound):
        measure(
            "document_reuse",
            datetime.date(2026, 1, 1),
            datetime.date(2026, 1, 31),
            Scope("agency", "H99"),
        )


def test_ranking_of_a_province_without_dossiers_scores_only_the_catalogue(world):
    """No dossier yet: every dossier indicator is N/A (counts neither way), so the ranking is
    the catalogue's part of the index alone — not empty, not an error, and exactly this.

    Sở Tư pháp (H60.22) handles 1.000001 and 1.000002: 1.3 no procedure has all seven parts
    0/2 → 0 of 4; 3.1 both online 2/2 → 6 of 6; 3.5 the fee-bearing 1.000001 has no fee data
    in the quarter 0/1 → 0 of 4; 1.1/1.2 N/A (no publication decision) → 6 / 14 = 42.86 %.
    UBND phường Minh Xuân (H60.02215) handles 1.000003 (commune level, no fee): 1.3 0/1 → 0
    of 4; 3.1 1/1 → 6 of 6 → 6 / 10 = 60 %, so it ranks first. The centres and the tax agency
    handle no procedure and are left out."""
    from cchc.stats.index766 import _ranking

    rows = _ranking(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), "agency")
    assert rows == [
        {"code": "H60.02215", "name": "UBND phường Minh Xuân", "total": 6.0, "max": 10.0, "percent": 60.0, "rank": 1},
        {"code": "H60.22", "name": "Sở Tư pháp", "total": 6.0, "max": 14.0, "percent": 42.86, "rank": 2},
    ]  # fmt: skip
