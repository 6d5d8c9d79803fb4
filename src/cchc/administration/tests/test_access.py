"""Only province administrators reach these pages; everybody else is refused server-side."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.catalogue.models import Field, Procedure
from cchc.org.models import Agency, StaffAssignment
from cchc.workcalendar.models import CalendarOverride

pytestmark = pytest.mark.django_db

PAGES = [
    ("administration:home", {}),
    ("administration:procedure-list", {}),
    ("administration:procedure-create", {}),
    ("administration:field-list", {}),
    ("administration:catalogue-import", {}),
    ("administration:catalogue-export", {}),
    ("administration:calendar", {}),
    ("administration:override-create", {}),
    ("administration:agency-list", {}),
    ("administration:agency-create", {}),
    ("administration:staff-list", {}),
    ("administration:staff-create", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, world, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize("who", ["citizen", "processing", "approver", "monitor", "receiving"])
@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_people_without_the_province_admin_role_are_refused(client, world, who, name, kwargs):
    client.force_login(getattr(world, who))
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


def test_a_superuser_without_the_role_is_refused_too(client, world):
    root = User.objects.create_superuser("root", password="pw-root-123")
    client.force_login(root)
    assert client.get(reverse("administration:home")).status_code == 403


def _snapshot() -> dict[str, list]:
    """Every row the administration writes, as plain values (passwords by their hash)."""
    return {
        "users": list(
            User.objects.order_by("pk").values_list("pk", "username", "is_active", "password")
        ),
        "assignments": list(
            StaffAssignment.objects.order_by("pk").values_list("pk", "user_id", "role", "agency_id")
        ),
        "overrides": list(CalendarOverride.objects.order_by("pk").values_list()),
        "agencies": list(Agency.objects.order_by("pk").values_list()),
        "procedures": list(Procedure.objects.order_by("pk").values_list("pk", "code", "name")),
        "fields": list(Field.objects.order_by("pk").values_list()),
    }


def _writes(world, override_pk):
    """(url name, args, body) of POSTs a province administrator's forms send."""
    return [
        ("administration:staff-set-active", [world.receiving.pk], {"active": "0"}),
        (
            "administration:override-create",
            [],
            {"date": "2026-03-02", "kind": "day_off", "reason": "x"},
        ),
        ("administration:override-delete", [override_pk], {}),
        (
            "administration:agency-create",
            [],
            {"code": "H60.99", "name": "Sở Mới", "kind": "department", "unit": world.province.pk},
        ),
        (
            "administration:staff-create",
            [],
            {"username": "moi", "full_name": "Cán bộ Mới", "role": "receiving"},
        ),
        (
            "administration:assignment-add",
            [world.receiving.pk],
            {"role": "processing", "agency": world.department.pk},
        ),
        (
            "administration:staff-password",
            [world.receiving.pk],
            {"password1": "Mat-khau-moi-2026", "password2": "Mat-khau-moi-2026"},
        ),
        ("administration:procedure-create", [], {"code": "9.999999", "name": "Thủ tục mới"}),
        ("administration:field-edit", [world.procedure.field_id], {"code": "X", "name": "Đổi"}),
    ]


def test_refused_writes_change_nothing(client, world):
    override = CalendarOverride.objects.create(date=datetime.date(2026, 3, 3), kind="day_off")
    before = _snapshot()
    client.force_login(world.processing)
    for name, args, body in _writes(world, override.pk):
        response = client.post(reverse(name, args=args), body)
        assert response.status_code == 403, name
    assert _snapshot() == before
    # The same requests from the administrator do write: the comparison above can fail.
    client.force_login(world.admin)
    for name, args, body in _writes(world, override.pk)[:3]:
        client.post(reverse(name, args=args), body)
    after = _snapshot()
    assert after["users"] != before["users"]  # the receiving officer was deactivated
    assert after["overrides"] != before["overrides"]  # 2 Mar added, 3 Mar deleted


def test_forms_are_protected_against_cross_site_requests(world):
    before = _snapshot()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin)
    response = client.post(
        reverse("administration:override-create"),
        {"date": "2026-03-02", "kind": "day_off", "reason": "x"},
    )
    assert response.status_code == 403
    assert _snapshot() == before


def test_home_shows_counts_and_links_to_every_section(admin, world):
    response = admin.get(reverse("administration:home"))
    assert response.status_code == 200
    assert response.context["counts"]["procedures"] == 3
    assert response.context["counts"]["staff"] == 10
    html = response.content.decode()
    for name in ("procedure-list", "calendar", "agency-list", "staff-list", "catalogue-import"):
        assert reverse(f"administration:{name}") in html
    # The site menu offers the administration to the province administrator.
    assert 'aria-current="page"' in html


def test_every_page_speaks_vietnamese(admin, world):
    """No English left in the widgets (Django's blank choice label is not translated)."""
    override = CalendarOverride.objects.create(date=datetime.date(2026, 3, 3), kind="day_off")
    urls = [reverse(name) for name, _kw in PAGES if name != "administration:catalogue-export"]
    urls += [
        reverse("administration:procedure-edit", args=[world.procedure.pk]),
        reverse("administration:field-edit", args=[world.procedure.field_id]),
        reverse("administration:override-edit", args=[override.pk]),
        reverse("administration:override-delete", args=[override.pk]),
        reverse("administration:agency-edit", args=[world.department.pk]),
        reverse("administration:staff-detail", args=[world.processing.pk]),
    ]
    for url in urls:
        html = admin.get(url).content.decode()
        assert "Select an option" not in html and "---------" not in html, url
