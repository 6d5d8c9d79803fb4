"""Xin lỗi và hẹn lại ngày trả kết quả — the apology with a new date (form 04): sent
**before** the due date, at most once per dossier (DOMAIN.md §2). It is the one explicit
extension of the due date."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import Action, Status
from ..errors import InvalidInput, InvalidTransition
from ..models import Dossier
from .common import require_note, when
from .door import DossierRef, perform
from .inputs import ApologiseForm, ApologyInput
from .rules import R, at_current
from .spec import ActionSpec, Context


def _guard(ctx: Context) -> None:
    d = ctx.dossier
    if d.apology_count >= 1:
        raise InvalidTransition(
            _("Hồ sơ đã có văn bản xin lỗi và hẹn lại một lần; không hẹn lại lần thứ hai."),
            code="apology_limit",
        )
    if d.due_at is not None and ctx.at >= d.due_at:
        raise InvalidTransition(
            _(
                "Đã quá ngày hẹn trả (%(due)s): văn bản xin lỗi và hẹn lại phải gửi trước ngày "
                "hẹn trả."
            )
            % {"due": when(d.due_at)},
            code="apology_too_late",
        )


def _apply(ctx: Context) -> None:
    require_note(ctx, _("Vui lòng nêu lý do xin lỗi, gia hạn."))
    new_due = ctx.data.get("new_due")
    if not isinstance(new_due, datetime.datetime):
        raise InvalidInput(_("Cần ngày hẹn trả mới."))
    if timezone.is_naive(new_due):
        raise InvalidInput(_("Ngày hẹn mới phải có múi giờ."))
    d = ctx.dossier
    if d.due_at is not None and new_due <= d.due_at:
        raise InvalidInput(_("Ngày hẹn trả mới phải sau ngày hẹn hiện tại."))
    if new_due <= ctx.at:
        raise InvalidInput(_("Ngày hẹn trả mới phải ở tương lai."))
    local = new_due.astimezone(ctx.cal.tz)
    if not (
        ctx.cal.is_working_day(local.date())
        and ctx.cal.periods[0][0] <= local.time() <= ctx.cal.periods[-1][1]
    ):
        # A pause after the apology recounts office time up to the due date: a date outside
        # office hours would shorten it.
        raise InvalidInput(_("Ngày hẹn trả mới phải là một ngày làm việc, trong giờ hành chính."))
    d.due_at = new_due
    d.apology_count += 1


SPEC = ActionSpec(
    action=Action.APOLOGISE,
    sources=frozenset({Status.RECEIVED, Status.PROCESSING, Status.PAYMENT}),
    target=None,
    may=at_current(R.RECEIVING, R.PROCESSING, R.APPROVER),
    guard=_guard,
    apply=_apply,
    notice=lambda: _("Hồ sơ %(code)s được hẹn lại ngày trả: %(due)s. %(note)s"),
    timeline=lambda e, d: (
        _("Cơ quan xin lỗi vì chậm trễ và hẹn lại ngày trả: %(due)s.") % {"due": when(e.due_at)}
    ),
    timeline_shows_note=True,
    form=ApologiseForm,
    tone="warning",
    hint=gettext_lazy("Gửi văn bản xin lỗi (mẫu 04) trước ngày hẹn trả; chỉ hẹn lại một lần."),
    order=40,
    api_input=ApologyInput,
    printed_form="04",
)


def apologise(
    dossier: Dossier | int | DossierRef,
    user: Any,
    new_due: datetime.datetime,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": reason, "new_due": new_due})
