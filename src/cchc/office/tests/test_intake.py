"""Counter intake: find the procedure, find the applicant by CCCD, check the components,
upload scans, then receive, receive with a supplement request (02) or refuse (03)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.dossiers.constants import Action, Channel, DocumentKind, Status
from cchc.dossiers.models import Dossier, DossierAccess
from cchc_testkit.clients import client_for
from cchc_testkit.files import pdf

URL = "/mot-cua/tiep-nhan/"


def _post(world, decision: str, **extra):
    doc = world.procedure.documents.get()
    data = {
        "thu_tuc": world.procedure.code,
        "intake_agency": world.centre.pk,
        "applicant_kind": 1,
        "applicant_national_id": "008190001234",
        "applicant_name": "Nguyễn Thị Hoà",
        "applicant_phone": "0912345678",
        "applicant_address": "Tổ 5, phường Minh Xuân",
        f"doc_{doc.pk}": "on",
        "decision": decision,
        **extra,
    }
    return client_for(world.receiving).post(URL, data)


def test_procedure_search_ignores_diacritics(world):
    client = client_for(world.receiving)
    response = client.get(URL, {"q": "thu tuc 1.000002"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "?thu_tuc=1.000002" in content and "?thu_tuc=1.000001" not in content
    assert "thu_tuc=1.000001" in client.get(URL, {"q": "Thủ Tục"}).content.decode()


def test_procedure_search_answers_htmx_with_the_same_region(world):
    response = client_for(world.receiving).get(URL, {"q": "thu tuc"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="ket-qua-thu-tuc"' in response.content.decode()


def test_lookup_by_cccd_prefills_a_registered_applicant(world):
    response = client_for(world.receiving).get(
        URL, {"thu_tuc": world.procedure.code, "cccd": "008190001234"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nguyễn Thị Hoà"' in content
    assert 'value="0912345678"' in content
    assert "Đã tìm thấy tài khoản" in content


def test_lookup_of_an_unknown_cccd_asks_for_the_data(world):
    content = (
        client_for(world.receiving)
        .get(URL, {"thu_tuc": world.procedure.code, "cccd": "001099009999"})
        .content.decode()
    )
    assert "Chưa có tài khoản với số này" in content


def test_counter_intake_receives_uploads_and_links_the_account(world):
    doc = world.procedure.documents.get()
    response = _post(world, "receive", **{f"scan_{doc.pk}": pdf()})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("office:intake-done", args=[dossier.code])
    assert dossier.status == Status.RECEIVED
    assert dossier.channel == Channel.IN_PERSON
    assert dossier.applicant == world.citizen
    assert dossier.intake_agency == world.centre
    assert dossier.processing_agency == world.department
    stored = dossier.documents.get()
    assert stored.required_document == doc and stored.kind == DocumentKind.SUBMITTED
    receive = dossier.events.get(action=Action.RECEIVE)
    assert "Tờ khai" in receive.note

    done = client_for(world.receiving).get(response["Location"])
    assert done.status_code == 200
    assert reverse("office:form", args=[dossier.code, "01"]) in done.content.decode()
    assert DossierAccess.objects.filter(dossier=dossier, user=world.receiving).exists()


def test_receipt_form_01_is_a_pdf(world):
    _post(world, "receive")
    dossier = Dossier.objects.get()
    response = client_for(world.receiving).get(reverse("office:form", args=[dossier.code, "01"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response.content.startswith(b"%PDF")


def test_missing_required_component_blocks_receipt(world):
    doc = world.procedure.documents.get()
    response = _post(world, "receive", **{f"doc_{doc.pk}": ""})
    assert response.status_code == 400
    assert "còn thiếu thành phần bắt buộc" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_file_that_is_not_what_it_says_is_refused_before_anything_is_created(world):
    doc = world.procedure.documents.get()
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = _post(world, "receive", **{f"scan_{doc.pk}": fake})
    assert response.status_code == 400
    assert "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG" in response.content.decode()
    assert not Dossier.objects.exists()


def test_incomplete_dossier_at_the_counter_gets_guidance_not_a_receipt(world):
    """DOMAIN.md §2: an incomplete dossier is not received; form 02 says what to add."""
    from cchc.dossiers.models import CounterGuidance

    response = _post(world, "supplement", reason="Thiếu bản sao giấy khai sinh")
    assert response.status_code == 302
    assert not Dossier.objects.exists()  # nothing received, no clock
    guidance = CounterGuidance.objects.get()
    assert guidance.note == "Thiếu bản sao giấy khai sinh"
    done = client_for(world.receiving).get(response["Location"]).content.decode()
    assert "không tiếp nhận" in done
    form = reverse("office:guidance-form", args=[guidance.code])
    assert form in done
    pdf_response = client_for(world.receiving).get(form)
    assert pdf_response.content.startswith(b"%PDF")
    assert client_for(world.commune_receiving).get(form).status_code == 404


def test_refusal_needs_a_reason(world):
    response = _post(world, "refuse", reason="  ")
    assert response.status_code == 400
    assert "Vui lòng nêu lý do từ chối" in response.content.decode()
    assert not Dossier.objects.exists()


def test_refusal_at_the_counter_prints_form_03(world):
    response = _post(world, "refuse", reason="Thủ tục không thuộc thẩm quyền")
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.status == Status.REFUSED
    assert dossier.refusal_reason == "Thủ tục không thuộc thẩm quyền"
    assert dossier.received_at is None
    done = client_for(world.receiving).get(response["Location"]).content.decode()
    assert "Đã từ chối tiếp nhận" in done
    pdf_response = client_for(world.receiving).get(
        reverse("office:form", args=[dossier.code, "03"])
    )
    assert pdf_response.status_code == 200 and pdf_response.content.startswith(b"%PDF")
    # A form that does not apply to this dossier is not found.
    missing = client_for(world.receiving).get(reverse("office:form", args=[dossier.code, "01"]))
    assert missing.status_code == 404


def test_commune_procedure_needs_the_commune(world):
    client = client_for(world.commune_receiving)
    doc = world.commune_procedure.documents.get()
    data = {
        "thu_tuc": world.commune_procedure.code,
        "intake_agency": world.commune_centre.pk,
        "applicant_kind": 1,
        "applicant_name": "Lê Văn Tám",
        f"doc_{doc.pk}": "on",
        "decision": "receive",
    }
    assert client.post(URL, data).status_code == 400
    response = client.post(URL, {**data, "commune": world.commune.pk})
    assert response.status_code == 302
    assert Dossier.objects.get().processing_agency == world.commune_committee


def test_an_officer_cannot_receive_for_another_centre(world):
    doc = world.procedure.documents.get()
    response = client_for(world.commune_receiving).post(
        URL,
        {
            "thu_tuc": world.procedure.code,
            "intake_agency": world.centre.pk,
            "applicant_kind": 1,
            "applicant_name": "Lê Văn Tám",
            f"doc_{doc.pk}": "on",
            "decision": "receive",
        },
    )
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_unknown_procedure_code_says_so(world):
    response = client_for(world.receiving).get(URL, {"thu_tuc": "9.999999"})
    assert "Không có thủ tục đang áp dụng" in response.content.decode()
