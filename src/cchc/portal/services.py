"""The portal's own writes: drafts of online applications, and turning a draft into a dossier
through the dossier engine (`cchc.dossiers.services.submit_online`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.catalogue.models import Procedure, RequiredDocument
from cchc.dossiers import documents, uploads
from cchc.dossiers.constants import DocumentKind
from cchc.dossiers.errors import InvalidInput
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData, submit_online

from .models import Draft, DraftFile

MAX_FILES_PER_DRAFT = 30
# What step 1 keeps while the applicant is still typing (unchecked, never submitted as such).
TYPED = "typed"
# The applicant's answer, per conditional document, to "does this condition apply to me?".
CONDITIONS = "conditions"


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
    """Step 1 completed with checked values; what was being typed is superseded."""
    kept = {k: v for k, v in draft.data.items() if k != TYPED}
    draft.data = {**kept, **data, "applicant_done": True}
    draft.save(update_fields=["data", "updated_at"])


def save_typed(draft: Draft, typed: dict[str, str]) -> None:
    """Keep what the applicant typed on step 1 before it is complete or valid, so a closed tab
    or a reload loses nothing. Submission waits until step 1 is completed again."""
    draft.data = {**draft.data, TYPED: typed}
    draft.save(update_fields=["data", "updated_at"])


def applicant_initial(draft: Draft) -> dict[str, Any]:
    """Step 1's form as the applicant left it: checked values, overlaid by what was typed."""
    return {**draft.data, **draft.data.get(TYPED, {})}


def set_condition(draft: Draft, required_document_id: int, applies: bool) -> RequiredDocument:
    """Record whether a conditional document's condition applies to this applicant."""
    doc = draft.procedure.documents.filter(pk=required_document_id).first()
    if doc is None or not doc.is_conditional:
        raise InvalidInput(_("Thành phần hồ sơ không thuộc thủ tục này."))
    answers = {**draft.data.get(CONDITIONS, {}), str(doc.pk): applies}
    draft.data = {**draft.data, CONDITIONS: answers}
    draft.save(update_fields=["data", "updated_at"])
    return doc


def condition_applies(draft: Draft, doc: RequiredDocument) -> bool:
    return bool(draft.data.get(CONDITIONS, {}).get(str(doc.pk)))


def is_required(draft: Draft, doc: RequiredDocument) -> bool:
    """A conditional document is required only when the applicant said its condition applies;
    it never blocks submission otherwise."""
    if doc.is_conditional:
        return condition_applies(draft, doc)
    return doc.required


def add_file(draft: Draft, upload: UploadedFile, required_document_id: int | None) -> DraftFile:
    """Check the file (size, content, readable; HEIC photos become JPEG) before keeping it."""
    checked = uploads.check_upload(upload)
    upload, content_type = checked.file, checked.content_type
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
        name=uploads.clean_file_name(upload.name or ""),
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
    return [
        doc
        for doc in draft.procedure.documents.all()
        if is_required(draft, doc) and doc.pk not in have
    ]


def condition_answers(draft: Draft) -> str:
    """The applicant's answers on conditional documents, as one line officers read in the
    dossier's summary (always in Vietnamese, the language of the register)."""
    with translation.override(settings.LANGUAGE_CODE):
        parts = []
        for doc in draft.procedure.documents.all():
            if not doc.is_conditional:
                continue
            if condition_applies(draft, doc):
                answer = _("thuộc trường hợp “%(condition)s”, phải nộp")
            else:
                answer = _("không thuộc trường hợp “%(condition)s”, không nộp")
            parts.append(f"{doc.name[:200]} — {answer % {'condition': doc.condition.strip()}}")
        if not parts:
            return ""
        return _("Giấy tờ theo trường hợp (người nộp tự xác định): %(answers)s.") % {
            "answers": "; ".join(parts)
        }


def submit(draft: Draft) -> Dossier:
    """Create the dossier and move the draft's files into it, all or nothing."""
    if not draft.data.get("applicant_done"):
        raise InvalidInput(_("Vui lòng hoàn thành thông tin người nộp hồ sơ."))
    if draft.data.get(TYPED):
        raise InvalidInput(
            _(
                "Thông tin người nộp đang sửa dở: vui lòng mở lại bước 1, kiểm tra và bấm "
                "“Tiếp tục” để lưu trước khi nộp."
            )
        )
    missing = missing_documents(draft)
    if missing:
        raise InvalidInput(
            _("Còn thiếu giấy tờ bắt buộc: %(names)s.")
            % {"names": "; ".join(d.name for d in missing)}
        )
    data = draft.data
    summary = data.get("summary", "")
    answers = condition_answers(draft)
    if answers:
        summary = "\n".join(part for part in (summary or draft.procedure.name, answers) if part)
    applicant = ApplicantData(
        name=data.get("name", ""),
        national_id=data.get("national_id", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        address=data.get("address", ""),
        kind=int(data.get("kind") or 1),
        summary=summary,
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
