"""No odd input produces a 500 on the back office's pages: each case states the exact answer.

The machinery (the stage, how a case is sent and checked, NUL in form bodies) is shared:
`cchc_testkit.bad_input`.
"""

from __future__ import annotations

import pytest

from cchc_testkit.bad_input import (
    LONG,
    NAME_MISMATCH,
    NUL,
    TOO_BIG,
    Case,
    big_pdf,
    check_case,
    check_missing_csrf_token,
    params,
    png_named_pdf,
)

OFFICE = [
    Case("queue-unknown", "receiving", "get", "/mot-cua/hang-doi/nope/", 404),
    Case("queue-page-abc", "receiving", "get", "/mot-cua/hang-doi/cho-tiep-nhan/?trang=abc", 200),
    Case("queue-page-negative", "receiving", "get", "/mot-cua/hang-doi/tat-ca/?trang=-1", 200),
    Case("queue-page-param", "receiving", "get", "/mot-cua/hang-doi/tat-ca/?page=-1", 200),
    Case(
        "queue-odd-filters",
        "receiving",
        "get",
        f"/mot-cua/hang-doi/tat-ca/?q={LONG}&status=abc&procedure={LONG}",
        200,
    ),
    Case("queue-nul", "receiving", "get", "/mot-cua/hang-doi/tat-ca/?q=%00", 400),
    Case("queue-post", "receiving", "post", "/mot-cua/hang-doi/tat-ca/", 405),
    Case("home-citizen", "citizen", "get", "/mot-cua/", 403),
    Case("dossier-unknown", "receiving", "get", "/mot-cua/ho-so/NOPE/", 404),
    Case("dossier-long", "receiving", "get", f"/mot-cua/ho-so/{LONG}/", 404),
    Case("dossier-out-of-scope", "commune_receiving", "get", "/mot-cua/ho-so/{office}/", 404),
    Case("dossier-post", "receiving", "post", "/mot-cua/ho-so/{office}/", 405),
    Case("action-unknown", "receiving", "post", "/mot-cua/ho-so/{office}/thao-tac/bogus/", 404),
    Case("action-get", "receiving", "get", "/mot-cua/ho-so/{office}/thao-tac/forward/", 405),
    Case(
        "action-nul-note",
        "receiving",
        "post",
        "/mot-cua/ho-so/{office}/thao-tac/forward/",
        400,
        {"forward-note": NUL},
    ),
    Case(
        "action-long-note",
        "receiving",
        "post",
        "/mot-cua/ho-so/{office}/thao-tac/stop/",
        400,
        {"stop-note": LONG},
        "tối đa 2000 kí tự",
    ),
    Case(
        "action-apologise-feb-30",
        "receiving",
        "post",
        "/mot-cua/ho-so/{office}/thao-tac/apologise/",
        400,
        {"apologise-new_due": "2026-02-30T10:00", "apologise-note": "x"},
        "Nhập một ngày/thời gian hợp lệ.",
    ),
    Case(
        "action-apologise-month-13",
        "receiving",
        "post",
        "/mot-cua/ho-so/{office}/thao-tac/apologise/",
        400,
        {"apologise-new_due": "2026-13-01T10:00", "apologise-note": "x"},
        "Nhập một ngày/thời gian hợp lệ.",
    ),
    Case("document-unknown", "receiving", "get", "/mot-cua/ho-so/{office}/tai-lieu/999999/", 404),
    Case("form-unknown", "receiving", "get", "/mot-cua/ho-so/{office}/mau-99.pdf", 404),
    Case("intake-done-unknown", "receiving", "get", "/mot-cua/tiep-nhan/NOPE/", 404),
    Case(
        "intake-unknown-procedure",
        "receiving",
        "get",
        "/mot-cua/tiep-nhan/?thu_tuc=NOPE",
        200,
        text="Không có thủ tục đang áp dụng với mã này.",
    ),
    Case("intake-long-search", "receiving", "get", f"/mot-cua/tiep-nhan/?q={LONG}", 200),
    Case(
        "intake-odd-cccd",
        "receiving",
        "get",
        f"/mot-cua/tiep-nhan/?thu_tuc=1.000001&cccd={LONG}",
        200,
    ),
    Case("intake-nul-cccd", "receiving", "get", "/mot-cua/tiep-nhan/?cccd=%00", 400),
    Case("intake-delete", "receiving", "delete", "/mot-cua/tiep-nhan/", 405),
    Case("intake-processing-officer", "processing", "get", "/mot-cua/tiep-nhan/", 403),
    Case(
        "intake-nul-procedure-in-body",
        "receiving",
        "post",
        "/mot-cua/tiep-nhan/",
        200,
        {"thu_tuc": NUL},
        "Không có thủ tục đang áp dụng với mã này.",
    ),
    Case(
        "intake-bogus-decision",
        "receiving",
        "post",
        "/mot-cua/tiep-nhan/?thu_tuc=1.000001",
        400,
        {
            "thu_tuc": "1.000001",
            "decision": "bogus",
            "intake_agency": "{centre_pk}",
            "applicant_name": "A",
            "applicant_national_id": "008190001234",
        },
    ),
    Case(
        "intake-nul-applicant",
        "receiving",
        "post",
        "/mot-cua/tiep-nhan/?thu_tuc=1.000001",
        400,
        {
            "thu_tuc": "1.000001",
            "decision": "receive",
            "applicant_name": NUL,
            "applicant_national_id": NUL,
            "applicant_address": LONG,
        },
        "tối đa 500 kí tự",
    ),
    Case(
        "intake-scan-too-big",
        "receiving",
        "post",
        "/mot-cua/tiep-nhan/?thu_tuc=1.000001",
        400,
        {
            "thu_tuc": "1.000001",
            "decision": "receive",
            "intake_agency": "{centre_pk}",
            "applicant_name": "Nguyễn Thị Hoà",
            "applicant_national_id": "008190001234",
            "applicant_kind": "1",
        },
        TOO_BIG,
        files=lambda: {"__scan__": big_pdf()},
        big=True,
    ),
    Case(
        "intake-scan-png-named-pdf",
        "receiving",
        "post",
        "/mot-cua/tiep-nhan/?thu_tuc=1.000001",
        400,
        {
            "thu_tuc": "1.000001",
            "decision": "receive",
            "intake_agency": "{centre_pk}",
            "applicant_name": "Nguyễn Thị Hoà",
            "applicant_national_id": "008190001234",
            "applicant_kind": "1",
        },
        NAME_MISMATCH,
        files=lambda: {"__scan__": png_named_pdf()},
    ),
    Case(
        "register-feb-30",
        "receiving",
        "get",
        "/mot-cua/so-theo-doi/?co_quan=H60.1&tu_ngay=2026-02-30&den_ngay=2026-03-31",
        400,
        text="Nhập một ngày hợp lệ",
    ),
    Case(
        "register-month-13",
        "receiving",
        "get",
        "/mot-cua/so-theo-doi/?co_quan=H60.1&tu_ngay=2026-13-01&den_ngay=2026-03-31",
        400,
        text="Nhập một ngày hợp lệ",
    ),
    Case(
        "register-reversed",
        "receiving",
        "get",
        "/mot-cua/so-theo-doi/?co_quan=H60.1&tu_ngay=2026-03-31&den_ngay=2026-01-01",
        400,
        text="Ngày kết thúc phải không trước ngày bắt đầu.",
    ),
    Case(
        "register-unknown-agency",
        "receiving",
        "get",
        f"/mot-cua/so-theo-doi/?co_quan={LONG}&tu_ngay=2026-01-01&den_ngay=2026-01-31",
        400,
    ),
    Case(
        "register-foreign-agency",
        "receiving",
        "get",
        "/mot-cua/so-theo-doi/?co_quan=H60.22&tu_ngay=2026-01-01&den_ngay=2026-01-31",
        400,
    ),
    Case("register-post", "receiving", "post", "/mot-cua/so-theo-doi/", 405),
]


@pytest.mark.parametrize("case", params("office", OFFICE))
def test_odd_input_answers_the_expected_status(world, odd_input_stage, case, settings):
    check_case(world, odd_input_stage, case, settings)


# Every POST form of the back office refuses a request without its CSRF token.
CSRF = [
    ("receiving", "/mot-cua/tiep-nhan/?thu_tuc=1.000001", {"decision": "receive"}),
    ("receiving", "/mot-cua/ho-so/{office}/thao-tac/forward/", {"forward-note": ""}),
]


@pytest.mark.parametrize(("who", "url", "data"), CSRF, ids=[f"{w}:{u}" for w, u, _ in CSRF])
def test_post_forms_refuse_a_missing_csrf_token(world, odd_input_stage, who, url, data):
    check_missing_csrf_token(world, odd_input_stage, who, url, data)
