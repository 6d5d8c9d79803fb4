"""Checking an uploaded file before it is kept: size, what the bytes really are (a name alone
proves nothing), whether an image can be opened at all, and phone photos in HEIC/HEIF turned
into JPEG. Every refusal says, in plain words, what is wrong and how to fix it.

`check_upload` is the entry for pages that can keep a converted file (the portal);
`sniff_content_type` (re-exported by `documents`) only answers the type and refuses HEIC with
the way to fix it, for callers that store the upload as it came.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext as _

from .errors import InvalidInput

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"

# Magic numbers of the accepted types, with the names each may carry.
_SIGNATURES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    PDF: (b"%PDF-", (".pdf",)),
    JPEG: (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    PNG: (b"\x89PNG\r\n\x1a\n", (".png",)),
}
# ISO base media file brands of HEIC/HEIF still images (what iPhones and many Android phones
# save by default). The brand sits at bytes 8–12, after the box size and "ftyp".
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif"}
# A PDF ends with %%EOF; readers accept up to 1 KB of trailing bytes, we allow a little more.
_PDF_TAIL = 2048
_JPEG_QUALITY = 88


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed every check, ready to store; `file` may be a converted copy."""

    file: UploadedFile
    content_type: str
    converted: bool = False


def _max_bytes() -> int:
    return int(settings.UPLOAD_MAX_MB) * 1024 * 1024


def _display_name(upload: UploadedFile) -> str:
    return PurePath(upload.name or _("tệp")).name[-120:]


def _head(upload: UploadedFile, size: int = 32) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _check_size(upload: UploadedFile) -> None:
    if not upload.size:
        raise InvalidInput(
            _("Tệp “%(name)s” rỗng (0 byte). Vui lòng chọn lại tệp hoặc chụp, quét lại giấy tờ.")
            % {"name": _display_name(upload)}
        )
    if upload.size > _max_bytes():
        raise InvalidInput(
            _(
                "Tệp “%(name)s” vượt quá dung lượng cho phép %(mb)s MB. Vui lòng chụp ảnh với độ "
                "phân giải thấp hơn hoặc quét ở chế độ đen trắng rồi tải lên lại."
            )
            % {"name": _display_name(upload), "mb": settings.UPLOAD_MAX_MB}
        )


def _heic_refusal(upload: UploadedFile) -> InvalidInput:
    return InvalidInput(
        _(
            "Chưa nhận được ảnh HEIC “%(name)s” của điện thoại. Vui lòng chụp lại ở định dạng "
            "JPEG (trên iPhone: chọn 'Tương thích nhất' trong Cài đặt › Camera › Định dạng) "
            "rồi tải lên lại."
        )
        % {"name": _display_name(upload)}
    )


def _looks_like_text(upload: UploadedFile) -> bool:
    """Plain text (a note, a web page) saved under another file name."""
    head = _head(upload, 512)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # not just a character cut at the end of the sample
            return False
        text = head[: exc.start].decode("utf-8")
    return bool(text.strip()) and all(ch.isprintable() or ch in "\t\n\r" for ch in text)


def _not_accepted(upload: UploadedFile) -> InvalidInput:
    if (upload.name or "").lower().endswith(".pdf") and _looks_like_text(upload):
        return InvalidInput(
            _(
                "Tệp “%(name)s” không phải là tệp PDF thật: bên trong là văn bản thường, chỉ "
                "đổi đuôi tên. Chỉ chấp nhận tệp PDF, JPEG hoặc PNG — hãy dùng “Lưu dưới dạng "
                "PDF” hoặc “In ra PDF”, hay chụp ảnh giấy tờ, rồi tải lên lại."
            )
            % {"name": _display_name(upload)}
        )
    return InvalidInput(
        _(
            "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG; tệp “%(name)s” không thuộc các loại này. "
            "Hãy lưu giấy tờ thành PDF hoặc chụp ảnh rồi tải lên lại."
        )
        % {"name": _display_name(upload)}
    )


def _broken(upload: UploadedFile) -> InvalidInput:
    return InvalidInput(
        _(
            "Tệp “%(name)s” bị hỏng hoặc chưa được lưu hết nên không mở được. Vui lòng mở thử "
            "tệp trên máy, lưu hoặc chụp lại rồi tải lên lại."
        )
        % {"name": _display_name(upload)}
    )


def _check_image_opens(upload: UploadedFile) -> None:
    """Refuse an image whose header is right but whose content cannot be decoded (cut off while
    copying, damaged), so an officer never receives a picture nobody can open."""
    from PIL import Image

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput(
            _(
                "Ảnh “%(name)s” có quá nhiều điểm ảnh. Vui lòng chụp với độ phân giải thấp hơn "
                "rồi tải lên lại."
            )
            % {"name": _display_name(upload)}
        ) from None
    except (OSError, ValueError, SyntaxError):
        raise _broken(upload) from None
    finally:
        upload.seek(0)


def _check_pdf_complete(upload: UploadedFile) -> None:
    """A PDF ends with %%EOF: without it the file was cut off (an interrupted download)."""
    upload.seek(max(0, (upload.size or 0) - _PDF_TAIL))
    tail = upload.read(_PDF_TAIL)
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise _broken(upload)


# What a PDF must not carry (issue 15 §2): scripts, actions that start programs or submit
# data, embedded files and rich media. A scanned paper never needs any of them.
_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/Rendition"}
_MAX_PDF_OBJECTS = 200_000


_ACTIVE_BYTES = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE)(?![A-Za-z])"
)
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _active_in_bytes(upload: UploadedFile) -> str | None:
    """For a file the PDF reader cannot walk: the active names written in it, with the
    `#xx` escapes of PDF names undone (`/J#61vaScript` is `/JavaScript`)."""
    upload.seek(0)
    data = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), upload.read())
    upload.seek(0)
    found = _ACTIVE_BYTES.search(data)
    return "/" + found.group(1).decode() if found else None


def _active_content(upload: UploadedFile) -> str | None:
    """The first active element of the PDF ("/JavaScript", "/Launch", …) or None. The object
    graph is walked iteratively from the trailer, every object once, so a hostile file can
    neither recurse nor loop; a file the reader cannot walk is scanned byte by byte."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "/Encrypt"
        pending: list[object] = [reader.trailer]
        seen: set[tuple[int, int]] = set()
        visited = 0
        while pending:
            item = pending.pop()
            if isinstance(item, IndirectObject):
                ref = (item.idnum, item.generation)
                if ref in seen:
                    continue
                seen.add(ref)
                item = item.get_object()
            visited += 1
            if visited > _MAX_PDF_OBJECTS:
                return "/TooManyObjects"
            if isinstance(item, DictionaryObject):
                active = _ACTIVE_KEYS.intersection(item)
                if active:
                    return str(min(active))
                if item.get("/S") in _ACTIVE_ACTIONS:
                    return str(item.get("/S"))
                pending.extend(item.values())
            elif isinstance(item, ArrayObject):
                pending.extend(item)
    except Exception:  # pypdf raises many kinds on a damaged or minimal file
        return _active_in_bytes(upload)
    finally:
        upload.seek(0)
    return None


def _check_pdf_passive(upload: UploadedFile) -> None:
    found = _active_content(upload)
    if found == "/Encrypt":
        raise InvalidInput(
            _(
                "Tệp “%(name)s” được đặt mật khẩu nên không kiểm tra được. Vui lòng lưu lại tệp "
                "không có mật khẩu (hoặc in ra PDF) rồi tải lên lại."
            )
            % {"name": _display_name(upload)}
        )
    if found is not None:
        raise InvalidInput(
            _(
                "Tệp “%(name)s” có chứa mã chạy tự động, tệp đính kèm hoặc nội dung tương tác "
                "(%(what)s), không được nhận vì lý do an toàn. Vui lòng dùng “In ra PDF” để có "
                "bản PDF thường rồi tải lên lại."
            )
            % {"name": _display_name(upload), "what": found.lstrip("/")}
        )


# Characters that change how a name is displayed without being seen: bidirectional overrides
# and isolates (a "gpj.exe" shown as "exe.jpg"), zero-width marks, and control characters.
_INVISIBLE = dict.fromkeys(
    [*range(0x00, 0x20), 0x7F, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)],
)  # fmt: skip


def clean_file_name(name: str, fallback: str = "tep") -> str:
    """A file name safe to store and show: NFC (Vietnamese typed on any system compares
    equal), without path parts, invisible or direction-changing characters, at most 120
    characters keeping the extension."""
    import unicodedata

    name = unicodedata.normalize("NFC", name or "").translate(_INVISIBLE)
    name = PurePath(name.replace("\\", "/")).name.strip(" .") or fallback
    if len(name) > 120:
        path = PurePath(name)
        suffix = path.suffix[:10]
        name = path.stem[: 120 - len(suffix)] + suffix
    return name


def sniff_content_type(upload: UploadedFile) -> str:
    """The accepted type the file really is (PDF, JPEG, PNG), or InvalidInput saying why not.

    HEIC photos are refused here with the way to fix it; `check_upload` converts them."""
    _check_size(upload)
    head = _head(upload)
    name = (upload.name or "").lower()
    for content_type, (magic, extensions) in _SIGNATURES.items():
        if head.startswith(magic):
            if not name.endswith(extensions):
                raise InvalidInput(
                    _(
                        "Tên tệp không khớp với nội dung tệp “%(name)s” (chỉ nhận PDF, JPEG, "
                        "PNG). Vui lòng giữ nguyên đuôi tệp (.pdf, .jpg, .png) như khi lưu."
                    )
                    % {"name": _display_name(upload)}
                )
            if content_type == PDF:
                _check_pdf_passive(upload)
            else:
                _check_image_opens(upload)
            return content_type
    if _is_heif(head):
        raise _heic_refusal(upload)
    raise _not_accepted(upload)


def heic_to_jpeg(upload: UploadedFile) -> UploadedFile:
    """A JPEG copy of a HEIC/HEIF photo, turned upright as the phone showed it; InvalidInput
    with the way to fix it when the photo cannot be decoded."""
    from PIL import Image, ImageOps
    from pillow_heif import register_heif_opener

    register_heif_opener()
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                upright = ImageOps.exif_transpose(image)
                out = io.BytesIO()
                upright.convert("RGB").save(out, format="JPEG", quality=_JPEG_QUALITY)
    except (OSError, ValueError, SyntaxError, RuntimeError, Image.DecompressionBombError):
        raise _heic_refusal(upload) from None
    except Image.DecompressionBombWarning:
        raise _heic_refusal(upload) from None
    finally:
        upload.seek(0)
    stem = PurePath(upload.name or "anh").stem or "anh"
    return SimpleUploadedFile(f"{stem}.jpg", out.getvalue(), content_type=JPEG)


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Check a citizen's upload; a HEIC/HEIF phone photo comes back as a JPEG copy.

    Stricter than `sniff_content_type` in one respect: a PDF must be complete (end with
    %%EOF), so a half-downloaded file is refused while the citizen still has it at hand."""
    _check_size(upload)
    if _is_heif(_head(upload)):
        converted = heic_to_jpeg(upload)
        _check_size(converted)
        return CheckedUpload(converted, sniff_content_type(converted), converted=True)
    content_type = sniff_content_type(upload)
    if content_type == PDF:
        _check_pdf_complete(upload)
    return CheckedUpload(upload, content_type)
