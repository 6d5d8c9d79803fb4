"""Reported targets: submit → review → approve, corrections kept as history, refusals."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.plan import reports
from cchc.plan.constants import ReportStatus
from cchc.plan.periods import Period
from cchc.plan.permissions import AgencyDirectory, may_report, responsible_agency, sees_dashboard
from cchc.plan.values import PlanValues

from .conftest import pdf

LEGAL = "1.legal-documents-compliant-2025"  # reported yearly by "Sở Tư pháp" (H60.22)
Y2025 = Period.year(2025)


@pytest.fixture
def legal(plan):
    return plan.targets.get(key=LEGAL)


def _approved(target, world, value="97.5", period=Y2025):
    version = reports.submit_report(target, world.processing, period, value, [pdf()])
    reports.act(version, world.admin, "review")
    return reports.act(version, world.monitor, "approve")


def test_plan_agency_names_map_to_organisation(world, plan):
    directory = AgencyDirectory()
    assert responsible_agency(plan.targets.get(key=LEGAL), directory) == world.department
    # "Sở Nội vụ" has no agency in this small province: the province admins report it.
    home_affairs = plan.targets.get(key="0.par-index-2025")
    assert responsible_agency(home_affairs, directory) is None
    assert may_report(world.admin, home_affairs) and not may_report(world.processing, home_affairs)


def test_submit_review_approve_makes_the_value_count(world, legal):
    version = reports.submit_report(
        legal, world.processing, Y2025, "97.5", [pdf()], note="12/12 văn bản"
    )
    assert version.status == ReportStatus.SUBMITTED and version.number == 1
    assert version.evidence.get().content_type == "application/pdf"
    assert PlanValues().value(legal, Y2025).value is None  # not approved yet
    reports.act(version, world.admin, "review")
    approved = reports.act(version, world.monitor, "approve")
    assert approved.status == ReportStatus.APPROVED
    assert approved.reviewed_by == world.admin and approved.approved_by == world.monitor
    assert PlanValues().value(legal, Y2025).value == 97.5
    actions = list(approved.events.values_list("action", flat=True))
    assert actions == ["submit", "review", "approve"]


def test_a_correction_keeps_the_old_version_and_counts_once_approved(world, legal):
    first = _approved(legal, world, "97.5")
    correction = reports.submit_report(legal, world.approver, Y2025, "92", [pdf("sua.pdf")])
    assert correction.number == 2
    first.refresh_from_db()
    assert first.status == ReportStatus.APPROVED and first.value == Decimal("97.500")
    assert PlanValues().value(legal, Y2025).value == 97.5  # the correction is not approved yet
    reports.act(correction, world.admin, "review")
    reports.act(correction, world.monitor, "approve")
    assert PlanValues().value(legal, Y2025).value == 92.0
    assert reports.counting_version(first.report) == correction
    assert first.report.versions.count() == 2


def test_a_new_submission_supersedes_an_open_one(world, legal):
    first = reports.submit_report(legal, world.processing, Y2025, "90", [pdf()])
    second = reports.submit_report(legal, world.processing, Y2025, "91", [pdf()])
    first.refresh_from_db()
    assert first.status == ReportStatus.SUPERSEDED and second.status == ReportStatus.SUBMITTED
    with pytest.raises(reports.InvalidTransition):
        reports.act(first, world.admin, "review")


def test_return_needs_a_reason_and_ends_the_version(world, legal):
    version = reports.submit_report(legal, world.processing, Y2025, "90", [pdf()])
    with pytest.raises(reports.ReportError):
        reports.act(version, world.admin, "return")
    returned = reports.act(version, world.admin, "return", note="Thiếu danh sách văn bản")
    assert returned.status == ReportStatus.RETURNED
    with pytest.raises(reports.InvalidTransition):
        reports.act(returned, world.monitor, "approve")


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("processing", "review"),  # agency staff do not review their own figures
        ("monitor", "review"),  # leadership approves, the PAR secretariat reviews
        ("citizen", "review"),
        ("approver", "review"),
    ],
)
def test_review_is_refused_to_others(world, legal, who, action):
    version = reports.submit_report(legal, world.processing, Y2025, "90", [pdf()])
    with pytest.raises(reports.NotPermitted):
        reports.act(version, getattr(world, who), action)


def test_approval_needs_four_eyes(world, legal):
    version = reports.submit_report(legal, world.processing, Y2025, "90", [pdf()])
    reports.act(version, world.admin, "review")
    with pytest.raises(reports.NotPermitted):
        reports.act(version, world.admin, "approve")  # the reviewer may not approve too
    with pytest.raises(reports.NotPermitted):
        reports.act(version, world.processing, "approve")
    version.refresh_from_db()
    assert reports.allowed_actions(version, world.monitor) == ["approve", "return"]


def test_submission_refused_to_other_agencies_and_citizens(world, legal):
    for user in (world.commune_processing, world.citizen, world.receiving):
        with pytest.raises(reports.NotPermitted):
            reports.submit_report(legal, user, Y2025, "90", [pdf()])


@pytest.mark.parametrize(
    ("period", "value", "files", "message"),
    [
        (Period.parse("2025-Q1"), "90", "pdf", "kỳ"),  # annual target, quarterly period
        (Period.year(2027), "90", "pdf", "Chưa đến kỳ"),
        (Y2025, "120", "pdf", "100"),
        (Y2025, "abc", "pdf", "số"),
        (Y2025, "90", "none", "minh chứng"),
        (Y2025, "90", "exe", "PDF"),
        (Y2025, "90", "fake", "không khớp"),
    ],
)
def test_bad_submissions_are_refused(world, legal, period, value, files, message):
    uploads = {
        "pdf": [pdf()],
        "none": [],
        "exe": [
            SimpleUploadedFile("x.exe", b"MZ\x90\x00rest", content_type="application/octet-stream")
        ],
        "fake": [SimpleUploadedFile("x.png", pdf().read(), content_type="image/png")],
    }[files]
    with pytest.raises(reports.ReportError) as caught:
        reports.submit_report(
            legal,
            world.processing,
            period,
            value,
            uploads,
            at=datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC),
        )
    assert message in caught.value.message
    assert not legal.reports.exists()


def test_oversized_evidence_is_refused(world, legal, settings):
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(reports.ReportError):
        reports.submit_report(legal, world.processing, Y2025, "90", [big])


def test_more_evidence_only_while_waiting_for_review(world, legal):
    version = reports.submit_report(legal, world.processing, Y2025, "90", [pdf()])
    reports.add_evidence(version, world.processing, pdf("phu-luc.pdf"))
    assert version.evidence.count() == 2
    reports.act(version, world.admin, "review")
    with pytest.raises(reports.InvalidTransition):
        reports.add_evidence(version, world.processing, pdf("muon.pdf"))


def test_who_sees_the_dashboard(world):
    assert sees_dashboard(world.monitor) and sees_dashboard(world.admin)
    assert sees_dashboard(world.approver)  # approver of a provincial department
    assert not sees_dashboard(world.commune_approver)
    assert not sees_dashboard(world.processing) and not sees_dashboard(world.citizen)
