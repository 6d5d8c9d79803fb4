"""Fixtures of the working-calendar tests. Pure fixtures: no Django, no database."""

from __future__ import annotations

import pytest

from cchc.workcalendar.calendar import WorkCalendar

from .helpers import build_vn_calendar


@pytest.fixture(scope="session")
def vn() -> WorkCalendar:
    """The national calendar 2025–2028 (holidays package), office hours 07:30–11:30, 13:30–17:30."""
    return build_vn_calendar()
