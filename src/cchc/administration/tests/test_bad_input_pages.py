"""No odd input produces a 500 on the administration's pages: each case states the exact
answer.

The machinery (the stage, how a case is sent and checked, NUL in form bodies) is shared:
`cchc_testkit.bad_input`.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc_testkit.bad_input import (
    LONG,
    NUL,
    PDF,
    Case,
    check_case,
    check_missing_csrf_token,
    params,
)

ADMINISTRATION = [
    Case("home-citizen", "citizen", "get", "/quan-tri-he-thong/", 403),
    Case("home-receiving", "receiving", "get", "/quan-tri-he-thong/", 403),
    Case("procedures-page-abc", "admin", "get", "/quan-tri-he-thong/thu-tuc/?trang=abc", 200),
    Case("procedures-page-negative", "admin", "get", "/quan-tri-he-thong/thu-tuc/?trang=-1", 200),
    Case(
        "procedures-odd-filters",
        "admin",
        "get",
        f"/quan-tri-he-thong/thu-tuc/?q={LONG}&linh_vuc=abc&cap=bogus&trang_thai=x",
        200,
    ),
    Case("procedures-nul", "admin", "get", "/quan-tri-he-thong/thu-tuc/?q=%00", 400),
    Case("procedures-post", "admin", "post", "/quan-tri-he-thong/thu-tuc/", 405),
    Case("procedure-unknown", "admin", "get", "/quan-tri-he-thong/thu-tuc/999999/", 404),
    Case(
        "procedure-create-long",
        "admin",
        "post",
        "/quan-tri-he-thong/thu-tuc/them/",
        400,
        {"code": LONG, "name": NUL},
    ),
    Case("fields-put", "admin", "put", "/quan-tri-he-thong/linh-vuc/", 405),
    Case("field-unknown", "admin", "get", "/quan-tri-he-thong/linh-vuc/999999/", 404),
    Case("export-put", "admin", "put", "/quan-tri-he-thong/thu-tuc/xuat/", 405),
    Case(
        "import-not-json",
        "admin",
        "post",
        "/quan-tri-he-thong/thu-tuc/nhap/",
        400,
        {},
        "Tệp không phải JSON hợp lệ",
        files=lambda: {"file": SimpleUploadedFile("danh-muc.json", b"{not json")},
    ),
    Case(
        "import-not-utf8",
        "admin",
        "post",
        "/quan-tri-he-thong/thu-tuc/nhap/",
        400,
        {},
        "Tệp không phải văn bản UTF-8.",
        files=lambda: {"file": SimpleUploadedFile("danh-muc.json", b"\xff\xfe{}")},
    ),
    Case(
        "import-pdf-named-json",
        "admin",
        "post",
        "/quan-tri-he-thong/thu-tuc/nhap/",
        400,
        {},
        "Tệp không phải JSON hợp lệ",
        files=lambda: {"file": SimpleUploadedFile("danh-muc.json", PDF)},
    ),
    Case(
        "import-wrong-schema",
        "admin",
        "post",
        "/quan-tri-he-thong/thu-tuc/nhap/",
        400,
        {},
        "Tệp phải theo lược đồ",
        files=lambda: {"file": SimpleUploadedFile("danh-muc.json", b'{"schema": "x"}')},
    ),
    Case(
        "import-nul-in-values",
        "admin",
        "post",
        "/quan-tri-he-thong/thu-tuc/nhap/",
        200,
        {},
        "bản ghi bị lỗi",
        files=lambda: {
            "file": SimpleUploadedFile(
                "danh-muc.json",
                b'{"schema": "cchc.catalogue/1", "procedures": '
                b'[{"code": "1.0\\u0000", "name": "a\\u0000b"}]}',
            )
        },
    ),
    Case("calendar-year-abc", "admin", "get", "/quan-tri-he-thong/lich-lam-viec/?nam=abc", 200),
    Case("calendar-year-negative", "admin", "get", "/quan-tri-he-thong/lich-lam-viec/?nam=-1", 200),
    Case(
        "calendar-year-huge",
        "admin",
        "get",
        "/quan-tri-he-thong/lich-lam-viec/?nam=" + "9" * 400,
        200,
    ),
    Case(
        "override-suggested-feb-30",
        "admin",
        "get",
        "/quan-tri-he-thong/lich-lam-viec/them/?ngay=2026-02-30",
        200,
    ),
    Case(
        "override-feb-30",
        "admin",
        "post",
        "/quan-tri-he-thong/lich-lam-viec/them/",
        400,
        {"date": "2026-02-30", "kind": "day_off", "reason": "x"},
        "Nhập một ngày hợp lệ",
    ),
    Case(
        "override-month-13",
        "admin",
        "post",
        "/quan-tri-he-thong/lich-lam-viec/them/",
        400,
        {"date": "2026-13-01", "kind": "bogus", "reason": NUL},
        "Nhập một ngày hợp lệ",
    ),
    Case("override-unknown", "admin", "get", "/quan-tri-he-thong/lich-lam-viec/999999/", 404),
    Case(
        "override-delete-unknown",
        "admin",
        "post",
        "/quan-tri-he-thong/lich-lam-viec/999999/xoa/",
        404,
    ),
    Case("override-put", "admin", "put", "/quan-tri-he-thong/lich-lam-viec/them/", 405),
    Case("agencies-page-abc", "admin", "get", "/quan-tri-he-thong/co-quan/?trang=abc", 200),
    Case(
        "agencies-odd-filters",
        "admin",
        "get",
        f"/quan-tri-he-thong/co-quan/?loai=bogus&q={LONG}&trang=-1",
        200,
    ),
    Case("agency-unknown", "admin", "get", "/quan-tri-he-thong/co-quan/999999/", 404),
    Case(
        "agency-create-odd",
        "admin",
        "post",
        "/quan-tri-he-thong/co-quan/them/",
        400,
        {"code": NUL, "name": LONG, "kind": "bogus", "unit": "abc"},
    ),
    Case(
        "staff-odd-filters",
        "admin",
        "get",
        f"/quan-tri-he-thong/can-bo/?vai_tro=bogus&trang_thai=x&q={LONG}&trang=abc",
        200,
    ),
    Case("staff-unknown", "admin", "get", "/quan-tri-he-thong/can-bo/999999/", 404),
    Case(
        "staff-create-odd",
        "admin",
        "post",
        "/quan-tri-he-thong/can-bo/them/",
        400,
        {"username": NUL, "full_name": LONG, "email": "x", "role": "bogus"},
    ),
    Case(
        "staff-remove-unknown-assignment",
        "admin",
        "post",
        "/quan-tri-he-thong/can-bo/{receiving_pk}/vai-tro/999999/go/",
        404,
    ),
    Case(
        "staff-password-unknown",
        "admin",
        "post",
        "/quan-tri-he-thong/can-bo/999999/mat-khau/",
        404,
    ),
]


@pytest.mark.parametrize("case", params("administration", ADMINISTRATION))
def test_odd_input_answers_the_expected_status(world, odd_input_stage, case, settings):
    check_case(world, odd_input_stage, case, settings)


# Every POST form of the administration refuses a request without its CSRF token.
CSRF = [
    ("admin", "/quan-tri-he-thong/lich-lam-viec/them/", {"date": "2026-05-02"}),
    ("admin", "/quan-tri-he-thong/can-bo/{receiving_pk}/trang-thai/", {"active": "0"}),
    ("admin", "/quan-tri-he-thong/thu-tuc/nhap/", {}),
]


@pytest.mark.parametrize(("who", "url", "data"), CSRF, ids=[f"{w}:{u}" for w, u, _ in CSRF])
def test_post_forms_refuse_a_missing_csrf_token(world, odd_input_stage, who, url, data):
    check_missing_csrf_token(world, odd_input_stage, who, url, data)
