"""Thêm tài liệu — a component or supplement file joins the dossier: checked by size, name
and content, stored with its SHA-256, and recorded as an event (decision 0008: every write
goes through the door). A stored component marks the dossier digitised (HoSoCoThanhPhanSoHoa,
DOMAIN.md §4)."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from cchc.catalogue.models import RequiredDocument

from ..constants import Action, DocumentKind, Status
from ..errors import InvalidInput, InvalidTransition
from ..models import Dossier, DossierDocument
from .door import DossierRef, perform
from .rules import R, any_of, applicant, at_intake
from .spec import ActionSpec, Context

# Where each kind of file may be added: components before processing starts, supplement
# files while the supplement is awaited.
_KIND_STATUSES = {
    DocumentKind.SUBMITTED: (Status.NEW, Status.RECEIVED),
    DocumentKind.SUPPLEMENT: (Status.SUPPLEMENT,),
}


def sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def store(
    dossier: Dossier,
    user: Any,
    upload: UploadedFile,
    kind: str,
    required: RequiredDocument | None,
    result_code: str = "",
) -> DossierDocument:
    """Write the checked file and its row; called by the specs' `apply`, inside the door."""
    from ..documents import sniff_content_type
    from ..uploads import clean_file_name

    content_type = sniff_content_type(upload)
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        required_document=required,
        name=clean_file_name(upload.name or ""),
        content_type=content_type,
        size=upload.size or 0,
        sha256=sha256(upload),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        digitised=True,
        result_code=result_code,
    )
    document.file.save(document.name, upload, save=False)
    document.save()
    return document


def _apply(ctx: Context) -> dict[str, Any]:
    kind = ctx.data.get("kind") or DocumentKind.SUBMITTED
    if kind not in _KIND_STATUSES:
        raise InvalidInput(_("Dùng thao tác cập nhật kết quả để tải kết quả giải quyết."))
    d = ctx.dossier
    if d.status not in _KIND_STATUSES[kind]:
        raise InvalidTransition(
            _("Bạn không thể tải tài liệu lên hồ sơ này ở trạng thái hiện tại.")
        )
    required = None
    required_id = ctx.data.get("required_document_id")
    if required_id is not None:
        required = RequiredDocument.objects.filter(
            pk=required_id, procedure_id=d.procedure_id
        ).first()
        if required is None:
            raise InvalidInput(_("Thành phần hồ sơ không thuộc thủ tục này."))
    document = store(d, ctx.user, ctx.data["upload"], kind, required)
    ctx.data["document"] = document
    d.has_digitised_component = True
    return {"note": document.name}


SPEC = ActionSpec(
    action=Action.ADD_DOCUMENT,
    sources=frozenset({Status.NEW, Status.RECEIVED, Status.SUPPLEMENT}),
    target=None,
    may=any_of(applicant, at_intake(R.RECEIVING)),
    apply=_apply,
    timeline=lambda e, d: _("Đã thêm tài liệu “%(name)s”.") % {"name": e.note},
    order=80,
)


def add_document(
    dossier: Dossier | int | DossierRef,
    user: Any,
    upload: UploadedFile,
    *,
    kind: str = DocumentKind.SUBMITTED,
    required_document_id: int | None = None,
    at: datetime.datetime | None = None,
) -> DossierDocument:
    data: dict[str, Any] = {
        "kind": kind,
        "required_document_id": required_document_id,
        "upload": upload,
    }
    perform(SPEC, dossier, user, at=at, data=data)
    document: DossierDocument = data["document"]
    return document
