"""The only code that changes a dossier's state: one function per transition (DOMAIN.md §2–§3).

Each transition opens a transaction, locks the row, checks the transition table and the
actor's permission, updates the denormalised state, appends an immutable event and publishes
`dossier_transitioned` after commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.catalogue.constants import DurationUnit, StepRole
from cchc.catalogue.models import Procedure, ProcessStep
from cchc.org.constants import AgencyKind, StaffRole
from cchc.org.models import Agency
from cchc.org.permissions import has_role_in
from cchc.workcalendar.calendar import WorkCalendar, classify
from cchc.workcalendar.services import province_calendar

from .constants import Action, Channel, OnlinePayment, Status
from .deadlines import legal_due, step_due
from .errors import DossierNotFound, InvalidInput, InvalidTransition, NotPermitted
from .models import DailySequence, Dossier, DossierEvent, SupplementRequest
from .signals import dossier_transitioned
from .tasks import NOTIFIED_ACTIONS, notify_applicant
from .workflow import target_status

R = StaffRole
_STEP_ROLE_TO_STAFF: dict[str, str] = {
    StepRole.RECEIVING: R.RECEIVING,
    StepRole.PROCESSING: R.PROCESSING,
    StepRole.APPROVAL: R.APPROVER,
}


@dataclass
class ApplicantData:
    name: str
    national_id: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    kind: int = 1
    summary: str = ""
    vneid_authenticated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DossierRef:
    """A dossier named by its code, looked up among `scope` (what the caller may see) in the
    same query that locks it."""

    code: str
    scope: QuerySet[Dossier]


# --- codes ------------------------------------------------------------------------------------


def next_dossier_code(agency: Agency, at: datetime.datetime) -> str:
    """`{agency}-{yymmdd}-{nnnn}` (DOMAIN.md §2). Must run inside the creating transaction:
    the counter row stays locked until commit, so numbers never repeat and never skip
    (decision 0002). One statement on PostgreSQL and SQLite alike."""
    day = timezone.localtime(at).date()
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, day, last) VALUES (%s, %s, 1) "  # noqa: S608 (table name from the model)
            f"ON CONFLICT (prefix, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency.code, day],
        )
        number = cursor.fetchone()[0]
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


# --- routing ----------------------------------------------------------------------------------


def competent_agency(procedure: Procedure, commune_unit_id: int | None = None) -> Agency:
    """The agency that decides the dossier (DonViXuLy). Commune-level procedures go to the
    People's Committee of the commune the applicant chose; others to the catalogue's agency."""
    if procedure.competent_agency_kind and commune_unit_id is not None:
        agency = Agency.objects.filter(
            kind=procedure.competent_agency_kind, unit_id=commune_unit_id, is_active=True
        ).first()
        if agency is None:
            raise InvalidInput(_("Không tìm thấy cơ quan có thẩm quyền tại địa bàn đã chọn."))
        return agency
    agency = procedure.agencies.filter(is_active=True).order_by("id").first()
    if agency is None:
        if procedure.competent_agency_kind:
            raise InvalidInput(_("Thủ tục cấp xã: vui lòng chọn xã, phường nơi giải quyết."))
        raise InvalidInput(_("Thủ tục chưa được gán cơ quan có thẩm quyền."))
    return agency


def online_intake_agency(processing: Agency) -> Agency:
    """Online dossiers are received by the service centre serving the competent agency."""
    kind = (
        AgencyKind.COMMUNE_CENTRE
        if processing.kind == AgencyKind.COMMUNE_COMMITTEE
        else AgencyKind.PROVINCE_CENTRE
    )
    filters: dict[str, Any] = {"kind": kind, "is_active": True}
    if kind == AgencyKind.COMMUNE_CENTRE:
        filters["unit_id"] = processing.unit_id
    return Agency.objects.filter(**filters).order_by("id").first() or processing


# Process templates change rarely; keep them per procedure version (updated_at changes on
# every catalogue edit) so a transition does not query them again.
_TEMPLATE_CACHE: dict[tuple[int, datetime.datetime], list[ProcessStep]] = {}


def _steps(dossier: Dossier) -> list[ProcessStep]:
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
    steps = _steps(dossier)
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
    steps = _steps(dossier)
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


def _append_event(
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
    if dossier.applicant_email and action in NOTIFIED_ACTIONS:
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


def _leave_step(dossier: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
    """Fields of the event that closes the current step, with its early/on-time/late result."""
    result = ""
    if dossier.step_due_at is not None:
        result = classify(at, dossier.step_due_at, cal.tz)
    return {
        "from_step": dossier.step_name,
        "step_due_at": dossier.step_due_at,
        "step_result": result,
    }


def _enter_step(dossier: Dossier, index: int, at: datetime.datetime, cal: WorkCalendar) -> None:
    step = _steps(dossier)[index]
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
        _append_event(
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


# --- intake -----------------------------------------------------------------------------------


def _create(
    procedure: Procedure,
    processing: Agency,
    intake: Agency,
    channel: int,
    applicant_user: Any,
    data: ApplicantData,
    at: datetime.datetime,
    actor: Any,
) -> Dossier:
    dossier = Dossier.objects.create(
        code=next_dossier_code(intake, at),
        procedure=procedure,
        applicant=applicant_user,
        applicant_kind=data.kind,
        applicant_name=data.name,
        applicant_national_id=data.national_id,
        applicant_phone=data.phone,
        applicant_email=data.email,
        applicant_address=data.address,
        summary=data.summary or procedure.name,
        channel=channel,
        status=Status.NEW,
        intake_agency=intake,
        processing_agency=processing,
        current_agency=intake,
        submitted_at=at,
        vneid_authenticated=data.vneid_authenticated,
    )
    _append_event(dossier, Action.SUBMIT, actor, at, None, to_agency_id=intake.pk)
    dossier.save(update_fields=["version"])
    return dossier


def submit_online(
    applicant_user: Any,
    procedure: Procedure,
    data: ApplicantData,
    *,
    commune_unit_id: int | None = None,
    at: datetime.datetime | None = None,
) -> Dossier:
    """An applicant submits online (status 1, waiting for a receiving officer)."""
    if not procedure.is_online:
        raise InvalidInput(_("Thủ tục này chưa cung cấp dịch vụ nộp hồ sơ trực tuyến."))
    at = at or timezone.now()
    processing = competent_agency(procedure, commune_unit_id)
    intake = online_intake_agency(processing)
    with transaction.atomic():
        return _create(
            procedure, processing, intake, Channel.ONLINE, applicant_user, data, at, applicant_user
        )


def intake_at_counter(
    officer: Any,
    intake: Agency,
    procedure: Procedure,
    data: ApplicantData,
    *,
    commune_unit_id: int | None = None,
    applicant_user: Any = None,
    channel: int = Channel.IN_PERSON,
    at: datetime.datetime | None = None,
) -> Dossier:
    """A paper dossier brought to any service centre, received at once (boundary-free, §1)."""
    if not has_role_in(officer, intake.pk, R.RECEIVING):
        raise NotPermitted(_("Bạn không phải cán bộ tiếp nhận của cơ quan này."))
    at = at or timezone.now()
    processing = competent_agency(procedure, commune_unit_id)
    with transaction.atomic():
        dossier = _create(procedure, processing, intake, channel, applicant_user, data, at, officer)
        return receive(dossier, officer, at=at)


# --- transitions ------------------------------------------------------------------------------


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
        if _steps(d):
            _enter_step(d, 0, at, cal)
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
        fields = _leave_step(d, at, cal)
        _enter_step(d, (d.step_index or 0) + 1, at, cal)
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
    return transition(dossier, Action.REQUEST_PAYMENT, user, at=at, note=note)


def confirm_payment(
    dossier: Dossier | int | DossierRef,
    user: Any,
    *,
    online: int = OnlinePayment.NONE,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Dossier:
    def apply(d: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
        if online:
            d.paid_online = online
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
        fields = _leave_step(d, at, cal)
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
