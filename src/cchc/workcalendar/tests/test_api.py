"""Public calendar API (DOMAIN.md §3): answers, and a 400 for every bad parameter."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from cchc.workcalendar import selectors, services

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.workcalendar.tests.urls")]

DUE = "/api/v1/calendar/due"
DAYS = "/api/v1/calendar/non-working-days"


@pytest.fixture(autouse=True)
def _fresh_cache():
    selectors.invalidate_calendar_cache()
    yield
    selectors.invalidate_calendar_cache()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # Tết 2026: Fri 13 Feb 10:00 + 3 working days -> Wed 25 Feb 10:00 (5.5 + 8 + 8 + 2.5 h).
        (
            {"start": "2026-02-13T10:00:00+07:00", "duration": "3", "unit": "working_days"},
            "2026-02-25T10:00:00+07:00",
        ),
        # The same instant given in UTC; the answer is in +07:00.
        (
            {"start": "2026-02-13T03:00:00Z", "duration": "3", "unit": "working_days"},
            "2026-02-25T10:00:00+07:00",
        ),
        # 3 working hours from Mon 2 Mar 10:00: 1.5h before lunch, 1.5h after -> 15:00.
        (
            {"start": "2026-03-02T10:00:00+07:00", "duration": "3", "unit": "working_hours"},
            "2026-03-02T15:00:00+07:00",
        ),
        # Half a working day from Sat 7 Mar: from Mon 9 Mar 07:30, 4h -> 11:30.
        (
            {"start": "2026-03-07T09:00:00+07:00", "duration": "0.5", "unit": "working_days"},
            "2026-03-09T11:30:00+07:00",
        ),
        # Mon 2 Mar + 5 calendar days = Sat 7 Mar -> Mon 9 Mar, same time.
        (
            {"start": "2026-03-02T10:00:00+07:00", "duration": "5", "unit": "calendar_days"},
            "2026-03-09T10:00:00+07:00",
        ),
        # Duration 0 inside office hours: the start itself.
        (
            {"start": "2026-03-02T10:00:00+07:00", "duration": "0", "unit": "working_days"},
            "2026-03-02T10:00:00+07:00",
        ),
        # The maximum duration is accepted (3650 calendar days).
        (
            {"start": "2026-03-02T10:00:00+07:00", "duration": "3650", "unit": "calendar_days"},
            "2036-02-28T10:00:00+07:00",
        ),
    ],
)
def test_due(client: Client, params: dict[str, str], expected: str) -> None:
    response = client.get(DUE, params)
    assert response.status_code == 200, response.content
    assert response.json() == {"due": expected}


def test_due_with_an_unencoded_plus(client: Client) -> None:
    # "+07:00" typed into a URL arrives as " 07:00"; it is understood anyway.
    response = client.get(f"{DUE}?start=2026-02-13T10:00:00+07:00&duration=3&unit=working_days")
    assert response.status_code == 200, response.content
    assert response.json() == {"due": "2026-02-25T10:00:00+07:00"}


def test_due_sees_overrides(client: Client) -> None:
    # Tue 3 Mar declared off: Mon 2 Mar 07:30 + 2 days = Mon 8h, Wed 8h -> Wed 4 Mar 17:30.
    services.set_override(date(2026, 3, 3), "day_off", "Nghỉ đột xuất")
    response = client.get(
        DUE, {"start": "2026-03-02T07:30:00+07:00", "duration": "2", "unit": "working_days"}
    )
    assert response.json() == {"due": "2026-03-04T17:30:00+07:00"}


GOOD = {"start": "2026-02-13T10:00:00+07:00", "duration": "3", "unit": "working_days"}


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"start": None}, "start"),  # missing
        ({"start": ""}, "start"),  # blank
        ({"start": "hôm qua"}, "start"),  # not a date
        ({"start": "2026-02-30T10:00:00+07:00"}, "start"),  # no such day
        ({"start": "2026-02-13T10:00:00"}, "start"),  # naive: no offset
        ({"start": "2026-02-13"}, "start"),  # a date only: naive
        ({"start": "1800-01-01T10:00:00+07:00"}, "start"),  # outside 1990–2100
        ({"start": "2101-01-01T10:00:00+07:00"}, "start"),  # outside 1990–2100
        ({"duration": None}, "duration"),  # missing
        ({"duration": "ba"}, "duration"),  # not a number
        ({"duration": "-1"}, "duration"),  # negative
        ({"duration": "3651"}, "duration"),  # absurd
        ({"duration": "1e9"}, "duration"),  # absurd, scientific notation
        ({"duration": "NaN"}, "duration"),  # not finite
        ({"duration": "Infinity"}, "duration"),  # not finite
        ({"unit": None}, "unit"),  # missing
        ({"unit": "weeks"}, "unit"),  # unknown
        ({"unit": "WORKING_DAYS"}, "unit"),  # case matters
    ],
)
def test_due_bad_parameters(client: Client, change: dict[str, str | None], param: str) -> None:
    params = {**GOOD, **change}
    params = {key: value for key, value in params.items() if value is not None}
    response = client.get(DUE, params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid_parameter"
    assert f"“{param}”" in body["message"]
    assert param in body["fields"]


def test_due_error_message_is_vietnamese(client: Client) -> None:
    body = client.get(DUE, {"duration": "3", "unit": "working_days"}).json()
    assert body["message"] == "Thiếu tham số bắt buộc “start”."


def test_non_working_days(client: Client) -> None:
    response = client.get(DAYS, {"year": "2026"})
    assert response.status_code == 200
    body = response.json()
    assert body["year"] == 2026
    days = body["days"]
    assert [row["date"] for row in days] == sorted(row["date"] for row in days)
    by_date = {row["date"]: row for row in days}
    assert by_date["2026-02-16"]["kind"] == "day_off"
    assert by_date["2026-04-27"]["kind"] == "day_off"
    assert by_date["2026-08-22"] == {
        "date": "2026-08-22",
        "kind": "working_day",
        "reason": "Làm bù cho ngày nghỉ 31/08/2026",
    }
    assert by_date["2026-11-24"] == {
        "date": "2026-11-24",
        "kind": "day_off",
        "reason": "Ngày Văn hóa Việt Nam",
    }
    # 14 days off of the holidays package + 2 Jan (official swap), and two make-up Saturdays:
    # 10 Jan (official swap) and 22 Aug (holidays package).
    assert len(days) == 17


def test_non_working_days_with_an_override(client: Client) -> None:
    services.set_override(date(2026, 3, 3), "day_off", "Nghỉ đột xuất")
    days = client.get(DAYS, {"year": "2026"}).json()["days"]
    assert {"date": "2026-03-03", "kind": "day_off", "reason": "Nghỉ đột xuất"} in days


def test_non_working_days_of_other_years(client: Client) -> None:
    dates = {row["date"] for row in client.get(DAYS, {"year": "2027"}).json()["days"]}
    assert {f"2027-02-{day:02d}" for day in range(4, 11)} <= dates  # Tết 2027
    assert client.get(DAYS, {"year": "1990"}).status_code == 200
    assert client.get(DAYS, {"year": "2100"}).status_code == 200


@pytest.mark.parametrize("year", [None, "", "năm nay", "2026.5", "1989", "2101", "-2026"])
def test_non_working_days_bad_year(client: Client, year: str | None) -> None:
    response = client.get(DAYS, {} if year is None else {"year": year})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_parameter"
    assert "“year”" in body["message"]


def test_only_get(client: Client) -> None:
    assert client.post(DUE, GOOD).status_code == 405
    assert client.post(DAYS, {"year": "2026"}).status_code == 405


def test_openapi_schema_documents_the_parameters() -> None:
    from drf_spectacular.generators import SchemaGenerator

    from cchc.workcalendar.tests import urls

    schema = SchemaGenerator(patterns=urls.urlpatterns).get_schema(request=None, public=True)
    due = schema["paths"]["/api/v1/calendar/due"]["get"]
    assert {p["name"] for p in due["parameters"]} == {"start", "duration", "unit"}
    assert all(p["required"] for p in due["parameters"])
    days = schema["paths"]["/api/v1/calendar/non-working-days"]["get"]
    assert [p["name"] for p in days["parameters"]] == ["year"]
