"""Request guards that apply to every URL."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(request: HttpRequest) -> bool:
    raw = request.META.get("QUERY_STRING", "")
    if "\x00" in request.path or "%00" in raw or "\x00" in unquote(raw):
        return True
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        # Form fields (not uploaded files, whose bytes are checked by content elsewhere).
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.POST.lists()
        )
    return False


class BodySizeLimitMiddleware:
    """Refuse a request whose declared body is larger than `MAX_BODY_BYTES` with 413, before
    anything reads it (issue 15 §2). The reverse proxy enforces the same limit on bodies sent
    without a length (docs/deployment.md)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        limit = int(settings.MAX_BODY_BYTES)
        if length < 0 or length > limit:
            message = _("Dữ liệu gửi lên quá lớn (tối đa %(mb)d MB).") % {
                "mb": limit // (1024 * 1024)
            }
            status = 413 if length > limit else 400
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"code": "too_large" if status == 413 else "invalid", "message": message},
                    status=status,
                    json_dumps_params={"ensure_ascii": False},
                )
            return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class RejectNulMiddleware:
    """A NUL character can never be valid input, and PostgreSQL refuses it in text: answer 400
    before any view or query sees it — in the URL, the query string or a submitted form —
    instead of a 500 from the database. (JSON bodies are checked by the API's parser.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            message = _("Dữ liệu không hợp lệ.")
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"code": "invalid", "message": message},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class DomainErrorMiddleware:
    """The one mapping of the domain's refusals to pages (the API has its own, in
    `cchc.api.errors`): a `DomainError` a view lets through becomes a page with its message
    and status (409 for a rule, 403 for a role, 404 for a missing record) — never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render
        from django.utils.http import url_has_allowed_host_and_scheme

        from .statemachine import DomainError

        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = "/"
        return render(
            request,
            "core/domain_error.html",
            {"message": exception.message, "back": back},
            status=exception.http_status,
        )
