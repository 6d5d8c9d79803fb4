"""The door every state change goes through (decision 0001): lock the row, check the
transition table, the step and the actor's role, apply, append the immutable event, publish
after commit. Also who may do what on a dossier right now."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.catalogue.constants import StepRole
from cchc.catalogue.models import ProcessStep
from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role_in
from cchc.workcalendar.calendar import WorkCalendar, classify
from cchc.workcalendar.services import province_calendar

from ..constants import Action, Status
from ..deadlines import step_due
from ..errors import DossierNotFound, InvalidTransition, NotPermitted
from ..models import Dossier, DossierEvent
from ..signals import dossier_transitioned
from ..tasks import NOTIFIED_ACTIONS, notify_applicant
from ..workflow import target_status

R = StaffRole
_STEP_ROLE_TO_STAFF: dict[str, str] = {
    StepRole.RECEIVING: R.RECEIVING,
    StepRole.PROCESSING: R.PROCESSING,
    StepRole.APPROVAL: R.APPROVER,
}


@dataclass(frozen=True)
class DossierRef:
    """A dossier named by its code, looked up among `scope` (what the caller may see) in the
    same query that locks it."""

    code: str
    scope: QuerySet[Dossier]


# Process templates change rarely; keep them per procedure version (updated_at changes on
# every catalogue edit) so a transition does not query them again.
_TEMPLATE_CACHE: dict[tuple[int, datetime.datetime], list[ProcessStep]] = {}


def template_steps(dossier: Dossier) -> list[ProcessStep]:
    procedure = dossier.procedure
    key = (procedure.pk, procedure.updated_at)
    steps = _TEMPLATE_CACHE.get(key)
    if steps is None:
        if len(_TEMPLATE_CACHE) > 5000:
            _TEMPLATE_CACHE.clear()
        steps = _TEMPLATE_CACHE[key] = list(procedure.steps.all())
    return steps


def _step_agency_id(dossier: Dossier, step: ProcessStep) -> int:
    if step.agency_id:
        return step.agency_id
    return (
        dossier.intake_agency_id
        if step.role == StepRole.RECEIVING
        else dossier.processing_agency_id
    )


def current_step(dossier: Dossier) -> ProcessStep | None:
    steps = template_steps(dossier)
    if dossier.step_index is None or dossier.step_index >= len(steps):
        return None
    return steps[dossier.step_index]


# --- permissions ------------------------------------------------------------------------------


def _is_owner(dossier: Dossier, user: Any) -> bool:
    return user is not None and dossier.applicant_id is not None and dossier.applicant_id == user.pk


def may_perform(dossier: Dossier, action: str, user: Any) -> bool:
    """Whether `user` (None = the platform itself, e.g. a payment gateway) may do `action`."""
    if user is None:
        return action == Action.CONFIRM_PAYMENT
    at_intake = dossier.intake_agency_id
    at_current = dossier.current_agency_id
    match action:
        case Action.RECEIVE | Action.REFUSE:
            return has_role_in(user, at_intake, R.RECEIVING)
        case Action.FORWARD:
            step = current_step(dossier)
            role = _STEP_ROLE_TO_STAFF.get(step.role) if step else R.PROCESSING
            return has_role_in(user, at_current, role or R.PROCESSING)
        case Action.REQUEST_SUPPLEMENT | Action.REQUEST_PAYMENT | Action.STOP | Action.APOLOGISE:
            return has_role_in(user, at_current, R.RECEIVING, R.PROCESSING, R.APPROVER)
        case Action.APPROVE:
            return has_role_in(user, at_current, R.APPROVER)
        case Action.ATTACH_RESULT:
            return has_role_in(user, at_current, R.PROCESSING, R.APPROVER)
        case Action.RETURN_RESULT:
            return has_role_in(user, at_intake, R.RECEIVING) or has_role_in(
                user, at_current, R.RECEIVING
            )
        case Action.COMPLETE_SUPPLEMENT | Action.WITHDRAW:
            return _is_owner(dossier, user) or has_role_in(user, at_intake, R.RECEIVING)
        case Action.CONFIRM_PAYMENT:
            return has_role_in(user, at_intake, R.RECEIVING)
    return False


def _guard_step(dossier: Dossier, action: str) -> None:
    steps = template_steps(dossier)
    step = current_step(dossier)
    if action == Action.FORWARD and (
        dossier.step_index is None or dossier.step_index + 1 >= len(steps)
    ):
        raise InvalidTransition(_("Hồ sơ đang ở bước cuối của quy trình; hãy phê duyệt."))
    if action == Action.APPROVE and steps and (step is None or step.role != StepRole.APPROVAL):
        raise InvalidTransition(_("Chỉ phê duyệt được khi hồ sơ ở bước phê duyệt."))


def allowed_actions(dossier: Dossier, user: Any) -> list[str]:
    """Actions the table, the step guards and the user's roles allow right now."""
    result = []
    for action in Action.values:
        if action in (Action.SUBMIT, Action.IMPORT):
            continue
        if target_status(action, dossier.status) is None or not may_perform(dossier, action, user):
            continue
        try:
            _guard_step(dossier, action)
        except InvalidTransition:
            continue
        result.append(action)
    return result


# --- the door ---------------------------------------------------------------------------------


def _actor_name(user: Any) -> str:
    if user is None:
        return _("Hệ thống")
    return getattr(user, "display_name", None) or str(user)


def append_event(
    dossier: Dossier,
    action: str,
    user: Any,
    at: datetime.datetime,
    from_status: int | None,
    **fields: Any,
) -> DossierEvent:
    dossier.version += 1
    event = DossierEvent(
        dossier=dossier,
        seq=dossier.version,
        action=action,
        actor=user,
        actor_name=_actor_name(user),
        at=at,
        from_status=from_status,
        to_status=dossier.status,
        due_at=dossier.due_at,
        **fields,
    )
    event.save()
    if (dossier.applicant_email or dossier.applicant_phone) and action in NOTIFIED_ACTIONS:
        # Queued in the same transaction as the event: committed together or not at all.
        notify_applicant.enqueue(event.pk)
    transaction.on_commit(
        lambda: dossier_transitioned.send(
            sender=Dossier,
            dossier_id=dossier.pk,
            event_id=event.pk,
            action=action,
        )
    )
    return event


def leave_step(dossier: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
    """Fields of the event that closes the current step, with its early/on-time/late result."""
    result = ""
    if dossier.step_due_at is not None:
        result = classify(at, dossier.step_due_at, cal.tz)
    return {
        "from_step": dossier.step_name,
        "step_due_at": dossier.step_due_at,
        "step_result": result,
    }


def enter_step(dossier: Dossier, index: int, at: datetime.datetime, cal: WorkCalendar) -> None:
    step = template_steps(dossier)[index]
    dossier.step_index = index
    dossier.step_name = step.name
    dossier.step_started_at = at
    dossier.step_due_at = step_due(at, step.hours, cal)
    dossier.current_agency_id = _step_agency_id(dossier, step)


# The catalogue's long publication texts, which no transition reads.
_PROCEDURE_TEXTS = [
    f"procedure__{name}"
    for name in ("sequence", "method", "applicants", "legal_basis", "source", "search_text")
]

# Every concrete field except the key: what a transition may change.
_STATE_FIELDS = [f.attname for f in Dossier._meta.concrete_fields if not f.primary_key]


def transition(
    dossier: Dossier | int | DossierRef,
    action: str,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    note: str = "",
    apply: Callable[[Dossier, datetime.datetime, WorkCalendar], dict[str, Any] | None]
    | None = None,
) -> Dossier:
    """Run one transition: lock, check, mutate through `apply`, append the event, publish."""
    at = at or timezone.now()
    lookup: dict[str, Any]
    if isinstance(dossier, DossierRef):
        rows, lookup = dossier.scope, {"code": dossier.code}
    else:
        rows, lookup = (
            Dossier.objects.all(),
            {"pk": dossier.pk if isinstance(dossier, Dossier) else dossier},
        )
    with transaction.atomic():
        locked = (
            rows.select_for_update(of=("self",))
            .select_related("procedure", "current_agency")
            .defer(*_PROCEDURE_TEXTS)
            .filter(**lookup)
            .first()
        )
        if locked is None:
            raise DossierNotFound(_("Không tìm thấy hồ sơ."))
        target = target_status(action, locked.status)
        if target is None:
            raise InvalidTransition(
                _("Không thể thực hiện “%(action)s” khi hồ sơ ở trạng thái “%(status)s”.")
                % {"action": Action(action).label, "status": Status(locked.status).label}
            )
        if not may_perform(locked, action, user):
            raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
        _guard_step(locked, action)
        cal = province_calendar()
        from_status = locked.status
        from_agency_id = locked.current_agency_id
        before = {name: getattr(locked, name) for name in _STATE_FIELDS}
        event_fields = (apply(locked, at, cal) if apply else None) or {}
        locked.status = target
        event_fields.setdefault("to_step", locked.step_name)
        append_event(
            locked,
            action,
            user,
            at,
            from_status,
            note=note,
            from_agency_id=from_agency_id,
            to_agency_id=locked.current_agency_id,
            **event_fields,
        )
        # Write only what the transition changed: a shorter UPDATE, and no risk of writing back
        # stale values of fields this transition does not own.
        changed = [name for name in _STATE_FIELDS if getattr(locked, name) != before[name]]
        locked.save(update_fields=[*changed, "status", "version", "updated_at"])
    return locked
