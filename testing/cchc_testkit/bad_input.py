"""The machinery of the odd-input tables: no odd input produces a 500 (issue 18 §1: each app
keeps its own table, in `cchc/<app>/tests/test_bad_input*.py`; this is what they share).

Every case states the exact answer: a 4xx, or a page (200 directly or after the redirect a form
makes) carrying a Vietnamese message. NUL characters in a query string are refused by
`RejectNulMiddleware`; in a form body they must be refused too (never reach PostgreSQL, which
cannot store them): `check_case` expects 400 "Dữ liệu không hợp lệ" for any form body with a NUL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from .files import PDF, big_pdf, png_named_pdf, text_named_png
from .world import World, vn

LONG = "a" * 10_000
NUL = "a\x00b"
LEGAL = "1.legal-documents-compliant-2025"  # reported yearly by Sở Tư pháp (world.processing)
COMPUTED = "2.online-dossiers-2030"
PERIOD = "from=2026-01-01&to=2026-03-31"

TOO_BIG = "vượt quá dung lượng cho phép"
NAME_MISMATCH = "Tên tệp không khớp với nội dung tệp"
NOT_ACCEPTED = "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG"

__all__ = [
    "COMPUTED",
    "LEGAL",
    "LONG",
    "NAME_MISMATCH",
    "NOT_ACCEPTED",
    "NUL",
    "PDF",
    "PERIOD",
    "TOO_BIG",
    "Case",
    "big_pdf",
    "build_stage",
    "check_case",
    "check_missing_csrf_token",
    "params",
    "png_named_pdf",
    "report_pdf",
    "text_named_png",
]


def report_pdf() -> SimpleUploadedFile:
    """Evidence for a plan report."""
    return SimpleUploadedFile("bao-cao.pdf", PDF)


@dataclass
class Case:
    """One odd request. `url` (and string values of `data`) may name {mine} (the citizen's own
    dossier, status supplement), {office} (a dossier received at the province centre),
    {version} (a submitted report), {receiving_pk} and {centre_pk}."""

    id: str
    who: str | None  # attribute of World; None: signed out
    method: str
    url: str
    status: int
    data: Any = None
    text: str = ""  # must appear in the answer (after redirects when follow)
    follow: bool = False
    files: Callable[[], dict[str, Any]] | None = None  # merged into data (multipart)
    api: bool = False
    big: bool = False  # UPLOAD_MAX_MB=1
    extra: dict[str, Any] = field(default_factory=dict)


def params(prefix: str, cases: list[Case]) -> list[Any]:
    """pytest params with ids `prefix:case-id` (the ids the single table used)."""
    import pytest

    return [pytest.param(case, id=f"{prefix}:{case.id}") for case in cases]


def build_stage(world: World) -> dict[str, Any]:
    """The citizen's dossier waiting for a supplement, a dossier received at the province
    centre, a submitted report, and the citizen's draft with the applicant step done."""
    from cchc.dossiers import services
    from cchc.dossiers.services import ApplicantData
    from cchc.plan import reports
    from cchc.plan.loader import PLANS_DIR, load_plan
    from cchc.plan.periods import Period

    mine = services.submit_online(
        world.citizen, world.procedure, ApplicantData(name="Hoà"), at=vn(2026, 3, 2, 8, 0)
    )
    mine = services.receive(mine, world.receiving, at=vn(2026, 3, 2, 9, 0))
    mine = services.request_supplement(mine, world.receiving, "Thiếu", at=vn(2026, 3, 2, 10, 0))
    office = services.intake_at_counter(
        world.receiving, world.centre, world.procedure, ApplicantData(name="A")
    )
    plan = load_plan(PLANS_DIR / "tuyen_quang_2021_2030.yaml").plan
    version = reports.submit_report(
        plan.targets.get(key=LEGAL), world.processing, Period.year(2025), "90", [report_pdf()]
    )
    citizen = Client()
    citizen.force_login(world.citizen)
    answer = citizen.post(
        "/thu-tuc/1.000001/nop/",
        {"name": "Nguyễn Thị Hoà", "phone": "0912345678", "address": "Tổ 5"},
    )
    assert answer.status_code == 302, answer.content.decode()[:1000]
    return {
        "mine": mine.code,
        "office": office.code,
        "version": version.pk,
        "receiving_pk": world.receiving.pk,
        "centre_pk": world.centre.pk,
    }


def _client(world: World, case: Case) -> Any:
    user = getattr(world, case.who) if case.who else None
    if case.api:
        api = APIClient()
        if user is not None:
            api.force_authenticate(user)
        return api
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def send(world: World, stage: dict[str, Any], case: Case) -> Any:
    """Make the case's request as its user would."""
    from cchc.dossiers.constants import DocumentKind
    from cchc.dossiers.models import Dossier

    client = _client(world, case)
    url = case.url.format(**stage) if "{" in case.url else case.url
    data = {
        k: v.format(**stage) if isinstance(v, str) and "{" in v else v
        for k, v in (case.data or {}).items()
    }
    if case.files:
        for name, upload in case.files().items():
            if name == "__scan__":
                name = f"scan_{world.procedure.documents.get().pk}"
            data[name] = upload
    if case.extra.get("supplement_uploaded"):
        Dossier.objects.get(code=stage["mine"]).documents.create(
            kind=DocumentKind.SUPPLEMENT, name="bo-sung.pdf", content_type="application/pdf"
        )
    request = getattr(client, case.method)
    kwargs: dict[str, Any] = {}
    if case.method in ("get", "delete"):
        pass
    elif case.extra.get("json"):
        kwargs["format" if case.api else "content_type"] = (
            "json" if case.api else "application/json"
        )
        kwargs["data"] = data
    elif case.method == "put":
        kwargs["data"] = ""
    else:
        kwargs["data"] = data
        if case.api:
            kwargs["format"] = "multipart"
    if case.follow:
        kwargs["follow"] = True
    return request(url, **kwargs)


def _form_with_nul(case: Case) -> bool:
    """A NUL in a submitted form field is refused by `RejectNulMiddleware` before any view."""
    data = case.data if isinstance(case.data, dict) else {}
    return (
        case.method == "post"
        and not case.extra.get("json")
        and any("\x00" in str(k) or "\x00" in str(v) for k, v in data.items())
    )


def check_case(world: World, stage: dict[str, Any], case: Case, settings: Any = None) -> None:
    """Send the case and assert its exact status (and text, when it names one)."""
    if case.big:
        settings.UPLOAD_MAX_MB = 1
    response = send(world, stage, case)
    body = response.content.decode(errors="replace")
    status, text = (
        (400, "Dữ liệu không hợp lệ") if _form_with_nul(case) else (case.status, case.text)
    )
    assert response.status_code == status, (case.id, response.status_code, body[:1500])
    if text:
        assert text in body, (case.id, body[:3000])


def check_missing_csrf_token(
    world: World, stage: dict[str, Any], who: str | None, url: str, data: dict[str, Any]
) -> None:
    """A POST without its CSRF token is refused (403) and changes nothing."""
    from cchc.dossiers.constants import Status
    from cchc.dossiers.models import Dossier

    client = Client(enforce_csrf_checks=True)
    if who:
        client.force_login(getattr(world, who))
    response = client.post(url.format(**stage), data)
    assert response.status_code == 403, (url, response.status_code)
    dossier = Dossier.objects.get(code=stage["mine"])
    assert dossier.status == Status.SUPPLEMENT  # nothing happened
