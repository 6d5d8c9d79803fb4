"""Uploaded documents: checked by size, name and content; stored with their SHA-256."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.catalogue.models import RequiredDocument
from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role_in

from . import uploads
from .constants import Action, DocumentKind, Status
from .errors import InvalidInput, NotPermitted
from .models import Dossier, DossierDocument
from .services import transition


def sniff_content_type(upload: UploadedFile) -> str:
    """The accepted type the file really is, or InvalidInput (the checks live in `uploads`)."""
    return uploads.sniff_content_type(upload)


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _may_upload(dossier: Dossier, user: Any, kind: str) -> bool:
    owner = dossier.applicant_id is not None and dossier.applicant_id == getattr(user, "pk", None)
    if kind == DocumentKind.RESULT:
        return has_role_in(
            user, dossier.current_agency_id, StaffRole.PROCESSING, StaffRole.APPROVER
        )
    if kind == DocumentKind.SUPPLEMENT:
        return dossier.status == Status.SUPPLEMENT and (
            owner or has_role_in(user, dossier.intake_agency_id, StaffRole.RECEIVING)
        )
    return dossier.status in (Status.NEW, Status.RECEIVED) and (
        owner or has_role_in(user, dossier.intake_agency_id, StaffRole.RECEIVING)
    )


def add_document(
    dossier: Dossier,
    user: Any,
    upload: UploadedFile,
    *,
    kind: str = DocumentKind.SUBMITTED,
    required_document_id: int | None = None,
) -> DossierDocument:
    if kind == DocumentKind.RESULT:
        raise InvalidInput(_("Dùng thao tác cập nhật kết quả để tải kết quả giải quyết."))
    if not _may_upload(dossier, user, kind):
        raise NotPermitted(_("Bạn không thể tải tài liệu lên hồ sơ này ở trạng thái hiện tại."))
    required = None
    if required_document_id is not None:
        required = RequiredDocument.objects.filter(
            pk=required_document_id, procedure_id=dossier.procedure_id
        ).first()
        if required is None:
            raise InvalidInput(_("Thành phần hồ sơ không thuộc thủ tục này."))
    return _store(dossier, user, upload, kind, required)


def _store(
    dossier: Dossier,
    user: Any,
    upload: UploadedFile,
    kind: str,
    required: RequiredDocument | None,
    result_code: str = "",
) -> DossierDocument:
    content_type = sniff_content_type(upload)
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        required_document=required,
        name=(upload.name or "")[-200:],
        content_type=content_type,
        size=upload.size or 0,
        sha256=_sha256(upload),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        digitised=True,
        result_code=result_code,
    )
    document.file.save(document.name, upload, save=False)
    with transaction.atomic():
        document.save()
        if kind != DocumentKind.RESULT and not dossier.has_digitised_component:
            Dossier.objects.filter(pk=dossier.pk).update(has_digitised_component=True)
    return document


def attach_result(
    dossier: Dossier,
    user: Any,
    upload: UploadedFile,
    *,
    result_code: str = "",
    at: datetime.datetime | None = None,
) -> DossierDocument:
    """The electronic result (MaKetQua + file) of the dossier; one event records it."""
    stored: dict[str, DossierDocument] = {}

    def apply(d: Dossier, at, cal):
        d.result_code = result_code or d.code
        stored["doc"] = _store(d, user, upload, DocumentKind.RESULT, None, d.result_code)
        return {}

    transition(dossier, Action.ATTACH_RESULT, user, at=at, note=upload.name or "", apply=apply)
    return stored["doc"]
