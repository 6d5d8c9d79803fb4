"""`Idempotency-Key` for every write of the API (issue 15 §3; the header of the IETF draft
"The Idempotency-Key HTTP Header Field"). A retried request after a lost answer returns the
first answer instead of doing the write twice.

The write and its stored answer commit together: the view runs inside one transaction that
first claims the key (a unique row). So
- the first request's answer is replayed to every retry with the same key (`Idempotent-
  Replayed: true`), 2xx and 4xx alike;
- a request that failed with a server error or never committed (a database restart) left
  nothing: the retry does the work;
- two requests with the same key at once: the second waits on the first's claim and then
  gets its answer (PostgreSQL), or is told to retry (409 `idempotency_in_progress`);
- the same key with another method, path or body is refused (422 `idempotency_key_reused`).
Keys are kept `KEEP` and are scoped to who sent them (a hash of the token or session).
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotencyRecord

HEADER = "HTTP_IDEMPOTENCY_KEY"
KEEP = datetime.timedelta(hours=24)
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _scope(request: HttpRequest) -> str | None:
    who = request.META.get("HTTP_AUTHORIZATION") or request.COOKIES.get(
        settings.SESSION_COOKIE_NAME, ""
    )
    if not who:
        return None
    return hashlib.sha256(who.encode()).hexdigest()


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def _error(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"code": code, "message": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _replay(record: IdempotencyRecord, fingerprint: str) -> HttpResponse:
    if record.fingerprint != fingerprint:
        return _error(
            "idempotency_key_reused",
            _("Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."),
            422,
        )
    response = HttpResponse(
        bytes(record.body), status=record.status, content_type=record.content_type
    )
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.META.get(HEADER, "")
        if not key or request.method not in _WRITES or not request.path.startswith("/api/"):
            return self.get_response(request)
        if len(key) > 255:
            return _error("invalid", _("Khóa Idempotency-Key dài quá 255 ký tự."), 400)
        scope = _scope(request)
        if scope is None:  # nobody to keep it for: sign-in requests and the like
            return self.get_response(request)
        fingerprint = _fingerprint(request)
        records = IdempotencyRecord.objects.filter(scope=scope, key=key)
        earlier = records.filter(created_at__gte=timezone.now() - KEEP).first()
        if earlier is not None:
            return _replay(earlier, fingerprint)
        with transaction.atomic():
            records.delete()  # an expired one
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(
                        scope=scope, key=key, fingerprint=fingerprint, status=0,
                        content_type="", body=b"",
                    )  # fmt: skip
            except IntegrityError:
                # Another request with this key claimed it first (PostgreSQL waited for it to
                # commit or roll back): its answer is ours.
                earlier = records.first()
                if earlier is None or earlier.status == 0:
                    return _error(
                        "idempotency_in_progress",
                        _("Yêu cầu cùng khóa Idempotency-Key đang được xử lý; vui lòng thử lại."),
                        409,
                    )
                return _replay(earlier, fingerprint)
            response = self.get_response(request)
            if response.status_code >= 500 or getattr(response, "streaming", False):
                transaction.set_rollback(True)  # nothing kept: the retry does the work
                return response
            record.status = response.status_code
            record.content_type = response.get("Content-Type", "")
            record.body = response.content
            record.save(update_fields=["status", "content_type", "body"])
            return response
