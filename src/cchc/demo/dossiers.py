"""Demo dossiers with realistic histories, driven through the real services with past times.

Also the synthetic province generator of `bench/`: `generate(n, days)` makes `n` dossiers over
the last `days` days, each walked through its process template as officers would.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.accounts.models import User
from cchc.catalogue.constants import DurationUnit, StepRole
from cchc.catalogue.models import Procedure
from cchc.dossiers import documents, services
from cchc.dossiers.constants import Channel, OnlinePayment
from cchc.dossiers.deadlines import supplement_deadline
from cchc.dossiers.models import Dossier
from cchc.org.constants import StaffRole
from cchc.org.models import Agency, StaffAssignment
from cchc.workcalendar.selectors import province_calendar

from .accounts import DEMO_COMMUNE
from .organisation import commune_centre_code

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Vũ Thị Giang",
    "Đặng Quốc Huy",
    "Bùi Thị Hương",
    "Ma Văn Khánh",
    "Nông Thị Lụa",
    "Hà Văn Mạnh",
    "Lý Thị Ngọc",
    "Triệu Văn Phúc",
    "Sầm Thị Quyên",
    "Chẩu Văn Sáng",
    "Quan Thị Tâm",
]

# A minimal, valid one-page PDF standing in for a signed result in the demo.
RESULT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class _Staff:
    """Who acts at each agency, looked up once."""

    def __init__(self) -> None:
        self.by_role: dict[tuple[int | None, str], User] = {}
        for a in StaffAssignment.objects.select_related("user"):
            self.by_role.setdefault((a.agency_id, a.role), a.user)

    def get(self, agency_id: int, role: str) -> User:
        user = self.by_role.get((agency_id, role))
        if user is None:
            raise LookupError(f"no {role} at agency {agency_id}")
        return user


_ROLE: dict[str, str] = {
    StepRole.RECEIVING: StaffRole.RECEIVING,
    StepRole.PROCESSING: StaffRole.PROCESSING,
    StepRole.APPROVAL: StaffRole.APPROVER,
}


def _walk(
    dossier_id: int,
    staff: _Staff,
    rng: random.Random,
    start: datetime.datetime,
    now: datetime.datetime,
) -> None:
    """Move a received dossier through its steps until `now`."""
    cal = province_calendar()
    at = start
    supplemented = False
    while True:
        d = Dossier.objects.select_related("procedure").get(pk=dossier_id)
        step = services.current_step(d)
        if step is None:
            return
        actor = staff.get(d.current_agency_id, _ROLE[step.role])
        at = cal.add(
            at,
            Decimal(str(round(float(step.hours) * rng.uniform(0.3, 1.5), 2))),
            DurationUnit.WORKING_HOURS,
        )
        if at > now:
            return
        if (
            step.role == StepRole.PROCESSING
            and not supplemented
            and d.received_at is not None
            and at <= supplement_deadline(d.received_at, cal)  # DOMAIN.md §2
            and rng.random() < 0.12
        ):
            services.request_supplement(
                d, actor, "Bổ sung bản sao giấy tờ tùy thân còn hiệu lực.", at=at
            )
            at = cal.add(at, Decimal(rng.choice([4, 8, 16])), DurationUnit.WORKING_HOURS)
            if at > now:
                return
            services.complete_supplement(
                d, staff.get(d.intake_agency_id, StaffRole.RECEIVING), at=at
            )
            supplemented = True
            continue
        if step.role == StepRole.APPROVAL:
            result = SimpleUploadedFile("ket-qua.pdf", RESULT_PDF, content_type="application/pdf")
            if rng.random() < 0.85:
                documents.attach_result(
                    d, staff.get(d.current_agency_id, StaffRole.PROCESSING), result, at=at
                )
            services.approve(d, actor, at=at)
            at = cal.add(at, Decimal(rng.choice([1, 4, 8])), DurationUnit.WORKING_HOURS)
            if at <= now:
                services.return_result(d, staff.get(d.intake_agency_id, StaffRole.RECEIVING), at=at)
            return
        services.forward(d, actor, at=at)


def generate(n: int, days: int, seed: int = 2026) -> int:
    """Create `n` demo dossiers received over the last `days` days; returns how many."""
    rng = random.Random(seed)
    staff = _Staff()
    cal = province_calendar()
    now = timezone.now()
    citizen = User.objects.get(username="congdan")
    procedures = list(
        Procedure.objects.filter(is_active=True, is_internal=False).prefetch_related(
            "steps", "fees", "documents"
        )
    )
    commune_procedures = [p for p in procedures if p.competent_agency_kind]
    province_procedures = [p for p in procedures if not p.competent_agency_kind]
    commune_centre = Agency.objects.get(code=commune_centre_code(DEMO_COMMUNE))
    province_centre = Agency.objects.get(code="H60.1")
    commune_unit_id = commune_centre.unit_id
    made = 0
    for i in range(n):
        procedure = rng.choice(commune_procedures if i % 3 else province_procedures)
        at = cal.next_opening(
            now - datetime.timedelta(days=rng.uniform(0.2, days), minutes=rng.randint(0, 400))
        )
        if at >= now:
            continue
        name = rng.choice(NAMES)
        data = services.ApplicantData(
            name=name,
            national_id=f"008{rng.randint(0, 3)}{rng.randint(40, 99):02d}{rng.randint(0, 999999):06d}",
            phone=f"09{rng.randint(10000000, 99999999)}",
            summary=procedure.name,
        )
        online = procedure.is_online and rng.random() < 0.55
        intake = commune_centre if procedure.competent_agency_kind else province_centre
        if online:
            data.name, data.national_id, data.phone = (
                citizen.full_name,
                citizen.national_id,
                citizen.phone,
            )
            data.vneid_authenticated = True
            d = services.submit_online(
                citizen, procedure, data, commune_unit_id=commune_unit_id, at=at
            )
            at = cal.add(at, Decimal(rng.choice([1, 2, 4])), DurationUnit.WORKING_HOURS)
            if at > now:
                made += 1
                continue
            officer = staff.get(d.intake_agency_id, StaffRole.RECEIVING)
            if rng.random() < 0.04:
                services.refuse(d, officer, "Hồ sơ không thuộc thẩm quyền giải quyết.", at=at)
                made += 1
                continue
            services.receive(d, officer, at=at)
        else:
            officer = staff.get(intake.pk, StaffRole.RECEIVING)
            d = services.intake_at_counter(
                officer,
                intake,
                procedure,
                data,
                commune_unit_id=commune_unit_id,
                channel=Channel.IN_PERSON,
                at=at,
            )
        # Most dossiers carry a scan of their first required document (indicator 4.2).
        first = next(iter(procedure.documents.all()), None)
        if first is not None and rng.random() < 0.7:
            uploader = citizen if d.applicant_id == citizen.pk else officer
            scan = SimpleUploadedFile("to-khai.pdf", RESULT_PDF, content_type="application/pdf")
            documents.add_document(d, uploader, scan, required_document_id=first.pk)
        if any(f.amount > 0 for f in procedure.fees.all()):
            # Fees are part of the flow (DOMAIN.md §2): asked at receipt, paid online through
            # the gateway (most online applicants) or at the counter.
            counter_officer = staff.get(d.current_agency_id, StaffRole.RECEIVING)
            services.request_payment(d, counter_officer, at=at)
            at += datetime.timedelta(minutes=rng.randint(5, 90))
            if online and rng.random() < 0.6:
                services.confirm_payment(d, None, online=OnlinePayment.PROVINCIAL_GATEWAY, at=at)
            else:
                services.confirm_payment(d, counter_officer, at=at)
        _walk(d.pk, staff, rng, at, now)
        made += 1
    return made
