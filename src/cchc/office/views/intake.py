"""Counter intake (tiếp nhận trực tiếp): a paper dossier brought to any service centre is
received when complete (form 01), given guidance on what to add when incomplete (form 02:
nothing is received, no clock starts), or refused (form 03) — DOMAIN.md §1–§2.

The page is one screen in three parts, each usable without JavaScript: find the procedure
(GET), find the applicant by CCCD (GET), then the dossier itself (POST). With htmx the first
two parts refresh only their own region.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.forms import HiddenInput
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts.models import User
from cchc.catalogue.models import Procedure
from cchc.catalogue.selectors import search
from cchc.dossiers import documents, services
from cchc.dossiers.errors import DossierError
from cchc.dossiers.forms import available_forms
from cchc.dossiers.models import CounterGuidance, Dossier
from cchc.dossiers.selectors import visible_dossiers
from cchc.org.constants import StaffRole, UnitLevel
from cchc.org.models import Agency
from cchc.org.permissions import agency_ids_with_role

from ..access import dossier_for, render_office, staff_required
from ..forms import (
    ApplicantLookupForm,
    CounterIntakeForm,
    Decision,
    ProcedureSearchForm,
)

RESULTS = 20


def find_procedures(text: str) -> QuerySet[Procedure]:
    """Active procedures whose code or name contains every word, diacritics ignored (the same
    search as the catalogue API)."""
    return search(
        Procedure.objects.filter(is_active=True).select_related("field").order_by("code"), text
    )


def find_applicant(officer: Any, number: str) -> tuple[User | None, dict[str, Any]]:
    """The registered account with this CCCD/tax code, and initial values for the form: from
    the account, completed by the latest dossier of this person the officer may see."""
    if not number:
        return None, {}
    account = (
        User.objects.filter(Q(national_id=number) | Q(tax_code=number), is_active=True)
        .order_by("id")
        .first()
    )
    initial: dict[str, Any] = {"applicant_national_id": number}
    previous = (
        visible_dossiers(officer)
        .filter(applicant_national_id=number)
        .only("applicant_name", "applicant_phone", "applicant_email", "applicant_address")
        .order_by("-id")
        .first()
    )
    if previous is not None:
        initial.update(
            applicant_name=previous.applicant_name,
            applicant_phone=previous.applicant_phone,
            applicant_email=previous.applicant_email,
            applicant_address=previous.applicant_address,
        )
    if account is not None:
        initial.update(
            applicant_name=account.display_name,
            applicant_kind=account.applicant_kind,
            applicant_phone=account.phone or initial.get("applicant_phone", ""),
            applicant_email=account.email or initial.get("applicant_email", ""),
        )
    return account, initial


def _intake_agencies(user: Any) -> QuerySet[Agency]:
    ids = agency_ids_with_role(user, [StaffRole.RECEIVING])
    if not ids:
        raise PermissionDenied
    return Agency.objects.filter(pk__in=ids, is_active=True).select_related("unit")


def _build_form(
    request: HttpRequest, procedure: Procedure, agencies: QuerySet[Agency], initial: dict
) -> CounterIntakeForm:
    first = agencies.first()
    if first is not None:
        initial.setdefault("intake_agency", first.pk)
        if first.unit.level == UnitLevel.COMMUNE:
            initial.setdefault("commune", first.unit_id)
    form = CounterIntakeForm(
        request.POST or None,
        request.FILES or None,
        procedure=procedure,
        intake_agencies=agencies,
        initial=initial,
    )
    if len(agencies) == 1:
        form.fields["intake_agency"].widget = HiddenInput()
    return form


def _components_note(form: CounterIntakeForm) -> str:
    names = [doc.name for doc in form.checked_documents()]
    if not names:
        return ""
    return _("Thành phần hồ sơ đã nhận: %(names)s.") % {"names": "; ".join(names)}


def _submit(
    request: HttpRequest, form: CounterIntakeForm, decision: str
) -> Dossier | CounterGuidance:
    """Call the services for the officer's decision; all or nothing."""
    data = form.cleaned_data
    applicant = services.ApplicantData(
        name=data["applicant_name"],
        national_id=data["applicant_national_id"],
        phone=data["applicant_phone"],
        email=data["applicant_email"],
        address=data["applicant_address"],
        kind=data["applicant_kind"],
        summary=data["summary"],
    )
    account, _initial = find_applicant(request.user, data["applicant_national_id"])
    commune = data.get("commune")
    common: dict[str, Any] = {
        "commune_unit_id": commune.pk if commune is not None else None,
        "applicant_user": account,
    }
    agency = data["intake_agency"]
    if decision == Decision.SUPPLEMENT:
        return services.give_counter_guidance(
            request.user,
            agency,
            form.procedure,
            applicant,
            data["reason"],
            missing=form.missing_documents(),
        )
    if decision == Decision.REFUSE:
        return services.refuse_at_counter(
            request.user, agency, form.procedure, applicant, data["reason"], **common
        )
    with transaction.atomic():
        dossier = services.intake_at_counter(
            request.user,
            agency,
            form.procedure,
            applicant,
            note=_components_note(form),
            documents_present=[doc.pk for doc in form.checked_documents()],
            conditions_apply=form.conditions_apply(),
            **common,
        )
        for required, upload in form.scans():
            documents.add_document(dossier, request.user, upload, required_document_id=required.pk)
    return dossier


@require_http_methods(["GET", "POST"])
@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    agencies = _intake_agencies(request.user)
    code = (request.POST.get("thu_tuc") or request.GET.get("thu_tuc") or "").strip()[:40]
    procedure = (
        Procedure.objects.filter(code=code, is_active=True).prefetch_related("documents").first()
        if code
        else None
    )
    search_form = ProcedureSearchForm(request.GET if "q" in request.GET else None)
    results: list[Procedure] | None = None
    if search_form.is_bound and search_form.is_valid() and search_form.cleaned_data["q"]:
        results = list(find_procedures(search_form.cleaned_data["q"])[:RESULTS])
    context: dict[str, Any] = {
        "search_form": search_form,
        "results": results,
        "procedure": procedure,
        "unknown_procedure": bool(code) and procedure is None,
    }
    if procedure is None:
        return render_office(request, "office/intake.html", context)

    lookup_form = ApplicantLookupForm(request.GET if "cccd" in request.GET else None)
    account = None
    initial: dict[str, Any] = {}
    if lookup_form.is_bound and lookup_form.is_valid():
        account, initial = find_applicant(request.user, lookup_form.cleaned_data["cccd"])
    form = _build_form(request, procedure, agencies, initial)
    # Keyboard first: the cursor waits where the officer types next.
    looked_up = lookup_form.is_bound and lookup_form.is_valid()
    if request.method == "GET":
        focus = form.fields["applicant_name"] if looked_up else lookup_form.fields["cccd"]
        focus.widget.attrs["autofocus"] = True
    status = 200
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        if form.is_valid() and form.check_decision(decision):
            scans_ok = True
            for _required, upload in form.scans():
                try:
                    documents.sniff_content_type(upload)
                except DossierError as exc:
                    form.add_error(None, exc.message)
                    scans_ok = False
            if scans_ok:
                try:
                    outcome = _submit(request, form, decision)
                except DossierError as exc:
                    messages.error(request, exc.message)
                    status = exc.http_status
                else:
                    if isinstance(outcome, CounterGuidance):
                        return redirect("office:guidance-done", code=outcome.code)
                    return redirect("office:intake-done", code=outcome.code)
        if status == 200:
            status = 400
    context.update(
        lookup_form=lookup_form,
        looked_up=looked_up,
        account=account,
        form=form,
        single_agency=agencies.first() if len(agencies) == 1 else None,
    )
    return render_office(request, "office/intake.html", context, status=status)


FORM_LABELS = {
    "01": gettext_lazy("In giấy tiếp nhận và hẹn trả kết quả (mẫu 01)"),
    "02": gettext_lazy("In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)"),
    "03": gettext_lazy("In phiếu từ chối tiếp nhận (mẫu 03)"),
}


@require_GET
@staff_required
def intake_done(request: HttpRequest, code: str) -> HttpResponse:
    """What the counter hands the applicant: the receipt (01), supplement request (02) or
    refusal slip (03) to print."""
    dossier = dossier_for(request, code, "view")
    forms = [
        {"number": number, "label": FORM_LABELS[number]}
        for number in available_forms(dossier)
        if number in FORM_LABELS
    ]
    return render_office(request, "office/intake_done.html", {"dossier": dossier, "forms": forms})


@require_GET
@staff_required
def guidance_done(request: HttpRequest, code: str) -> HttpResponse:
    """The guidance slip the applicant leaves with (form 02): nothing was received."""
    guidance = get_object_or_404(
        CounterGuidance.objects.select_related("procedure", "intake_agency"),
        code=code,
        intake_agency_id__in=agency_ids_with_role(request.user),
    )
    return render_office(request, "office/guidance_done.html", {"guidance": guidance})


@require_GET
@staff_required
def guidance_form(request: HttpRequest, code: str) -> HttpResponse:
    """Form 02 of the guidance, as PDF to print."""
    from cchc.dossiers.forms.guidance import render_guidance_form

    guidance = get_object_or_404(
        CounterGuidance.objects.select_related("procedure", "intake_agency"),
        code=code,
        intake_agency_id__in=agency_ids_with_role(request.user),
    )
    response = HttpResponse(render_guidance_form(guidance), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{guidance.code}-mau-02.pdf"'
    return response
