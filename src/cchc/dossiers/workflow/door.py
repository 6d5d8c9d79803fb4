"""The door every change of a dossier goes through (decision 0001): lock the row, check the
optimistic lock, the table, the actor and the guard of the action's spec, apply the change,
append the immutable event, queue the applicant's notice, publish the one domain event after
commit. Nothing else writes a dossier's state or its parts (documents, fees, ratings)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.workcalendar.services import province_calendar

from ..constants import Action, Status
from ..errors import Conflict, DossierNotFound, InvalidTransition, NotPermitted
from ..models import Dossier, DossierEvent
from ..selectors import may_see
from .spec import ActionSpec, Context


@dataclass(frozen=True)
class DossierRef:
    """A dossier named by its code, as `viewer` asked for it: one they may not see is not
    found (`selectors.may_see`, checked on the locked row)."""

    code: str
    viewer: Any


def _actor_name(user: Any) -> str:
    if user is None:
        return _("Hệ thống")
    return getattr(user, "display_name", None) or str(user)


def publish(dossier_id: int, event_id: int | None, action: str, *, notify: bool = False) -> None:
    """The one domain event of a change, written to the task queue in the change's own
    transaction (an outbox, decision 0009): it is delivered by the task worker once the change
    has committed, or never if it rolls back — never lost between the commit and a second
    write. The worker sends `dossier_transitioned` (statistics and the national sync listen
    to it, decision 0008) and then the applicant's notice when the action has one. Call it
    after the change's last write: the test settings' immediate backend runs it at once."""
    from ..tasks import dispatch_event

    dispatch_event.enqueue(dossier_id, event_id, str(action), notify)


def append_event(
    dossier: Dossier,
    action: str,
    user: Any,
    at: datetime.datetime,
    from_status: int | None,
    **fields: Any,
) -> DossierEvent:
    """The immutable record of one change; the caller publishes it after its last write."""
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
    return event


def check(spec: ActionSpec, dossier: Dossier, user: Any, at: datetime.datetime) -> int:
    """The status `spec` leads to from the dossier's status, or the DomainError refusing it:
    the table, then the actor, then the guard."""
    if dossier.status not in spec.sources:
        raise InvalidTransition(
            _("Không thể thực hiện “%(action)s” khi hồ sơ ở trạng thái “%(status)s”.")
            % {"action": spec.label, "status": Status(dossier.status).label}
        )
    if not spec.may(dossier, user):
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."))
    if spec.guard is not None:
        spec.guard(Context(dossier, user, at, province_calendar(), {}))
    return dossier.status if spec.target is None else spec.target


# The catalogue's long publication texts, which no transition reads.
_PROCEDURE_TEXTS = [
    f"procedure__{name}"
    for name in ("sequence", "method", "applicants", "legal_basis", "source", "search_text")
]

# Every concrete field except the key: what a transition may change.
_STATE_FIELDS = [f.attname for f in Dossier._meta.concrete_fields if not f.primary_key]


def perform(
    spec: ActionSpec,
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    at: datetime.datetime | None = None,
    data: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Run one action: lock, check, apply, append the event, publish. All or nothing."""
    at = at or timezone.now()
    data = data if data is not None else {}  # apply may leave results in it (the document)
    lookup: dict[str, Any]
    if isinstance(dossier, DossierRef):
        lookup = {"code": dossier.code}
    else:
        lookup = {"pk": dossier.pk if isinstance(dossier, Dossier) else dossier}
    with transaction.atomic():
        # The row alone is locked (OF self); `get` by a unique key is the cheapest locking
        # read the ORM compiles (bench/README.md, "A lean transition").
        try:
            locked = (
                Dossier.objects.select_for_update(of=("self",))
                .select_related("procedure", "current_agency")
                .defer(*_PROCEDURE_TEXTS)
                .get(**lookup)
            )
        except Dossier.DoesNotExist:
            locked = None
        if locked is None or (
            isinstance(dossier, DossierRef) and not may_see(dossier.viewer, locked)
        ):
            raise DossierNotFound(_("Không tìm thấy hồ sơ."))
        if expected_version is not None and locked.version != expected_version:
            raise Conflict(_("Hồ sơ vừa được người khác cập nhật; vui lòng tải lại."))
        target = check(spec, locked, user, at)
        ctx = Context(locked, user, at, province_calendar(), data)
        from_status = locked.status
        from_agency_id = locked.current_agency_id
        before = {name: getattr(locked, name) for name in _STATE_FIELDS}
        event_fields = (spec.apply(ctx) if spec.apply else None) or {}
        locked.status = target
        event_fields.setdefault("to_step", locked.step_name)
        event_fields.setdefault("note", ctx.note)
        event = append_event(
            locked,
            spec.action,
            user,
            at,
            from_status,
            from_agency_id=from_agency_id,
            to_agency_id=locked.current_agency_id,
            **event_fields,
        )
        # Write only what the action changed: a shorter UPDATE, and no risk of writing back
        # stale values of fields this action does not own.
        changed = [name for name in _STATE_FIELDS if getattr(locked, name) != before[name]]
        locked.save(update_fields=[*changed, "status", "version", "updated_at"])
        notify = spec.notice is not None and bool(locked.applicant_email or locked.applicant_phone)
        publish(locked.pk, event.pk, spec.action, notify=notify)
    return locked


def is_offered(spec: ActionSpec, dossier: Dossier, user: Any, at: datetime.datetime) -> bool:
    """Whether the table, the actor's roles and the guard allow `spec` now."""
    from ..errors import DomainError

    try:
        check(spec, dossier, user, at)
    except DomainError:
        return False
    return True


__all__ = ["Action", "DossierRef", "append_event", "check", "is_offered", "perform", "publish"]
