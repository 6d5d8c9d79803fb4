"""Values per period and scope, current values, and the forecast fed by them."""

from __future__ import annotations

import datetime

import pytest

from cchc.dossiers import services
from cchc.dossiers.services import ApplicantData
from cchc.org.constants import UnitLevel
from cchc.org.models import AdministrativeUnit
from cchc.plan import reports, values
from cchc.plan.forecast import Status
from cchc.plan.periods import Period
from cchc.plan.scopes import communes, districts
from cchc_testkit.world import vn

from .conftest import TODAY, pdf

D = datetime.date


@pytest.fixture
def quarterly(plan):
    """A reported quarterly target (Văn phòng UBND tỉnh), ≥ 80 % by 2025."""
    return plan.targets.get(key="6.work-files-online-province-2030")


def _report(target, world, period, value, reviewer, approver):
    version = reports.submit_report(
        target,
        world.admin,
        period,
        value,
        [pdf()],
        at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
    )
    reports.act(version, reviewer, "review")
    reports.act(version, approver, "approve")
    return version


@pytest.fixture
def second_admin(world):
    from cchc.accounts.models import User
    from cchc.org.constants import StaffRole
    from cchc.org.models import StaffAssignment

    user = User.objects.create_user(username="quantri2", password="pw")
    StaffAssignment.objects.create(user=user, role=StaffRole.PROVINCE_ADMIN)
    return user


def test_reported_value_of_a_longer_period_is_its_latest_report(world, quarterly, second_admin):
    for key, value in [("2026-Q1", "60"), ("2026-Q2", "64"), ("2026-Q3", "70")]:
        _report(quarterly, world, Period.parse(key), value, second_admin, world.monitor)
    pv = values.PlanValues(TODAY)
    assert pv.value(quarterly, Period.parse("2026-Q2")).value == 64.0
    assert pv.value(quarterly, Period.parse("2026-H1")).value == 64.0  # Q2 is the latest inside
    assert pv.value(quarterly, Period.year(2026)).value == 70.0
    assert pv.value(quarterly, Period.year_to_date(TODAY)).value == 70.0
    assert pv.value(quarterly, Period.parse("2026-05")).value is None  # no monthly report
    current = pv.current(quarterly)
    assert current is not None and current.period.key == "2026-Q3"


def test_three_quarters_give_a_forecast_and_a_status(world, quarterly, second_admin):
    # 60, 64, 70 at quarter midpoints: about +13 points a year → 100 (clipped) in 2030.
    for key, value in [("2026-Q1", "60"), ("2026-Q2", "64"), ("2026-Q3", "70")]:
        _report(quarterly, world, Period.parse(key), value, second_admin, world.monitor)
    assessment = values.PlanValues(TODAY).assess(quarterly)
    assert assessment.basis == "forecast" and assessment.projection is not None
    assert assessment.projection.value == 100.0
    assert assessment.status in (Status.ON_TRACK, Status.AT_RISK)
    assert len(assessment.points) == 3


def test_computed_series_and_forecast_from_measure(plan, monkeypatch):
    """Yearly values 60, 65, 70 (2023–2025) project 95 in 2030 with no band: on track (≥ 90)."""
    target = plan.targets.get(key="2.online-procedures-2030")
    yearly = {2023: 60.0, 2024: 65.0, 2025: 70.0}

    def fake(formula, start, end, scope, sectors, measurer=None):
        if start.month == 1 and end.month == 12 and end.day == 31 and start.year == end.year:
            value = yearly.get(start.year)
            return (value, value, 100.0) if value is not None else (None, None, 0.0)
        return (None, None, 0.0)

    monkeypatch.setattr(values, "_measure", fake)
    monkeypatch.setattr(values, "first_rollup_day", lambda: D(2023, 1, 1))
    pv = values.PlanValues(TODAY)
    assert [v.value for v in pv.series(target, "year")] == [60.0, 65.0, 70.0, None]
    assessment = pv.assess(target)
    assert assessment.grid == "year"
    assert assessment.projection is not None
    assert (assessment.projection.value, assessment.projection.low) == (95.0, 95.0)
    assert assessment.status == Status.ON_TRACK


def test_an_ended_target_year_is_judged_on_its_value(plan, monkeypatch):
    target = plan.targets.get(key="2.online-procedures-2025")  # ≥ 80 % in 2025

    def fake(formula, start, end, scope, sectors, measurer=None):
        return (75.0, 75.0, 100.0) if start.year == 2025 else (None, None, 0.0)

    monkeypatch.setattr(values, "_measure", fake)
    monkeypatch.setattr(values, "first_rollup_day", lambda: D(2025, 1, 1))
    assessment = values.PlanValues(TODAY).assess(target)
    assert (assessment.status, assessment.basis) == (Status.OFF_TRACK, "actual")


def test_computed_value_from_a_real_dossier(world, plan, django_capture_on_commit_callbacks):
    """One dossier received at the counter in 2026: 0 % of dossiers online (766 3.3)."""
    with django_capture_on_commit_callbacks(execute=True):  # the rollups follow after commit
        services.intake_at_counter(
            world.receiving,
            world.centre,
            world.procedure,
            ApplicantData(name="Nguyễn Thị Hoà", national_id="008190001234"),
            at=vn(2026, 3, 2, 9, 0),
        )
    target = plan.targets.get(key="2.online-dossiers-2025")
    found = values.PlanValues(TODAY).value(target, Period.parse("2026-Q1"))
    assert (found.value, found.denominator) == (0.0, 1.0)
    other = values.PlanValues(TODAY).value(target, Period.parse("2026-Q1"), "agency:H60.22")
    assert other.denominator == 1.0  # processed by the department (DonViXuLy)


def test_districts_exist_only_before_the_merger(world):
    old = AdministrativeUnit.objects.create(
        code="070",
        name="Yên Sơn",
        kind="huyện",
        level=UnitLevel.DISTRICT,
        valid_to=D(2025, 6, 30),
    )
    assert [o.key for o in districts(Period.parse("2025-Q2"))] == [f"unit:{old.code}"]
    assert districts(Period.parse("2025-Q3")) == []
    assert [o.key for o in communes(Period.parse("2026-Q1"))] == ["unit:02215"]
    assert communes(Period.parse("2024-Q1")) == []  # the test commune exists from 7/2025
