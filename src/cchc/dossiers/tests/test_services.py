"""The dossier engine's rules, with due dates worked out by hand from DOMAIN.md §2–§3.

Office hours 07:30–11:30 and 13:30–17:30 (8 h a day); 2–6 March 2026 is an ordinary week.
"""

from __future__ import annotations

import datetime

import pytest

from cchc.dossiers import services
from cchc.dossiers.constants import Action, Channel, Status
from cchc.dossiers.errors import InvalidInput, InvalidTransition, NotPermitted
from cchc.dossiers.models import DossierEvent
from cchc.dossiers.services import ApplicantData

from .world import vn

MON_9 = vn(2026, 3, 2, 9, 0)


def counter(w, procedure=None, at=MON_9, **kwargs):
    return services.intake_at_counter(
        w.receiving,
        w.centre,
        procedure or w.procedure,
        ApplicantData(name="Nguyễn Thị Hoà", national_id="008190001234"),
        at=at,
        **kwargs,
    )


def test_counter_intake_receives_and_sets_legal_due(world):
    d = counter(world)
    assert d.status == Status.RECEIVED
    assert d.channel == Channel.IN_PERSON
    # 3 working days = 24 h from Mon 09:00: Mon 6.5 h, Tue 8, Wed 8, Thu 07:30 + 1.5 h.
    assert d.due_at == vn(2026, 3, 5, 9, 0)
    assert d.step_name == "Tiếp nhận"
    # Receiving step 4 h: Mon 09:00–11:30 (2.5 h) then 13:30 + 1.5 h.
    assert d.step_due_at == vn(2026, 3, 2, 15, 0)
    assert [e.action for e in d.events.all()] == [Action.SUBMIT, Action.RECEIVE]


def test_dossier_codes_follow_agency_day_and_sequence(world):
    codes = [counter(world).code for _ in range(3)]
    assert codes == ["H60.1-260302-0001", "H60.1-260302-0002", "H60.1-260302-0003"]
    assert counter(world, at=vn(2026, 3, 3, 8, 0)).code == "H60.1-260303-0001"


def test_each_step_is_scored_early_on_time_or_late(world):
    d = counter(world)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))  # due Mon 15:00, same day
    # Processing 12 h from Mon 10:00: Mon 5.5 h, Tue 07:30 + 6.5 h → Tue 16:00.
    assert d.step_due_at == vn(2026, 3, 3, 16, 0)
    d = services.forward(d, world.processing, at=vn(2026, 3, 4, 8, 0))  # Wed 08:00 > Tue 16:00
    # Approval 8 h from Wed 08:00: Wed 7.5 h, Thu 07:30 + 0.5 h → Thu 08:00.
    assert d.step_due_at == vn(2026, 3, 5, 8, 0)
    d = services.approve(d, world.approver, at=vn(2026, 3, 4, 16, 0))  # Wed, a day before
    assert d.status == Status.FINISHED
    results = list(d.events.exclude(step_result="").values_list("from_step", "step_result"))
    assert results == [("Tiếp nhận", "on_time"), ("Xử lý", "late"), ("Phê duyệt", "early")]


def test_supplement_stops_the_clock(world):
    d = counter(world)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    d = services.request_supplement(
        d, world.processing, "Thiếu bản sao CCCD", at=vn(2026, 3, 3, 9, 0)
    )
    assert d.status == Status.SUPPLEMENT
    # 16 working hours remained (Tue 09:00 → Thu 09:00). Resumed Mon 9 Mar 13:30:
    # Mon 4 h, Tue 8 h, Wed 07:30 + 4 h → Wed 11:30.
    d = services.complete_supplement(
        d, world.citizen if d.applicant_id else world.receiving, at=vn(2026, 3, 9, 13, 30)
    )
    assert d.status == Status.PROCESSING
    assert d.due_at == vn(2026, 3, 11, 11, 30)
    assert d.original_due_at == vn(2026, 3, 5, 9, 0)
    supplement = d.supplements.get()
    assert supplement.completed_at == vn(2026, 3, 9, 13, 30)
    assert supplement.due_after == d.due_at


def test_second_supplement_request_is_refused(world):
    """DOMAIN.md §2: the applicant is asked to supplement at most once."""
    d = counter(world)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    d = services.request_supplement(d, world.processing, "Lần 1", at=vn(2026, 3, 2, 11, 0))
    d = services.complete_supplement(d, world.receiving, at=vn(2026, 3, 2, 14, 0))
    with pytest.raises(InvalidTransition) as refused:
        services.request_supplement(d, world.processing, "Lần 2", at=vn(2026, 3, 2, 15, 0))
    assert (refused.value.code, refused.value.http_status) == ("supplement_limit", 409)
    d.refresh_from_db()
    assert (d.status, d.supplement_count) == (Status.PROCESSING, 1)
    assert Action.REQUEST_SUPPLEMENT not in services.allowed_actions(
        d, world.processing, at=vn(2026, 3, 2, 15, 0)
    )


def test_supplement_only_within_three_working_days_of_receipt(world):
    """Received Mon 2 Mar 2026 09:00: 3 working days (24 office hours) end Thu 5 Mar 09:00."""
    d = counter(world)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    with pytest.raises(InvalidTransition) as refused:
        services.request_supplement(d, world.processing, "Muộn", at=vn(2026, 3, 5, 9, 1))
    assert refused.value.code == "supplement_too_late"
    d = services.request_supplement(d, world.processing, "Kịp", at=vn(2026, 3, 5, 9, 0))
    assert d.status == Status.SUPPLEMENT


def test_inter_agency_hand_over_goes_to_the_tax_authority_and_back(world):
    d = counter(world, procedure=world.land_procedure)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    assert d.current_agency == world.department
    d = services.forward(d, world.processing, at=vn(2026, 3, 3, 10, 0))
    assert d.current_agency == world.tax
    with pytest.raises(NotPermitted):
        services.forward(d, world.processing, at=vn(2026, 3, 3, 11, 0))
    d = services.forward(d, world.tax_officer, at=vn(2026, 3, 4, 10, 0))
    assert d.current_agency == world.department
    event = d.events.order_by("-seq").first()
    assert (event.from_agency, event.to_agency) == (world.tax, world.department)


def test_boundary_free_intake_routes_to_the_commune(world):
    d = counter(world, procedure=world.commune_procedure, commune_unit_id=world.commune.pk)
    assert d.intake_agency == world.centre
    assert d.processing_agency == world.commune_committee
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    assert d.current_agency == world.commune_committee
    with pytest.raises(NotPermitted):
        services.forward(d, world.processing)


def test_online_submission_waits_for_reception(world):
    d = services.submit_online(
        world.citizen, world.procedure, ApplicantData(name="Nguyễn Thị Hoà"), at=MON_9
    )
    assert (d.status, d.channel, d.due_at) == (Status.NEW, Channel.ONLINE, None)
    assert d.intake_agency == world.centre
    with pytest.raises(NotPermitted):
        services.receive(d, world.citizen)
    d = services.receive(d, world.receiving, at=vn(2026, 3, 2, 18, 0))
    # Received after hours: counting starts Tue 07:30; 24 h → Fri 6 Mar 07:30 + 0 = Thu 17:30.
    assert d.due_at == vn(2026, 3, 5, 17, 30)


def test_forbidden_moves_are_refused(world):
    d = counter(world)
    with pytest.raises(InvalidTransition):
        services.approve(d, world.approver)  # still at the receiving step
    with pytest.raises(InvalidTransition):
        services.return_result(d, world.receiving)
    with pytest.raises(InvalidTransition):
        services.refuse(d, world.receiving, "Không đủ hồ sơ")  # only before reception


def test_withdrawal_by_owner_only(world):
    d = services.submit_online(world.citizen, world.procedure, ApplicantData(name="Hoà"), at=MON_9)
    with pytest.raises(NotPermitted):
        services.withdraw(d, world.other_citizen, "x")
    d = services.withdraw(d, world.citizen, "Không còn nhu cầu")
    assert d.status == Status.WITHDRAWN and d.closed_at is not None


def test_apology_must_move_the_date_forward(world):
    d = counter(world)
    with pytest.raises(InvalidInput):
        services.apologise(
            d, world.receiving, vn(2026, 3, 4, 9, 0), "Xin lỗi", at=vn(2026, 3, 2, 10, 0)
        )
    d = services.apologise(
        d, world.receiving, vn(2026, 3, 10, 9, 0), "Cần xác minh thêm", at=vn(2026, 3, 2, 10, 0)
    )
    assert d.due_at == vn(2026, 3, 10, 9, 0) and d.apology_count == 1


def test_refusal_requires_a_reason(world):
    d = services.submit_online(world.citizen, world.procedure, ApplicantData(name="Hoà"), at=MON_9)
    with pytest.raises(InvalidInput):
        services.refuse(d, world.receiving, "  ")
    d = services.refuse(d, world.receiving, "Hồ sơ không thuộc thẩm quyền")
    assert d.status == Status.REFUSED


def test_full_journey_to_returned(world):
    d = counter(world)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    d = services.request_payment(d, world.processing, at=vn(2026, 3, 2, 11, 0))
    d = services.confirm_payment(d, world.receiving, at=vn(2026, 3, 2, 14, 0))
    d = services.forward(d, world.processing, at=vn(2026, 3, 3, 10, 0))
    d = services.approve(d, world.approver, at=vn(2026, 3, 3, 15, 0))
    d = services.return_result(d, world.receiving, at=vn(2026, 3, 4, 8, 0))
    assert d.status == Status.RETURNED
    assert d.returned_at == vn(2026, 3, 4, 8, 0)
    assert list(d.events.values_list("seq", flat=True)) == [1, 2, 3, 4, 5, 6, 7, 8]


def test_fee_bearing_dossier_is_not_returned_unpaid_without_an_exemption(world):
    """world.procedure has a 50,000 đ fee line: return needs payment or a logged exemption."""
    d = counter(world)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    d = services.forward(d, world.processing, at=vn(2026, 3, 3, 10, 0))
    d = services.approve(d, world.approver, at=vn(2026, 3, 3, 15, 0))
    with pytest.raises(InvalidTransition) as refused:
        services.return_result(d, world.receiving, at=vn(2026, 3, 4, 8, 0))
    assert refused.value.code == "fee_unpaid"
    with pytest.raises(InvalidInput):
        services.exempt_fee(d, world.receiving, "  ", at=vn(2026, 3, 4, 8, 5))
    d = services.exempt_fee(
        d, world.receiving, "Người có công, miễn lệ phí", at=vn(2026, 3, 4, 8, 5)
    )
    exemption = d.events.order_by("-seq").first()
    assert (exemption.action, exemption.note) == ("exempt_fee", "Người có công, miễn lệ phí")
    d = services.return_result(d, world.receiving, at=vn(2026, 3, 4, 8, 10))
    assert d.status == Status.RETURNED


def test_payment_amount_differing_from_the_catalogue_needs_a_reason(world):
    from cchc.dossiers.models import DossierFee

    d = counter(world)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    with pytest.raises(InvalidInput):
        services.request_payment(d, world.processing, amount=30000, at=vn(2026, 3, 2, 11, 0))
    d = services.request_payment(
        d,
        world.processing,
        amount=30000,
        note="Giảm 40 % theo Nghị quyết HĐND",
        at=vn(2026, 3, 2, 11, 0),
    )
    assert list(DossierFee.objects.filter(dossier=d).values_list("amount", flat=True)) == [30000]


def test_approver_sends_back_to_processing_and_officer_back_to_previous_agency(world):
    d = counter(world)  # steps: receiving (centre) → processing (department) → approval
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    d = services.forward(d, world.processing, at=vn(2026, 3, 3, 10, 0))
    with pytest.raises(InvalidInput):
        services.send_back(d, world.approver, " ", at=vn(2026, 3, 3, 11, 0))
    d = services.send_back(d, world.approver, "Sai số liệu, xử lý lại", at=vn(2026, 3, 3, 11, 0))
    assert (d.status, d.step_index) == (Status.PROCESSING, 1)
    event = d.events.order_by("-seq").first()
    assert (event.action, event.note) == ("send_back", "Sai số liệu, xử lý lại")
    d = services.send_back(d, world.processing, "Thiếu bản gốc", at=vn(2026, 3, 3, 14, 0))
    assert (d.step_index, d.current_agency) == (0, world.centre)
    with pytest.raises(InvalidTransition):
        services.send_back(d, world.receiving, "Không có bước trước", at=vn(2026, 3, 3, 15, 0))


def test_events_are_immutable(world):
    event = counter(world).events.first()
    event.note = "sửa"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert DossierEvent.objects.filter(note="sửa").count() == 0


def test_allowed_actions_follow_table_step_and_role(world):
    d = counter(world)  # received Mon 2 Mar 2026 09:00, fee-bearing procedure
    soon = vn(2026, 3, 2, 9, 30)
    assert set(services.allowed_actions(d, world.receiving, at=soon)) == {
        Action.FORWARD,
        Action.REQUEST_SUPPLEMENT,
        Action.REQUEST_PAYMENT,
        Action.EXEMPT_FEE,
        Action.WITHDRAW,
        Action.STOP,
        Action.APOLOGISE,
    }
    # After the due date and the 3-working-day window: no apology, no supplement request.
    late = d.due_at + datetime.timedelta(hours=1)
    assert set(services.allowed_actions(d, world.receiving, at=late)) == {
        Action.FORWARD,
        Action.REQUEST_PAYMENT,
        Action.EXEMPT_FEE,
        Action.WITHDRAW,
        Action.STOP,
    }
    assert services.allowed_actions(d, world.other_citizen, at=soon) == []
    assert services.allowed_actions(d, world.monitor, at=soon) == []


def test_payment_request_records_the_fees_due_and_confirmation_how_they_were_paid(world):
    """Fee data on the dossier (DanhSachLePhi) is what indicators 3.5 and 3.6 count."""
    from cchc.dossiers.constants import OnlinePayment
    from cchc.dossiers.models import DossierFee

    d = services.intake_at_counter(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name="A"),
        at=vn(2026, 3, 2, 9, 0),
    )
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    d = services.request_payment(d, world.processing, at=vn(2026, 3, 2, 11, 0))
    fees = list(DossierFee.objects.filter(dossier=d).values_list("name", "amount", "method"))
    assert fees == [("Lệ phí", 50000, "")]
    services.confirm_payment(
        d, None, online=OnlinePayment.PROVINCIAL_GATEWAY, at=vn(2026, 3, 2, 14, 0)
    )
    assert list(DossierFee.objects.filter(dossier=d).values_list("method", flat=True)) == [
        "Trực tuyến"
    ]
