"""Pages of online application: three steps over a server-side draft (who applies, documents,
review and submit). Every file is checked as it arrives and answered beside its own input; what
is typed on step 1 is saved as it is typed."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.catalogue.models import Procedure
from cchc.catalogue.selectors import public_procedures
from cchc.dossiers.errors import DossierError, InvalidInput
from cchc.org.permissions import is_staff_member

from . import services
from .forms import ACCEPT, ApplicantForm, UploadForm


def _applicant_only(request: HttpRequest) -> HttpResponse | None:
    if is_staff_member(request.user):
        messages.info(request, _("Cán bộ nhận hồ sơ trực tiếp tại trang Một cửa."))
        return redirect("office:home")
    return None


def _online_procedure(code: str) -> Procedure:
    item = get_object_or_404(public_procedures(), code=code)
    if not item.is_online:
        raise Http404(_("Thủ tục này chưa cung cấp nộp hồ sơ trực tuyến."))
    return item


@login_required
def apply_applicant(request: HttpRequest, code: str) -> HttpResponse:
    """Step 1 of 3: who applies (prefilled from the account, then from what was typed)."""
    if (staff := _applicant_only(request)) is not None:
        return staff
    item = _online_procedure(code)
    draft = services.draft_for(request.user, item)
    commune_level = bool(item.competent_agency_kind)
    form = ApplicantForm(
        request.POST or None,
        initial=services.applicant_initial(draft),
        commune_level=commune_level,
    )
    if request.method == "POST" and form.is_valid():
        services.save_applicant(draft, form.cleaned_data)
        return redirect("portal:apply-documents", code=code)
    return render(
        request,
        "portal/apply_applicant.html",
        {"procedure": item, "form": form, "draft": draft, "step": 1},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def apply_autosave(request: HttpRequest, code: str) -> HttpResponse:
    """Step 1 saved as it is typed (htmx, on every change): checked values are kept as step 1
    done; anything else is kept as typed, shown again, and never submitted."""
    if (staff := _applicant_only(request)) is not None:
        return staff
    item = _online_procedure(code)
    draft = services.draft_for(request.user, item)
    form = ApplicantForm(request.POST, commune_level=bool(item.competent_agency_kind))
    if form.is_valid():
        services.save_applicant(draft, form.cleaned_data)
    else:
        typed = {
            name: str(request.POST.get(name, ""))[: getattr(field, "max_length", None) or 1000]
            for name, field in form.fields.items()
            if name in request.POST
        }
        services.save_typed(draft, typed)
    draft.refresh_from_db(fields=["updated_at"])
    return render(request, "portal/_autosaved.html", {"draft": draft})


@login_required
def apply_documents(request: HttpRequest, code: str) -> HttpResponse:
    """Step 2 of 3: one upload per required document, each checked as it arrives; with htmx
    only the document's own row is answered, its message beside its file input."""
    if (staff := _applicant_only(request)) is not None:
        return staff
    item = _online_procedure(code)
    draft = services.draft_for(request.user, item)
    if not draft.data.get("applicant_done"):
        return redirect("portal:apply", code=code)
    error = notice = ""
    row_id: int | None = None
    if request.method == "POST":
        with contextlib.suppress(ValueError, TypeError):
            row_id = int(request.POST.get("required_document") or "")
        try:
            if "remove" in request.POST:
                with contextlib.suppress(ValueError):
                    services.remove_file(draft, int(request.POST["remove"]))
            elif "condition" in request.POST:
                row_id = _int_or_invalid(request.POST["condition"])
                services.set_condition(draft, row_id, request.POST.get("applies") == "1")
            else:
                form = UploadForm(request.POST, request.FILES)
                if not form.is_valid():
                    raise InvalidInput(
                        " ".join(str(e) for e in form.errors.get("file", []))
                        or _("Vui lòng chọn một tệp để tải lên.")
                    )
                upload = form.cleaned_data["file"]
                kept = services.add_file(draft, upload, form.cleaned_data["required_document"])
                if kept.name != (upload.name or "")[-200:]:
                    notice = _("Ảnh “%(old)s” đã được chuyển sang JPEG: %(new)s.") % {
                        "old": upload.name,
                        "new": kept.name,
                    }
        except DossierError as exc:
            error = exc.message
        if not error and not request.htmx:  # type: ignore[attr-defined]
            return redirect("portal:apply-documents", code=code)
    context = _documents_context(draft)
    context.update({"procedure": item, "draft": draft, "step": 2})
    status = 400 if error else 200
    row = next((r for r in context["rows"] if r["doc"].pk == row_id), None)
    if row is not None:
        row["error"], row["notice"] = error, notice
        error = ""
    context["error"] = error
    if request.htmx and row is not None:  # type: ignore[attr-defined]
        context["row"] = row
        return render(request, "portal/_document_row_swap.html", context, status=status)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "portal/_documents.html", context, status=status)
    return render(request, "portal/apply_documents.html", context, status=status)


def _int_or_invalid(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(_("Thành phần hồ sơ không thuộc thủ tục này.")) from None


def _documents_context(draft: Any) -> dict[str, Any]:
    files = list(draft.files.order_by("id"))
    rows = []
    for number, doc in enumerate(draft.procedure.documents.all(), start=1):
        rows.append(
            {
                "number": number,
                "doc": doc,
                "files": [f for f in files if f.required_document_id == doc.pk],
                "required": services.is_required(draft, doc),
                "applies": services.condition_applies(draft, doc),
                "error": "",
                "notice": "",
            }
        )
    others = [f for f in files if f.required_document_id is None]
    return {
        "rows": rows,
        "others": others,
        "missing": services.missing_documents(draft),
        "upload_form": UploadForm(),
        "max_mb": settings.UPLOAD_MAX_MB,
        "accept": ACCEPT,
    }


@login_required
def apply_review(request: HttpRequest, code: str) -> HttpResponse:
    """Step 3 of 3: check everything, then submit."""
    if (staff := _applicant_only(request)) is not None:
        return staff
    item = _online_procedure(code)
    draft = services.draft_for(request.user, item)
    if not draft.data.get("applicant_done"):
        return redirect("portal:apply", code=code)
    error = ""
    if request.method == "POST":
        try:
            dossier = services.submit(draft)
        except DossierError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã nộp hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("portal:submitted", code=dossier.code)
    context = _documents_context(draft)
    context["typing"] = bool(draft.data.get(services.TYPED))
    commune = None
    if draft.data.get("commune_unit_id"):
        from cchc.org.models import AdministrativeUnit

        commune = AdministrativeUnit.objects.filter(pk=draft.data["commune_unit_id"]).first()
    context.update(
        {
            "procedure": item,
            "draft": draft,
            "data": draft.data,
            "step": 3,
            "error": error,
            "commune": commune,
        }
    )
    return render(request, "portal/apply_review.html", context, status=400 if error else 200)
