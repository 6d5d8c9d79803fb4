"""The citizens' portal through the Django test client: search, apply with a draft that
survives, follow, supplement once, withdraw, download, rate — and nobody sees another's."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.core import sms
from cchc.dossiers import services
from cchc.dossiers.constants import DocumentKind, Status
from cchc.dossiers.documents import attach_result
from cchc.dossiers.errors import DossierError
from cchc.dossiers.models import Dossier, DossierRating
from cchc.portal.models import Draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "to-khai.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def birth(world):
    world.procedure.name = "Đăng ký khai sinh"
    world.procedure.save()
    return world.procedure


@pytest.mark.parametrize(
    "query", ["dang ky khai sinh", "khai sinh đăng ký", "Đăng ký khai sinh", "KHAI SINH"]
)
def test_search_tolerates_missing_diacritics_and_word_order(client, birth, query):
    response = client.get(reverse("portal:procedures"), {"q": query})
    assert response.status_code == 200
    assert "Đăng ký khai sinh" in response.content.decode()


def test_search_answers_htmx_with_the_results_only(client, birth):
    response = client.get(reverse("portal:procedures"), {"q": "khai sinh"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Đăng ký khai sinh" in body and "<html" not in body


def test_browse_by_field_and_life_event(client, birth, world):
    home = client.get("/").content.decode()
    assert "Hộ tịch" in home and "Sinh con" in home
    by_event = client.get(reverse("portal:procedures"), {"su-kien": "sinh-con"}).content.decode()
    assert "Đăng ký khai sinh" in by_event
    by_field = client.get(reverse("portal:procedures"), {"linh-vuc": "LV-HT"}).content.decode()
    assert "Đăng ký khai sinh" in by_field


def test_procedure_page_shows_documents_fees_and_call_to_action(client, birth):
    body = client.get(reverse("portal:procedure", args=[birth.code])).content.decode()
    assert "Tờ khai" in body and "50.000 đồng" in body
    assert "Nộp hồ sơ trực tuyến" in body


def test_internal_procedures_are_not_public(client, birth):
    birth.is_internal = True
    birth.save()
    assert client.get(reverse("portal:procedure", args=[birth.code])).status_code == 404


def _apply(client, world, procedure, *, upload=True):
    client.force_login(world.citizen)
    r = client.post(
        reverse("portal:apply", args=[procedure.code]),
        {
            "name": "Nguyễn Thị Hoà",
            "phone": "0912345678",
            "email": "",
            "address": "Tổ 5, Minh Xuân",
            "summary": "",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    doc = procedure.documents.get()
    if upload:
        r = client.post(
            reverse("portal:apply-documents", args=[procedure.code]),
            {"required_document": doc.pk, "file": pdf()},
        )
        assert r.status_code == 302
    return client.post(reverse("portal:apply-review", args=[procedure.code]))


def test_online_application_end_to_end(client, world, birth):
    r = _apply(client, world, birth)
    assert r.status_code == 302
    dossier = Dossier.objects.get(applicant=world.citizen)
    assert r["Location"] == reverse("portal:submitted", args=[dossier.code])
    assert (
        dossier.status == Status.NEW
        and dossier.documents.filter(kind=DocumentKind.SUBMITTED).count() == 1
    )
    assert not Draft.objects.exists()
    page = client.get(r["Location"]).content.decode()
    assert dossier.code in page and "<svg" in page  # QR opening the lookup page


def test_draft_survives_a_closed_tab(client, world, birth):
    _apply(client, world, birth, upload=False)  # review refuses: document missing
    client.logout()
    client.force_login(world.citizen)  # a new session, as after closing the browser
    page = client.get(reverse("portal:apply-documents", args=[birth.code])).content.decode()
    assert "Còn thiếu 1 giấy tờ bắt buộc" in page
    form = client.get(reverse("portal:apply", args=[birth.code])).content.decode()
    assert "Tổ 5, Minh Xuân" in form
    assert not Dossier.objects.exists()


def test_missing_document_blocks_submission_with_a_message(client, world, birth):
    r = _apply(client, world, birth, upload=False)
    assert r.status_code == 400
    assert "Còn thiếu giấy tờ bắt buộc" in r.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.pdf", b"GIF89a....", "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG"),
        ("anh.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG"),
        ("to-khai.exe", PDF, "Tên tệp không khớp với nội dung tệp"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_uploads_are_checked_by_content(client, world, birth, name, content, message):
    _apply(client, world, birth, upload=False)
    r = client.post(
        reverse("portal:apply-documents", args=[birth.code]),
        {"required_document": birth.documents.get().pk, "file": SimpleUploadedFile(name, content)},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 400
    assert message in r.content.decode()


def test_invalid_phone_is_refused_in_vietnamese(client, world, birth):
    client.force_login(world.citizen)
    r = client.post(
        reverse("portal:apply", args=[birth.code]), {"name": "A", "phone": "12345", "address": "x"}
    )
    assert r.status_code == 400
    assert "Số điện thoại di động gồm 10 chữ số" in r.content.decode()


def test_supplement_once_then_result_and_rating(client, world, birth):
    _apply(client, world, birth)
    dossier = Dossier.objects.get()
    services.receive(dossier, world.receiving)
    assert sms.outbox and dossier.code in sms.outbox[-1][1]  # SMS at receipt
    services.forward(dossier, world.receiving)
    services.request_supplement(dossier, world.processing, "Thiếu bản sao giấy chứng sinh")
    page = client.get(reverse("portal:my-dossier", args=[dossier.code])).content.decode()
    assert "Thiếu bản sao giấy chứng sinh" in page and "Gửi bổ sung" in page
    url = reverse("portal:supplement", args=[dossier.code])
    client.post(url, {"done": "1"})  # nothing uploaded yet: refused
    assert Dossier.objects.get().status == Status.SUPPLEMENT
    client.post(url, {"file": pdf("chung-sinh.pdf")})
    client.post(url, {"done": "1"})
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    page = client.get(reverse("portal:my-dossier", args=[dossier.code])).content.decode()
    assert "Gửi bổ sung" not in page  # once
    services.forward(dossier, world.processing)
    attach_result(dossier, world.approver, pdf("ket-qua.pdf"))
    services.approve(dossier, world.approver)
    services.exempt_fee(dossier, world.receiving, "Miễn lệ phí theo quy định")
    services.return_result(dossier, world.receiving)
    page = client.get(reverse("portal:my-dossier", args=[dossier.code])).content.decode()
    assert "Tải kết quả: ket-qua.pdf" in page and "Đánh giá mức độ hài lòng" in page
    result = dossier.documents.get(kind=DocumentKind.RESULT)
    download = client.get(reverse("portal:document", args=[dossier.code, result.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.post(reverse("portal:rate", args=[dossier.code]), {"level": 3, "comment": "Nhanh"})
    client.post(
        reverse("portal:rate", args=[dossier.code]), {"level": 1}
    )  # a second rating is refused
    rating = DossierRating.objects.get()
    assert (rating.level, rating.comment) == (3, "Nhanh")
    receipt = client.get(reverse("portal:form", args=[dossier.code, "01"]))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_withdrawal(client, world, birth):
    _apply(client, world, birth)
    dossier = Dossier.objects.get()
    client.post(reverse("portal:withdraw", args=[dossier.code]), {"reason": "Nộp nhầm thủ tục"})
    assert Dossier.objects.get().status == Status.WITHDRAWN


def test_nobody_opens_another_applicants_dossier(client, world, birth):
    _apply(client, world, birth)
    dossier = Dossier.objects.get()
    doc = dossier.documents.get()
    client.get(reverse("portal:my-dossiers"))  # the owner's "submitted" message is shown
    client.force_login(world.other_citizen)
    for url in (
        reverse("portal:my-dossier", args=[dossier.code]),
        reverse("portal:document", args=[dossier.code, doc.pk]),
        reverse("portal:form", args=[dossier.code, "06"]),
        reverse("portal:submitted", args=[dossier.code]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("portal:withdraw", args=[dossier.code]), {"reason": "x"}).status_code
        == 404
    )
    assert Dossier.objects.get().status == Status.NEW
    assert dossier.code not in client.get(reverse("portal:my-dossiers")).content.decode()


def test_pages_need_sign_in(client, world, birth):
    r = client.get(reverse("portal:my-dossiers"))
    assert r.status_code == 302 and "/tai-khoan/dang-nhap/" in r["Location"]
    r = client.get(reverse("portal:apply", args=[birth.code]))
    assert r.status_code == 302


def test_files_are_not_lost_when_submission_fails(client, world, birth, monkeypatch):
    """The engine refuses the submission after it created the dossier row (the SUBMIT event
    fails): the transaction leaves no dossier, the citizen sees the engine's message, and the
    draft keeps its file to try again."""
    _apply(client, world, birth, upload=False)
    client.post(
        reverse("portal:apply-documents", args=[birth.code]),
        {"required_document": birth.documents.get().pk, "file": pdf()},
    )
    calls = []

    def failing_event(dossier, *args, **kwargs):
        calls.append(dossier.code)  # the dossier row exists at this point, inside the engine
        raise DossierError("Hệ thống tạm thời không nhận hồ sơ.")

    monkeypatch.setattr("cchc.dossiers.services.intake.append_event", failing_event)
    r = client.post(reverse("portal:apply-review", args=[birth.code]))
    assert len(calls) == 1  # reached inside submit_online, not refused before it
    assert r.status_code == 400
    assert "Hệ thống tạm thời không nhận hồ sơ." in r.content.decode()
    assert not Dossier.objects.exists()  # rolled back with the failed event
    draft = Draft.objects.get()
    assert draft.files.count() == 1 and draft.files.get().file.storage.exists(
        draft.files.get().file.name
    )
