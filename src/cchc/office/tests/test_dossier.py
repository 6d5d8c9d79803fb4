"""The dossier page: personal data masked for overseers, documents viewable in the browser,
every action a POST through the services, refusals shown as messages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cchc.dossiers import documents, services
from cchc.dossiers.constants import Action, Status
from cchc.dossiers.models import DossierAccess
from cchc.dossiers.services import ApplicantData
from cchc_testkit.clients import client_for
from cchc_testkit.files import pdf

from .conftest import counter_dossier


def _act(user, dossier, action: str, data: dict | None = None, **files):
    payload = {f"{action}-{key}": value for key, value in (data or {}).items()}
    payload.update({f"{action}-{key}": value for key, value in files.items()})
    return client_for(user).post(
        reverse("office:action", args=[dossier.code, action]), payload, follow=False
    )


def _processing(world):
    """A dossier at the department's processing step."""
    dossier = counter_dossier(world)
    return services.forward(dossier, world.receiving)


def test_detail_shows_applicant_data_timeline_forms_and_logs_the_read(world):
    dossier = counter_dossier(world)
    response = client_for(world.receiving).get(reverse("office:dossier", args=[dossier.code]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "008190001234" in content and "0912345678" in content
    assert "Tiếp nhận" in content  # the timeline
    assert reverse("office:form", args=[dossier.code, "06"]) in content
    assert DossierAccess.objects.filter(dossier=dossier, user=world.receiving, what="view").exists()


def test_monitor_sees_masked_identifiers_and_no_actions(world):
    dossier = counter_dossier(world)
    response = client_for(world.monitor).get(reverse("office:dossier", args=[dossier.code]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "008190001234" not in content and "0912345678" not in content
    assert "•••••••••234" in content
    assert "chỉ xem" in content
    assert reverse("office:action", args=[dossier.code, "forward"]) not in content


def test_monitor_cannot_act(world):
    dossier = counter_dossier(world)
    response = _act(world.monitor, dossier, "forward", {"note": ""})
    assert response.status_code == 403
    assert "không có quyền" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and dossier.step_index == 0


# What the page offers on a dossier just received at the province centre and forwarded to the
# department's processing step (fee-bearing procedure, inside the supplement window and before
# the due date), per role — written by hand from the rules (DOMAIN.md §2), not computed.
AT_PROCESSING = {
    # holds the step: forward / send back; at the current agency: supplement, payment, fee
    # exemption, stop, apology; processing staff attach results.
    "processing": {
        "forward",
        "send_back",
        "request_supplement",
        "request_payment",
        "exempt_fee",
        "stop",
        "apologise",
        "attach_result",
    },
    # at the current agency but not the step's role: no forward/send back, no approval yet.
    "approver": {
        "request_supplement",
        "request_payment",
        "exempt_fee",
        "stop",
        "apologise",
        "attach_result",
    },
    # the intake centre: the applicant's withdrawal and a fee exemption only.
    "receiving": {"withdraw", "exempt_fee"},
    "monitor": set(),
}


@pytest.mark.parametrize("role", sorted(AT_PROCESSING))
def test_page_offers_exactly_the_allowed_actions(world, role):
    dossier = _processing(world)
    content = (
        client_for(getattr(world, role))
        .get(reverse("office:dossier", args=[dossier.code]))
        .content.decode()
    )
    offered = {
        action
        for action in Action.values
        if reverse("office:action", args=[dossier.code, action]) in content
    }
    assert offered == AT_PROCESSING[role]


def test_full_journey_forward_result_approve_return(world):
    dossier = counter_dossier(world)
    assert _act(world.receiving, dossier, "forward", {"note": "Chuyển Sở"}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.current_agency == world.department and dossier.step_name == "Xử lý"

    assert _act(world.processing, dossier, "forward", {"note": ""}).status_code == 302
    result = _act(world.approver, dossier, "attach_result", {"result_code": "KQ-1"}, file=pdf())
    assert result.status_code == 302
    response = _act(world.approver, dossier, "approve", {"note": "Đồng ý"})
    assert response.status_code == 302
    assert response["Location"] == reverse("office:dossier", args=[dossier.code])
    dossier.refresh_from_db()
    assert dossier.status == Status.FINISHED and dossier.result_code == "KQ-1"

    unpaid = client_for(world.receiving).post(
        reverse("office:action", args=[dossier.code, "return_result"]),
        {"return_result-note": ""},
    )
    assert unpaid.status_code == 409
    assert "chưa nộp phí, lệ phí" in unpaid.content.decode()
    exempt = _act(world.receiving, dossier, "exempt_fee", {"note": "Người có công"})
    assert exempt.status_code == 302
    page = client_for(world.receiving).post(
        reverse("office:action", args=[dossier.code, "return_result"]),
        {"return_result-note": ""},
        follow=True,
    )
    assert "Đã thực hiện: Trả kết quả." in page.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED


def test_supplement_then_completed_with_a_file(world):
    dossier = counter_dossier(world)
    assert (
        _act(
            world.receiving, dossier, "request_supplement", {"note": "Thiếu giấy khai sinh"}
        ).status_code
        == 302
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT
    response = _act(
        world.receiving, dossier, "complete_supplement", {"note": "Đã nộp"}, file=pdf("bs.pdf")
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and dossier.paused_at is None
    assert dossier.documents.filter(kind="supplement", name="bs.pdf").exists()


def test_payment_requested_and_confirmed(world):
    dossier = _processing(world)
    assert (
        _act(
            world.processing, dossier, "request_payment", {"note": "Lệ phí 50.000 đồng"}
        ).status_code
        == 302
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.PAYMENT
    assert _act(world.receiving, dossier, "confirm_payment", {"note": ""}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING


def test_apology_sets_a_new_date_and_prints_form_04(world):
    dossier = _processing(world)
    new_due = dossier.due_at.astimezone().replace(tzinfo=None) + datetime.timedelta(days=5)
    response = _act(
        world.processing,
        dossier,
        "apologise",
        {"new_due": new_due.strftime("%Y-%m-%dT%H:%M"), "note": "Cần xác minh thêm"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.apology_count == 1
    form = client_for(world.processing).get(reverse("office:form", args=[dossier.code, "04"]))
    assert form.content.startswith(b"%PDF")


def test_apology_with_an_earlier_date_shows_the_service_message(world):
    dossier = _processing(world)
    earlier = dossier.due_at.astimezone().replace(tzinfo=None) - datetime.timedelta(hours=1)
    response = _act(
        world.processing,
        dossier,
        "apologise",
        {"new_due": earlier.strftime("%Y-%m-%dT%H:%M"), "note": "Lý do"},
    )
    assert response.status_code == 400
    assert "Ngày hẹn trả mới phải sau ngày hẹn hiện tại" in response.content.decode()


def test_stop_needs_a_reason_then_stops(world):
    dossier = _processing(world)
    missing = _act(world.processing, dossier, "stop", {"note": ""})
    assert missing.status_code == 400
    assert "errorlist" in missing.content.decode() or "bắt buộc" in missing.content.decode()
    assert _act(world.processing, dossier, "stop", {"note": "Người nộp đề nghị"}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.STOPPED
    pdf_response = client_for(world.processing).get(
        reverse("office:form", args=[dossier.code, "05"])
    )
    assert pdf_response.content.startswith(b"%PDF")


def test_online_dossier_received_or_refused_from_the_page(world):
    first = services.submit_online(
        world.citizen, world.procedure, ApplicantData(name="Nguyễn Thị Hoà")
    )
    second = services.submit_online(
        world.citizen, world.procedure, ApplicantData(name="Nguyễn Thị Hoà")
    )
    assert _act(world.receiving, first, "receive", {"note": ""}).status_code == 302
    assert _act(world.receiving, second, "refuse", {"note": "Sai thủ tục"}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.RECEIVED and second.status == Status.REFUSED


def test_withdraw_at_the_applicants_request(world):
    dossier = counter_dossier(world)
    assert _act(world.receiving, dossier, "withdraw", {"note": "Rút theo đơn"}).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN


def test_action_not_allowed_in_this_state_is_a_message_not_a_500(world):
    dossier = counter_dossier(world)
    response = _act(world.receiving, dossier, "return_result", {"note": ""})
    assert response.status_code == 409
    assert "Không thể thực hiện" in response.content.decode()


def test_unknown_action_is_not_found(world):
    dossier = counter_dossier(world)
    assert _act(world.receiving, dossier, "xoa", {}).status_code == 404


def test_document_opens_inline_and_the_read_is_logged(world):
    dossier = counter_dossier(world)
    doc = documents.add_document(dossier, world.receiving, pdf())
    response = client_for(world.processing).get(
        reverse("office:document", args=[dossier.code, doc.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert DossierAccess.objects.filter(
        dossier=dossier, user=world.processing, what=f"download:{doc.pk}"
    ).exists()


def test_document_of_another_dossier_is_not_found(world):
    first = counter_dossier(world)
    second = counter_dossier(world)
    doc = documents.add_document(second, world.receiving, pdf())
    response = client_for(world.receiving).get(
        reverse("office:document", args=[first.code, doc.pk])
    )
    assert response.status_code == 404


def test_process_control_slip_is_a_pdf(world):
    dossier = _processing(world)
    response = client_for(world.approver).get(reverse("office:form", args=[dossier.code, "06"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert DossierAccess.objects.filter(dossier=dossier, what="form:06").exists()
