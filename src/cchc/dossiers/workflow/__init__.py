"""The dossier workflow: one module per action, each declaring its `ActionSpec` and its
service function (decision 0008). Everything else is derived from `SPECS` here: the table,
what a user may do now, the office page's actions, the API's action endpoint, the notices
and the citizen's timeline.

| action | module |
|---|---|
| receive | `receive.py` · refuse | `refuse.py` · forward | `forward.py` · send_back | `send_back.py`
| request_supplement / complete_supplement | `request_supplement.py` / `complete_supplement.py`
| request_payment / confirm_payment / exempt_fee | `request_payment.py` / `confirm_payment.py` /
  `exempt_fee.py`
| apologise | `apologise.py` · approve | `approve.py` · attach_result | `attach_result.py`
| return_result | `return_result.py` · withdraw | `withdraw.py` · stop | `stop.py`
| add_document | `add_document.py` · rate | `rate.py`

Submission and counter intake create dossiers (`services/intake.py`); the history import
writes whole histories (`national.py`); both publish through the same door.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.statemachine import Move, TransitionTable

from ..constants import Action, Channel, Status
from ..models import Dossier, DossierEvent
from . import (
    add_document,
    apologise,
    approve,
    attach_result,
    complete_supplement,
    confirm_payment,
    exempt_fee,
    forward,
    rate,
    receive,
    refuse,
    request_payment,
    request_supplement,
    return_result,
    send_back,
    stop,
    withdraw,
)
from .common import agency_name, when
from .door import DossierRef, is_offered, perform
from .spec import ActionSpec

SPECS: dict[str, ActionSpec] = {
    module.SPEC.action: module.SPEC
    for module in (
        receive,
        refuse,
        forward,
        send_back,
        request_supplement,
        complete_supplement,
        request_payment,
        confirm_payment,
        exempt_fee,
        apologise,
        approve,
        attach_result,
        return_result,
        withdraw,
        stop,
        add_document,
        rate,
    )
}

TABLE: TransitionTable[int] = TransitionTable(
    {action: Move(spec.sources, spec.target) for action, spec in SPECS.items()}
)
# The same table as plain data, for tests and documentation.
TRANSITIONS: dict[str, tuple[frozenset[int], int | None]] = {
    action: (spec.sources, spec.target) for action, spec in SPECS.items()
}
# Every status a dossier can reach from submission (1) by the table.
REACHABLE: frozenset[int] = TABLE.reachable([Status.NEW])
# Actions the officers' page and the API offer (the others have their own entry points).
PAGE_ACTIONS = [a for a, spec in SPECS.items() if spec.form is not None]
API_ACTIONS = [a for a, spec in SPECS.items() if spec.api_input is not None]


def target_status(action: str, status: int) -> int | None:
    """The status `action` leads to from `status`, or None when the table forbids it."""
    return TABLE.target(action, status)


def allowed_from(status: int) -> list[str]:
    return TABLE.allowed_from(status)


# Actions offered on the officers' page or the API action endpoint, in the order of `Action`
# (the API's `allowed_actions`). Documents and ratings have their own entry points.
OFFERED = [a for a in Action.values if a in SPECS and (SPECS[a].form or SPECS[a].api_input)]


def allowed_actions(dossier: Dossier, user: Any, at: datetime.datetime | None = None) -> list[str]:
    """Offered actions the table, the actor's roles and the guards allow now."""
    at = at or timezone.now()
    return [a for a in OFFERED if is_offered(SPECS[a], dossier, user, at)]


def page_order(actions: list[str]) -> list[str]:
    """The officers' page order: the action the current step is there for first."""
    return sorted(actions, key=lambda a: SPECS[a].order)


def run_action(spec: ActionSpec, target: Dossier | DossierRef, user: Any, data: dict) -> Dossier:
    """Run an action with the validated input of its page form or API body."""
    if spec.run is not None:
        return spec.run(target, user, data)
    return perform(spec, target, user, data=data, expected_version=data.get("expected_version"))


def notice_text(event: DossierEvent) -> str | None:
    """The applicant's notice of `event` (SMS/e-mail), in the active language."""
    from .request_payment import fee_total

    spec = SPECS.get(event.action)
    if spec is None or spec.notice is None:
        return None
    dossier = event.dossier
    due = when(dossier.due_at) or "—"
    amount = f"{fee_total(dossier):,}".replace(",", ".")
    return spec.notice() % {"code": dossier.code, "due": due, "note": event.note, "amount": amount}


def timeline_text(event: DossierEvent, dossier: Dossier) -> tuple[str, str]:
    """The citizen's plain-words line for `event`, and the note shown with it."""
    spec = SPECS.get(event.action)
    if spec is not None and spec.timeline is not None:
        return spec.timeline(event, dossier), (event.note if spec.timeline_shows_note else "")
    if event.action == Action.SUBMIT:
        if dossier.channel == Channel.ONLINE:
            return _("Ông/bà đã nộp hồ sơ trực tuyến."), ""
        return _("Hồ sơ được nộp tại %(agency)s.") % {"agency": agency_name(event)}, ""
    if event.action == Action.IMPORT:
        return _("Hồ sơ được chuyển từ hệ thống cũ."), ""
    return event.get_action_display(), ""


__all__ = [
    "API_ACTIONS",
    "PAGE_ACTIONS",
    "REACHABLE",
    "SPECS",
    "TABLE",
    "TRANSITIONS",
    "ActionSpec",
    "DossierRef",
    "allowed_actions",
    "allowed_from",
    "page_order",
    "notice_text",
    "perform",
    "run_action",
    "target_status",
    "timeline_text",
]
