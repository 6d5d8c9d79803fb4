"""No odd input produces a 500 on the citizens' portal: each case states the exact answer.

The machinery (the stage, how a case is sent and checked, NUL in form bodies) is shared:
`cchc_testkit.bad_input`.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from cchc.dossiers.constants import Status
from cchc.dossiers.models import Dossier
from cchc.portal.models import Draft
from cchc_testkit.bad_input import (
    LONG,
    NAME_MISMATCH,
    NOT_ACCEPTED,
    NUL,
    TOO_BIG,
    Case,
    big_pdf,
    check_case,
    check_missing_csrf_token,
    params,
    png_named_pdf,
    text_named_png,
)

PORTAL = [
    Case("procedures-long-q", "citizen", "get", f"/thu-tuc/?q={LONG}", 200),
    Case("procedures-page-abc", "citizen", "get", "/thu-tuc/?trang=abc", 200),
    Case("procedures-page-negative", "citizen", "get", "/thu-tuc/?trang=-1", 200),
    Case("procedures-page-param-negative", "citizen", "get", "/thu-tuc/?page=-1", 200),
    Case("procedures-page-huge", "citizen", "get", "/thu-tuc/?trang=" + "9" * 400, 200),
    Case(
        "procedures-odd-filters",
        "citizen",
        "get",
        f"/thu-tuc/?linh-vuc={LONG}&cap=bogus&su-kien=bogus&truc-tuyen=%27",
        200,
    ),
    Case("procedures-nul", "citizen", "get", "/thu-tuc/?q=a%00b", 400),
    Case("procedure-unknown", "citizen", "get", "/thu-tuc/NOPE/", 404),
    Case("procedure-long-code", "citizen", "get", f"/thu-tuc/{LONG}/", 404),
    Case("procedure-nul-code", "citizen", "get", "/thu-tuc/a%00b/", 400),
    # A public list ignores the method: a POST is answered as a GET (harmless, not a 500).
    Case("procedures-post", "citizen", "post", "/thu-tuc/", 200),
    Case("apply-unknown", "citizen", "get", "/thu-tuc/NOPE/nop/", 404),
    Case("apply-documents-unknown", "citizen", "get", "/thu-tuc/NOPE/nop/giay-to/", 404),
    Case("apply-review-unknown", "citizen", "post", "/thu-tuc/NOPE/nop/xem-lai/", 404),
    Case(
        "apply-nul-name",
        "citizen",
        "post",
        "/thu-tuc/1.000001/nop/",
        400,
        {"name": NUL, "phone": "0912345678", "address": "Tổ 5"},
    ),
    Case(
        "apply-long-fields",
        "citizen",
        "post",
        "/thu-tuc/1.000001/nop/",
        400,
        {"name": LONG, "phone": LONG, "address": LONG, "summary": LONG, "email": LONG},
        "tối đa 255 kí tự",
    ),
    Case(
        "apply-upload-too-big",
        "citizen",
        "post",
        "/thu-tuc/1.000001/nop/giay-to/",
        400,
        {},
        TOO_BIG,
        files=lambda: {"file": big_pdf()},
        big=True,
    ),
    Case(
        "apply-upload-png-named-pdf",
        "citizen",
        "post",
        "/thu-tuc/1.000001/nop/giay-to/",
        400,
        {},
        NAME_MISMATCH,
        files=lambda: {"file": png_named_pdf()},
    ),
    Case(
        "apply-upload-text-named-png",
        "citizen",
        "post",
        "/thu-tuc/1.000001/nop/giay-to/",
        400,
        {},
        NOT_ACCEPTED,
        files=lambda: {"file": text_named_png()},
    ),
    Case(
        "apply-upload-odd-required-document",
        "citizen",
        "post",
        "/thu-tuc/1.000001/nop/giay-to/",
        400,
        {"required_document": "abc"},
        files=lambda: {"file": png_named_pdf()},
    ),
    Case(
        "apply-remove-not-a-number",
        "citizen",
        "post",
        "/thu-tuc/1.000001/nop/giay-to/",
        302,
        {"remove": LONG},
    ),
    Case("my-dossiers-page-abc", "citizen", "get", "/ho-so-cua-toi/?trang=abc", 200),
    Case("my-dossiers-page-negative", "citizen", "get", "/ho-so-cua-toi/?trang=-1", 200),
    Case("my-dossier-unknown", "citizen", "get", "/ho-so-cua-toi/NOPE/", 404),
    Case("my-dossier-long", "citizen", "get", f"/ho-so-cua-toi/{LONG}/", 404),
    Case("my-dossier-other-citizen", "other_citizen", "get", "/ho-so-cua-toi/{mine}/", 404),
    Case("my-document-unknown", "citizen", "get", "/ho-so-cua-toi/{mine}/tai-lieu/999999/", 404),
    Case("my-form-unknown", "citizen", "get", "/ho-so-cua-toi/{mine}/mau-99.pdf", 404),
    Case("my-form-06", "citizen", "get", "/ho-so-cua-toi/{mine}/mau-06.pdf", 404),
    Case("withdraw-get", "citizen", "get", "/ho-so-cua-toi/{mine}/rut/", 405),
    Case("supplement-get", "citizen", "get", "/ho-so-cua-toi/{mine}/bo-sung/", 405),
    Case("rate-get", "citizen", "get", "/ho-so-cua-toi/{mine}/danh-gia/", 405),
    Case("submitted-unknown", "citizen", "get", "/ho-so-cua-toi/NOPE/da-nop/", 404),
    Case(
        "withdraw-nul-reason",
        "citizen",
        "post",
        "/ho-so-cua-toi/{mine}/rut/",
        200,
        {"reason": NUL},
        "Vui lòng nêu lý do rút hồ sơ.",
        follow=True,
    ),
    Case(
        "withdraw-long-reason",
        "citizen",
        "post",
        "/ho-so-cua-toi/{mine}/rut/",
        200,
        {"reason": LONG},
        "Vui lòng nêu lý do rút hồ sơ.",
        follow=True,
    ),
    Case(
        "rate-odd-level",
        "citizen",
        "post",
        "/ho-so-cua-toi/{mine}/danh-gia/",
        200,
        {"level": "abc", "comment": NUL},
        "Vui lòng chọn một mức đánh giá.",
        follow=True,
    ),
    Case(
        "supplement-done-nul-note",
        "citizen",
        "post",
        "/ho-so-cua-toi/{mine}/bo-sung/",
        200,
        {"done": "1", "note": NUL},
        "Dữ liệu không hợp lệ",
        follow=True,
        extra={"supplement_uploaded": True},
    ),
    Case(
        "supplement-upload-too-big",
        "citizen",
        "post",
        "/ho-so-cua-toi/{mine}/bo-sung/",
        200,
        {},
        TOO_BIG,
        follow=True,
        files=lambda: {"file": big_pdf()},
        big=True,
    ),
    Case(
        "supplement-upload-png-named-pdf",
        "citizen",
        "post",
        "/ho-so-cua-toi/{mine}/bo-sung/",
        200,
        {},
        NAME_MISMATCH,
        follow=True,
        files=lambda: {"file": png_named_pdf()},
    ),
]


@pytest.mark.parametrize("case", params("portal", PORTAL))
def test_odd_input_answers_the_expected_status(world, odd_input_stage, case, settings):
    check_case(world, odd_input_stage, case, settings)


def test_a_nul_supplement_note_leaves_the_dossier_waiting(world, odd_input_stage):
    """The refused note must not half-complete the supplement."""
    case = next(c for c in PORTAL if c.id == "supplement-done-nul-note")
    check_case(world, odd_input_stage, case)
    assert Dossier.objects.get(code=odd_input_stage["mine"]).status == Status.SUPPLEMENT


# Every POST form of the portal refuses a request without its CSRF token.
CSRF = [
    ("citizen", "/thu-tuc/1.000001/nop/", {"name": "A", "phone": "0912345678", "address": "x"}),
    ("citizen", "/thu-tuc/1.000001/nop/giay-to/", {"remove": "1"}),
    ("citizen", "/thu-tuc/1.000001/nop/xem-lai/", {}),
    ("citizen", "/ho-so-cua-toi/{mine}/rut/", {"reason": "Nộp nhầm"}),
    ("citizen", "/ho-so-cua-toi/{mine}/bo-sung/", {"done": "1"}),
    ("citizen", "/ho-so-cua-toi/{mine}/danh-gia/", {"level": "3"}),
    ("admin", "/quan-tri-he-thong/thu-tuc/nhap/", {}),
]


@pytest.mark.parametrize(("who", "url", "data"), CSRF, ids=[f"{w}:{u}" for w, u, _ in CSRF])
def test_post_forms_refuse_a_missing_csrf_token(world, odd_input_stage, who, url, data):
    check_missing_csrf_token(world, odd_input_stage, who, url, data)


@override_settings(UPLOAD_MAX_MB=1)
def test_a_huge_upload_stores_nothing(world, odd_input_stage):
    client = Client()
    client.force_login(world.citizen)
    response = client.post("/thu-tuc/1.000001/nop/giay-to/", {"file": big_pdf()})
    assert response.status_code == 400
    assert not Draft.objects.get(user=world.citizen).files.exists()
