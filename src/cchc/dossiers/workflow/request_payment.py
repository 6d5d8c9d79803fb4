"""Yêu cầu thực hiện nghĩa vụ tài chính — ask the applicant to pay (status 6).

The amount is the catalogue's (the sum of the procedure's fee lines) unless the officer
changes it, with a reason. The fees due are recorded on the dossier once (DanhSachLePhi,
DOMAIN.md §5): they are the one amount the notice, the citizen's page and indicators 3.5/3.6
(DOMAIN.md §6) read."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.catalogue.selectors import catalogue_fee_total

from ..constants import Action, FeeState, Status
from ..errors import InvalidInput
from ..models import Dossier, DossierFee
from .door import DossierRef, perform
from .inputs import PaymentInput, PaymentRequestForm
from .rules import R, at_current
from .spec import ActionSpec, Context


def fee_total(dossier: Dossier) -> int:
    """The amount the applicant is asked to pay: the fee lines recorded on the dossier."""
    return sum(fee.amount for fee in DossierFee.objects.filter(dossier=dossier))


def _apply(ctx: Context) -> None:
    d = ctx.dossier
    catalogue_total = catalogue_fee_total(d.procedure)
    amount = ctx.data.get("amount")
    if amount is not None and int(amount) != catalogue_total and not ctx.note.strip():
        raise InvalidInput(
            _("Số tiền khác mức thu của danh mục (%(total)s đồng): vui lòng ghi lý do.")
            % {"total": f"{catalogue_total:,}".replace(",", ".")}
        )
    DossierFee.objects.filter(dossier=d, method="").delete()
    if amount is None or int(amount) == catalogue_total:
        DossierFee.objects.bulk_create(
            DossierFee(dossier=d, name=line.name[:300], code=line.code, amount=line.amount)
            for line in d.procedure.fees.all()
        )
    else:
        DossierFee.objects.create(
            dossier=d, name=_("Phí, lệ phí (điều chỉnh)"), code="", amount=int(amount)
        )
    d.fee_state = FeeState.DUE


def _notice() -> str:
    return _("Hồ sơ %(code)s: đề nghị nộp phí, lệ phí %(amount)s đồng. %(note)s")


SPEC = ActionSpec(
    action=Action.REQUEST_PAYMENT,
    sources=frozenset({Status.RECEIVED, Status.PROCESSING}),
    target=Status.PAYMENT,
    may=at_current(R.RECEIVING, R.PROCESSING, R.APPROVER),
    apply=_apply,
    notice=_notice,
    timeline=lambda e, d: (
        _("Cơ quan đề nghị nộp phí, lệ phí: %(amount)s đồng.")
        % {"amount": f"{fee_total(d):,}".replace(",", ".")}
    ),
    timeline_shows_note=True,
    form=PaymentRequestForm,
    tone="warning",
    hint=gettext_lazy("Người nộp được báo số tiền qua kênh đã dùng (SMS, thư điện tử, cổng)."),
    order=25,
    api_input=PaymentInput,
)


def request_payment(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    amount: int | None = None,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": note, "amount": amount})
