"""The portal's own writes: drafts of online applications, and turning a draft into a dossier
through the dossier engine (`cchc.dossiers.services.submit_online`)."""

from __future__ import annotations

from typing import Any

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.catalogue.models import Procedure, RequiredDocument
from cchc.dossiers import documents
from cchc.dossiers.constants import DocumentKind
from cchc.dossiers.errors import InvalidInput
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData, submit_online

from .models import Draft, DraftFile

MAX_FILES_PER_DRAFT = 30


def draft_for(user: Any, procedure: Procedure) -> Draft:
    draft, _created = Draft.objects.get_or_create(
        user=user,
        procedure=procedure,
        defaults={
            "data": {
                "name": user.display_name,
                "national_id": user.national_id,
                "phone": user.phone,
                "email": user.email,
                "kind": user.applicant_kind,
            }
        },
    )
    return draft


def save_applicant(draft: Draft, data: dict[str, Any]) -> None:
    draft.data = {**draft.data, **data, "applicant_done": True}
    draft.save(update_fields=["data", "updated_at"])


def add_file(draft: Draft, upload: UploadedFile, required_document_id: int | None) -> DraftFile:
    """Check the file (size, magic bytes, name) before keeping it in the draft."""
    content_type = documents.sniff_content_type(upload)
    required = None
    if required_document_id is not None:
        required = RequiredDocument.objects.filter(
            pk=required_document_id, procedure_id=draft.procedure_id
        ).first()
        if required is None:
            raise InvalidInput(_("Thành phần hồ sơ không thuộc thủ tục này."))
    if draft.files.count() >= MAX_FILES_PER_DRAFT:
        raise InvalidInput(
            _("Mỗi hồ sơ được tải lên tối đa %(n)s tệp.") % {"n": MAX_FILES_PER_DRAFT}
        )
    item = DraftFile(
        draft=draft,
        required_document=required,
        name=(upload.name or "tep")[-200:],
        content_type=content_type,
        size=upload.size or 0,
    )
    item.file.save(item.name, upload, save=False)
    item.save()
    draft.save(update_fields=["updated_at"])
    return item


def remove_file(draft: Draft, file_id: int) -> None:
    item = draft.files.filter(pk=file_id).first()
    if item is not None:
        item.file.delete(save=False)
        item.delete()


def missing_documents(draft: Draft) -> list[RequiredDocument]:
    """Required documents of the procedure without any uploaded file."""
    have = set(
        draft.files.exclude(required_document=None).values_list("required_document_id", flat=True)
    )
    return [doc for doc in draft.procedure.documents.all() if doc.required and doc.pk not in have]


def submit(draft: Draft) -> Dossier:
    """Create the dossier and move the draft's files into it, all or nothing."""
    if not draft.data.get("applicant_done"):
        raise InvalidInput(_("Vui lòng hoàn thành thông tin người nộp hồ sơ."))
    missing = missing_documents(draft)
    if missing:
        raise InvalidInput(
            _("Còn thiếu giấy tờ bắt buộc: %(names)s.")
            % {"names": "; ".join(d.name for d in missing)}
        )
    data = draft.data
    applicant = ApplicantData(
        name=data.get("name", ""),
        national_id=data.get("national_id", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        address=data.get("address", ""),
        kind=int(data.get("kind") or 1),
        summary=data.get("summary", ""),
    )
    user = draft.user
    with transaction.atomic():
        dossier = submit_online(
            user, draft.procedure, applicant, commune_unit_id=data.get("commune_unit_id")
        )
        for item in draft.files.select_related("required_document").order_by("id"):
            with item.file.open("rb") as handle:
                documents.add_document(
                    dossier,
                    user,
                    File(handle, name=item.name),  # type: ignore[arg-type]
                    kind=DocumentKind.SUBMITTED,
                    required_document_id=item.required_document_id,
                )
        stored = [item.file.name or "" for item in draft.files.all()]
        draft.delete()
        transaction.on_commit(lambda: _delete_stored(stored))
    return dossier


def _delete_stored(names: list[str]) -> None:
    storage = DraftFile.file.field.storage
    for name in names:
        storage.delete(name)
