"""The test kit's factories build what their traits promise, through the real services."""

from __future__ import annotations

import pytest

from cchc.accounts.identity import validate_national_id, validate_tax_code
from cchc.accounts.models import ApplicantKind
from cchc.accounts.tests.factories import CitizenFactory, OrganisationFactory
from cchc.catalogue.tests.factories import ProcedureFactory
from cchc.dossiers.constants import Action, Status
from cchc.dossiers.tests.factories import DUE, DossierFactory
from cchc.org.constants import AgencyKind, StaffRole, UnitLevel
from cchc.org.tests.factories import AgencyFactory, StaffFactory
from cchc_testkit.world import vn

pytestmark = pytest.mark.django_db


def _actions(dossier):
    return [e.action for e in dossier.events.order_by("seq")]


def test_a_plain_dossier_is_submitted_online_and_waits():
    dossier = DossierFactory()
    assert (dossier.status, dossier.channel) == (Status.NEW, 2)
    assert _actions(dossier) == [Action.SUBMIT]
    assert dossier.applicant.username == "congdan"


def test_received_starts_the_legal_clock():
    dossier = DossierFactory(received=True)
    assert dossier.status == Status.RECEIVED
    # 3 working days = 24 h from Mon 2 Mar 09:00: Mon 6.5 h, Tue 8, Wed 8, Thu 07:30 + 1.5 h.
    assert dossier.due_at == DUE == vn(2026, 3, 5, 9, 0)
    assert _actions(dossier) == [Action.SUBMIT, Action.RECEIVE]


def test_supplement_requested_waits_for_the_applicant():
    dossier = DossierFactory(supplement_requested=True)
    assert dossier.status == Status.SUPPLEMENT
    assert dossier.supplements.get().requested_at == vn(2026, 3, 3, 9, 0)


def test_finished_and_returned_before_the_due_date():
    finished = DossierFactory(finished=True)
    assert finished.status == Status.FINISHED
    assert finished.finished_at == vn(2026, 3, 3, 15, 0) < finished.due_at
    returned = DossierFactory(returned=True)
    assert returned.status == Status.RETURNED
    assert returned.returned_at == vn(2026, 3, 4, 8, 0)
    # world.procedure is fee-bearing: no return without payment or a logged exemption.
    assert _actions(returned)[-3:] == [Action.APPROVE, Action.EXEMPT_FEE, Action.RETURN_RESULT]


def test_late_is_finished_after_the_due_date():
    late = DossierFactory(received=True, late=True)
    assert late.status == Status.FINISHED
    assert late.finished_at == vn(2026, 3, 9, 10, 0) > late.due_at == DUE
    returned = DossierFactory(returned=True, late=True)
    assert returned.returned_at == vn(2026, 3, 10, 8, 0)


def test_counter_intake_is_received_at_once():
    dossier = DossierFactory(counter=True)
    assert (dossier.status, dossier.channel) == (Status.RECEIVED, 1)
    assert dossier.intake_agency.code == "H60.1"


def test_a_dossier_for_a_procedure_with_a_fee():
    procedure = ProcedureFactory(with_fee=True)
    procedure.agencies.add(AgencyFactory())
    dossier = DossierFactory(procedure=procedure, received=True)
    assert dossier.procedure.fees.get().amount == 50000
    assert [s.role for s in procedure.steps.order_by("order")] == [
        "receiving",
        "processing",
        "approval",
    ]


def test_applicants_have_valid_identity_numbers():
    citizen, organisation = CitizenFactory(), OrganisationFactory()
    assert validate_national_id(citizen.national_id) == citizen.username
    assert validate_tax_code(organisation.tax_code) == organisation.username
    assert organisation.applicant_kind == ApplicantKind.ORGANISATION
    assert citizen.check_password("pw-" + citizen.username)


def test_staff_have_their_role_at_their_agency():
    committee = AgencyFactory(commune_committee=True)
    assert committee.kind == AgencyKind.COMMUNE_COMMITTEE
    assert committee.unit.level == UnitLevel.COMMUNE and committee.unit.parent.code == "08"
    officer = StaffFactory(role=StaffRole.APPROVER, agency=committee)
    assert {(a.role, a.agency) for a in officer.assignments.all()} == {
        (StaffRole.APPROVER, committee)
    }
    monitor = StaffFactory(monitor=True)
    assert [(a.role, a.agency) for a in monitor.assignments.all()] == [(StaffRole.MONITOR, None)]


def test_factories_join_the_world_a_test_already_has(world):
    dossier = DossierFactory(received=True)
    assert (dossier.intake_agency, dossier.applicant) == (world.centre, world.citizen)
    assert dossier.processing_agency == world.department
