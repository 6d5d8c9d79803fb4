"""The columns the officers' queues read (issue 16 §1): the current step's role, stored as the
dossier walks its template, and the applicant's name folded for searching without
diacritics; the search over them (exact code first) and the bounded list count."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from cchc.catalogue.constants import StepRole
from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import bounded_count, search_dossiers, visible_dossiers
from cchc.dossiers.services import ApplicantData
from cchc.dossiers.workflow.steps import current_step
from cchc_testkit.clients import api_client_for

from .world import vn

MIGRATION = importlib.import_module("cchc.dossiers.migrations.0004_queue_search_step_role")


def _counter(world, name="Nguyễn Thị Hoà", national_id="008190001234", at=None):
    return services.intake_at_counter(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name=name, national_id=national_id),
        at=at or vn(2026, 3, 2, 9, 0),
    )


def _role(dossier: Dossier) -> str:
    return Dossier.objects.values_list("step_role", flat=True).get(pk=dossier.pk)


def test_stored_step_role_follows_the_dossier_through_its_steps(world):
    d = services.submit_online(world.citizen, world.procedure, ApplicantData(name="Lê Văn Tám"))
    assert _role(d) == ""  # not received: at no step yet
    d = services.receive(d, world.receiving, at=vn(2026, 3, 2, 9, 0))
    assert _role(d) == StepRole.RECEIVING
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    assert _role(d) == StepRole.PROCESSING
    d = services.forward(d, world.processing, at=vn(2026, 3, 2, 11, 0))
    assert _role(d) == StepRole.APPROVAL
    d = services.send_back(d, world.approver, "Xử lý lại", at=vn(2026, 3, 2, 14, 0))
    assert _role(d) == StepRole.PROCESSING
    d = services.send_back(d, world.processing, "Thiếu bản gốc", at=vn(2026, 3, 2, 15, 0))
    assert _role(d) == StepRole.RECEIVING
    d = services.forward(d, world.receiving, at=vn(2026, 3, 3, 9, 0))
    d = services.request_supplement(d, world.processing, "Bổ sung", at=vn(2026, 3, 3, 10, 0))
    assert _role(d) == StepRole.PROCESSING  # waiting for the applicant, still at its step
    d = services.complete_supplement(d, world.receiving, at=vn(2026, 3, 3, 11, 0))
    d = services.forward(d, world.processing, at=vn(2026, 3, 3, 14, 0))
    assert _role(d) == current_step(d).role == StepRole.APPROVAL
    d = services.approve(d, world.approver, at=vn(2026, 3, 3, 15, 0))
    assert _role(d) == ""  # left the last step: decided


def test_the_folded_name_is_stored_with_the_dossier(world):
    d = _counter(world, name="  ĐẶNG Quốc   Huy ")
    assert Dossier.objects.values_list("applicant_search", flat=True).get(pk=d.pk) == (
        "dang quoc huy"
    )


def test_migration_backfills_step_role_and_folded_name(world):
    d = _counter(world, name="Bùi Thị Hương")
    services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    Dossier.objects.filter(pk=d.pk).update(step_role="", applicant_search="")
    MIGRATION.backfill(apps, SimpleNamespace(connection=connection))
    row = Dossier.objects.values("step_role", "applicant_search").get(pk=d.pk)
    assert row == {"step_role": StepRole.PROCESSING, "applicant_search": "bui thi huong"}


def test_search_finds_the_exact_code_first(world):
    first = _counter(world)
    second = _counter(world)
    scope = visible_dossiers(world.receiving)
    assert list(search_dossiers(scope, first.code)) == [first]
    assert list(search_dossiers(scope, f"  {second.code.lower()} ")) == [second]
    # A part of a code still finds every dossier that has it.
    assert set(search_dossiers(scope, first.code[:-2])) == {first, second}
    # A dossier another agency cannot see is not found by its code there.
    assert list(search_dossiers(visible_dossiers(world.commune_processing), first.code)) == []


@pytest.mark.parametrize("text", ["nguyen thi hoa", "Nguyễn Thị Hoà", "NGUYEN THI", "thị hoà"])
def test_search_finds_the_applicant_with_or_without_diacritics(world, text):
    hoa = _counter(world)
    tam = _counter(world, name="Lê Văn Tám", national_id="008190009999")
    found = set(search_dossiers(visible_dossiers(world.receiving), text))
    assert hoa in found and tam not in found


def test_search_by_national_id_and_by_procedure_words(world):
    hoa = _counter(world)
    scope = visible_dossiers(world.receiving)
    assert list(search_dossiers(scope, "008190001234")) == [hoa]
    words = " ".join(world.procedure.search_text.split()[1:3])  # two words of its name
    assert hoa in set(search_dossiers(scope, words))
    assert list(search_dossiers(scope, "khong co ai ten nay")) == []


def test_bounded_count_stops_at_the_limit(world):
    for _ in range(3):
        _counter(world)
    scope = visible_dossiers(world.receiving)
    exact = bounded_count(scope, limit=3)
    assert (int(exact), exact.more, exact.label) == (3, False, "3")
    capped = bounded_count(scope, limit=2)
    assert (int(capped), capped.more, capped.label) == (2, True, "2+")
    assert bounded_count(scope, limit=10_000).label == "3"
    assert bounded_count(Dossier.objects.none(), limit=10_000).label == "0"


def test_bounded_count_label_groups_thousands():
    from cchc.dossiers.selectors import BoundedCount

    assert BoundedCount(10_000, more=True).label == "10 000+"


def test_api_list_count_is_bounded(world, monkeypatch):
    for _ in range(3):
        _counter(world)
    client = api_client_for(world.receiving)
    body = client.get("/api/v1/dossiers").json()
    assert (body["count"], body["count_more"], len(body["results"])) == (3, False, 3)
    monkeypatch.setattr("cchc.dossiers.selectors.COUNT_LIMIT", 2)
    body = client.get("/api/v1/dossiers").json()
    assert (body["count"], body["count_more"], len(body["results"])) == (2, True, 3)


def test_api_search_by_code_and_name_without_diacritics(world):
    hoa = _counter(world)
    tam = _counter(world, name="Lê Văn Tám", national_id="008190009999")
    client = api_client_for(world.receiving)
    by_code = client.get("/api/v1/dossiers", {"q": tam.code}).json()["results"]
    assert [row["code"] for row in by_code] == [tam.code]
    by_name = client.get("/api/v1/dossiers", {"q": "le van tam"}).json()["results"]
    assert [row["code"] for row in by_name] == [tam.code]
    assert hoa.code not in {row["code"] for row in by_name}
