"""Tuyên Quang before and after 1 July 2025, and the demo's idempotency."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from cchc.accounts.models import User
from cchc.catalogue.models import Procedure
from cchc.dossiers.models import Dossier
from cchc.org.constants import AgencyKind, UnitLevel
from cchc.org.models import AdministrativeUnit, Agency, UnitSuccession

BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 7, 1)


@pytest.fixture
def demo(db):
    call_command("load_demo", "--quiet", "--dossiers", "12")


def test_merged_province_has_124_communes_and_wards(demo):
    new = AdministrativeUnit.objects.valid_on(AFTER).filter(level=UnitLevel.COMMUNE)
    assert new.count() == 124
    assert new.filter(kind="phường").count() == 7 and new.filter(kind="xã").count() == 117
    assert not AdministrativeUnit.objects.valid_on(AFTER).filter(level=UnitLevel.DISTRICT).exists()


def test_former_districts_end_on_30_june_2025(demo):
    districts = AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)
    assert sorted(districts.values_list("code", flat=True)) == [
        "070",
        "071",
        "072",
        "073",
        "074",
        "075",
        "076",
    ]
    assert set(districts.values_list("valid_to", flat=True)) == {BEFORE}
    assert AdministrativeUnit.objects.valid_on(BEFORE).filter(level=UnitLevel.DISTRICT).count() == 7


def test_a_former_commune_records_what_it_was_merged_into(demo):
    old = AdministrativeUnit.objects.get(code="02251", valid_from__isnull=True)  # Xã Khuôn Hà
    succession = UnitSuccession.objects.get(predecessor=old)
    assert succession.successor.name == "Thượng Lâm" and succession.effective_on == AFTER
    split = AdministrativeUnit.objects.get(
        code="02497", valid_from__isnull=True
    )  # Kim Phú, split in two
    assert UnitSuccession.objects.filter(predecessor=split, partial=True).count() == 2
    # The same national code names two units in two periods.
    assert AdministrativeUnit.objects.filter(code="02269").count() == 2


def test_every_new_commune_has_a_committee_and_a_service_centre(demo):
    assert Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE).count() == 124
    assert Agency.objects.filter(kind=AgencyKind.COMMUNE_CENTRE).count() == 124
    assert Agency.objects.get(code="H60").kind == AgencyKind.PROVINCE_COMMITTEE


def test_load_demo_twice_creates_nothing_twice(demo):
    from cchc.plan.models import ReportVersion, Target

    counts = (
        Target.objects.count(),
        ReportVersion.objects.count(),
        AdministrativeUnit.objects.count(),
        Agency.objects.count(),
        Procedure.objects.count(),
        User.objects.count(),
        Dossier.objects.count(),
        UnitSuccession.objects.count(),
    )
    call_command("load_demo", "--quiet")
    assert counts == (
        Target.objects.count(),
        ReportVersion.objects.count(),
        AdministrativeUnit.objects.count(),
        Agency.objects.count(),
        Procedure.objects.count(),
        User.objects.count(),
        Dossier.objects.count(),
        UnitSuccession.objects.count(),
    )
    admin = User.objects.get(username="admin")
    assert admin.check_password("demo-admin") and admin.is_superuser
    # 12 asked; a receipt time drawn after "now" (a weekend's next opening) is skipped.
    assert 0 < Dossier.objects.count() <= 12


def test_demo_dossiers_carry_scans_and_fee_data(demo):
    """What indicators 4.2 (digitised) and 3.5/3.6 (payment) read must exist in the demo: fee
    lines copied from the procedure's fee lines when payment was requested, paid online, and
    the digitised flag (the rollups' per-dossier fact) on dossiers that carry a scan."""
    from cchc.dossiers.constants import Channel, OnlinePayment
    from cchc.dossiers.models import DossierDocument, DossierFee
    from cchc.stats.models import DossierFact

    # Fee data (DanhSachLePhi): the generator asks online applicants of fee-bearing procedures
    # to pay (request_payment copies the procedure's fee lines) and confirms an online payment.
    with_fees = Dossier.objects.filter(pk__in=DossierFee.objects.values("dossier_id"))
    assert with_fees.exists()
    for dossier in with_fees:
        lines = sorted(dossier.procedure.fees.values_list("name", "amount"))
        assert sorted(dossier.fees.values_list("name", "amount")) == lines, dossier.code
        assert any(amount > 0 for _, amount in lines), dossier.code
        # Fees are part of the flow: paid online through the gateway, or at the counter.
        methods = set(dossier.fees.values_list("method", flat=True))
        assert methods in ({"Trực tuyến"}, {"Trực tiếp"}), dossier.code
        if methods == {"Trực tuyến"}:
            assert dossier.channel == Channel.ONLINE, dossier.code
            assert dossier.paid_online == OnlinePayment.PROVINCIAL_GATEWAY, dossier.code
        else:
            assert dossier.paid_online == OnlinePayment.NONE, dossier.code
    # Digitised (4.2): flagged only on dossiers with a submitted scan, and some are flagged.
    scanned = set(
        DossierDocument.objects.filter(kind="submitted").values_list("dossier_id", flat=True)
    )
    digitised = set(DossierFact.objects.filter(digitised=1).values_list("dossier_id", flat=True))
    assert digitised and digitised <= scanned
    # Every received dossier has its fact (a dossier submitted this morning and not yet
    # received has none: which depends on the hour the test runs).
    received = Dossier.objects.filter(received_at__isnull=False)
    assert DossierFact.objects.count() == received.count()
