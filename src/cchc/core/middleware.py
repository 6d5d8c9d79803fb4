"""Request guards that apply to every URL."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    """A NUL character can never be valid input, and PostgreSQL refuses it in text: answer 400
    before any view or query sees it, instead of a 500 from the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in raw or "\x00" in unquote(raw):
            return JsonResponse(
                {"code": "invalid", "message": _("Dữ liệu không hợp lệ.")}, status=400
            )
        return self.get_response(request)
