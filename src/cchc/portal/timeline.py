"""The dossier's history and the applicant's next step, in plain words for citizens. Each
line comes from the action's spec (`cchc.dossiers.workflow`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cchc.dossiers.constants import FeeState, Status
from cchc.dossiers.models import Dossier
from cchc.dossiers.workflow import timeline_text
from cchc.dossiers.workflow.common import when as _when


@dataclass(frozen=True)
class Entry:
    at: str
    text: str
    note: str = ""


def citizen_timeline(dossier: Dossier) -> list[Entry]:
    events = dossier.events.select_related("to_agency").order_by("seq")
    return [Entry(_when(e.at), *timeline_text(e, dossier)) for e in events]


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
            from cchc.dossiers.workflow.request_payment import fee_total

            return _(
                "Ông/bà cần nộp phí, lệ phí %(amount)s đồng để cơ quan tiếp tục giải quyết."
            ) % {"amount": f"{fee_total(dossier):,}".replace(",", ".")}
        case Status.FINISHED:
            if dossier.fee_state == FeeState.DUE:
                return _("Kết quả đã sẵn sàng; ông/bà cần nộp phí, lệ phí trước khi nhận.")
            return _(
                "Kết quả đã sẵn sàng. Ông/bà có thể tải kết quả điện tử hoặc nhận tại nơi nộp hồ sơ."
            )
        case Status.RETURNED:
            return _("Đã trả kết quả. Mời ông/bà đánh giá mức độ hài lòng.")
    return _("Hồ sơ đã kết thúc.")
