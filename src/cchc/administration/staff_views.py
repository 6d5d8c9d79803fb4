"""Staff pages: accounts with their roles; create, assign and remove roles, lock, set password.

Guards: a province administrator cannot remove their own province_admin role nor lock their
own account (the province would risk having no administrator left), and a staff account keeps
at least one role — to end someone's access, lock the account.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cchc.accounts.models import User
from cchc.core.statemachine import DomainError, NotFound
from cchc.core.text import fold
from cchc.org import services as staff
from cchc.org.constants import StaffRole
from cchc.org.models import StaffAssignment

from .access import province_admin_required
from .org_forms import AssignmentForm, SetPasswordForm, StaffCreateForm, StaffProfileForm

PAGE_SIZE = 50


def _staff() -> Any:
    assignments = StaffAssignment.objects.select_related("agency").order_by("role", "agency__code")
    return (
        User.objects.filter(assignments__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("username")
    )


@province_admin_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    staff = _staff()
    role = request.GET.get("vai_tro", "")
    if role in StaffRole.values:
        staff = staff.filter(assignments__role=role)
    status = request.GET.get("trang_thai", "")
    if status == "hoat-dong":
        staff = staff.filter(is_active=True)
    elif status == "da-khoa":
        staff = staff.filter(is_active=False)
    query = request.GET.get("q", "").strip()[:200]
    rows = list(staff)
    words = fold(query).split()
    if words:
        rows = [
            u
            for u in rows
            if all(
                w
                in fold(
                    " ".join(
                        [u.username, u.full_name, u.email]
                        + [a.agency.name for a in u.assignments.all() if a.agency]
                    )
                )
                for w in words
            )
        ]
    params = request.GET.copy()
    params.pop("trang", None)
    return render(
        request,
        "administration/staff_list.html",
        {
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang")),
            "query": query,
            "role": role,
            "roles": StaffRole.choices,
            "status": status,
            "filter_query": params.urlencode(),
            "section": "staff",
        },
    )


@province_admin_required
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = staff.create_staff(
            username=data["username"],
            password=data["password1"],
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            role=data["role"],
            agency=data["agency"],
        )
        messages.success(
            request,
            _("Đã tạo tài khoản %(username)s. Báo mật khẩu ban đầu cho cán bộ qua kênh an toàn.")
            % {"username": user.username},
        )
        return redirect("administration:staff-detail", pk=user.pk)
    return render(
        request,
        "administration/staff_create.html",
        {"form": form, "section": "staff"},
        status=400 if form.errors else 200,
    )


def _staff_member(pk: int) -> User:
    """Only accounts holding a role: citizens' accounts are not managed here."""
    user = get_object_or_404(User, pk=pk)
    if not user.assignments.exists():
        raise Http404
    return user


def _detail(request: HttpRequest, user: User, status: int = 200, **forms: Any) -> HttpResponse:
    forms.setdefault("profile_form", StaffProfileForm(instance=user, prefix="hs"))
    forms.setdefault("assignment_form", AssignmentForm(user=user, prefix="vt"))
    forms.setdefault("password_form", SetPasswordForm(user=user, prefix="mk"))
    assignments = user.assignments.select_related("agency").order_by("role", "agency__code")
    return render(
        request,
        "administration/staff_detail.html",
        {
            "member": user,
            "assignments": assignments,
            "is_self": user.pk == request.user.pk,
            "section": "staff",
            **forms,
        },
        status=status,
    )


@province_admin_required
@require_GET
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _staff_member(pk))


@province_admin_required
@require_POST
def staff_profile(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff_member(pk)
    form = StaffProfileForm(request.POST, instance=user, prefix="hs")
    if not form.is_valid():
        user.refresh_from_db()
        return _detail(request, user, 400, profile_form=form)
    form.save()
    messages.success(request, _("Đã lưu thông tin cán bộ."))
    return redirect("administration:staff-detail", pk=user.pk)


@province_admin_required
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff_member(pk)
    form = AssignmentForm(request.POST, user=user, prefix="vt")
    if not form.is_valid():
        return _detail(request, user, 400, assignment_form=form)
    assignment = staff.assign_role(user, form.cleaned_data["role"], form.cleaned_data["agency"])
    messages.success(
        request, _("Đã giao vai trò: %(role)s.") % {"role": assignment.get_role_display()}
    )
    return redirect("administration:staff-detail", pk=user.pk)


@province_admin_required
@require_POST
def assignment_remove(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    user = _staff_member(pk)
    try:
        assignment = staff.remove_role(user, assignment_pk, by=request.user)
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã gỡ vai trò: %(role)s.") % {"role": assignment.get_role_display()}
        )
    return redirect("administration:staff-detail", pk=user.pk)


@province_admin_required
@require_POST
def staff_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff_member(pk)
    active = request.POST.get("active") == "1"
    try:
        staff.set_active(user, active, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            (_("Đã mở khóa tài khoản %(u)s.") if active else _("Đã khóa tài khoản %(u)s."))
            % {"u": user.username},
        )
    return redirect("administration:staff-detail", pk=user.pk)


@province_admin_required
@require_POST
def staff_password(request: HttpRequest, pk: int) -> HttpResponse:
    user = _staff_member(pk)
    form = SetPasswordForm(request.POST, user=user, prefix="mk")
    if not form.is_valid():
        return _detail(request, user, 400, password_form=form)
    staff.set_password(user, form.cleaned_data["password1"])
    messages.success(request, _("Đã đặt mật khẩu mới cho %(u)s.") % {"u": user.username})
    return redirect("administration:staff-detail", pk=user.pk)
