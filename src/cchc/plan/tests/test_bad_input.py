"""No odd input produces a 500 on the plan's pages (leadership) nor on the plan API: each case
states the exact answer.

The machinery (the stage, how a case is sent and checked, NUL in form bodies) is shared:
`cchc_testkit.bad_input`.
"""

from __future__ import annotations

import pytest

from cchc_testkit.bad_input import (
    COMPUTED,
    LEGAL,
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
    report_pdf,
    text_named_png,
)

PLAN = [
    Case("dashboard-citizen", "citizen", "get", "/lanh-dao/", 403),
    Case("dashboard-unknown-agency", "monitor", "get", "/lanh-dao/?pham-vi=agency:NOPE", 404),
    Case("dashboard-bogus-scope", "monitor", "get", "/lanh-dao/?pham-vi=bogus", 404),
    Case("dashboard-long-scope", "monitor", "get", f"/lanh-dao/?pham-vi={LONG}", 404),
    Case("dashboard-unknown-plan", "monitor", "get", "/lanh-dao/?ke-hoach=NOPE", 404),
    Case("dashboard-nul", "monitor", "get", "/lanh-dao/?pham-vi=%00", 400),
    Case(
        "xlsx-bogus-scope", "monitor", "get", "/lanh-dao/xuat/bang-dieu-khien.xlsx?pham-vi=x", 404
    ),
    Case("pdf-unknown-plan", "monitor", "get", "/lanh-dao/xuat/bao-cao.pdf?ke-hoach=NOPE", 404),
    Case("target-unknown", "monitor", "get", "/lanh-dao/chi-tieu/NOPE/", 404),
    Case("target-bogus-grid", "monitor", "get", f"/lanh-dao/chi-tieu/{COMPUTED}/?ky=bogus", 404),
    Case("target-ytd-grid", "monitor", "get", f"/lanh-dao/chi-tieu/{COMPUTED}/?ky=ytd", 404),
    Case("target-bogus-breakdown", "monitor", "get", f"/lanh-dao/chi-tieu/{COMPUTED}/?theo=x", 404),
    Case(
        "target-unknown-scope",
        "monitor",
        "get",
        f"/lanh-dao/chi-tieu/{COMPUTED}/?pham-vi=scope:bogus",
        404,
    ),
    Case("reports-citizen", "citizen", "get", "/lanh-dao/bao-cao/", 403),
    Case("reports-unknown-plan", "processing", "get", "/lanh-dao/bao-cao/?ke-hoach=NOPE", 404),
    Case("report-submit-unknown", "processing", "get", "/lanh-dao/bao-cao/NOPE/nhap/", 404),
    Case("report-submit-computed", "processing", "get", f"/lanh-dao/bao-cao/{COMPUTED}/nhap/", 404),
    Case(
        "report-submit-not-reporter",
        "commune_processing",
        "get",
        f"/lanh-dao/bao-cao/{LEGAL}/nhap/",
        403,
    ),
    Case(
        "report-submit-odd-values",
        "processing",
        "post",
        f"/lanh-dao/bao-cao/{LEGAL}/nhap/",
        200,
        {"period": "2025-13", "value": "abc", "note": NUL},
        "Hãy chọn một lựa chọn hợp lệ",
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "report-submit-nan",
        "processing",
        "post",
        f"/lanh-dao/bao-cao/{LEGAL}/nhap/",
        200,
        {"period": "2025", "value": "NaN"},
        "Nhập một số.",
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "report-submit-evidence-too-big",
        "processing",
        "post",
        f"/lanh-dao/bao-cao/{LEGAL}/nhap/",
        200,
        {"period": "2025", "value": "90"},
        TOO_BIG,
        files=lambda: {"evidence": big_pdf()},
        big=True,
    ),
    Case(
        "report-submit-evidence-png-named-pdf",
        "processing",
        "post",
        f"/lanh-dao/bao-cao/{LEGAL}/nhap/",
        200,
        {"period": "2025", "value": "90"},
        NAME_MISMATCH,
        files=lambda: {"evidence": png_named_pdf()},
    ),
    Case("report-version-unknown", "monitor", "get", "/lanh-dao/bao-cao/lan/999999/", 404),
    Case("report-version-citizen", "citizen", "get", "/lanh-dao/bao-cao/lan/{version}/", 403),
    Case(
        "report-version-bogus-action",
        "admin",
        "post",
        "/lanh-dao/bao-cao/lan/{version}/",
        200,
        {"action": "bogus", "note": ""},
        "Không thể “bogus” báo cáo",
        follow=True,
    ),
    Case(
        "report-version-nul-action",
        "admin",
        "post",
        "/lanh-dao/bao-cao/lan/{version}/",
        200,
        {"action": NUL, "note": ""},
        "Không thể",
        follow=True,
    ),
    Case(
        "report-version-nul-note",
        "admin",
        "post",
        "/lanh-dao/bao-cao/lan/{version}/",
        200,
        {"action": "return", "note": NUL},
    ),
    Case(
        "report-version-return-without-reason",
        "admin",
        "post",
        "/lanh-dao/bao-cao/lan/{version}/",
        200,
        {"action": "return", "note": "   "},
        "Cần nêu lý do trả lại.",
        follow=True,
    ),
    Case("evidence-unknown", "monitor", "get", "/lanh-dao/bao-cao/minh-chung/999999/", 404),
]

# --- the plan API ---

API = [
    Case("targets-unknown-agency", "monitor", "get", "/api/v1/plan/targets?scope=agency:NOPE", 400),
    Case("targets-bogus-scope", "monitor", "get", "/api/v1/plan/targets?scope=bogus", 400),
    Case("targets-long-scope", "monitor", "get", f"/api/v1/plan/targets?scope={LONG}", 400),
    Case("targets-unknown-plan", "monitor", "get", "/api/v1/plan/targets?plan=NOPE", 404),
    Case("targets-citizen", "citizen", "get", "/api/v1/plan/targets", 403),
    Case("targets-post", "monitor", "post", "/api/v1/plan/targets", 405),
    Case("target-unknown", "monitor", "get", "/api/v1/plan/targets/NOPE", 404),
    Case("target-long", "monitor", "get", f"/api/v1/plan/targets/{LONG}", 404),
    Case(
        "target-feb-30", "monitor", "get", f"/api/v1/plan/targets/{COMPUTED}?from=2026-02-30", 400
    ),
    Case(
        "target-month-13", "monitor", "get", f"/api/v1/plan/targets/{COMPUTED}?to=2026-13-01", 400
    ),
    Case(
        "target-reversed",
        "monitor",
        "get",
        f"/api/v1/plan/targets/{COMPUTED}?from=2026-06-01&to=2026-01-01",
        400,
    ),
    Case(
        "target-centuries",
        "monitor",
        "get",
        f"/api/v1/plan/targets/{COMPUTED}?from=0001-01-01&to=9999-12-31",
        400,
    ),
    Case(
        "target-bogus-grid", "monitor", "get", f"/api/v1/plan/targets/{COMPUTED}?granularity=x", 400
    ),
    Case(
        "target-bogus-breakdown",
        "monitor",
        "get",
        f"/api/v1/plan/targets/{COMPUTED}?breakdown=x",
        400,
    ),
    Case(
        "target-bogus-period",
        "monitor",
        "get",
        f"/api/v1/plan/targets/{COMPUTED}?breakdown=agencies&period=2026-Q9",
        400,
    ),
    Case(
        "target-bogus-scope", "monitor", "get", f"/api/v1/plan/targets/{COMPUTED}?scope=bogus", 400
    ),
    Case("reports-unknown-target", "processing", "get", "/api/v1/plan/targets/NOPE/reports", 404),
    Case(
        "reports-submit-computed",
        "processing",
        "post",
        f"/api/v1/plan/targets/{COMPUTED}/reports",
        400,
        {"period": "2025", "value": "1"},
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "reports-submit-odd-value",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "1e309"},
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "reports-submit-bogus-period",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025-13-45", "value": "90"},
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "reports-submit-bogus-scope",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90", "scope": "bogus"},
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "reports-submit-nul-note",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90", "note": NUL},
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "reports-submit-no-evidence",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90"},
    ),
    Case(
        "reports-submit-evidence-too-big",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90"},
        TOO_BIG,
        files=lambda: {"evidence": big_pdf()},
        big=True,
    ),
    Case(
        "reports-submit-evidence-png-named-pdf",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90"},
        NAME_MISMATCH,
        files=lambda: {"evidence": png_named_pdf()},
    ),
    Case(
        "reports-submit-json",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        415,
        {"period": "2025", "value": "90"},
        extra={"json": True},
    ),
    Case("action-unknown", "admin", "post", "/api/v1/plan/reports/{version}/actions/bogus", 404),
    Case(
        "action-unknown-version", "admin", "post", "/api/v1/plan/reports/999999/actions/review", 404
    ),
    Case("action-get", "admin", "get", "/api/v1/plan/reports/{version}/actions/review", 405),
    Case(
        "action-odd-note",
        "admin",
        "post",
        "/api/v1/plan/reports/{version}/actions/return",
        400,
        {"note": ["a list"]},
        extra={"json": True},
    ),
    Case(
        "action-nul-note-json",
        "admin",
        "post",
        "/api/v1/plan/reports/{version}/actions/return",
        400,
        {"note": NUL},
        extra={"json": True},
    ),
    Case(
        "reports-submit-nul-scope",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90", "scope": "agency:H60.22" + "\x00"},
        "Dữ liệu không hợp lệ.",
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "reports-submit-unknown-scope",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90", "scope": "agency:NOPE"},
        "Phạm vi không hợp lệ.",
        files=lambda: {"evidence": report_pdf()},
    ),
    Case(
        "action-return-without-reason",
        "admin",
        "post",
        "/api/v1/plan/reports/{version}/actions/return",
        400,
        {"note": ""},
        "Cần nêu lý do trả lại.",
        extra={"json": True},
    ),
    Case(
        "action-approve-before-review",
        "admin",
        "post",
        "/api/v1/plan/reports/{version}/actions/approve",
        409,
        {"note": ""},
        extra={"json": True},
    ),
    Case(
        "action-citizen",
        "citizen",
        "post",
        "/api/v1/plan/reports/{version}/actions/review",
        403,
        {"note": ""},
        extra={"json": True},
    ),
    Case(
        "evidence-no-file", "processing", "post", "/api/v1/plan/reports/{version}/evidence", 400, {}
    ),
    Case(
        "evidence-too-big",
        "processing",
        "post",
        "/api/v1/plan/reports/{version}/evidence",
        400,
        {},
        TOO_BIG,
        files=lambda: {"file": big_pdf()},
        big=True,
    ),
    Case(
        "evidence-text-named-png",
        "processing",
        "post",
        "/api/v1/plan/reports/{version}/evidence",
        400,
        {},
        NOT_ACCEPTED,
        files=lambda: {"file": text_named_png()},
    ),
]
for _case in API:
    _case.api = True


@pytest.mark.parametrize("case", params("plan", PLAN))
def test_odd_input_answers_the_expected_status(world, odd_input_stage, case, settings):
    check_case(world, odd_input_stage, case, settings)


@pytest.mark.parametrize("case", params("api", API))
def test_odd_api_input_answers_the_expected_status(world, odd_input_stage, case, settings):
    check_case(world, odd_input_stage, case, settings)


# Every POST form of the leadership pages refuses a request without its CSRF token.
CSRF = [
    ("admin", "/lanh-dao/bao-cao/lan/{version}/", {"action": "review"}),
    ("processing", f"/lanh-dao/bao-cao/{LEGAL}/nhap/", {"period": "2025", "value": "1"}),
]


@pytest.mark.parametrize(("who", "url", "data"), CSRF, ids=[f"{w}:{u}" for w, u, _ in CSRF])
def test_post_forms_refuse_a_missing_csrf_token(world, odd_input_stage, who, url, data):
    check_missing_csrf_token(world, odd_input_stage, who, url, data)
