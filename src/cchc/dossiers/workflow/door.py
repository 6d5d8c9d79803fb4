"""The door every change of a dossier goes through (decision 0001): lock the row, check the
optimistic lock, the table, the actor and the guard of the action's spec, apply the change,
append the immutable event, queue the applicant's notice, publish the one domain event after
commit. Nothing else writes a dossier's state or its parts (documents, fees, ratings)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.workcalendar.services import province_calendar

from ..constants import Action, Status
from ..errors import Conflict, DossierNotFound, InvalidTransition, NotPermitted
from ..models import Dossier, DossierEvent
from ..signals import dossier_transitioned
from .spec import ActionSpec, Context


@dataclass(frozen=True)
class DossierRef:
    """A dossier named by its code, looked up among `scope` (what the caller may see) in the
    same query that locks it."""

    code: str
    scope: QuerySet[Dossier]


def _actor_name(user: Any) -> str:
    if user is None:
        return _("Hệ thống")
    return getattr(user, "display_name", None) or str(user)


def publish(dossier_id: int, event_id: int | None, action: str) -> None:
    """The one domain event: sent once the transaction that changed the dossier commits.
    Statistics and the national sync listen to it (decision 0008)."""
    transaction.on_commit(
        lambda: dossier_transitioned.send(
            sender=Dossier, dossier_id=dossier_id, event_id=event_id, action=action
        )
    )


def append_event(
    dossier: Dossier,
    action: str,
    user: Any,
    at: datetime.datetime,
    from_status: int | None,
    *,
    notify: bool = False,
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
    if notify and (dossier.applicant_email or dossier.applicant_phone):
        from ..tasks import notify_applicant

        # Queued in the same transaction as the event: committed together or not at all.
        notify_applicant.enqueue(event.pk)
    publish(dossier.pk, event.pk, action)
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
        append_event(
            locked,
            spec.action,
            user,
            at,
            from_status,
            notify=spec.notice is not None,
            from_agency_id=from_agency_id,
            to_agency_id=locked.current_agency_id,
            **event_fields,
        )
        # Write only what the action changed: a shorter UPDATE, and no risk of writing back
        # stale values of fields this action does not own.
        changed = [name for name in _STATE_FIELDS if getattr(locked, name) != before[name]]
        locked.save(update_fields=[*changed, "status", "version", "updated_at"])
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
