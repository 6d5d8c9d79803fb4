"""Uploaded documents: checked by size, name and content before they are stored (the checks
live in `uploads`)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from . import uploads

# Adding a file is an action of the workflow (it goes through the door and leaves an event):
# `workflow/add_document.py` and `workflow/attach_result.py`.
from .workflow.add_document import add_document
from .workflow.attach_result import attach_result


def sniff_content_type(upload: UploadedFile) -> str:
    """The accepted type the file really is, or InvalidInput (the checks live in `uploads`)."""
    return uploads.sniff_content_type(upload)


__all__ = ["add_document", "attach_result", "sniff_content_type"]
