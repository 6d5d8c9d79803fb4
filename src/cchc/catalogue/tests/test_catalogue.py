"""Catalogue API, search without diacritics, and the JSON import/export."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from cchc.catalogue.exchange import export_catalogue, import_catalogue
from cchc.catalogue.models import Procedure
from cchc.demo.catalogue import demo_catalogue
from cchc.demo.organisation import load_agencies, load_units


@pytest.fixture
def demo(db):
    load_agencies(load_units())
    result = import_catalogue(demo_catalogue())
    assert result["errors"] == []
    return result


def test_demo_catalogue_has_real_procedures_labelled_as_demo(demo):
    assert demo["created"] >= 60
    birth = Procedure.objects.get(code="1.001193")
    assert (
        birth.is_demo
        and birth.level == "commune"
        and birth.competent_agency_kind == "commune_committee"
    )
    assert birth.cutoff_time.strftime("%H:%M") == "15:00"
    assert birth.steps.count() == 3
    land = Procedure.objects.get(code="1.012783")
    assert [s.agency.code if s.agency else None for s in land.steps.all()] == [
        None,
        "H60.31",
        "H60.32",
        "H60.31",
    ]
    assert "process" in land.assumed_fields


@pytest.mark.parametrize(
    "query", ["dang ky khai sinh", "khai sinh đăng ký", "Đăng ký khai sinh", "ĐĂNG KÝ KHAI SINH"]
)
def test_search_tolerates_missing_diacritics_and_word_order(demo, query):
    codes = [
        p["code"]
        for p in APIClient()
        .get("/api/v1/procedures", {"q": query, "page_size": 50})
        .json()["results"]
    ]
    assert "1.001193" in codes


def test_list_items_have_the_documented_fields(demo):
    body = APIClient().get("/api/v1/procedures", {"q": "1.001612"}).json()
    item = body["results"][0]
    assert set(item) >= {
        "code",
        "name",
        "service_mode",
        "has_fee",
        "paper_result",
        "duration",
        "duration_unit",
        "level",
        "sectors",
        "agency",
        "demo",
    }
    assert item["demo"] is True and item["sectors"] == ["business"]


def test_has_fee_means_a_non_zero_fee_line(demo):
    zero = Procedure.objects.get(code="2.000986")  # liên thông khai sinh – thường trú: 0 đ
    assert all(f.amount == 0 for f in zero.fees.all())
    item = APIClient().get("/api/v1/procedures", {"q": "2.000986"}).json()["results"][0]
    assert item["has_fee"] is False


def test_filters_and_bad_parameters(demo):
    client = APIClient()
    province = client.get("/api/v1/procedures", {"level": "province", "page_size": 200}).json()
    assert province["count"] > 10 and all(p["level"] == "province" for p in province["results"])
    land = client.get("/api/v1/procedures", {"sector": "land", "page_size": 200}).json()["results"]
    assert land and all("land" in p["sectors"] for p in land)
    assert client.get("/api/v1/procedures", {"level": "district"}).status_code == 400
    assert client.get("/api/v1/procedures", {"page": "abc"}).status_code == 404
    assert client.get("/api/v1/procedures/không-có").status_code == 404


def test_detail_has_documents_fees_steps_and_publication(demo):
    body = APIClient().get("/api/v1/procedures/1.001193").json()
    assert body["documents"] and body["fees"] and len(body["steps"]) == 3
    assert body["legal_basis"].startswith("Luật Hộ tịch")
    assert body["effective_date"] == "2025-07-01"


def test_export_import_round_trip_is_stable(demo):
    exported = export_catalogue()
    result = import_catalogue(exported)
    assert result == {"created": 0, "updated": len(exported["procedures"]), "errors": []}
    assert export_catalogue() == exported


def test_import_reports_bad_procedures_and_keeps_good_ones(demo):
    doc = export_catalogue()
    good = doc["procedures"][0] | {"code": "X.000001"}
    bad = doc["procedures"][0] | {"code": "X.000002", "duration_unit": "weeks"}
    result = import_catalogue({"schema": doc["schema"], "procedures": [good, bad]})
    assert result["created"] == 1
    assert result["errors"] == [
        {
            "index": 1,
            "code": "X.000002",
            "field": "duration_unit",
            "message": "Giá trị “weeks” không hợp lệ.",
        }
    ]
    assert not Procedure.objects.filter(code="X.000002").exists()
