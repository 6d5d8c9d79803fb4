"""Several nodes: an override saved by another process is seen at once when Django's cache is
shared (Redis), instead of after REVALIDATE_SECONDS (DOMAIN.md §3; docs/deployment.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from cchc.workcalendar import selectors
from cchc.workcalendar.constants import OverrideKind
from cchc.workcalendar.models import CalendarOverride

# no wrapping transaction: one would keep the cache "dirty" (re-checked on every call)
pytestmark = pytest.mark.django_db(transaction=True)

THURSDAY = date(2026, 12, 10)


@pytest.fixture(autouse=True)
def _fresh_cache():
    selectors.invalidate_calendar_cache()
    yield
    selectors.invalidate_calendar_cache()


def _saved_by_another_node() -> None:
    # bulk_create sends no signal: this process is not told, as when another node saves
    CalendarOverride.objects.bulk_create(
        [CalendarOverride(date=THURSDAY, kind=OverrideKind.DAY_OFF, reason="Nghỉ đột xuất")]
    )


def test_an_override_committed_elsewhere_is_seen_once_the_shared_version_moves() -> None:
    assert selectors.province_calendar().is_working_day(THURSDAY)
    _saved_by_another_node()
    assert selectors.province_calendar().is_working_day(THURSDAY)  # kept: nobody said
    cache.set("cchc.workcalendar.version", 1, None)  # what the other node's commit does
    assert not selectors.province_calendar().is_working_day(THURSDAY)


def test_a_commit_here_moves_the_shared_version() -> None:
    before = cache.get("cchc.workcalendar.version")
    selectors._committed()
    after = cache.get("cchc.workcalendar.version")
    assert after is not None and after != before
