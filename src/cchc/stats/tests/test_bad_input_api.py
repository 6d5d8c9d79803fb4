"""No odd input produces a 500 on the Decision 766 index API: each case states the exact
answer.

The machinery (the stage, how a case is sent and checked, NUL in form bodies) is shared:
`cchc_testkit.bad_input`.
"""

from __future__ import annotations

import pytest

from cchc_testkit.bad_input import (
    LONG,
    PERIOD,
    Case,
    check_case,
    params,
)

API = [
    Case("766-feb-30", "admin", "get", "/api/v1/indices/766?from=2026-02-30&to=2026-03-31", 400),
    Case("766-month-13", "admin", "get", "/api/v1/indices/766?from=2026-13-01&to=2026-12-31", 400),
    Case("766-reversed", "admin", "get", "/api/v1/indices/766?from=2026-03-31&to=2026-01-01", 400),
    Case("766-missing-dates", "admin", "get", "/api/v1/indices/766", 400),
    Case("766-long-date", "admin", "get", f"/api/v1/indices/766?from={LONG}&to=2026-01-01", 400),
    Case(
        "766-unknown-agency", "admin", "get", f"/api/v1/indices/766?{PERIOD}&scope=agency:NOPE", 404
    ),
    Case("766-unknown-unit", "admin", "get", f"/api/v1/indices/766?{PERIOD}&scope=unit:99999", 404),
    Case("766-bogus-scope", "admin", "get", f"/api/v1/indices/766?{PERIOD}&scope=bogus", 400),
    Case("766-long-scope", "admin", "get", f"/api/v1/indices/766?{PERIOD}&scope={LONG}", 400),
    Case("766-nul-scope", "admin", "get", f"/api/v1/indices/766?{PERIOD}&scope=agency:%00", 400),
    Case(
        "766-other-agency",
        "processing",
        "get",
        f"/api/v1/indices/766?{PERIOD}&scope=agency:H60.1",
        403,
    ),
    Case("766-citizen", "citizen", "get", f"/api/v1/indices/766?{PERIOD}", 403),
    Case("766-signed-out", None, "get", f"/api/v1/indices/766?{PERIOD}", 401),
    Case("766-post", "admin", "post", f"/api/v1/indices/766?{PERIOD}", 405),
    Case(
        "ranking-bogus-level", "admin", "get", f"/api/v1/indices/766/ranking?{PERIOD}&level=x", 400
    ),
    Case(
        "ranking-reversed",
        "admin",
        "get",
        "/api/v1/indices/766/ranking?from=2026-12-31&to=2026-01-01",
        400,
    ),
    Case(
        "ranking-feb-30",
        "admin",
        "get",
        "/api/v1/indices/766/ranking?from=2026-02-30&to=2026-03-01",
        400,
    ),
    Case("ranking-delete", "admin", "delete", f"/api/v1/indices/766/ranking?{PERIOD}", 405),
]
for _case in API:
    _case.api = True


@pytest.mark.parametrize("case", params("api", API))
def test_odd_input_answers_the_expected_status(world, odd_input_stage, case, settings):
    check_case(world, odd_input_stage, case, settings)
