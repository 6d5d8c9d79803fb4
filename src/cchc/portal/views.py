"""Pages of the citizens' portal. They read through selectors and act only through services
(`cchc.dossiers.services`, `cchc.portal.services`); no page writes a dossier directly."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.catalogue.constants import ProcedureLevel
from cchc.catalogue.models import Field
from cchc.catalogue.selectors import public_procedures, search
from cchc.dossiers import documents as dossier_documents
from cchc.dossiers import services as engine
from cchc.dossiers.constants import Action, DocumentKind, Status
from cchc.dossiers.errors import DossierError
from cchc.dossiers.forms.pdf import available_forms, lookup_url, render_form
from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import visible_dossiers
from cchc.dossiers.services import rate
from cchc.dossiers.uploads import check_upload
from cchc.org.permissions import is_staff_member

from .forms import RatingForm, UploadForm, WithdrawForm
from .life_events import BY_SLUG, LIFE_EVENTS, filter_by_event
from .models import Draft
from .timeline import citizen_timeline, next_step_for_applicant

# --- finding a procedure ------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    fields = (
        Field.objects.annotate(
            n=Count("procedure", filter=Q(procedure__is_active=True, procedure__is_internal=False))
        )
        .filter(n__gt=0)
        .order_by("name")
    )
    return render(request, "portal/home.html", {"fields": fields, "life_events": LIFE_EVENTS})


def procedures(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:200]
    qs = search(public_procedures(), query)
    field_code = request.GET.get("linh-vuc") or ""
    field = Field.objects.filter(code=field_code).first() if field_code else None
    if field is not None:
        qs = qs.filter(field=field)
    level = request.GET.get("cap") or ""
    if level in ProcedureLevel.values:
        qs = qs.filter(level=level)
    online_only = request.GET.get("truc-tuyen") == "1"
    if online_only:
        qs = qs.filter(service_mode__in=("full_online", "partial_online"))
    event = BY_SLUG.get(request.GET.get("su-kien") or "")
    items: Any = qs.order_by("name")
    if event is not None:
        items = filter_by_event(items, event)
    page = Paginator(items, 20).get_page(request.GET.get("trang"))
    context = {
        "query": query,
        "field": field,
        "event": event,
        "level": level,
        "online_only": online_only,
        "page": page,
        "fields": Field.objects.order_by("name"),
        "levels": ProcedureLevel.choices,
        "life_events": LIFE_EVENTS,
    }
    template = "portal/_procedure_results.html" if request.htmx else "portal/procedures.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def procedure(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(
        public_procedures().prefetch_related("fees", "documents", "agencies"), code=code
    )
    return render(request, "portal/procedure.html", {"procedure": item})


def _my_dossier(request: HttpRequest, code: str) -> Dossier:
    """The applicant's own dossier; anybody else's is "not found" (no hint that it exists)."""
    dossier = (
        Dossier.objects.filter(applicant_id=request.user.pk, code=code)
        .select_related("procedure", "intake_agency", "processing_agency", "current_agency")
        .first()
    )
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier


@login_required
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _my_dossier(request, code)
    import segno

    qr = segno.make(lookup_url(dossier), error="m").svg_inline(
        scale=4, title=_("Mã QR tra cứu hồ sơ")
    )
    return render(
        request,
        "portal/submitted.html",
        {"dossier": dossier, "qr": qr, "lookup": lookup_url(dossier)},
    )


# --- my dossiers --------------------------------------------------------------------------------


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    """The applicant's dossiers as cards (readable on a 360 px phone), filterable by status."""
    if is_staff_member(request.user):
        return redirect("office:home")
    mine = visible_dossiers(request.user)
    counts = dict(
        mine.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    statuses = [(s, Status(s).label, counts[s]) for s in Status.values if s in counts]
    chosen: int | None = None
    with contextlib.suppress(ValueError):
        chosen = int(request.GET.get("trang-thai") or "")
    qs = mine.select_related("procedure").order_by("-submitted_at", "-id")
    if chosen in Status.values:
        qs = qs.filter(status=chosen)
    else:
        chosen = None
    drafts = (
        Draft.objects.filter(user_id=request.user.pk or 0)
        .select_related("procedure")
        .order_by("-updated_at")
    )
    page = Paginator(qs, 20).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "drafts": drafts,
        "statuses": statuses,
        "chosen": chosen,
        "needs_applicant": (Status.SUPPLEMENT, Status.PAYMENT),
    }
    return render(request, "portal/my_dossiers.html", context)


@login_required
def my_dossier(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _my_dossier(request, code)
    allowed = engine.allowed_actions(dossier, request.user)
    docs = list(dossier.documents.order_by("id"))
    context = {
        "dossier": dossier,
        "timeline": citizen_timeline(dossier),
        "expected": next_step_for_applicant(dossier),
        "can_withdraw": Action.WITHDRAW in allowed,
        "can_supplement": Action.COMPLETE_SUPPLEMENT in allowed,
        "submitted_docs": [d for d in docs if d.kind != DocumentKind.RESULT],
        "supplement_docs": [d for d in docs if d.kind == DocumentKind.SUPPLEMENT],
        "results": [d for d in docs if d.kind == DocumentKind.RESULT]
        if dossier.status in (Status.FINISHED, Status.RETURNED)
        else [],
        "forms": [n for n in available_forms(dossier) if n in ("01", "02", "03", "04", "05")],
        "upload_form": UploadForm(),
        "withdraw_form": WithdrawForm(),
        "rating": getattr(dossier, "rating", None),
        "rating_form": RatingForm() if dossier.status == Status.RETURNED else None,
        "supplement_reason": dossier.supplements.order_by("-requested_at")
        .values_list("reason", flat=True)
        .first(),
        "fees": list(dossier.procedure.fees.all()) if dossier.status == Status.PAYMENT else [],
    }
    return render(request, "portal/my_dossier.html", context)


@login_required
@require_POST
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    """Upload the requested documents, then say "done" — once (DOMAIN.md §2)."""
    dossier = _my_dossier(request, code)
    try:
        if "done" in request.POST:
            if not dossier.documents.filter(kind=DocumentKind.SUPPLEMENT).exists():
                raise DossierError(_("Vui lòng tải lên ít nhất một giấy tờ bổ sung trước khi gửi."))
            engine.complete_supplement(
                dossier, request.user, note=(request.POST.get("note") or "")[:1000]
            )
            messages.success(request, _("Đã gửi bổ sung. Cơ quan tiếp tục giải quyết hồ sơ."))
        else:
            form = UploadForm(request.POST, request.FILES)
            if not form.is_valid():
                raise DossierError(_("Vui lòng chọn một tệp để tải lên."))
            checked = check_upload(form.cleaned_data["file"])  # a HEIC photo becomes a JPEG
            dossier_documents.add_document(
                dossier, request.user, checked.file, kind=DocumentKind.SUPPLEMENT
            )
            messages.success(request, _("Đã tải lên giấy tờ bổ sung."))
    except DossierError as exc:
        messages.error(request, exc.message)
    return redirect("portal:my-dossier", code=code)


@login_required
@require_POST
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _my_dossier(request, code)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng nêu lý do rút hồ sơ."))
        return redirect("portal:my-dossier", code=code)
    try:
        engine.withdraw(dossier, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Đã rút hồ sơ."))
    except DossierError as exc:
        messages.error(request, exc.message)
    return redirect("portal:my-dossier", code=code)


@login_required
@require_POST
def rate_dossier(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _my_dossier(request, code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng chọn một mức đánh giá."))
        return redirect("portal:my-dossier", code=code)
    try:
        rate(dossier, request.user, form.cleaned_data["level"], form.cleaned_data["comment"])
        messages.success(request, _("Cảm ơn ông/bà đã đánh giá."))
    except DossierError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("portal:my-dossier", kwargs={"code": code}) + "#danh-gia")


@login_required
def document(request: HttpRequest, code: str, doc_id: int) -> FileResponse:
    dossier = _my_dossier(request, code)
    doc = dossier.documents.filter(pk=doc_id).first()
    if doc is None or not doc.file:
        raise Http404
    if doc.kind == DocumentKind.RESULT and dossier.status not in (Status.FINISHED, Status.RETURNED):
        raise Http404
    return FileResponse(doc.file.open("rb"), content_type=doc.content_type, filename=doc.name)


@login_required
def form_pdf(request: HttpRequest, code: str, number: str) -> HttpResponse:
    dossier = _my_dossier(request, code)
    if number not in available_forms(dossier) or number == "06":
        raise Http404
    response = HttpResponse(render_form(dossier, number), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="mau-{number}-{dossier.code}.pdf"'
    return response
