"""The dossier's history and the applicant's next step, in plain words for citizens."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.dossiers.constants import Action, Channel, Status
from cchc.dossiers.models import Dossier, DossierEvent


@dataclass(frozen=True)
class Entry:
    at: str
    text: str
    note: str = ""


def _when(value: object) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""  # type: ignore[arg-type]


def _describe(event: DossierEvent, dossier: Dossier) -> str:
    to_agency = event.to_agency.name if event.to_agency_id and event.to_agency else ""
    match event.action:
        case Action.SUBMIT:
            if dossier.channel == Channel.ONLINE:
                return _("Ông/bà đã nộp hồ sơ trực tuyến.")
            return _("Hồ sơ được nộp tại %(agency)s.") % {"agency": to_agency}
        case Action.RECEIVE:
            return _("Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: %(due)s.") % {
                "due": _when(event.due_at)
            }
        case Action.REFUSE:
            return _("Hồ sơ không được tiếp nhận.")
        case Action.FORWARD:
            return _("Hồ sơ được chuyển sang bước “%(step)s” tại %(agency)s.") % {
                "step": event.to_step or "—",
                "agency": to_agency or "—",
            }
        case Action.REQUEST_SUPPLEMENT:
            return _("Cơ quan yêu cầu bổ sung giấy tờ; thời gian giải quyết tạm dừng.")
        case Action.COMPLETE_SUPPLEMENT:
            return _("Đã bổ sung giấy tờ. Ngày hẹn trả mới: %(due)s.") % {
                "due": _when(event.due_at)
            }
        case Action.REQUEST_PAYMENT:
            return _("Cơ quan đề nghị nộp phí, lệ phí hoặc nghĩa vụ tài chính.")
        case Action.CONFIRM_PAYMENT:
            return _("Đã ghi nhận việc nộp phí, lệ phí.")
        case Action.WITHDRAW:
            return _("Hồ sơ đã được rút theo yêu cầu.")
        case Action.STOP:
            return _("Hồ sơ bị dừng xử lý.")
        case Action.APOLOGISE:
            return _("Cơ quan xin lỗi vì chậm trễ và hẹn lại ngày trả: %(due)s.") % {
                "due": _when(event.due_at)
            }
        case Action.APPROVE:
            return _("Hồ sơ đã được giải quyết xong; kết quả sẵn sàng.")
        case Action.ATTACH_RESULT:
            return _("Kết quả giải quyết đã được cập nhật.")
        case Action.RETURN_RESULT:
            return _("Đã trả kết quả.")
        case Action.IMPORT:
            return _("Hồ sơ được chuyển từ hệ thống cũ.")
    return event.get_action_display()


_NOTE_SHOWN = {
    Action.REFUSE,
    Action.REQUEST_SUPPLEMENT,
    Action.STOP,
    Action.APOLOGISE,
    Action.REQUEST_PAYMENT,
}


def citizen_timeline(dossier: Dossier) -> list[Entry]:
    events = dossier.events.select_related("to_agency").order_by("seq")
    return [
        Entry(_when(e.at), _describe(e, dossier), e.note if e.action in _NOTE_SHOWN else "")
        for e in events
    ]


def next_step_for_applicant(dossier: Dossier) -> str:
    """What the applicant is expected to do now, or what they are waiting for."""
    match dossier.status:
        case Status.NEW:
            return _("Đang chờ cán bộ tiếp nhận hồ sơ. Ông/bà chưa cần làm gì thêm.")
        case Status.RECEIVED | Status.PROCESSING:
            return _("Cơ quan đang giải quyết hồ sơ. Hạn trả kết quả: %(due)s.") % {
                "due": _when(dossier.due_at)
            }
        case Status.SUPPLEMENT:
            return _("Ông/bà cần bổ sung giấy tờ theo yêu cầu dưới đây, rồi bấm “Gửi bổ sung”.")
        case Status.PAYMENT:
            return _("Ông/bà cần nộp phí, lệ phí để cơ quan tiếp tục giải quyết.")
        case Status.FINISHED:
            return _(
                "Kết quả đã sẵn sàng. Ông/bà có thể tải kết quả điện tử hoặc nhận tại nơi nộp hồ sơ."
            )
        case Status.RETURNED:
            return _("Đã trả kết quả. Mời ông/bà đánh giá mức độ hài lòng.")
    return _("Hồ sơ đã kết thúc.")
