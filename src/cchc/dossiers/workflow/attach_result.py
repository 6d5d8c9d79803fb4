"""Cập nhật kết quả — the electronic result (MaKetQua + file, DOMAIN.md §4–§5) joins the
dossier; one event records it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ..constants import Action, DocumentKind, Status
from ..models import Dossier, DossierDocument
from .add_document import store
from .door import DossierRef, perform
from .inputs import ResultForm
from .rules import R, at_current
from .spec import ActionSpec, Context


def _apply(ctx: Context) -> dict[str, Any]:
    d = ctx.dossier
    upload: UploadedFile = ctx.data["file"]
    d.result_code = ctx.data.get("result_code") or d.code
    ctx.data["document"] = store(d, ctx.user, upload, DocumentKind.RESULT, None, d.result_code)
    return {"note": upload.name or ""}


def _run(target: Any, user: Any, data: dict[str, Any]) -> Dossier:
    return perform(SPEC, target, user, data=data, expected_version=data.get("expected_version"))


SPEC = ActionSpec(
    action=Action.ATTACH_RESULT,
    sources=frozenset({Status.PROCESSING, Status.FINISHED}),
    target=None,
    may=at_current(R.PROCESSING, R.APPROVER),
    apply=_apply,
    timeline=lambda e, d: _("Kết quả giải quyết đã được cập nhật."),
    form=ResultForm,
    order=20,
    run=_run,
)


def attach_result(
    dossier: Dossier | int | DossierRef,
    user: Any,
    upload: UploadedFile,
    *,
    result_code: str = "",
    at: datetime.datetime | None = None,
) -> DossierDocument:
    data: dict[str, Any] = {"file": upload, "result_code": result_code}
    perform(SPEC, dossier, user, at=at, data=data)
    document: DossierDocument = data["document"]
    return document
