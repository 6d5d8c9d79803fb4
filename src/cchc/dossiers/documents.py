"""Uploaded documents: checked by size, name and content before they are stored."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .errors import InvalidInput

# Magic numbers of the accepted types; a name alone proves nothing.
_SIGNATURES: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}


def sniff_content_type(upload: UploadedFile) -> str:
    """The accepted type the file really is, or InvalidInput."""
    max_bytes = settings.UPLOAD_MAX_MB * 1024 * 1024
    if upload.size is None or upload.size == 0:
        raise InvalidInput(_("Tệp tải lên rỗng."))
    if upload.size > max_bytes:
        raise InvalidInput(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép %(mb)s MB.")
            % {"name": upload.name, "mb": settings.UPLOAD_MAX_MB}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    name = (upload.name or "").lower()
    for content_type, (magic, extensions) in _SIGNATURES.items():
        if head.startswith(magic):
            if not name.endswith(extensions):
                raise InvalidInput(
                    _("Tên tệp không khớp với nội dung tệp (chỉ nhận PDF, JPEG, PNG).")
                )
            return content_type
    raise InvalidInput(_("Chỉ chấp nhận tệp PDF, JPEG hoặc PNG."))


# Adding a file is an action of the workflow (it goes through the door and leaves an event):
# `workflow/add_document.py` and `workflow/attach_result.py`.
from .workflow.add_document import add_document  # noqa: E402
from .workflow.attach_result import attach_result  # noqa: E402

__all__ = ["add_document", "attach_result", "sniff_content_type"]
