"""Public pages of the dossier engine: the status lookup the QR code on form 01 opens."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Dossier


def lookup(request: HttpRequest) -> HttpResponse:
    """Tra cứu hồ sơ by code, without login, showing no personal data."""
    code = (request.GET.get("ma") or "").strip()[:60]
    dossier = None
    if code:
        dossier = (
            Dossier.objects.select_related("procedure", "processing_agency")
            .filter(code=code)
            .first()
        )
    return render(
        request,
        "dossiers/lookup.html",
        {"code": code, "dossier": dossier},
        status=404 if code and dossier is None else 200,
    )
