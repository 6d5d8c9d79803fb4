"""Errors are answers: every API failure is JSON with a machine code and a translated message.

Shape: ``{"code": "invalid", "message": "...", "fields": {...}}``. The message is in
Vietnamese unless the request asks for English (``Accept-Language: en``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cchc.core.statemachine import DomainError


class ApiError(exceptions.APIException):
    """An error with a stable machine code, raised by views and services' adapters."""

    status_code: int = status.HTTP_400_BAD_REQUEST

    def __init__(self, code: str, message: str, status_code: int = 400, fields: dict | None = None):
        super().__init__(detail=message, code=code)
        self.status_code = status_code
        self.error_code = code
        self.fields = fields or {}


_DEFAULT_MESSAGES = {
    "not_authenticated": lambda: _("Bạn cần đăng nhập để thực hiện thao tác này."),
    "authentication_failed": lambda: _("Thông tin đăng nhập không đúng."),
    "permission_denied": lambda: _("Bạn không có quyền thực hiện thao tác này."),
    "not_found": lambda: _("Không tìm thấy dữ liệu yêu cầu."),
    "method_not_allowed": lambda: _("Phương thức không được hỗ trợ."),
    "throttled": lambda: _("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau."),
    "unsupported_media_type": lambda: _("Định dạng dữ liệu gửi lên không được hỗ trợ."),
    "parse_error": lambda: _("Dữ liệu gửi lên không đúng định dạng JSON."),
    "invalid": lambda: _("Dữ liệu không hợp lệ."),
    "not_acceptable": lambda: _("Không thể trả về định dạng được yêu cầu."),
}


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        # The one mapping of the domain's refusals to HTTP (views do not catch them).
        exc = ApiError(exc.code, exc.message, exc.http_status)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ApiError):
        body: dict[str, Any] = {"code": exc.error_code, "message": str(exc.detail)}
        if exc.fields:
            body["fields"] = exc.fields
    elif isinstance(exc, exceptions.ValidationError):
        body = {
            "code": "invalid",
            "message": _DEFAULT_MESSAGES["invalid"](),
            "fields": _flatten(exc.detail),
        }
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = code if isinstance(code, str) else "error"
        message = _DEFAULT_MESSAGES.get(code, lambda: str(getattr(exc, "detail", "")))()
        body = {"code": code, "message": message}
    response.data = body
    return response
