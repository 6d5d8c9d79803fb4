"""Calendar override pages: an edit changes the due dates computed afterwards."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cchc.workcalendar.models import CalendarOverride

pytestmark = pytest.mark.django_db

MONDAY = "2026-03-02T09:00:00+07:00"  # an ordinary working week


def due(client, start: str = MONDAY, duration: str = "3") -> str:
    response = client.get(
        "/api/v1/calendar/due", {"start": start, "duration": duration, "unit": "working_days"}
    )
    assert response.status_code == 200, response.content
    return response.json()["due"][:16]


def test_adding_editing_and_deleting_an_override_moves_the_due_date(admin, world):
    assert due(admin) == "2026-03-05T09:00"
    response = admin.post(
        reverse("administration:override-create"),
        {"date": "2026-03-03", "kind": "day_off", "reason": "Thông báo số 12/TB-UBND"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("administration:calendar") + "?nam=2026"
    override = CalendarOverride.objects.get()
    assert due(admin) == "2026-03-06T09:00"

    edit = reverse("administration:override-edit", args=[override.pk])
    response = admin.post(edit, {"date": "2026-03-04", "kind": "day_off", "reason": "Dời ngày"})
    assert response.status_code == 302
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [
        datetime.date(2026, 3, 4)
    ]
    assert due(admin) == "2026-03-06T09:00"
    override = CalendarOverride.objects.get()
    response = admin.post(
        reverse("administration:override-edit", args=[override.pk]),
        {"date": "2026-03-04", "kind": "working_day", "reason": "Hủy nghỉ"},
    )
    assert due(admin) == "2026-03-05T09:00"

    delete = reverse("administration:override-delete", args=[override.pk])
    assert "Xóa điều chỉnh ngày 04/03/2026?" in admin.get(delete).content.decode()
    assert admin.post(delete).status_code == 302
    assert not CalendarOverride.objects.exists()


def test_a_make_up_saturday_counts_as_a_working_day(admin, world):
    friday = "2026-03-06T09:00:00+07:00"
    assert due(admin, friday, "1") == "2026-03-09T09:00"
    admin.post(
        reverse("administration:override-create"),
        {"date": "2026-03-07", "kind": "working_day", "reason": "Làm bù"},
    )
    assert due(admin, friday, "1") == "2026-03-07T09:00"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date": "", "kind": "day_off", "reason": "x"}, "date", "Trường này là bắt buộc."),
        ({"date": "03/2026", "kind": "day_off", "reason": "x"}, "date", "Nhập một ngày hợp lệ."),
        ({"date": "1900-01-01", "kind": "day_off", "reason": "x"}, "date", "1990–2100"),
        ({"date": "2026-03-03", "kind": "holiday", "reason": "x"}, "kind", "holiday"),
        ({"date": "2026-03-03", "kind": "day_off", "reason": ""}, "reason", "bắt buộc"),
    ],
)
def test_bad_override_is_refused_with_a_vietnamese_message(admin, world, data, field, message):
    response = admin.post(reverse("administration:override-create"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not CalendarOverride.objects.exists()
    assert f'value="{data["reason"]}"' in response.content.decode() or not data["reason"]


def test_a_second_override_for_the_same_day_is_refused(admin, world):
    CalendarOverride.objects.create(date=datetime.date(2026, 3, 3), kind="day_off", reason="A")
    response = admin.post(
        reverse("administration:override-create"),
        {"date": "2026-03-03", "kind": "working_day", "reason": "B"},
    )
    assert response.status_code == 400
    assert "Ngày này đã có điều chỉnh; hãy sửa điều chỉnh đó." in response.content.decode()
    assert CalendarOverride.objects.get().reason == "A"


def test_year_page_pictures_holidays_make_up_days_and_overrides(admin, world):
    CalendarOverride.objects.create(
        date=datetime.date(2026, 3, 3), kind="day_off", reason="Nghỉ theo thông báo"
    )
    response = admin.get(reverse("administration:calendar"), {"nam": "2026"})
    html = response.content.decode()
    assert response.context["year"] == 2026
    assert "Nghỉ theo thông báo" in html
    march = response.context["months"][2]
    cells = {d.date: d for week in march["weeks"] for d in week if d.date}
    assert cells[datetime.date(2026, 3, 3)].css == "cal-off cal-holiday cal-override"
    assert cells[datetime.date(2026, 3, 7)].css == "cal-off"  # a plain Saturday
    february = {
        d.date: d for week in response.context["months"][1]["weeks"] for d in week if d.date
    }
    assert not february[datetime.date(2026, 2, 17)].working  # Tết
    august = {d.date: d for week in response.context["months"][7]["weeks"] for d in week if d.date}
    assert august[datetime.date(2026, 8, 22)].css == "cal-work cal-makeup"  # make-up Saturday
    # An out-of-range year falls back to the current one instead of failing.
    assert admin.get(reverse("administration:calendar"), {"nam": "99999"}).status_code == 200


def test_a_bad_edit_keeps_the_override_as_it_was(admin, world):
    first = CalendarOverride.objects.create(
        date=datetime.date(2026, 3, 3), kind="day_off", reason="A"
    )
    CalendarOverride.objects.create(date=datetime.date(2026, 3, 4), kind="day_off", reason="B")
    url = reverse("administration:override-edit", args=[first.pk])
    response = admin.post(url, {"date": "2026-03-04", "kind": "working_day", "reason": "Đổi"})
    assert response.status_code == 400
    assert "Ngày này đã có điều chỉnh; hãy sửa điều chỉnh đó." in response.content.decode()
    assert 'value="Đổi"' in response.content.decode()
    first.refresh_from_db()
    assert (first.date, first.kind, first.reason) == (datetime.date(2026, 3, 3), "day_off", "A")
