"""Reported targets: submit → review → approve, with evidence and history.

Every change goes through `submit_report` or `act`: one transaction, the report row locked,
a new version or a new status plus an event row. A correction is a new version; the old one
stays (approved, returned or superseded) — the latest approved version is the one that counts.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.statemachine import DomainError as ReportError
from cchc.core.statemachine import InvalidTransition, Move, NotPermitted, TransitionTable
from cchc.dossiers.documents import sniff_content_type
from cchc.stats.cache import bump

from .constants import MeasurementKind, ReportAction, ReportStatus
from .models import Report, ReportEvent, ReportEvidence, ReportVersion, Target
from .periods import FREQUENCY_PERIOD, Period
from .permissions import may_approve, may_report, may_review, responsible_agency

# The flow as a table (the state-machine core the dossier workflow uses too), checked in one
# place, `act`. Refusals are the shared domain errors, mapped to answers once.
TABLE: TransitionTable[str] = TransitionTable(
    {
        ReportAction.REVIEW: Move(frozenset({ReportStatus.SUBMITTED}), ReportStatus.REVIEWED),
        ReportAction.APPROVE: Move(frozenset({ReportStatus.REVIEWED}), ReportStatus.APPROVED),
        ReportAction.RETURN: Move(
            frozenset({ReportStatus.SUBMITTED, ReportStatus.REVIEWED}), ReportStatus.RETURNED
        ),
    }
)
OPEN_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)


def _name(user: Any) -> str:
    return str(getattr(user, "display_name", "") or getattr(user, "username", ""))


def _value(raw: Any, target: Target) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ReportError(_("Giá trị phải là một số.")) from None
    if not value.is_finite() or value < 0:
        raise ReportError(_("Giá trị phải là một số không âm."))
    if target.unit == "%" and value > 100:
        raise ReportError(_("Tỷ lệ phần trăm không thể lớn hơn 100."))
    if abs(value) >= Decimal("1e9"):
        raise ReportError(_("Giá trị quá lớn."))
    return value.quantize(Decimal("0.001"))


def check_period(target: Target, period: Period, today: datetime.date) -> None:
    expected = FREQUENCY_PERIOD.get(target.frequency)
    if expected is not None and period.kind != expected:
        raise ReportError(
            _("Chỉ tiêu này báo cáo theo kỳ %(f)s; kỳ %(p)s không phù hợp.")
            % {"f": target.get_frequency_display().lower(), "p": period.label}
        )
    if period.start > today:
        raise ReportError(_("Chưa đến kỳ báo cáo %(p)s.") % {"p": period.label})
    if period.end.year < 2021:
        raise ReportError(_("Kế hoạch bắt đầu từ năm 2021."))


def _store_evidence(version: ReportVersion, user: Any, upload: UploadedFile) -> ReportEvidence:
    content_type = sniff_content_type(upload)  # InvalidInput (400) for a bad file
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = ReportEvidence(
        version=version,
        name=(upload.name or "minh-chung")[-200:],
        content_type=content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    evidence.file.save(evidence.name, upload, save=False)
    evidence.save()
    return evidence


def submit_report(
    target: Target,
    user: Any,
    period: Period,
    value: Any,
    evidence: Sequence[UploadedFile],
    *,
    note: str = "",
    scope: str = "province",
    at: datetime.datetime | None = None,
) -> ReportVersion:
    """A new version of the report of `target` for `period`: the first figure or a correction.

    An open version (not yet approved or returned) of the same report is superseded; approved
    versions stay as they are and keep counting until this one is approved."""
    if target.measurement != MeasurementKind.REPORTED:
        raise ReportError(_("Chỉ tiêu này được tính tự động từ dữ liệu, không nhập báo cáo."))
    if not may_report(user, target):
        raise NotPermitted(_("Bạn không phải cán bộ của cơ quan báo cáo chỉ tiêu này."))
    at = at or timezone.now()
    check_period(target, period, timezone.localdate(at))
    number = _value(value, target)
    if not evidence:
        raise ReportError(_("Cần đính kèm ít nhất một tệp minh chứng."), code="evidence_required")
    for upload in evidence:  # check every file before anything is written
        sniff_content_type(upload)
    with transaction.atomic():
        report, _created = Report.objects.get_or_create(
            target=target,
            period_key=period.key,
            scope=scope,
            defaults={
                "period_start": period.start,
                "period_end": period.end,
                "agency": responsible_agency(target),
            },
        )
        report = Report.objects.select_for_update().get(pk=report.pk)
        previous = report.versions.aggregate(n=Max("number"))["n"] or 0
        version = ReportVersion.objects.create(
            report=report,
            number=previous + 1,
            value=number,
            note=note,
            status=ReportStatus.SUBMITTED,
            submitted_by=user,
            submitted_at=at,
        )
        for old in report.versions.filter(status__in=OPEN_STATUSES).exclude(pk=version.pk):
            old.status = ReportStatus.SUPERSEDED
            old.save(update_fields=["status"])
            _event(
                old,
                ReportAction.SUPERSEDE,
                user,
                at,
                _("Thay bằng lần %(n)s") % {"n": version.number},
            )
        for upload in evidence:
            _store_evidence(version, user, upload)
        _event(version, ReportAction.SUBMIT, user, at, note)
    return version


def add_evidence(version: ReportVersion, user: Any, upload: UploadedFile) -> ReportEvidence:
    """More evidence for a version still waiting for review, by someone who may report."""
    if not may_report(user, version.report.target):
        raise NotPermitted(_("Bạn không thể bổ sung minh chứng cho báo cáo này."))
    with transaction.atomic():
        locked = ReportVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status != ReportStatus.SUBMITTED:
            raise InvalidTransition(_("Chỉ bổ sung minh chứng khi báo cáo đang chờ thẩm định."))
        evidence = _store_evidence(locked, user, upload)
        _event(locked, ReportAction.ADD_EVIDENCE, user, timezone.now(), evidence.name)
    return evidence


def allowed_actions(version: ReportVersion, user: Any) -> list[str]:
    """The actions `user` may take on `version` now (for buttons and the API)."""
    out = []
    for action in TABLE.allowed_from(version.status):
        if _permission_error(version, user, action) is None:
            out.append(action)
    return out


def _permission_error(version: ReportVersion, user: Any, action: str) -> str | None:
    reviewing = version.status == ReportStatus.SUBMITTED
    if action == ReportAction.REVIEW or (action == ReportAction.RETURN and reviewing):
        if not may_review(user):
            return _("Chỉ quản trị cấp tỉnh (bộ phận cải cách hành chính) thẩm định báo cáo.")
        if version.submitted_by_id == user.pk:
            return _("Người gửi báo cáo không tự thẩm định báo cáo của mình.")
        return None
    if action in (ReportAction.APPROVE, ReportAction.RETURN):
        if not may_approve(user):
            return _("Chỉ lãnh đạo theo dõi hoặc quản trị cấp tỉnh phê duyệt báo cáo.")
        if user.pk in (version.submitted_by_id, version.reviewed_by_id):
            return _("Người phê duyệt phải khác người gửi và người thẩm định.")
        return None
    return _("Thao tác không hợp lệ.")


def act(
    version: ReportVersion,
    user: Any,
    action: str,
    *,
    note: str = "",
    at: datetime.datetime | None = None,
) -> ReportVersion:
    """Review, approve or return a version, as the flow table allows."""
    at = at or timezone.now()
    with transaction.atomic():
        Report.objects.select_for_update().get(pk=version.report_id)
        locked = ReportVersion.objects.select_for_update().get(pk=version.pk)
        new_status = TABLE.target(action, locked.status)
        if new_status is None:
            raise InvalidTransition(
                _("Không thể “%(a)s” báo cáo ở trạng thái “%(s)s”.")
                % {"a": _action_label(action), "s": locked.get_status_display()}
            )
        problem = _permission_error(locked, user, action)
        if problem:
            raise NotPermitted(problem)
        if action == ReportAction.RETURN and not note.strip():
            raise ReportError(_("Cần nêu lý do trả lại."), code="reason_required")
        locked.status = new_status
        if action == ReportAction.REVIEW:
            locked.reviewed_by, locked.reviewed_at = user, at
        elif action == ReportAction.APPROVE:
            locked.approved_by, locked.approved_at = user, at
        if note:
            locked.decision_note = note
        locked.save()
        _event(locked, action, user, at, note)
        if new_status == ReportStatus.APPROVED:  # the figure that counts changed
            transaction.on_commit(lambda: bump("plan"))
    return locked


def _action_label(action: str) -> str:
    try:
        return str(ReportAction(action).label)
    except ValueError:
        return action


def _event(
    version: ReportVersion, action: str, user: Any, at: datetime.datetime, note: str
) -> None:
    ReportEvent.objects.create(
        version=version,
        action=action,
        actor=user if getattr(user, "is_authenticated", False) else None,
        actor_name=_name(user),
        at=at,
        note=note,
    )


def counting_version(report: Report) -> ReportVersion | None:
    """The version whose value counts: the latest approved one."""
    return report.versions.filter(status=ReportStatus.APPROVED).order_by("-number").first()
