"""One function per transition of the table in `workflow.py` (DOMAIN.md §2–§3)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.catalogue.constants import DurationUnit
from cchc.catalogue.models import Procedure
from cchc.workcalendar.calendar import WorkCalendar

from ..constants import Action, OnlinePayment, Status
from ..deadlines import legal_due
from ..errors import InvalidInput
from ..models import Dossier, DossierFee, SupplementRequest
from .door import DossierRef, enter_step, leave_step, template_steps, transition


def _closing(reason: str) -> Callable[[Dossier, datetime.datetime, WorkCalendar], dict[str, Any]]:
    """The change shared by refusal, withdrawal and stop: the dossier closes with a reason."""

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        d.refusal_reason = reason
        d.closed_at = at
        return {}

    return apply


def receive(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    """Tiếp nhận: the legal clock starts (§3), the first step of the template begins."""

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        d.received_at = at
        d.due_at = d.original_due_at = legal_due(d.procedure, at, cal)
        if template_steps(d):
            enter_step(d, 0, at, cal)
        return {}

    return transition(dossier, Action.RECEIVE, user, at=at, note=note, apply=apply)


def refuse(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Từ chối tiếp nhận (form 03)."""
    _require(reason, _("Vui lòng nêu lý do từ chối."))
    return transition(dossier, Action.REFUSE, user, at=at, note=reason, apply=_closing(reason))


def forward(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    """Hand the dossier to the next step of its template, possibly in another agency."""

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        fields = leave_step(d, at, cal)
        enter_step(d, (d.step_index or 0) + 1, at, cal)
        return fields

    return transition(dossier, Action.FORWARD, user, at=at, note=note, apply=apply)


def request_supplement(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Yêu cầu bổ sung (form 02): the clock stops; a second request makes the dossier late."""
    _require(reason, _("Vui lòng nêu nội dung cần bổ sung."))

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        d.supplement_count += 1
        d.paused_at = at
        SupplementRequest.objects.create(
            dossier=d, requested_at=at, due_before=d.due_at, reason=reason
        )
        return {}

    return transition(dossier, Action.REQUEST_SUPPLEMENT, user, at=at, note=reason, apply=apply)


def _resume_unit(procedure: Procedure) -> str:
    if procedure.duration_unit == DurationUnit.CALENDAR_DAYS:
        return DurationUnit.CALENDAR_DAYS
    return DurationUnit.WORKING_HOURS


def complete_supplement(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    """The applicant supplemented: the paused time is not charged to the agency (§2)."""

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        paused = d.paused_at or at
        if d.due_at is not None:
            d.due_at = cal.resume_due(d.due_at, paused, at, _resume_unit(d.procedure))
        if d.step_due_at is not None:
            d.step_due_at = cal.resume_due(d.step_due_at, paused, at, DurationUnit.WORKING_HOURS)
        d.paused_at = None
        SupplementRequest.objects.filter(dossier=d, completed_at__isnull=True).update(
            completed_at=at, due_after=d.due_at
        )
        return {}

    return transition(dossier, Action.COMPLETE_SUPPLEMENT, user, at=at, note=note, apply=apply)


def request_payment(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    """Ask the applicant to pay (status 6). The fees due are recorded on the dossier from the
    catalogue's fee lines (DanhSachLePhi, DOMAIN.md §5), once: they are the dossier's fee data
    that indicators 3.5 and 3.6 read (DOMAIN.md §6)."""

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        if not DossierFee.objects.filter(dossier=d).exists():
            DossierFee.objects.bulk_create(
                DossierFee(dossier=d, name=line.name[:300], code=line.code, amount=line.amount)
                for line in d.procedure.fees.all()
            )
        return {}

    return transition(dossier, Action.REQUEST_PAYMENT, user, at=at, note=note, apply=apply)


def confirm_payment(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    online: int = OnlinePayment.NONE,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    """The fees were paid (HinhThucThu: online through a payment platform, or at the counter)."""

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        if online:
            d.paid_online = online
        DossierFee.objects.filter(dossier=d, method="").update(
            method="Trực tuyến" if online else "Trực tiếp"
        )
        return {}

    return transition(dossier, Action.CONFIRM_PAYMENT, user, at=at, note=note, apply=apply)


def withdraw(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str = "",
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Rút hồ sơ, at the applicant's request."""
    return transition(dossier, Action.WITHDRAW, user, at=at, note=reason, apply=_closing(reason))


def stop(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Dừng xử lý (form 05)."""
    _require(reason, _("Vui lòng nêu lý do dừng xử lý."))
    return transition(dossier, Action.STOP, user, at=at, note=reason, apply=_closing(reason))


def apologise(
    dossier: Dossier | int | DossierRef,
    user: Any,
    new_due: datetime.datetime,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    """Văn bản xin lỗi và hẹn lại ngày trả (form 04): an explicit extension of the due date."""
    _require(reason, _("Vui lòng nêu lý do xin lỗi, gia hạn."))
    if timezone.is_naive(new_due):
        raise InvalidInput(_("Ngày hẹn mới phải có múi giờ."))

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        if d.due_at is not None and new_due <= d.due_at:
            raise InvalidInput(_("Ngày hẹn trả mới phải sau ngày hẹn hiện tại."))
        if new_due <= at:
            raise InvalidInput(_("Ngày hẹn trả mới phải ở tương lai."))
        d.due_at = new_due
        d.apology_count += 1
        return {}

    return transition(dossier, Action.APOLOGISE, user, at=at, note=reason, apply=apply)


def approve(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    """Phê duyệt: processing is finished (status 9), the result is ready."""

    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        fields = leave_step(d, at, cal)
        d.finished_at = at
        d.step_name = str(Status.FINISHED.label)
        d.step_due_at = None
        d.current_agency_id = d.intake_agency_id  # the result goes back to where it was received
        return fields

    return transition(dossier, Action.APPROVE, user, at=at, note=note, apply=apply)


def return_result(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        d.returned_at = d.closed_at = at
        d.step_name = str(Status.RETURNED.label)
        return {}

    return transition(dossier, Action.RETURN_RESULT, user, at=at, note=note, apply=apply)


def _require(text: str, message: str) -> None:
    if not text or not text.strip():
        raise InvalidInput(message)
