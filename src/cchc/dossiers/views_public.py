"""Public pages of the dossier engine: the status lookup the QR code on form 01 opens."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Dossier


def find_for_lookup(typed: str) -> Dossier | None:
    """The dossier a member of the public means by the code they typed or scanned: any letter
    case, spaces around it ignored (codes are stored upper case, `H60.22-261125-0042`)."""
    code = typed.strip()[:60]
    if not code:
        return None
    dossiers = Dossier.objects.select_related("procedure", "processing_agency")
    found = dossiers.filter(code=code.upper()).first()
    if found is None:  # an imported history may carry a code in another case
        found = dossiers.filter(code__iexact=code).first()
    return found


def lookup(request: HttpRequest) -> HttpResponse:
    """Tra cứu hồ sơ by code, without login, showing no personal data."""
    code = (request.GET.get("ma") or "").strip()[:60]
    dossier = find_for_lookup(code) if code else None
    return render(
        request,
        "dossiers/lookup.html",
        {"code": code, "dossier": dossier},
        status=404 if code and dossier is None else 200,
    )
