"""Only province administrators reach these pages; everybody else is refused server-side."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
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


def test_refused_writes_change_nothing(client, world):
    client.force_login(world.processing)
    response = client.post(
        reverse("administration:staff-set-active", args=[world.receiving.pk]), {"active": "0"}
    )
    assert response.status_code == 403
    world.receiving.refresh_from_db()
    assert world.receiving.is_active
    response = client.post(
        reverse("administration:override-create"),
        {"date": "2026-03-02", "kind": "day_off", "reason": "x"},
    )
    assert response.status_code == 403


def test_forms_are_protected_against_cross_site_requests(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin)
    response = client.post(
        reverse("administration:override-create"),
        {"date": "2026-03-02", "kind": "day_off", "reason": "x"},
    )
    assert response.status_code == 403


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
