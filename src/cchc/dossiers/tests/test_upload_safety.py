"""Uploaded PDFs carry no active content, and file names nothing invisible (issue 15 §2)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from cchc.dossiers.documents import sniff_content_type
from cchc.dossiers.errors import InvalidInput
from cchc.dossiers.uploads import clean_file_name


def _pdf(change=None) -> bytes:  # type: ignore[no-untyped-def]
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change is not None:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _launch(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def _upload(content: bytes, name: str = "to-khai.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


def test_a_plain_pdf_passes():
    assert sniff_content_type(_upload(_pdf())) == "application/pdf"


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda w: w.add_open_action(JavaScript("app.alert('xin chao');")), "J"),
        (lambda w: w.add_attachment("virus.exe", b"MZ\x90\x00"), "EmbeddedFile"),
        (_launch, "Launch"),
    ],
)
def test_a_pdf_with_active_content_is_refused(change, what):
    with pytest.raises(InvalidInput) as error:
        sniff_content_type(_upload(_pdf(change)))
    assert "không được nhận vì lý do an toàn" in error.value.message
    assert what in error.value.message


def test_active_names_hidden_by_escapes_in_a_damaged_file_are_found():
    damaged = b"%PDF-1.4\n1 0 obj<</S/J#61vaScript/JS(app.alert(1))>>endobj\n"
    with pytest.raises(InvalidInput):
        sniff_content_type(_upload(damaged))


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("to-khai.pdf", "to-khai.pdf"),
        ("anh\u202egpj.exe", "anhgpj.exe"),  # right-to-left override: shown as "anhexe.jpg"
        ("Gia\u0301y to\u0300.pdf", "Giáy tò.pdf"),  # decomposed accents become composed
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\an\\giay.pdf", "giay.pdf"),
        ("\u200b\u2066.pdf\u2069", "pdf"),
        ("", "tep"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(name, clean):
    assert clean_file_name(name) == clean
