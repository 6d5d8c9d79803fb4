"""Intake: a dossier is created online (status 1) or at the counter of any service centre
(received at once, when complete), routed to its competent agency, and given its code
(DOMAIN.md §1–§2). An incomplete dossier at the counter is not received: the applicant leaves
with guidance (form 02) and no clock starts."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.catalogue.models import Procedure, RequiredDocument
from cchc.org.constants import AgencyKind, StaffRole
from cchc.org.models import Agency
from cchc.org.permissions import has_role_in

from ..constants import Action, Channel, Status
from ..errors import InvalidInput, InvalidTransition, NotPermitted
from ..models import CounterGuidance, DailySequence, Dossier
from ..workflow.door import append_event, publish
from ..workflow.receive import receive
from ..workflow.refuse import refuse


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


# --- codes ------------------------------------------------------------------------------------


def next_dossier_code(agency: Agency, at: datetime.datetime, prefix: str = "") -> str:
    """`{agency}-{yymmdd}-{nnnn}` (DOMAIN.md §2). Must run inside the creating transaction:
    the counter row stays locked until commit, so numbers never repeat and never skip
    (decision 0002). One statement on PostgreSQL and SQLite alike. `prefix` keeps another
    series apart (counter guidance slips: `HD.`)."""
    day = timezone.localtime(at).date()
    series = f"{prefix}{agency.code}"
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, day, last) VALUES (%s, %s, 1) "  # noqa: S608 (table name from the model)
            f"ON CONFLICT (prefix, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [series, day],
        )
        number = cursor.fetchone()[0]
    return f"{series}-{day:%y%m%d}-{number:04d}"


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
    event = append_event(dossier, Action.SUBMIT, actor, at, None, to_agency_id=intake.pk)
    dossier.save(update_fields=["version"])
    publish(dossier.pk, event.pk, Action.SUBMIT)
    return dossier


def missing_documents(
    procedure: Procedure,
    present: Collection[int],
    conditions_apply: Collection[int] = (),
) -> list[RequiredDocument]:
    """Required components not presented. A conditional component (its catalogue condition,
    e.g. "khi thuộc diện…") is required only when the officer or applicant says the condition
    applies; otherwise it never blocks intake (DOMAIN.md §2)."""
    return [
        doc
        for doc in procedure.documents.all()
        if doc.required
        and doc.pk not in present
        and (not doc.is_conditional or doc.pk in conditions_apply)
    ]


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
    note: str = "",
    documents_present: Collection[int] | None = None,
    conditions_apply: Collection[int] = (),
) -> Dossier:
    """A complete paper dossier brought to any service centre, received at once
    (boundary-free, §1). `note` goes on the receive event (e.g. the components checked).

    `documents_present` lists the required components the officer checked; a dossier missing
    one is refused with 409 `incomplete_dossier` — it is not received; give guidance (form 02)
    instead (`give_counter_guidance`). None means the officer attests it is complete."""
    if documents_present is not None:
        missing = missing_documents(procedure, documents_present, conditions_apply)
        if missing:
            raise InvalidTransition(
                _(
                    "Hồ sơ chưa đầy đủ, không được tiếp nhận: còn thiếu %(names)s. Hãy in phiếu "
                    "hướng dẫn bổ sung, hoàn thiện hồ sơ (mẫu 02) cho người nộp."
                )
                % {"names": "; ".join(doc.name for doc in missing)},
                code="incomplete_dossier",
            )
    return _at_counter(
        officer,
        intake,
        procedure,
        data,
        commune_unit_id,
        applicant_user,
        channel,
        at,
        lambda dossier, at: receive(dossier, officer, at=at, note=note),
    )


def refuse_at_counter(
    officer: Any,
    intake: Agency,
    procedure: Procedure,
    data: ApplicantData,
    reason: str,
    *,
    commune_unit_id: int | None = None,
    applicant_user: Any = None,
    channel: int = Channel.IN_PERSON,
    at: datetime.datetime | None = None,
) -> Dossier:
    """A paper dossier the counter refuses to receive (form 03): recorded as submitted and
    refused in one transaction, so the refusal has a code, a reason and a printable slip."""
    return _at_counter(
        officer,
        intake,
        procedure,
        data,
        commune_unit_id,
        applicant_user,
        channel,
        at,
        lambda dossier, at: refuse(dossier, officer, reason, at=at),
    )


def _at_counter(
    officer: Any,
    intake: Agency,
    procedure: Procedure,
    data: ApplicantData,
    commune_unit_id: int | None,
    applicant_user: Any,
    channel: int,
    at: datetime.datetime | None,
    decide: Callable[[Dossier, datetime.datetime], Dossier],
) -> Dossier:
    """Create a counter dossier and take the officer's decision on it, in one transaction."""
    if not has_role_in(officer, intake.pk, StaffRole.RECEIVING):
        raise NotPermitted(_("Bạn không phải cán bộ tiếp nhận của cơ quan này."))
    at = at or timezone.now()
    processing = competent_agency(procedure, commune_unit_id)
    with transaction.atomic():
        dossier = _create(procedure, processing, intake, channel, applicant_user, data, at, officer)
        return decide(dossier, at)


def give_counter_guidance(
    officer: Any,
    intake: Agency,
    procedure: Procedure,
    data: ApplicantData,
    note: str,
    *,
    missing: Collection[RequiredDocument] = (),
    at: datetime.datetime | None = None,
) -> CounterGuidance:
    """An incomplete dossier at the counter: the applicant gets form 02 (what to add) and
    leaves; nothing is received and no clock starts (DOMAIN.md §2). Recorded for statistics."""
    if not has_role_in(officer, intake.pk, StaffRole.RECEIVING):
        raise NotPermitted(_("Bạn không phải cán bộ tiếp nhận của cơ quan này."))
    if not (note or "").strip() and not missing:
        raise InvalidInput(_("Vui lòng nêu nội dung cần bổ sung, hoàn thiện."))
    if not (data.name or "").strip():
        raise InvalidInput(_("Thiếu họ tên người nộp."))
    at = at or timezone.now()
    with transaction.atomic():
        guidance = CounterGuidance.objects.create(
            code=next_dossier_code(intake, at, prefix="HD."),
            intake_agency=intake,
            procedure=procedure,
            applicant_name=data.name[:255],
            applicant_national_id=data.national_id,
            applicant_phone=data.phone,
            applicant_address=data.address,
            missing="\n".join(doc.name for doc in missing),
            note=note.strip(),
            officer=officer,
            officer_name=getattr(officer, "display_name", "") or str(officer),
            at=at,
        )
    return guidance
