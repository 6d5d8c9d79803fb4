"""Home per role and the work queues: right scope, due-date order, counts, search, pages."""

from __future__ import annotations

from django.urls import reverse

from cchc.dossiers import services
from cchc.dossiers.services import ApplicantData
from cchc.office.queues import base_queryset, queue_counts, queue_filters
from cchc_testkit.clients import client_for
from cchc_testkit.world import vn

from .conftest import counter_dossier


def _codes(user, slug, now):
    filters = queue_filters(user, now)
    return set(base_queryset(user).filter(filters[slug]).values_list("code", flat=True))


def test_home_of_a_receiving_officer_offers_intake_and_waiting_online_dossiers(world):
    online = services.submit_online(
        world.citizen, world.procedure, ApplicantData(name="Nguyễn Thị Hoà")
    )
    content = client_for(world.receiving).get(reverse("office:home")).content.decode()
    assert reverse("office:intake") in content
    assert online.code in content
    assert "Chờ tiếp nhận" in content


def test_home_of_an_approver_lists_what_waits_for_approval(world):
    dossier = services.forward(
        services.forward(counter_dossier(world), world.receiving), world.processing
    )
    content = client_for(world.approver).get(reverse("office:home")).content.decode()
    assert "Chờ phê duyệt" in content and dossier.code in content
    assert reverse("office:intake") not in content


def test_home_of_a_monitor_shows_counts_only(world):
    counter_dossier(world)
    response = client_for(world.monitor).get(reverse("office:home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "chỉ xem" in content
    assert reverse("office:intake") not in content
    assert 'class="dossier-table' not in content


def test_queues_follow_the_dossier_through_its_steps(world):
    dossier = counter_dossier(world, at=vn(2026, 3, 2, 9, 0))
    now = vn(2026, 3, 2, 10, 0)
    assert dossier.code in _codes(world.receiving, "cua-toi", now)
    assert dossier.code not in _codes(world.processing, "cua-toi", now)
    services.forward(dossier, world.receiving, at=vn(2026, 3, 2, 9, 30))
    assert dossier.code in _codes(world.processing, "cua-toi", now)
    assert dossier.code not in _codes(world.receiving, "cua-toi", now)
    # The centre received it; now it waits at the department: another agency for the centre.
    assert dossier.code in _codes(world.receiving, "cho-co-quan-khac", now)
    assert dossier.code in _codes(world.processing, "co-quan", now)
    services.forward(dossier, world.processing, at=vn(2026, 3, 2, 9, 45))
    assert dossier.code in _codes(world.approver, "cho-phe-duyet", now)
    assert dossier.code in _codes(world.approver, "cua-toi", now)
    assert dossier.code in _codes(world.monitor, "cho-phe-duyet", now)
    assert _codes(world.commune_processing, "tat-ca", now) == set()


def test_due_soon_and_late_use_working_days(world):
    # Received Mon 2 Mar 2026 09:00, 3 working days: due Thu 5 Mar 09:00 (DOMAIN.md §3).
    dossier = counter_dossier(world, at=vn(2026, 3, 2, 9, 0))
    assert dossier.code not in _codes(world.receiving, "sap-den-han", vn(2026, 3, 3, 9, 0))
    assert dossier.code in _codes(world.receiving, "sap-den-han", vn(2026, 3, 4, 10, 0))
    assert dossier.code not in _codes(world.receiving, "qua-han", vn(2026, 3, 5, 8, 0))
    assert dossier.code in _codes(world.receiving, "qua-han", vn(2026, 3, 5, 10, 0))
    assert dossier.code not in _codes(world.receiving, "sap-den-han", vn(2026, 3, 5, 10, 0))


def test_due_soon_skips_the_weekend(world):
    # Received Wed 4 Mar 2026 09:00: due Mon 9 Mar 09:00. On Friday at 10:00 that is less
    # than one working day away, though three calendar days.
    dossier = counter_dossier(world, at=vn(2026, 3, 4, 9, 0))
    assert dossier.code in _codes(world.receiving, "sap-den-han", vn(2026, 3, 6, 10, 0))
    assert dossier.code not in _codes(world.receiving, "sap-den-han", vn(2026, 3, 6, 8, 0))


def test_a_dossier_waiting_for_its_supplement_is_in_the_applicants_queue(world):
    dossier = counter_dossier(world, at=vn(2026, 3, 2, 9, 0))
    services.request_supplement(dossier, world.receiving, "Lần 1", at=vn(2026, 3, 2, 10, 0))
    now = vn(2026, 3, 2, 15, 0)
    assert dossier.code in _codes(world.receiving, "cho-nguoi-nop", now)
    assert dossier.code not in _codes(world.receiving, "qua-han", now)


def test_counts_are_per_queue(world):
    counter_dossier(world)
    counter_dossier(world)
    counts = queue_counts(world.receiving)
    assert counts["cua-toi"] == 2 and counts["tat-ca"] == 2 and counts["cho-phe-duyet"] == 0
    assert queue_counts(world.commune_processing)["tat-ca"] == 0


def test_queue_page_sorted_by_due_date_with_search(world):
    later = counter_dossier(world, at=vn(2026, 3, 3, 9, 0))
    sooner = counter_dossier(world, at=vn(2026, 3, 2, 9, 0))
    other = services.intake_at_counter(
        world.receiving, world.centre, world.land_procedure, ApplicantData(name="Lê Văn Tám")
    )
    client = client_for(world.receiving)
    content = client.get(reverse("office:queue", args=["tat-ca"])).content.decode()
    assert content.index(sooner.code) < content.index(later.code)
    by_name = client.get(reverse("office:queue", args=["tat-ca"]), {"q": "Lê Văn"}).content.decode()
    assert other.code in by_name and later.code not in by_name
    by_cccd = client.get(
        reverse("office:queue", args=["tat-ca"]), {"q": "008190001234"}
    ).content.decode()
    assert later.code in by_cccd and other.code not in by_cccd
    by_procedure = client.get(
        reverse("office:queue", args=["tat-ca"]), {"procedure": world.land_procedure.code}
    ).content.decode()
    assert other.code in by_procedure and sooner.code not in by_procedure
    by_code = client.get(reverse("office:queue", args=["tat-ca"]), {"q": sooner.code}).content
    assert sooner.code in by_code.decode() and later.code not in by_code.decode()


def test_queue_filter_answers_htmx_with_the_results_only(world):
    dossier = counter_dossier(world)
    response = client_for(world.receiving).get(
        reverse("office:queue", args=["cua-toi"]), {"q": dossier.code}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.startswith('<div id="ket-qua"') and "<html" not in content
    assert dossier.code in content


def test_queue_paginates(world):
    for _ in range(27):
        counter_dossier(world)
    client = client_for(world.receiving)
    first = client.get(reverse("office:queue", args=["tat-ca"])).content.decode()
    assert "Trang 1/2" in first and "trang=2" in first
    second = client.get(reverse("office:queue", args=["tat-ca"]), {"trang": 2}).content.decode()
    assert second.count('href="/mot-cua/ho-so/') == 2


def test_large_queues_show_a_bounded_count(world, monkeypatch):
    """Past the limit a queue's count reads "N+" on the home page, the tabs and the results
    (issue 16 §1: exact counts over millions of dossiers cost more than the page)."""
    for _ in range(3):
        counter_dossier(world)
    counts = queue_counts(world.receiving, limit=2)
    assert (counts["tat-ca"], counts["tat-ca"].more) == (2, True)
    assert (counts["cho-phe-duyet"], counts["cho-phe-duyet"].more) == (0, False)
    monkeypatch.setattr("cchc.dossiers.selectors.COUNT_LIMIT", 2)
    client = client_for(world.receiving)
    home = client.get(reverse("office:home")).content.decode()
    assert '<span class="queue-count">2+</span>' in home
    page = client.get(reverse("office:queue", args=["tat-ca"])).content.decode()
    assert "2+ hồ sơ" in page
    assert page.count('href="/mot-cua/ho-so/') == 3  # the page itself lists them all
    monkeypatch.setattr("cchc.dossiers.selectors.COUNT_LIMIT", 10_000)
    page = client.get(reverse("office:queue", args=["tat-ca"])).content.decode()
    assert "3 hồ sơ" in page and "3+" not in page


def test_queue_search_by_name_without_diacritics_and_exact_code(world):
    hoa = counter_dossier(world)
    tam = services.intake_at_counter(
        world.receiving, world.centre, world.procedure, ApplicantData(name="Lê Văn Tám")
    )
    client = client_for(world.receiving)
    url = reverse("office:queue", args=["tat-ca"])
    by_name = client.get(url, {"q": "le van tam"}).content.decode()
    assert tam.code in by_name and hoa.code not in by_name
    by_code = client.get(url, {"q": hoa.code}).content.decode()
    assert hoa.code in by_code and tam.code not in by_code
    assert "1 hồ sơ" in by_code


def test_procedure_filter_lists_the_procedures_the_users_agencies_handle(world):
    """From the catalogue, not from millions of dossiers: the centre receives every
    province-level procedure; a department its own; a commune committee the commune level."""
    from cchc.catalogue.constants import ProcedureLevel
    from cchc.catalogue.models import Procedure
    from cchc.office.queues import procedure_choices

    province = set(Procedure.objects.filter(level=ProcedureLevel.PROVINCE))
    assert world.procedure in province
    assert set(procedure_choices(world.receiving)) >= province
    handled = set(procedure_choices(world.processing))
    assert world.procedure in handled
    assert handled == set(Procedure.objects.filter(agencies__in=[world.department]).distinct())
    commune = set(procedure_choices(world.commune_processing))
    assert commune and all(p.level == ProcedureLevel.COMMUNE for p in commune)
    counter_dossier(world)
    assert world.procedure in set(procedure_choices(world.monitor))
