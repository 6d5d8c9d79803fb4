"""The smallest files the upload checks accept (or refuse): real magic numbers, tiny bodies."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

# A PDF header, one object and a trailer: enough for the content sniffing in
# `cchc.dossiers.documents` and for pypdf to open.
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\xff\xd9"


def pdf(name: str = "to-khai.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def jpeg(name: str = "anh.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG, content_type="image/jpeg")


def big_pdf(name: str = "lon.pdf", megabytes: int = 1) -> SimpleUploadedFile:
    """A real PDF header followed by just over `megabytes` MB (set `UPLOAD_MAX_MB` to match)."""
    return SimpleUploadedFile(
        name, PDF + b"0" * (megabytes * 1024 * 1024 + 10), content_type="application/pdf"
    )


def png_named_pdf() -> SimpleUploadedFile:
    """A PNG body under a .pdf name: refused as a name/content mismatch."""
    return SimpleUploadedFile("to-khai.pdf", PNG, content_type="application/pdf")


def text_named_png() -> SimpleUploadedFile:
    """Plain text under a .png name: refused as not a PDF, JPEG or PNG."""
    return SimpleUploadedFile("anh.png", b"just some text, not an image", content_type="image/png")
