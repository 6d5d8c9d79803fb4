"""Statuses, channels and actions of the dossier engine (DOMAIN.md §2, §5). Early / on time /
late is the one `Timeliness` enum of `workcalendar`, beside the rule that decides it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.workcalendar.constants import Timeliness


class Status(models.IntegerChoices):
    """TrangThaiHoSo, the national portal's public status codes."""

    NEW = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT = 5, _("Yêu cầu bổ sung giấy tờ")
    PAYMENT = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    FINISHED = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


CLOSED_STATUSES = (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED)
OPEN_STATUSES = tuple(s for s in Status if s not in CLOSED_STATUSES)


class Channel(models.IntegerChoices):
    """KenhThucHien."""

    IN_PERSON = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POST = 3, _("Dịch vụ bưu chính công ích")


class OnlinePayment(models.IntegerChoices):
    """DuocThanhToanTrucTuyen."""

    NONE = 0, _("Không")
    NATIONAL_PORTAL = 1, _("Qua Cổng DVC quốc gia")
    PROVINCIAL_GATEWAY = 2, _("Qua nền tảng thanh toán của tỉnh")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Nộp hồ sơ")
    RECEIVE = "receive", _("Tiếp nhận")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    FORWARD = "forward", _("Chuyển bước tiếp theo")
    SEND_BACK = "send_back", _("Trả lại bước trước")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung")
    COMPLETE_SUPPLEMENT = "complete_supplement", _("Hoàn thành bổ sung")
    REQUEST_PAYMENT = "request_payment", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    CONFIRM_PAYMENT = "confirm_payment", _("Đã thực hiện nghĩa vụ tài chính")
    EXEMPT_FEE = "exempt_fee", _("Miễn nộp phí, lệ phí")
    WITHDRAW = "withdraw", _("Rút hồ sơ")
    STOP = "stop", _("Dừng xử lý")
    APOLOGISE = "apologise", _("Xin lỗi và hẹn lại ngày trả")
    APPROVE = "approve", _("Phê duyệt")
    ATTACH_RESULT = "attach_result", _("Cập nhật kết quả")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    ADD_DOCUMENT = "add_document", _("Thêm tài liệu")
    RATE = "rate", _("Đánh giá mức độ hài lòng")
    IMPORT = "import", _("Nhập từ hệ thống cũ")


__all__ = [
    "CLOSED_STATUSES",
    "Action",
    "Channel",
    "DocumentKind",
    "FeeState",
    "OnlinePayment",
    "Status",
    "Timeliness",
]


class DocumentKind(models.TextChoices):
    SUBMITTED = "submitted", _("Thành phần hồ sơ")
    SUPPLEMENT = "supplement", _("Tài liệu bổ sung")
    RESULT = "result", _("Kết quả giải quyết")


class FeeState(models.TextChoices):
    """Where the dossier stands with its fees (DOMAIN.md §2: fees are part of the flow)."""

    NONE = "", _("Không phát sinh")
    DUE = "due", _("Chờ nộp phí, lệ phí")
    PAID = "paid", _("Đã nộp phí, lệ phí")
    EXEMPT = "exempt", _("Được miễn phí, lệ phí")
