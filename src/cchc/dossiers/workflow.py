"""The one table of allowed transitions (DOMAIN.md §2). Checked in one place: `target_status`.

Each action names the statuses it may start from and the status it leads to; `None` as target
means the status stays (an apology or a result upload changes dates or documents, not the
status). Step-level guards (forward needs a next step, approve needs the approval step) live in
the services, beside the data they read.
"""

from __future__ import annotations

from .constants import Action, Status

S = Status

TRANSITIONS: dict[str, tuple[frozenset[int], int | None]] = {
    Action.RECEIVE: (frozenset({S.NEW}), S.RECEIVED),
    Action.REFUSE: (frozenset({S.NEW}), S.REFUSED),
    Action.FORWARD: (frozenset({S.RECEIVED, S.PROCESSING}), S.PROCESSING),
    Action.REQUEST_SUPPLEMENT: (frozenset({S.RECEIVED, S.PROCESSING}), S.SUPPLEMENT),
    Action.COMPLETE_SUPPLEMENT: (frozenset({S.SUPPLEMENT}), S.PROCESSING),
    Action.REQUEST_PAYMENT: (frozenset({S.RECEIVED, S.PROCESSING}), S.PAYMENT),
    Action.CONFIRM_PAYMENT: (frozenset({S.PAYMENT}), S.PROCESSING),
    Action.WITHDRAW: (
        frozenset({S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT, S.PAYMENT}),
        S.WITHDRAWN,
    ),
    Action.STOP: (frozenset({S.RECEIVED, S.PROCESSING, S.SUPPLEMENT, S.PAYMENT}), S.STOPPED),
    Action.APOLOGISE: (frozenset({S.RECEIVED, S.PROCESSING, S.SUPPLEMENT, S.PAYMENT}), None),
    Action.APPROVE: (frozenset({S.PROCESSING}), S.FINISHED),
    Action.ATTACH_RESULT: (frozenset({S.PROCESSING, S.FINISHED}), None),
    Action.RETURN_RESULT: (frozenset({S.FINISHED}), S.RETURNED),
}

# Every status a dossier can ever be in; the property tests check no sequence escapes it.
REACHABLE: frozenset[int] = frozenset(
    {S.NEW} | {t for (_, t) in TRANSITIONS.values() if t is not None}
)


def allowed_from(status: int) -> list[str]:
    return [action for action, (sources, _) in TRANSITIONS.items() if status in sources]


def target_status(action: str, status: int) -> int | None:
    """The status `action` leads to from `status`, or None when the table forbids it."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        return None
    return status if target is None else target
