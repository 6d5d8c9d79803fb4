"""Demo figures for a few reported targets of the plan, entered, reviewed and approved through
the real services (xuly.tinh reports, admin reviews, giamsat approves), so that the leadership
dashboard shows reported values, trends and forecasts beside the computed ones.

The figures are invented for the demo (labelled as such in the note of every report), except
the 2021 PAR INDEX, which is the published 86.57 %. Idempotent: a target that already has
reports is left alone.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cchc.accounts.models import User
from cchc.plan import reports
from cchc.plan.models import Plan
from cchc.plan.periods import Period

from .dossiers import RESULT_PDF

NOTE = "Số liệu mẫu (dữ liệu demo)"

# target key → yearly approved values
YEARLY: dict[str, dict[int, str]] = {
    "0.par-index-2025": {2021: "86.57", 2022: "84.10", 2023: "86.90", 2024: "88.12", 2025: "88.50"},
    "3.satisfaction-health-education-2030": {2022: "82.5", 2023: "84.0", 2024: "85.3", 2025: "86.4"},
    "4.advisory-staff-postgraduate-2030": {2021: "24.0", 2022: "25.8", 2023: "27.1", 2024: "29.0", 2025: "30.2"},
    "6.adults-bank-accounts-2030": {2022: "58", 2023: "63", 2024: "66", 2025: "70"},
}  # fmt: skip
# A correction waiting for review: the approved 2025 value keeps counting meanwhile.
PENDING = ("6.adults-bank-accounts-2030", 2025, "71.5", "Bổ sung số liệu tài khoản mở trực tuyến")


def _evidence(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, RESULT_PDF, content_type="application/pdf")


def _when(period: Period) -> datetime.datetime:
    """Reported a fortnight after the period ended (today for a running period)."""
    day = min(period.end + datetime.timedelta(days=15), timezone.localdate())
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


@transaction.atomic
def load_plan_reports(plan: Plan) -> int:
    """Approved yearly reports for the targets above; returns how many versions were made."""
    reporter = User.objects.get(username="xuly.tinh")
    reviewer = User.objects.get(username="admin")
    approver = User.objects.get(username="giamsat")
    made = 0
    for key, series in YEARLY.items():
        target = plan.targets.filter(key=key).first()
        if target is None or target.reports.exists():
            continue
        for year, value in series.items():
            period = Period.year(year)
            at = _when(period)
            version = reports.submit_report(
                target,
                reporter,
                period,
                value,
                [_evidence(f"bao-cao-{year}.pdf")],
                note=NOTE,
                at=at,
            )
            reports.act(version, reviewer, "review", at=at + datetime.timedelta(days=2))
            reports.act(version, approver, "approve", at=at + datetime.timedelta(days=4))
            made += 1
        if key == PENDING[0]:
            period = Period.year(PENDING[1])
            reports.submit_report(
                target,
                reporter,
                period,
                PENDING[2],
                [_evidence("bao-cao-sua.pdf")],
                note=PENDING[3],
            )
            made += 1
    return made
