"""The pages people hit first (issue 8 §4): upload errors beside the file, HEIC photos, a draft
that keeps what is being typed, conditional documents, "Hồ sơ của tôi" as cards, a lookup that
forgives case and spaces, no internal note on public pages, designed error pages, a favicon."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from cchc.catalogue.models import FeeLine, RequiredDocument
from cchc.dossiers import services as engine
from cchc.dossiers.constants import DocumentKind, Status
from cchc.dossiers.models import Dossier
from cchc.portal.models import Draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
APPLICANT = {"name": "Nguyễn Thị Hoà", "phone": "0912345678", "address": "Tổ 5, Minh Xuân"}


def heic_photo() -> bytes:
    """A real HEIC photo, encoded with pillow-heif as an iPhone saves it."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(out, format="HEIF")
    return out.getvalue()


@pytest.fixture
def applying(client, world):
    """The citizen has completed step 1 of the online application."""
    client.force_login(world.citizen)
    answer = client.post(reverse("portal:apply", args=[world.procedure.code]), APPLICANT)
    assert answer.status_code == 302
    return client


def documents_url(world) -> str:
    return reverse("portal:apply-documents", args=[world.procedure.code])


def upload(client, world, name: str, content: bytes, doc: RequiredDocument | None = None):
    doc = doc or world.procedure.documents.get(condition="")
    return client.post(
        documents_url(world),
        {"required_document": doc.pk, "file": SimpleUploadedFile(name, content)},
        HTTP_HX_REQUEST="true",
    )


# --- uploads -------------------------------------------------------------------------------


def test_a_wrong_upload_answers_its_own_row_with_the_message_beside_the_file(applying, world):
    doc = world.procedure.documents.get(condition="")
    answer = upload(applying, world, "to-khai.pdf", b"To khai dang ky khai sinh, ban nhap")
    assert answer.status_code == 400
    body = answer.content.decode()
    assert body.lstrip().startswith(f'<li class="card mb-3" id="tp-{doc.pk}">')  # the row only
    message = re.search(rf'<div id="loi-tep-{doc.pk}"[^>]*role="alert">([^<]+)</div>', body)
    assert message and "không phải là tệp PDF thật" in message.group(1)
    file_input = re.search(rf'<input type="file" id="tep-{doc.pk}"[^>]*>', body).group(0)
    assert f'aria-describedby="loi-tep-{doc.pk} goi-y-tep"' in file_input
    assert 'aria-invalid="true"' in file_input
    assert 'hx-swap-oob="true"' in body and "Còn thiếu 1 giấy tờ bắt buộc" in body
    assert not Draft.objects.get().files.exists()


def test_a_too_big_upload_is_refused_beside_the_file(applying, world, settings):
    settings.UPLOAD_MAX_MB = 1
    answer = upload(applying, world, "to-khai.pdf", PDF + b"0" * (1024 * 1024))
    assert answer.status_code == 400
    assert "vượt quá dung lượng cho phép 1 MB" in answer.content.decode()


def test_without_htmx_the_message_is_on_the_whole_page_beside_the_file(applying, world):
    doc = world.procedure.documents.get()
    answer = applying.post(
        documents_url(world),
        {"required_document": doc.pk, "file": SimpleUploadedFile("anh.png", b"not an image")},
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "<html" in body and f'id="loi-tep-{doc.pk}"' in body


def test_a_heic_photo_becomes_a_jpeg_document_of_the_dossier(applying, world):
    answer = upload(applying, world, "IMG_0042.HEIC", heic_photo())
    assert answer.status_code == 200, answer.content.decode()
    assert "IMG_0042.jpg" in answer.content.decode()
    assert "đã được chuyển sang JPEG" in answer.content.decode()
    applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    document = Dossier.objects.get().documents.get(kind=DocumentKind.SUBMITTED)
    assert (document.name, document.content_type) == ("IMG_0042.jpg", "image/jpeg")
    with document.file.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG" and image.size == (40, 30)


# --- the draft keeps what is being typed -----------------------------------------------------


def test_what_is_typed_on_step_1_survives_a_reload(client, world):
    client.force_login(world.citizen)
    autosave = reverse("portal:apply-autosave", args=[world.procedure.code])
    saved = client.post(autosave, {"name": "Nguyễn Thị Hoà", "address": "Thôn Nà Héc, xã Yên"})
    assert saved.status_code == 200 and "Đã lưu nháp" in saved.content.decode()
    page = client.get(reverse("portal:apply", args=[world.procedure.code])).content.decode()
    assert 'value="Thôn Nà Héc, xã Yên"' in page
    assert f'hx-post="{autosave}"' in page and 'hx-trigger="change' in page


def test_half_typed_step_1_is_never_submitted(applying, world):
    upload(applying, world, "to-khai.pdf", PDF)
    autosave = reverse("portal:apply-autosave", args=[world.procedure.code])
    applying.post(autosave, {**APPLICANT, "phone": "12"})  # being corrected, not valid yet
    review = applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    assert review.status_code == 400 and "đang sửa dở" in review.content.decode()
    applying.post(autosave, {**APPLICANT, "phone": "0987654321"})  # valid: step 1 is done again
    applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    assert Dossier.objects.get().applicant_phone == "0987654321"


# --- conditional documents ---------------------------------------------------------------------


@pytest.fixture
def abandoned_child(world):
    return RequiredDocument.objects.create(
        procedure=world.procedure,
        order=5,
        name="Biên bản về việc trẻ bị bỏ rơi",
        condition="Trẻ bị bỏ rơi",
    )


def test_a_conditional_document_never_blocks_and_its_answer_reaches_the_officers(
    applying, world, abandoned_child
):
    page = applying.get(documents_url(world)).content.decode()
    assert "Chỉ phải nộp khi" in page and "Trẻ bị bỏ rơi" in page
    upload(applying, world, "to-khai.pdf", PDF)
    answer = applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    assert answer.status_code == 302  # not ticked: skipped
    dossier = Dossier.objects.get()
    assert "Biên bản về việc trẻ bị bỏ rơi — không thuộc trường hợp “Trẻ bị bỏ rơi”" in (
        dossier.summary
    )
    officer = Client()
    officer.force_login(world.receiving)
    office_page = officer.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "không thuộc trường hợp" in office_page


def test_ticking_a_condition_makes_its_document_required(applying, world, abandoned_child):
    upload(applying, world, "to-khai.pdf", PDF)
    ticked = applying.post(
        documents_url(world),
        {"condition": abandoned_child.pk, "applies": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert ticked.status_code == 200 and "checked" in ticked.content.decode()
    assert "Còn thiếu 1 giấy tờ bắt buộc" in ticked.content.decode()
    refused = applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    assert (
        refused.status_code == 400 and "Biên bản về việc trẻ bị bỏ rơi" in refused.content.decode()
    )
    upload(applying, world, "bien-ban.pdf", PDF, abandoned_child)
    applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    dossier = Dossier.objects.get()
    assert "thuộc trường hợp “Trẻ bị bỏ rơi”, phải nộp" in dossier.summary
    assert dossier.documents.filter(required_document=abandoned_child).count() == 1


def test_unticking_skips_it_again_and_an_ordinary_document_has_no_condition(
    applying, world, abandoned_child
):
    url = documents_url(world)
    applying.post(url, {"condition": abandoned_child.pk, "applies": "1"}, HTTP_HX_REQUEST="true")
    unticked = applying.post(url, {"condition": abandoned_child.pk}, HTTP_HX_REQUEST="true")
    assert "Còn thiếu 1 giấy tờ bắt buộc" in unticked.content.decode()  # only the form
    ordinary = world.procedure.documents.get(condition="")
    odd = applying.post(url, {"condition": ordinary.pk, "applies": "1"}, HTTP_HX_REQUEST="true")
    assert odd.status_code == 400


# --- my dossiers ---------------------------------------------------------------------------


def test_my_dossiers_are_cards_filterable_by_status(applying, world):
    upload(applying, world, "to-khai.pdf", PDF)
    applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    first = Dossier.objects.get()
    applying.post(reverse("portal:apply", args=[world.procedure.code]), APPLICANT)
    upload(applying, world, "to-khai.pdf", PDF)
    applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    engine.receive(first, world.receiving)
    page = applying.get(reverse("portal:my-dossiers")).content.decode()
    assert "<table" not in page and page.count('<li class="card">') == 2
    assert "Được tiếp nhận (1)" in page and "Mới đăng ký (1)" in page
    only = applying.get(reverse("portal:my-dossiers"), {"trang-thai": Status.RECEIVED})
    body = only.content.decode()
    assert first.code in body and body.count('<li class="card">') == 1
    assert applying.get(reverse("portal:my-dossiers"), {"trang-thai": "x"}).status_code == 200


# --- public lookup -------------------------------------------------------------------------


def test_lookup_forgives_letter_case_and_spaces(applying, world):
    upload(applying, world, "to-khai.pdf", PDF)
    applying.post(reverse("portal:apply-review", args=[world.procedure.code]))
    code = Dossier.objects.get().code
    typed = f"  {code.lower()} "
    anybody = Client()
    page = anybody.get(reverse("lookup"), {"ma": typed})
    assert page.status_code == 200 and code in page.content.decode()
    api = anybody.get(f"/api/v1/lookup/{typed}")
    assert api.status_code == 200 and api.json()["code"] == code
    assert anybody.get("/api/v1/lookup/H60-NOPE").status_code == 404


# --- internal notes --------------------------------------------------------------------------


def test_a_fee_note_stays_internal(client, world):
    FeeLine.objects.filter(procedure=world.procedure).update(
        note="CSDLQG ghi 8.000 đ, cần xác minh"
    )
    world.procedure.source = "bản sao CSDLQG, crawl 18/07/2026"
    world.procedure.save()
    page = client.get(reverse("portal:procedure", args=[world.procedure.code])).content.decode()
    assert "50.000" in page and "CSDLQG" not in page
    detail = client.get(f"/api/v1/procedures/{world.procedure.code}")
    assert detail.status_code == 200 and "CSDLQG" not in detail.content.decode()
    assert detail.json()["fees"] == [{"name": "Lệ phí", "code": "", "amount": 50000}]
    assert client.get("/api/v1/procedures/export").status_code in (401, 403)
    admin = Client()
    admin.force_login(world.admin)
    assert "CSDLQG ghi 8.000" in admin.get("/api/v1/procedures/export").content.decode()


# --- error pages, favicon ------------------------------------------------------------------


def test_designed_404_in_both_languages(client):
    page = client.get("/khong-co-trang-nay/")
    assert page.status_code == 404 and "Không tìm thấy trang này" in page.content.decode()
    english = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Page not found" in english.content.decode()


def test_designed_403_and_csrf_pages(client, world, settings):
    client.force_login(world.citizen)
    forbidden = client.get("/quan-tri-he-thong/")
    assert forbidden.status_code == 403
    assert "không có quyền xem trang này" in forbidden.content.decode()
    strict = Client(enforce_csrf_checks=True)
    refused = strict.post(reverse("accounts:login"), {"username": "a", "password": "b"})
    assert refused.status_code == 403 and "Trang đã mở quá lâu" in refused.content.decode()


def test_the_500_page_needs_neither_request_nor_database(django_assert_num_queries):
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Hệ thống đang gặp sự cố" in html and "The system has run into a problem" in html


def test_favicon_answers_at_the_root_and_is_linked(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in client.get("/").content.decode()
