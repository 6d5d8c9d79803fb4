"""Fixtures of the administration pages: a signed-in administrator, and the form replayer
(the small province `world` comes from the test kit's plugin)."""

from __future__ import annotations

from typing import Any

import pytest
from django.forms import CheckboxInput
from django.test import Client

from cchc_testkit.world import World


@pytest.fixture
def admin(client: Client, world: World) -> Client:
    """A client signed in as the world's province administrator ("quantri")."""
    client.force_login(world.admin)
    return client


def form_data(response: Any) -> dict[str, Any]:
    """The POST body a browser would send back unchanged for the form(s) on a page."""
    context = response.context
    forms = [context["form"]]
    for formset in (context.get("formsets") or {}).values():
        forms += [formset.management_form, *formset.forms]
    data: dict[str, Any] = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif value is not None:
                data[bound.html_name] = str(value)
    return data
