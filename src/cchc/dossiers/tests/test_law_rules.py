"""The rules of DOMAIN.md §2 that the workflow enforces, each worked out by hand.

Office hours 07:30–11:30 and 13:30–17:30 (8 working hours a day); world.procedure takes
3 working days and has a 50,000 đ fee.
"""

from __future__ import annotations

import pytest

from cchc.dossiers import services
from cchc.dossiers.constants import Action, Status
from cchc.dossiers.errors import InvalidTransition
from cchc.dossiers.models import CounterGuidance, Dossier
from cchc.dossiers.services import ApplicantData
from cchc.stats.facts import Catalogue, facts_between
from cchc.stats.models import Timeliness as FactTimeliness

from .world import vn


def counter(w, at, **kwargs):
    return services.intake_at_counter(
        w.receiving, w.centre, w.procedure, ApplicantData(name="Nguyễn Thị Hoà"), at=at, **kwargs
    )


# --- apology (form 04): before the due date, once ---------------------------------------------


def test_apology_new_due_date_is_the_one_given(world):
    d = counter(world, vn(2026, 3, 2, 9, 0))  # due Thu 5 Mar 2026 09:00
    d = services.apologise(
        d, world.receiving, vn(2026, 3, 10, 9, 0), "Cần xác minh", at=vn(2026, 3, 4, 16, 0)
    )
    assert d.due_at == vn(2026, 3, 10, 9, 0)
    assert d.original_due_at == vn(2026, 3, 5, 9, 0)


def test_apology_after_the_due_date_is_refused_and_not_offered(world):
    d = counter(world, vn(2026, 3, 2, 9, 0))  # due Thu 5 Mar 2026 09:00
    after = vn(2026, 3, 5, 9, 0)  # at the due instant: too late
    assert Action.APOLOGISE not in services.allowed_actions(d, world.receiving, at=after)
    with pytest.raises(InvalidTransition) as refused:
        services.apologise(d, world.receiving, vn(2026, 3, 10, 9, 0), "Muộn", at=after)
    assert (refused.value.code, refused.value.http_status) == ("apology_too_late", 409)
    assert Action.APOLOGISE in services.allowed_actions(
        d, world.receiving, at=vn(2026, 3, 5, 8, 59)
    )


def test_a_second_apology_is_refused(world):
    d = counter(world, vn(2026, 3, 2, 9, 0))
    d = services.apologise(d, world.receiving, vn(2026, 3, 10, 9, 0), "Lần 1", at=vn(2026, 3, 3))
    with pytest.raises(InvalidTransition) as refused:
        services.apologise(d, world.receiving, vn(2026, 3, 12, 9, 0), "Lần 2", at=vn(2026, 3, 4))
    assert refused.value.code == "apology_limit"
    d.refresh_from_db()
    assert (d.due_at, d.apology_count) == (vn(2026, 3, 10, 9, 0), 1)


def test_apology_over_the_api_after_the_due_date_answers_409(world):
    from cchc_testkit.clients import api_client_for as client_for

    d = counter(world, vn(2026, 3, 2, 9, 0))  # long past due today
    response = client_for(world.receiving).post(
        f"/api/v1/dossiers/{d.code}/actions/apologise",
        {"new_due": "2030-01-01T09:00:00+07:00", "note": "Xin lỗi"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "apology_too_late"


# --- paused time: one rule for the page and the index -----------------------------------------


def test_paused_time_agrees_on_the_dossier_page_and_in_the_index(world):
    """Received Wed 4 Mar 2026 10:00 + 3 working days → due Mon 9 Mar 10:00. Supplement asked
    Fri 6 Mar 16:00, completed Mon 9 Mar 08:00: 4 office hours were left (Fri 16:00–17:30 =
    1.5 h, Mon 07:30–10:00 = 2.5 h), counted again from Mon 08:00: 08:00–11:30 = 3.5 h, then
    13:30 + 0.5 h → new due Mon 9 Mar 14:00. Finished Mon 9 Mar 15:00 → late, on the page and
    in the index (subtracting the 64 calendar hours of the pause would have said early)."""
    d = counter(world, vn(2026, 3, 4, 10, 0))
    assert d.due_at == vn(2026, 3, 9, 10, 0)
    d = services.forward(d, world.receiving, at=vn(2026, 3, 4, 11, 0))
    d = services.request_supplement(d, world.processing, "Thiếu", at=vn(2026, 3, 6, 16, 0))
    d = services.complete_supplement(d, world.receiving, at=vn(2026, 3, 9, 8, 0))
    assert d.due_at == vn(2026, 3, 9, 14, 0)
    d = services.forward(d, world.processing, at=vn(2026, 3, 9, 14, 30))
    d = services.approve(d, world.approver, at=vn(2026, 3, 9, 15, 0))
    assert d.timeliness == "late"  # the page's verdict
    (fact,) = facts_between(d.pk - 1, d.pk, Catalogue())
    assert fact["timeliness"] == FactTimeliness.LATE


# --- counter intake: an incomplete dossier is not received ------------------------------------


def test_counter_intake_of_an_incomplete_dossier_is_refused(world):
    required = [doc.pk for doc in world.procedure.documents.all() if doc.required]
    assert required, "world.procedure needs a required document for this test"
    before = Dossier.objects.count()
    with pytest.raises(InvalidTransition) as refused:
        counter(world, vn(2026, 3, 2, 9, 0), documents_present=[])
    assert refused.value.code == "incomplete_dossier"
    assert Dossier.objects.count() == before
    d = counter(world, vn(2026, 3, 2, 9, 0), documents_present=required)
    assert d.status == Status.RECEIVED


def test_conditional_documents_never_block_intake_unless_the_condition_applies(world):
    doc = world.procedure.documents.filter(required=True).first()
    doc.condition = "Khi người nộp thuộc diện ủy quyền"
    doc.save()
    others = [d.pk for d in world.procedure.documents.all() if d.required and d.pk != doc.pk]
    d = counter(world, vn(2026, 3, 2, 9, 0), documents_present=others)
    assert d.status == Status.RECEIVED
    with pytest.raises(InvalidTransition):
        counter(world, vn(2026, 3, 2, 10, 0), documents_present=others, conditions_apply=[doc.pk])


def test_counter_guidance_receives_nothing_and_starts_no_clock(world):
    missing = list(world.procedure.documents.filter(required=True))
    before = Dossier.objects.count()
    guidance = services.give_counter_guidance(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name="Nguyễn Thị Hoà"),
        "Mang bản chính giấy tờ tùy thân",
        missing=missing,
        at=vn(2026, 3, 2, 9, 0),
    )
    assert Dossier.objects.count() == before
    assert guidance.code == "HD.H60.1-260302-0001"
    assert CounterGuidance.objects.get().missing == "\n".join(doc.name for doc in missing)
