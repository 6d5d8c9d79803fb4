"""Sign-in, sign-out, registration and password reset pages (citizens, organisations, staff)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role, is_staff_member

from . import otp
from .forms import RegisterForm, ResetConfirmForm, ResetRequestForm, SignInForm
from .models import User
from .providers import provider_buttons


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["providers"] = provider_buttons(self.request, self.get_success_url())
        return context


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    """Each person lands on their own home: leaders on the dashboard, staff on their queues."""
    user = request.user
    if is_staff_member(user):
        if has_role(user, StaffRole.MONITOR) and not has_role(user, StaffRole.PROCESSING):
            return redirect("plan:dashboard")
        return redirect("office:home")
    return redirect("portal:my-dossiers")


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:after-login")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
        login(request, user, backend="cchc.accounts.backends.IdentityNumberBackend")
        messages.success(
            request, _("Đăng ký thành công. Chào mừng %(name)s!") % {"name": user.display_name}
        )
        return redirect(request.GET["next"] if _safe(request) else "portal:my-dossiers")
    return render(
        request, "accounts/register.html", {"form": form}, status=400 if form.errors else 200
    )


def _safe(request: HttpRequest) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    nxt = request.GET.get("next")
    return bool(nxt) and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()})


@require_http_methods(["GET", "POST"])
def reset_request(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login_value = "".join(form.cleaned_data["login"].split())
        user = (
            User.objects.filter(
                Q(national_id=login_value) | Q(tax_code=login_value), is_active=True
            )
            .exclude(national_id="", tax_code="")
            .first()
        )
        if user is not None and user.phone:
            with transaction.atomic():
                otp.issue(user)
            request.session["reset_user_id"] = user.pk
        else:
            request.session["reset_user_id"] = None
        # Same answer whether or not the account exists: no way to probe who has one.
        messages.info(
            request,
            _("Nếu số này có tài khoản, mã xác nhận đã được gửi tới số điện thoại đã đăng ký."),
        )
        return redirect("accounts:reset-confirm")
    return render(request, "accounts/reset_request.html", {"form": form})


@require_http_methods(["GET", "POST"])
def reset_confirm(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get("reset_user_id")
    user = User.objects.filter(pk=user_id).first() if user_id else None
    form = ResetConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        if user is not None and otp.verify(user, form.cleaned_data["code"]):
            user.set_password(form.cleaned_data["password1"])
            user.save(update_fields=["password"])
            request.session.pop("reset_user_id", None)
            messages.success(request, _("Đã đặt lại mật khẩu. Mời đăng nhập bằng mật khẩu mới."))
            return redirect("accounts:login")
        form.add_error("code", _("Mã xác nhận không đúng hoặc đã hết hạn."))
    return render(
        request, "accounts/reset_confirm.html", {"form": form}, status=400 if form.errors else 200
    )
