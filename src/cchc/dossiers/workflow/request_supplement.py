"""Yêu cầu bổ sung — the in-processing supplement request (form 02): at most once, and only
within 3 working days of receipt; the clock stops until the applicant supplements
(DOMAIN.md §2)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..constants import Action, Status
from ..deadlines import supplement_deadline
from ..errors import InvalidTransition
from ..models import Dossier, SupplementRequest
from .common import require_note, when
from .door import DossierRef, perform
from .inputs import ReasonInput, SupplementForm
from .rules import R, at_current
from .spec import ActionSpec, Context


def _guard(ctx: Context) -> None:
    d = ctx.dossier
    if d.supplement_count >= 1:
        raise InvalidTransition(
            _("Hồ sơ đã được yêu cầu bổ sung một lần; pháp luật chỉ cho yêu cầu bổ sung một lần."),
            code="supplement_limit",
        )
    if d.received_at is not None:
        deadline = supplement_deadline(d.received_at, ctx.cal)
        if ctx.at > deadline:
            raise InvalidTransition(
                _(
                    "Chỉ được yêu cầu bổ sung trong 3 ngày làm việc kể từ khi tiếp nhận "
                    "(đến %(deadline)s)."
                )
                % {"deadline": when(deadline)},
                code="supplement_too_late",
            )


def _apply(ctx: Context) -> None:
    reason = require_note(ctx, _("Vui lòng nêu nội dung cần bổ sung."))
    d = ctx.dossier
    d.supplement_count += 1
    d.paused_at = ctx.at
    SupplementRequest.objects.create(
        dossier=d, requested_at=ctx.at, due_before=d.due_at, reason=reason
    )


SPEC = ActionSpec(
    action=Action.REQUEST_SUPPLEMENT,
    sources=frozenset({Status.RECEIVED, Status.PROCESSING}),
    target=Status.SUPPLEMENT,
    may=at_current(R.RECEIVING, R.PROCESSING, R.APPROVER),
    guard=_guard,
    apply=_apply,
    notice=lambda: _("Hồ sơ %(code)s cần bổ sung: %(note)s"),
    timeline=lambda e, d: _("Cơ quan yêu cầu bổ sung giấy tờ; thời gian giải quyết tạm dừng."),
    timeline_shows_note=True,
    form=SupplementForm,
    tone="warning",
    hint=gettext_lazy(
        "Chỉ yêu cầu bổ sung một lần, trong 3 ngày làm việc kể từ khi tiếp nhận (mẫu 02)."
    ),
    order=30,
    api_input=ReasonInput,
    printed_form="02",
)


def request_supplement(
    dossier: Dossier | int | DossierRef,
    user: Any,
    reason: str,
    *,
    at: datetime.datetime | None = None,
) -> Dossier:
    return perform(SPEC, dossier, user, at=at, data={"note": reason})
