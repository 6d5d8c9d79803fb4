"""Catalogue pages: procedures (search, create, edit), fields, JSON import and export."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cchc.catalogue import services as catalogue_services
from cchc.catalogue.constants import ProcedureLevel
from cchc.catalogue.exchange import CatalogueError, export_catalogue
from cchc.catalogue.models import Field, Procedure
from cchc.catalogue.selectors import search

from .access import province_admin_required
from .catalogue_forms import (
    CatalogueImportForm,
    DocumentFormSetFactory,
    FeeFormSet,
    FeeFormSetFactory,
    FieldForm,
    OrderedInlineFormSet,
    ProcedureForm,
    StepFormSet,
    StepFormSetFactory,
)

PAGE_SIZE = 50


# --- procedures -------------------------------------------------------------------------------


@province_admin_required
@require_GET
def procedure_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    procedures = Procedure.objects.select_related("field").order_by("code")
    query = params.get("q", "").strip()[:200]
    procedures = search(procedures, query)
    fields = list(Field.objects.order_by("name"))
    field_id = params.get("linh_vuc", "")
    if field_id.isdigit():
        procedures = procedures.filter(field_id=int(field_id))
    level = params.get("cap", "")
    if level in ProcedureLevel.values:
        procedures = procedures.filter(level=level)
    status = params.get("trang_thai", "")
    if status == "dang-ap-dung":
        procedures = procedures.filter(is_active=True)
    elif status == "bai-bo":
        procedures = procedures.filter(is_active=False)
    page = Paginator(procedures, PAGE_SIZE).get_page(params.get("trang"))
    return render(
        request,
        "administration/procedure_list.html",
        {
            "page": page,
            "query": query,
            "fields": fields,
            "field_id": field_id,
            "levels": ProcedureLevel.choices,
            "level": level,
            "status": status,
            "filter_query": _query_without_page(request),
            "section": "catalogue",
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("trang", None)
    return query.urlencode()


@province_admin_required
@require_http_methods(["GET", "POST"])
def procedure_create(request: HttpRequest) -> HttpResponse:
    return _procedure_form(request, Procedure())


@province_admin_required
@require_http_methods(["GET", "POST"])
def procedure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _procedure_form(request, get_object_or_404(Procedure, pk=pk))


def _procedure_form(request: HttpRequest, procedure: Procedure) -> HttpResponse:
    creating = procedure.pk is None
    data = request.POST if request.method == "POST" else None
    form = ProcedureForm(data, instance=procedure, prefix="tt")
    # The factories build subclasses of these formset classes; the stubs only know the base.
    fees = cast(FeeFormSet, FeeFormSetFactory(data, instance=procedure, prefix="phi"))
    documents = cast(
        OrderedInlineFormSet, DocumentFormSetFactory(data, instance=procedure, prefix="giay-to")
    )
    steps = cast(StepFormSet, StepFormSetFactory(data, instance=procedure, prefix="buoc"))
    formsets = {"fees": fees, "documents": documents, "steps": steps}
    if request.method == "POST":
        # Validate everything (no short-circuit) so every error shows at once.
        valid = [form.is_valid(), fees.is_valid(), documents.is_valid(), steps.is_valid()]
        if all(valid):
            with transaction.atomic():
                saved = form.save()
                fees.save_rows(saved)
                documents.save_ordered(saved)
                steps.save_ordered(saved)
            messages.success(
                request,
                (_("Đã thêm thủ tục %(code)s.") if creating else _("Đã lưu thủ tục %(code)s."))
                % {"code": saved.code},
            )
            return redirect("administration:procedure-edit", pk=saved.pk)
    return render(
        request,
        "administration/procedure_form.html",
        {
            "form": form,
            "formsets": formsets,
            "procedure": procedure,
            "creating": creating,
            "has_errors": bool(request.method == "POST"),
            "section": "catalogue",
        },
        status=400 if request.method == "POST" else 200,
    )


# --- fields -----------------------------------------------------------------------------------


@province_admin_required
@require_http_methods(["GET", "POST"])
def field_list(request: HttpRequest) -> HttpResponse:
    form = FieldForm(request.POST or None, prefix="moi")
    if request.method == "POST" and form.is_valid():
        field = form.save()
        messages.success(request, _("Đã thêm lĩnh vực “%(name)s”.") % {"name": field.name})
        return redirect("administration:field-list")
    fields = Field.objects.annotate(procedure_count=Count("procedure")).order_by("name")
    return render(
        request,
        "administration/field_list.html",
        {"fields": fields, "form": form, "section": "catalogue"},
        status=400 if form.errors else 200,
    )


@province_admin_required
@require_http_methods(["GET", "POST"])
def field_edit(request: HttpRequest, pk: int) -> HttpResponse:
    field = get_object_or_404(Field, pk=pk)
    form = FieldForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid():
        field = catalogue_services.save_field(form.save(commit=False))
        messages.success(request, _("Đã lưu lĩnh vực “%(name)s”.") % {"name": field.name})
        return redirect("administration:field-list")
    return render(
        request,
        "administration/field_form.html",
        {"form": form, "field": field, "section": "catalogue"},
        status=400 if form.errors else 200,
    )


# --- import / export --------------------------------------------------------------------------


@province_admin_required
@require_http_methods(["GET", "POST"])
def catalogue_import(request: HttpRequest) -> HttpResponse:
    form = CatalogueImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            document = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            form.add_error("file", _("Tệp không phải văn bản UTF-8."))
        except json.JSONDecodeError as exc:
            form.add_error(
                "file",
                _("Tệp không phải JSON hợp lệ (dòng %(line)s, cột %(col)s).")
                % {"line": exc.lineno, "col": exc.colno},
            )
        else:
            try:
                result = catalogue_services.import_records(document)
            except CatalogueError as exc:
                form.add_error("file", exc.message)
    if result is not None:
        if result["errors"]:
            messages.warning(
                request,
                _("Đã nhập %(ok)s/%(total)s thủ tục; %(bad)s bản ghi bị lỗi, xem bảng dưới.")
                % {
                    "ok": result["created"] + result["updated"],
                    "total": result["total"],
                    "bad": len({e["index"] for e in result["errors"]}),
                },
            )
        else:
            messages.success(
                request,
                _("Đã nhập %(total)s thủ tục: %(created)s mới, %(updated)s cập nhật.") % result,
            )
    return render(
        request,
        "administration/catalogue_import.html",
        {"form": form, "result": result, "section": "catalogue"},
        status=400 if form.errors else 200,
    )


@province_admin_required
@require_GET
def catalogue_export(request: HttpRequest) -> HttpResponse:
    body = json.dumps(export_catalogue(), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"danh-muc-thu-tuc-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
