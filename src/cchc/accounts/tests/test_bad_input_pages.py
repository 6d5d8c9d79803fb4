"""No odd input produces a 500 on the account pages (signed out): each case states the exact
answer.

The machinery (the stage, how a case is sent and checked, NUL in form bodies) is shared:
`cchc_testkit.bad_input`.
"""

from __future__ import annotations

import pytest

from cchc_testkit.bad_input import (
    LONG,
    NUL,
    Case,
    check_case,
    check_missing_csrf_token,
    params,
)

ACCOUNTS = [
    Case(
        "login-nul",
        None,
        "post",
        "/tai-khoan/dang-nhap/",
        200,
        {"username": NUL, "password": NUL},
    ),
    Case(
        "login-long",
        None,
        "post",
        "/tai-khoan/dang-nhap/",
        200,
        {"username": LONG, "password": LONG},
    ),
    Case("login-long-next", None, "get", f"/tai-khoan/dang-nhap/?next={LONG}", 200),
    Case("logout-get", None, "get", "/tai-khoan/dang-xuat/", 405),
    Case(
        "register-odd",
        None,
        "post",
        "/tai-khoan/dang-ky/",
        400,
        {"applicant_kind": "abc", "full_name": NUL, "national_id": LONG, "phone": LONG},
    ),
    Case("register-put", None, "put", "/tai-khoan/dang-ky/", 405),
    Case(
        "reset-request-nul",
        None,
        "post",
        "/tai-khoan/quen-mat-khau/",
        200,
        {"login": NUL},
    ),
    Case(
        "reset-request-long",
        None,
        "post",
        "/tai-khoan/quen-mat-khau/",
        200,
        {"login": LONG},
        "tối đa 20 kí tự",
    ),
    Case(
        "reset-confirm-odd",
        None,
        "post",
        "/tai-khoan/dat-lai-mat-khau/",
        400,
        {"code": NUL, "password1": LONG, "password2": "x"},
    ),
    Case("reset-confirm-delete", None, "delete", "/tai-khoan/dat-lai-mat-khau/", 405),
    Case("after-login-signed-out", None, "get", "/tai-khoan/vao/", 302),
]


@pytest.mark.parametrize("case", params("accounts", ACCOUNTS))
def test_odd_input_answers_the_expected_status(world, odd_input_stage, case, settings):
    check_case(world, odd_input_stage, case, settings)


# Every POST form of the accounts refuses a request without its CSRF token.
CSRF = [
    (None, "/tai-khoan/dang-nhap/", {"username": "congdan", "password": "pw-congdan"}),
    (None, "/tai-khoan/dang-ky/", {"full_name": "A"}),
    (None, "/tai-khoan/quen-mat-khau/", {"login": "008190001234"}),
    (None, "/tai-khoan/dat-lai-mat-khau/", {"code": "123456"}),
]


@pytest.mark.parametrize(("who", "url", "data"), CSRF, ids=[f"{w}:{u}" for w, u, _ in CSRF])
def test_post_forms_refuse_a_missing_csrf_token(world, odd_input_stage, who, url, data):
    check_missing_csrf_token(world, odd_input_stage, who, url, data)
