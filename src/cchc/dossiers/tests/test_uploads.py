"""Checking uploads (`cchc.dossiers.uploads`): what the bytes are, not what the name says;
HEIC phone photos become JPEG; every refusal says how to fix it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cchc.dossiers.documents import sniff_content_type
from cchc.dossiers.errors import InvalidInput
from cchc.dossiers.uploads import check_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def heic_photo(size: tuple[int, int] = (64, 48)) -> bytes:
    """A real HEIC image, encoded by pillow-heif as a phone would."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", size, (180, 30, 40)).save(out, format="HEIF", quality=80)
    return out.getvalue()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def test_a_heic_photo_becomes_a_jpeg_that_opens():
    checked = check_upload(SimpleUploadedFile("IMG_0001.HEIC", heic_photo(), "image/heic"))
    assert checked.converted and checked.content_type == "image/jpeg"
    assert checked.file.name == "IMG_0001.jpg"
    data = checked.file.read()
    assert data.startswith(b"\xff\xd8\xff")
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)


def test_a_heic_photo_that_cannot_be_decoded_is_refused_with_the_way_to_fix_it():
    broken = heic_photo()[:60]  # the header of a HEIC file, cut off
    with pytest.raises(InvalidInput) as error:
        check_upload(SimpleUploadedFile("IMG_0002.heic", broken, "image/heic"))
    assert "chụp lại ở định dạng JPEG" in error.value.message
    assert "Tương thích nhất" in error.value.message


def test_where_nothing_converts_heic_is_refused_with_the_way_to_fix_it():
    with pytest.raises(InvalidInput) as error:
        sniff_content_type(SimpleUploadedFile("IMG_0003.heic", heic_photo(), "image/heic"))
    assert "chụp lại ở định dạng JPEG" in error.value.message


def test_a_pdf_that_is_really_text_is_refused_in_plain_words():
    fake = SimpleUploadedFile("to-khai.pdf", "Tờ khai đăng ký khai sinh\nHọ tên: A".encode())
    with pytest.raises(InvalidInput) as error:
        check_upload(fake)
    assert "không phải là tệp PDF thật" in error.value.message
    assert "to-khai.pdf" in error.value.message


def test_a_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")
    with pytest.raises(InvalidInput) as error:
        check_upload(big)
    assert "vượt quá dung lượng cho phép 1 MB" in error.value.message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.pdf", b"", "rỗng"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "bị hỏng"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "bị hỏng"),
        ("to-khai.pdf", PDF[:20], "bị hỏng"),
        ("anh.pdf", png_bytes(), "Tên tệp không khớp với nội dung tệp"),
        ("virus.pdf", b"MZ\x90\x00" * 10, "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG"),
    ],
)
def test_unreadable_mismatched_or_foreign_files_are_refused(name, content, message):
    with pytest.raises(InvalidInput) as error:
        check_upload(SimpleUploadedFile(name, content))
    assert message in error.value.message


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("to-khai.pdf", PDF, "application/pdf"), ("anh.PNG", png_bytes(), "image/png")],
)
def test_good_files_pass_unchanged(name, content, content_type):
    upload = SimpleUploadedFile(name, content)
    checked = check_upload(upload)
    assert (checked.file, checked.content_type, checked.converted) == (upload, content_type, False)
