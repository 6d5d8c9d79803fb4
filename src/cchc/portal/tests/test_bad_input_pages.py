"""No odd input produces a 500 on the pages added with the portal, the back office, the
administration, the accounts and the plan, nor on the plan and 766-index APIs.

Every case states the exact answer: a 4xx, or a page (200 directly or after the redirect a form
makes) carrying a Vietnamese message. NUL characters in a query string are refused by
`RejectNulMiddleware`; in a form body they must be refused by the form (never reach
PostgreSQL, which cannot store them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from rest_framework.test import APIClient

from cchc.dossiers import services
from cchc.dossiers.constants import DocumentKind, Status
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc.dossiers.tests.world import World, vn
from cchc.plan import reports
from cchc.plan.loader import PLANS_DIR, load_plan
from cchc.plan.periods import Period

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
LONG = "a" * 10_000
NUL = "a\x00b"
LEGAL = "1.legal-documents-compliant-2025"  # reported yearly by Sở Tư pháp (world.processing)
COMPUTED = "2.online-dossiers-2030"
PERIOD = "from=2026-01-01&to=2026-03-31"

TOO_BIG = "vượt quá dung lượng cho phép"
NAME_MISMATCH = "Tên tệp không khớp với nội dung tệp"
NOT_ACCEPTED = "Chỉ chấp nhận tệp PDF, JPEG hoặc PNG"


def big_pdf(name: str = "lon.pdf") -> SimpleUploadedFile:
    """A real PDF header followed by more than 1 MB (the limit the upload cases set)."""
    return SimpleUploadedFile(name, PDF + b"0" * (1024 * 1024 + 10), "application/pdf")


def png_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("to-khai.pdf", PNG, "application/pdf")


def text_named_png() -> SimpleUploadedFile:
    return SimpleUploadedFile("anh.png", b"just some text, not an image", "image/png")


@dataclass
class Case:
    """One odd request. `url` may name {mine} (the citizen's own dossier, status supplement),
    {office} (a dossier received at the province centre) and {version} (a submitted report)."""

    id: str
    who: str | None  # attribute of World; None: signed out
    method: str
    url: str
    status: int
    data: Any = None
    text: str = ""  # must appear in the answer (after redirects when follow)
    follow: bool = False
    files: Any = None  # a callable returning {name: upload}, merged into data (multipart)
    api: bool = False
    big: bool = False  # UPLOAD_MAX_MB=1
    extra: dict = field(default_factory=dict)


# --- the citizens' portal -------------------------------------------------------------------

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

# --- the back office ------------------------------------------------------------------------

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

# --- the administration ----------------------------------------------------------------------

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

# --- accounts (signed out) ----------------------------------------------------------------

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

# --- the plan's pages (leadership) -------------------------------------------------------

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
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
    ),
    Case(
        "report-submit-nan",
        "processing",
        "post",
        f"/lanh-dao/bao-cao/{LEGAL}/nhap/",
        200,
        {"period": "2025", "value": "NaN"},
        "Nhập một số.",
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
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

# --- the APIs: 766 index and the plan -------------------------------------------------------

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
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
    ),
    Case(
        "reports-submit-odd-value",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "1e309"},
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
    ),
    Case(
        "reports-submit-bogus-period",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025-13-45", "value": "90"},
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
    ),
    Case(
        "reports-submit-bogus-scope",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90", "scope": "bogus"},
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
    ),
    Case(
        "reports-submit-nul-note",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90", "note": NUL},
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
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
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
    ),
    Case(
        "reports-submit-unknown-scope",
        "processing",
        "post",
        f"/api/v1/plan/targets/{LEGAL}/reports",
        400,
        {"period": "2025", "value": "90", "scope": "agency:NOPE"},
        "Phạm vi không hợp lệ.",
        files=lambda: {"evidence": SimpleUploadedFile("bao-cao.pdf", PDF)},
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

CASES = [
    *(pytest.param(c, id=f"portal:{c.id}") for c in PORTAL),
    *(pytest.param(c, id=f"office:{c.id}") for c in OFFICE),
    *(pytest.param(c, id=f"administration:{c.id}") for c in ADMINISTRATION),
    *(pytest.param(c, id=f"accounts:{c.id}") for c in ACCOUNTS),
    *(pytest.param(c, id=f"plan:{c.id}") for c in PLAN),
    *(pytest.param(c, id=f"api:{c.id}") for c in API),
]


# --- the stage every case plays on -----------------------------------------------------------


@pytest.fixture
def stage(world: World) -> dict[str, Any]:
    """The citizen's dossier waiting for a supplement, a dossier received at the province
    centre, a submitted report, and the citizen's draft with the applicant step done."""
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
        plan.targets.get(key=LEGAL),
        world.processing,
        Period.year(2025),
        "90",
        [SimpleUploadedFile("bao-cao.pdf", PDF)],
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
    client = APIClient() if case.api else Client()
    user = getattr(world, case.who) if case.who else None
    if user is not None:
        if case.api:
            client.force_authenticate(user)
        else:
            client.force_login(user)
    return client


def _send(world: World, stage: dict[str, Any], case: Case) -> Any:
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
    send = getattr(client, case.method)
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
    return send(url, **kwargs)


def _form_with_nul(case: Case) -> bool:
    """A NUL in a submitted form field is refused by `RejectNulMiddleware` before any view."""
    data = case.data if isinstance(case.data, dict) else {}
    return (
        case.method == "post"
        and not case.extra.get("json")
        and any("\x00" in str(k) or "\x00" in str(v) for k, v in data.items())
    )


@pytest.mark.parametrize("case", CASES)
def test_odd_input_answers_the_expected_status(world, stage, case, settings):
    if case.big:
        settings.UPLOAD_MAX_MB = 1
    response = _send(world, stage, case)
    body = response.content.decode(errors="replace")
    status, text = (
        (400, "Dữ liệu không hợp lệ") if _form_with_nul(case) else (case.status, case.text)
    )
    assert response.status_code == status, (case.id, response.status_code, body[:1500])
    if text:
        assert text in body, (case.id, body[:3000])


def test_a_nul_supplement_note_leaves_the_dossier_waiting(world, stage):
    """The refused note must not half-complete the supplement."""
    test_odd_input_answers_the_expected_status(
        world, stage, next(c for c in PORTAL if c.id == "supplement-done-nul-note"), None
    )
    assert Dossier.objects.get(code=stage["mine"]).status == Status.SUPPLEMENT


# --- CSRF: every POST form refuses a request without its token -------------------------------

CSRF = [
    ("citizen", "/thu-tuc/1.000001/nop/", {"name": "A", "phone": "0912345678", "address": "x"}),
    ("citizen", "/thu-tuc/1.000001/nop/giay-to/", {"remove": "1"}),
    ("citizen", "/thu-tuc/1.000001/nop/xem-lai/", {}),
    ("citizen", "/ho-so-cua-toi/{mine}/rut/", {"reason": "Nộp nhầm"}),
    ("citizen", "/ho-so-cua-toi/{mine}/bo-sung/", {"done": "1"}),
    ("citizen", "/ho-so-cua-toi/{mine}/danh-gia/", {"level": "3"}),
    ("receiving", "/mot-cua/tiep-nhan/?thu_tuc=1.000001", {"decision": "receive"}),
    ("receiving", "/mot-cua/ho-so/{office}/thao-tac/forward/", {"forward-note": ""}),
    ("admin", "/quan-tri-he-thong/lich-lam-viec/them/", {"date": "2026-05-02"}),
    ("admin", "/quan-tri-he-thong/can-bo/{receiving_pk}/trang-thai/", {"active": "0"}),
    ("admin", "/quan-tri-he-thong/thu-tuc/nhap/", {}),
    ("admin", "/lanh-dao/bao-cao/lan/{version}/", {"action": "review"}),
    ("processing", f"/lanh-dao/bao-cao/{LEGAL}/nhap/", {"period": "2025", "value": "1"}),
    (None, "/tai-khoan/dang-nhap/", {"username": "congdan", "password": "pw-congdan"}),
    (None, "/tai-khoan/dang-ky/", {"full_name": "A"}),
    (None, "/tai-khoan/quen-mat-khau/", {"login": "008190001234"}),
    (None, "/tai-khoan/dat-lai-mat-khau/", {"code": "123456"}),
]


@pytest.mark.parametrize(("who", "url", "data"), CSRF, ids=[f"{w}:{u}" for w, u, _ in CSRF])
def test_post_forms_refuse_a_missing_csrf_token(world, stage, who, url, data):
    client = Client(enforce_csrf_checks=True)
    if who:
        client.force_login(getattr(world, who))
    response = client.post(url.format(**stage), data)
    assert response.status_code == 403, (url, response.status_code)
    dossier = Dossier.objects.get(code=stage["mine"])
    assert dossier.status == Status.SUPPLEMENT  # nothing happened


@override_settings(UPLOAD_MAX_MB=1)
def test_a_huge_upload_stores_nothing(world, stage):
    client = Client()
    client.force_login(world.citizen)
    response = client.post("/thu-tuc/1.000001/nop/giay-to/", {"file": big_pdf()})
    assert response.status_code == 400
    from cchc.portal.models import Draft

    assert not Draft.objects.get(user=world.citizen).files.exists()
