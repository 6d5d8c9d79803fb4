"""The dossier page: applicant data (masked unless the user may see it), documents, the
timeline, printable forms, and exactly the actions the services allow this user now
(DOMAIN.md §2). Every action is a POST calling one service; a refusal by the service is shown
as a message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from cchc.dossiers import services
from cchc.dossiers.constants import CLOSED_STATUSES, Action, FeeState
from cchc.dossiers.errors import DossierError
from cchc.dossiers.forms import available_forms
from cchc.dossiers.models import Dossier, DossierDocument
from cchc.dossiers.selectors import mask, may_see_personal_data, visible_dossiers
from cchc.dossiers.workflow import SPECS, page_order, run_action
from cchc.dossiers.workflow.steps import current_step, template_steps

from ..access import dossier_for, render_office, staff_required

FORM_LABELS = {
    "01": gettext_lazy("Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)"),
    "02": gettext_lazy("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)"),
    "03": gettext_lazy("Phiếu từ chối tiếp nhận (mẫu 03)"),
    "04": gettext_lazy("Văn bản xin lỗi và hẹn lại ngày trả (mẫu 04)"),
    "05": gettext_lazy("Thông báo dừng giải quyết hồ sơ (mẫu 05)"),
    "06": gettext_lazy("Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 06)"),
}


def _fee_prompt(dossier: Dossier) -> dict[str, Any] | None:
    """At the step where the template says the fee is due, the officer is prompted with the
    catalogue's amount (DOMAIN.md §2: fees are part of the flow)."""
    from cchc.catalogue.selectors import catalogue_fee_total

    step = current_step(dossier)
    if step is None or not step.fee_due or dossier.fee_state != FeeState.NONE:
        return None
    total = catalogue_fee_total(dossier.procedure)
    if total <= 0:
        return None
    return {"amount": total, "step": step.name}


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
    actions: list[dict[str, Any]] = []
    fee_prompt = _fee_prompt(dossier)
    for action in page_order(services.allowed_actions(dossier, user)):
        spec = SPECS[action]
        if spec.form is None:
            continue
        form = bound.get(action) or spec.form(prefix=action)
        if action == Action.REQUEST_PAYMENT and fee_prompt and not form.is_bound:
            form.initial["amount"] = fee_prompt["amount"]
        actions.append(
            {
                "action": action,
                "label": spec.label,
                "form": form,
                "tone": spec.tone,
                "hint": spec.hint,
                # The first action offered is the one the step is there for: shown open.
                "open": action in bound or (not bound and not actions),
                "printed_form": spec.printed_form,
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
        "fee_prompt": fee_prompt,
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
    spec = SPECS.get(action)
    if spec is None or spec.form is None:
        raise Http404
    scope = visible_dossiers(request.user)
    dossier = get_object_or_404(scope, code=code)
    form = spec.form(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        return _page(request, dossier, {action: form}, status=400)
    try:
        run_action(spec, services.DossierRef(code, request.user), request.user, form.cleaned_data)
    except DossierError as exc:
        messages.error(request, exc.message)
        fresh = get_object_or_404(
            scope.select_related("procedure", "processing_agency", "intake_agency"), code=code
        )
        return _page(request, fresh, {action: form}, status=exc.http_status)
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": spec.label})
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
