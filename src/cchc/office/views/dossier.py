"""The dossier page: applicant data (masked unless the user may see it), documents, the
timeline, printable forms, and exactly the actions the services allow this user now
(DOMAIN.md §2). Every action is a POST calling one service; a refusal by the service is shown
as a message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from cchc.dossiers import documents, services
from cchc.dossiers.constants import CLOSED_STATUSES, Action, DocumentKind
from cchc.dossiers.errors import DossierError
from cchc.dossiers.forms import available_forms
from cchc.dossiers.models import Dossier, DossierDocument
from cchc.dossiers.selectors import mask, may_see_personal_data, visible_dossiers
from cchc.dossiers.services.door import template_steps

from ..access import dossier_for, render_office, staff_required
from ..forms import (
    ApologiseForm,
    CompleteSupplementForm,
    NoteForm,
    PaymentRequestForm,
    ReasonForm,
    ResultForm,
    SupplementForm,
)

FORM_LABELS = {
    "01": gettext_lazy("Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)"),
    "02": gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)"),
    "03": gettext_lazy("Phiếu từ chối tiếp nhận (mẫu 03)"),
    "04": gettext_lazy("Văn bản xin lỗi và hẹn lại ngày trả (mẫu 04)"),
    "05": gettext_lazy("Thông báo dừng giải quyết hồ sơ (mẫu 05)"),
    "06": gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 06)"),
}

Handler = Callable[[Any, Any, dict[str, Any]], Any]


def _complete_supplement(ref: services.DossierRef, user: Any, data: dict[str, Any]) -> Any:
    with transaction.atomic():
        if data.get("file"):
            dossier = get_object_or_404(ref.scope, code=ref.code)
            documents.add_document(dossier, user, data["file"], kind=DocumentKind.SUPPLEMENT)
        return services.complete_supplement(ref, user, note=data["note"])


def _attach_result(ref: services.DossierRef, user: Any, data: dict[str, Any]) -> Any:
    dossier = get_object_or_404(ref.scope, code=ref.code)
    return documents.attach_result(
        dossier, user, data["file"], result_code=data.get("result_code", "")
    )


@dataclass(frozen=True)
class ActionSpec:
    form: type[forms.Form]
    handler: Handler
    tone: str = "primary"
    # Confirmation printed under the button: what the action means for the dossier.
    hint: Any = ""


ACTIONS: dict[str, ActionSpec] = {
    Action.RECEIVE: ActionSpec(
        NoteForm,
        lambda r, u, d: services.receive(r, u, note=d["note"]),
        hint=gettext_lazy("Thời hạn giải quyết bắt đầu tính từ lúc tiếp nhận."),
    ),
    Action.REFUSE: ActionSpec(
        ReasonForm, lambda r, u, d: services.refuse(r, u, d["note"]), tone="danger"
    ),
    Action.FORWARD: ActionSpec(NoteForm, lambda r, u, d: services.forward(r, u, note=d["note"])),
    Action.REQUEST_SUPPLEMENT: ActionSpec(
        SupplementForm,
        lambda r, u, d: services.request_supplement(r, u, d["note"]),
        tone="warning",
        hint=gettext_lazy("Chỉ yêu cầu bổ sung một lần; từ lần thứ hai hồ sơ bị tính là quá hạn."),
    ),
    Action.COMPLETE_SUPPLEMENT: ActionSpec(
        CompleteSupplementForm,
        _complete_supplement,
        hint=gettext_lazy("Thời gian chờ bổ sung không tính vào thời hạn giải quyết."),
    ),
    Action.REQUEST_PAYMENT: ActionSpec(
        PaymentRequestForm,
        lambda r, u, d: services.request_payment(r, u, note=d["note"]),
        tone="warning",
    ),
    Action.CONFIRM_PAYMENT: ActionSpec(
        NoteForm, lambda r, u, d: services.confirm_payment(r, u, note=d["note"])
    ),
    Action.APOLOGISE: ActionSpec(
        ApologiseForm,
        lambda r, u, d: services.apologise(r, u, d["new_due"], d["note"]),
        tone="warning",
        hint=gettext_lazy("Gửi văn bản xin lỗi (mẫu 04) trước ngày hẹn trả hiện tại."),
    ),
    Action.APPROVE: ActionSpec(
        NoteForm, lambda r, u, d: services.approve(r, u, note=d["note"]), tone="success"
    ),
    Action.ATTACH_RESULT: ActionSpec(ResultForm, _attach_result),
    Action.RETURN_RESULT: ActionSpec(
        NoteForm, lambda r, u, d: services.return_result(r, u, note=d["note"]), tone="success"
    ),
    Action.WITHDRAW: ActionSpec(
        ReasonForm, lambda r, u, d: services.withdraw(r, u, d["note"]), tone="danger"
    ),
    Action.STOP: ActionSpec(
        ReasonForm, lambda r, u, d: services.stop(r, u, d["note"]), tone="danger"
    ),
}


def _next_step(dossier: Dossier) -> dict[str, Any] | None:
    """Where "forward" sends the dossier: the next step of its template and its agency."""
    steps = template_steps(dossier)
    index = (dossier.step_index if dossier.step_index is not None else -1) + 1
    if index >= len(steps):
        return None
    step = steps[index]
    if step.agency_id:
        agency = step.agency
    elif step.role == "receiving":
        agency = dossier.intake_agency
    else:
        agency = dossier.processing_agency
    return {"name": step.name, "agency": agency}


def _page(
    request: HttpRequest,
    dossier: Dossier,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    personal = may_see_personal_data(dossier, user)
    bound = bound or {}
    actions = []
    for action in services.allowed_actions(dossier, user):
        spec = ACTIONS.get(action)
        if spec is None:
            continue
        actions.append(
            {
                "action": action,
                "label": Action(action).label,
                "form": bound.get(action) or spec.form(prefix=action),
                "tone": spec.tone,
                "hint": spec.hint,
                "open": action in bound,
                "multipart": any(
                    isinstance(f, forms.FileField) for f in spec.form.base_fields.values()
                ),
            }
        )
    context = {
        "dossier": dossier,
        "personal": personal,
        "national_id": dossier.applicant_national_id
        if personal
        else mask(dossier.applicant_national_id),
        "phone": dossier.applicant_phone if personal else mask(dossier.applicant_phone),
        "documents": dossier.documents.select_related("required_document").order_by("id"),
        "events": dossier.events.select_related("from_agency", "to_agency").order_by("seq"),
        "forms": [{"number": n, "label": FORM_LABELS[n]} for n in available_forms(dossier)],
        "actions": actions,
        "next_step": _next_step(dossier),
        "supplements": dossier.supplements.all(),
        "closed_statuses": CLOSED_STATUSES,
    }
    return render_office(request, "office/dossier.html", context, status=status)


@require_GET
@staff_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, dossier_for(request, code, "view"))


@require_POST
@staff_required
def dossier_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Run one action through its service. The dossier is looked up among those the user may
    see (404 otherwise) in the same query that locks it."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    scope = visible_dossiers(request.user)
    dossier = get_object_or_404(scope, code=code)
    form = spec.form(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        return _page(request, dossier, {action: form}, status=400)
    try:
        spec.handler(services.DossierRef(code, scope), request.user, form.cleaned_data)
    except DossierError as exc:
        messages.error(request, exc.message)
        fresh = get_object_or_404(
            scope.select_related("procedure", "processing_agency", "intake_agency"), code=code
        )
        return _page(request, fresh, {action: form}, status=exc.http_status)
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": Action(action).label})
    return redirect("office:dossier", code=code)


@require_GET
@staff_required
def dossier_document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A document of the dossier, shown in the browser (inline); the read is logged."""
    dossier = dossier_for(request, code, f"download:{pk}")
    document: DossierDocument = get_object_or_404(DossierDocument, dossier=dossier, pk=pk)
    if not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type or "application/octet-stream",
        filename=document.name,
        as_attachment=False,
    )


@require_GET
@staff_required
def dossier_form(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """Forms 01–06 of Circular 03/2025 as PDF (DOMAIN.md §2), opened in the browser to print."""
    from cchc.dossiers.forms import render_form

    if number not in FORM_LABELS:
        raise Http404
    dossier = dossier_for(request, code, f"form:{number}")
    try:
        pdf = render_form(dossier, number)
    except DossierError as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.code}-mau-{number}.pdf"'
    return response
