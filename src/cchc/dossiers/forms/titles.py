"""The one table of the forms of Circular 03/2025/TT-VPCP (Annex I; DOMAIN.md §2).

Every title printed on a form and every label of a button that prints one comes from here::

    from cchc.dossiers.forms import FORMS, form_label, form_title

    FORMS["04"].title   # "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    form_label("01")    # "Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)", in the active language

Titles are part of legal documents and stay Vietnamese; labels are interface text and go
through gettext.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LEGAL_BASIS = "Thông tư số 03/2025/TT-VPCP"


@dataclass(frozen=True)
class FormInfo:
    """One form of the Circular's annex."""

    number: str  # "01" … "07"
    title: str  # the official title, upper case, as printed on the form
    name: str  # the same in sentence case, as the Circular lists it ("Mẫu số 01: …")
    label: Promise  # short label for buttons and links, translated
    pdf: bool  # printed as PDF by render_form (01–06); 07 is the xlsx register

    def __str__(self) -> str:
        return self.name


FORMS: dict[str, FormInfo] = {
    info.number: info
    for info in (
        FormInfo(
            "01",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            _("Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)"),
            pdf=True,
        ),
        FormInfo(
            "02",
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)"),
            pdf=True,
        ),
        FormInfo(
            "03",
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
            _("Phiếu từ chối tiếp nhận (mẫu 03)"),
            pdf=True,
        ),
        FormInfo(
            "04",
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
            _("Văn bản xin lỗi và đề nghị gia hạn (mẫu 04)"),
            pdf=True,
        ),
        FormInfo(
            "05",
            "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
            "Thông báo dừng giải quyết hồ sơ",
            _("Thông báo dừng giải quyết hồ sơ (mẫu 05)"),
            pdf=True,
        ),
        FormInfo(
            "06",
            "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
            "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            _("Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 06)"),
            pdf=True,
        ),
        FormInfo(
            "07",
            "SỔ THEO DÕI HỒ SƠ",
            "Sổ theo dõi hồ sơ",
            _("Sổ theo dõi hồ sơ (mẫu 07)"),
            pdf=False,
        ),
    )
}

# The PDF forms' printed titles by number (kept for callers that only need to know which
# numbers render_form accepts).
FORM_TITLES: dict[str, str] = {number: f.title for number, f in FORMS.items() if f.pdf}


def form_title(number: str | int) -> str:
    """The official upper-case title of form `number` ("1", "01" or 1); KeyError if none."""
    return FORMS[str(number).zfill(2)].title


def form_label(number: str | int) -> str:
    """The short button label of form `number`, in the active language; KeyError if none."""
    return str(FORMS[str(number).zfill(2)].label)
