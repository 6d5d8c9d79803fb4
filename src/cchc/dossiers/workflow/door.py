"""The door every change of a dossier goes through (decision 0001): lock the row, check the
optimistic lock, the table, the actor and the guard of the action's spec, apply the change,
append the immutable event, queue the applicant's notice, publish the one domain event after
commit. Nothing else writes a dossier's state or its parts (documents, fees, ratings)."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.catalogue.models import Procedure
from cchc.catalogue.selectors import procedure_at
from cchc.org.models import Agency
from cchc.org.selectors import agency_at
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


@functools.cache
def _lock_sql(column: str, vendor: str) -> str:
    """The locking read of every action, written once from the models' metadata: the row, the
    versions of its procedure and current agency, `FOR UPDATE OF` the row alone. Compiling it
    through the ORM (three models, ~80 columns) was a third of a transition's CPU (issue 16
    §3, decision 0009); the objects are still made by the ORM (`raw`), with its converters."""
    qn = connection.ops.quote_name
    columns = ", ".join(f"d.{qn(str(f.column))}" for f in Dossier._meta.concrete_fields)
    lock = " FOR UPDATE OF d" if connection.features.has_select_for_update_of else ""
    # Identifiers come from the models' metadata; the one value is bound.
    return (
        f"SELECT {columns}, p.{qn('updated_at')} AS procedure_version, "  # noqa: S608
        f"a.{qn('updated_at')} AS agency_version "
        f"FROM {qn(Dossier._meta.db_table)} d "
        f"JOIN {qn(Procedure._meta.db_table)} p ON p.{qn('id')} = d.{qn('procedure_id')} "
        f"JOIN {qn(Agency._meta.db_table)} a ON a.{qn('id')} = d.{qn('current_agency_id')} "
        f"WHERE d.{qn(column)} = %s{lock}"
    )


def _lock(column: str, value: Any) -> Dossier | None:
    rows = list(Dossier.objects.raw(_lock_sql(column, connection.vendor), [value]))
    if not rows:
        return None
    dossier = rows[0]
    versions: Any = dossier  # the two extra columns of the query
    dossier.procedure = procedure_at(dossier.procedure_id, versions.procedure_version)
    dossier.current_agency = agency_at(dossier.current_agency_id, versions.agency_version)
    return dossier


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
    value: Any
    if isinstance(dossier, DossierRef):
        column, value = "code", dossier.code
    else:
        column, value = "id", dossier.pk if isinstance(dossier, Dossier) else dossier
    with transaction.atomic():
        locked = _lock(column, value)
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
    """Whether the table, the actor's roles and the guard allow `spec` now — `check` without
    composing the refusal texts (every answer asks this of every offered action)."""
    from ..errors import DomainError

    if dossier.status not in spec.sources or not spec.may(dossier, user):
        return False
    if spec.guard is not None:
        try:
            spec.guard(Context(dossier, user, at, province_calendar(), {}))
        except DomainError:
            return False
    return True


__all__ = ["Action", "DossierRef", "append_event", "check", "is_offered", "perform", "publish"]
