"""DossierFactory: dossiers built by the real services (`cchc.dossiers.services`) at explicit
times, never by writing status fields, so every event, due date and rollup is what the engine
makes of them. They play in the small province (`cchc_testkit.world.get_world`).

The timeline (Vietnam time, March 2026, no holiday; procedure 1.000001: 3 working days with
steps receiving 4 h, processing 12 h, approval 8 h):

    Mon 2 Mar 08:00  the citizen submits online                         → status 1 (new)
    Mon 2 Mar 09:00  the province centre receives; due Thu 5 Mar 09:00  → 2   `received=True`
    Mon 2 Mar 10:00  forwarded to the department (processing)           → 4
    Tue 3 Mar 09:00  the department asks for a supplement              → 5   `supplement_requested=True`
    Tue 3 Mar 10:00  forwarded for approval
    Tue 3 Mar 15:00  approved, before the due date                     → 9   `finished=True`
    Wed 4 Mar 08:00  result returned                                   → 10  `returned=True`

`late=True` means processed past the due date: received as above, forwarded for approval
Fri 6 Mar 09:00, approved Mon 9 Mar 10:00 (status 9, finished after the due Thu 5 Mar
09:00), and returned Tue 10 Mar 08:00 when `returned=True` too; so `received=True, late=True`
is a received dossier that went on to be finished late. `counter=True` takes it in at the counter instead (received at once, Mon
2 Mar 09:00). `procedure=`, `applicant=` and `world=` replace the defaults.
"""

from __future__ import annotations

import datetime
from typing import Any

import factory

from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc_testkit.world import get_world, vn

SUBMITTED = vn(2026, 3, 2, 8, 0)
RECEIVED = vn(2026, 3, 2, 9, 0)
FORWARDED = vn(2026, 3, 2, 10, 0)
SUPPLEMENT = vn(2026, 3, 3, 9, 0)
TO_APPROVAL = vn(2026, 3, 3, 10, 0)
APPROVED = vn(2026, 3, 3, 15, 0)
DUE = vn(2026, 3, 5, 9, 0)
LATE_TO_APPROVAL = vn(2026, 3, 6, 9, 0)
LATE_APPROVED = vn(2026, 3, 9, 10, 0)


def _next_morning(at: datetime.datetime) -> datetime.datetime:
    return (at + datetime.timedelta(days=1)).replace(hour=8, minute=0)


class DossierFactory(factory.Factory):
    class Meta:
        model = Dossier

    # Not model fields: `_create` hands them to the services.
    world = factory.LazyFunction(get_world)
    procedure = factory.SelfAttribute("world.procedure")
    applicant = factory.SelfAttribute("world.citizen")
    counter = False
    stage = "new"  # new, received, supplement, finished, returned: set by the traits
    late = False

    class Params:
        received = factory.Trait(stage="received")
        supplement_requested = factory.Trait(stage="supplement")
        finished = factory.Trait(stage="finished")
        returned = factory.Trait(stage="returned")

    summary = "Hồ sơ thử"

    @classmethod
    def _build(cls, model_class: type[Dossier], *args: Any, **kwargs: Any) -> Dossier:
        raise NotImplementedError("dossiers exist only through the services: use create()")

    @classmethod
    def _create(
        cls,
        model_class: type[Dossier],
        *args: Any,
        world: Any,
        procedure: Any,
        applicant: Any,
        counter: bool,
        stage: str,
        late: bool,
        summary: str,
        **kwargs: Any,
    ) -> Dossier:
        data = ApplicantData(
            name=applicant.full_name or applicant.username,
            national_id=applicant.national_id,
            phone=applicant.phone,
            summary=summary,
        )
        if late and stage == "supplement":
            raise ValueError("late=True finishes the dossier; it cannot wait for a supplement")
        if late and stage in ("new", "received"):
            stage = "finished"  # a received dossier that went on to be finished late
        if counter:
            dossier = services.intake_at_counter(
                world.receiving,
                world.centre,
                procedure,
                data,
                applicant_user=applicant,
                at=RECEIVED,
            )
            if stage == "new":
                return dossier  # a counter dossier is received at once
        else:
            dossier = services.submit_online(applicant, procedure, data, at=SUBMITTED)
            if stage == "new":
                return dossier
            dossier = services.receive(dossier, world.receiving, at=RECEIVED)
        if stage == "received":
            return dossier
        dossier = services.forward(dossier, world.receiving, at=FORWARDED)
        if stage == "supplement":
            return services.request_supplement(
                dossier, world.processing, "Thiếu bản sao giấy tờ", at=SUPPLEMENT
            )
        approved = LATE_APPROVED if late else APPROVED
        dossier = services.forward(
            dossier, world.processing, at=LATE_TO_APPROVAL if late else TO_APPROVAL
        )
        dossier = services.approve(dossier, world.approver, at=approved)
        if stage == "returned":
            returned_at = _next_morning(approved)
            if procedure.has_fee:  # no return unpaid (DOMAIN.md §2): paid at the counter
                dossier = services.exempt_fee(
                    dossier,
                    world.receiving,
                    "Miễn lệ phí",
                    at=returned_at - datetime.timedelta(minutes=5),
                )
            dossier = services.return_result(dossier, world.receiving, at=returned_at)
        return dossier
