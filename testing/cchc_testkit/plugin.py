"""The project's pytest plugin, registered by the root `conftest.py`.

Fixtures for every test: test settings (uploads in a temporary folder, tasks inline, fast
password hashing, the in-memory SMS outbox) and a clean slate of caches; `world` (the small
province of `cchc_testkit.world`); `odd_input_stage` (what the odd-input tables need); the
Chromium settings of the browser tests; and, at the end of the session, the browser measures.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from .world import World, build_world


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SMS_BACKEND = "cchc.core.sms.LocmemSmsBackend"
    from cchc.core import sms

    sms.outbox.clear()
    # A request with Accept-Language: en leaves English active in the thread; start each test
    # in the default language as a fresh request would.
    translation.activate(settings.LANGUAGE_CODE)


def clear_caches() -> None:
    """Forget everything a process remembers between requests.

    pytest-django runs tests with DEBUG off, so `cchc.stats.cache` does cache (a minute), the
    catalogue facts and the province calendar are kept per process, and the login throttle
    counts in Django's cache: without this, a test could read an index, a calendar or a
    throttle counter a previous test left behind (whose rows were rolled back since, and whose
    primary keys SQLite hands out again), and pass or fail by the order tests run in.
    """
    from django.core.cache import caches

    from cchc.catalogue.selectors import forget_fee_totals
    from cchc.dossiers.workflow.steps import forget_templates
    from cchc.org.permissions import forget_assignments
    from cchc.org.selectors import forget_agencies
    from cchc.stats.inputs import forget_catalogue_facts
    from cchc.workcalendar import selectors

    for cache in caches.all():
        cache.clear()
    forget_catalogue_facts()
    # No public way to drop these without a database connection (invalidate_calendar_cache
    # registers an on-commit hook), and tests without the database need a clean slate too.
    with selectors._lock:
        selectors._cache.clear()
    forget_templates()
    forget_fee_totals()
    forget_assignments()
    forget_agencies()


@pytest.fixture(autouse=True)
def _clean_caches() -> Iterator[None]:
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def world(db: None) -> World:
    """The small province (`cchc_testkit.world.build_world`), built for the test."""
    return build_world()


@pytest.fixture
def odd_input_stage(world: World) -> dict[str, Any]:
    """What the odd-input tables' URLs name: see `cchc_testkit.bad_input.build_stage`."""
    from .bad_input import build_stage

    return build_stage(world)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium at /usr/bin/chromium; Playwright never downloads a browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A Vietnamese phone's browser: Vietnamese first."""
    return {**browser_context_args, "locale": "vi-VN"}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write what the browser journeys measured (page weights, axe runs) for the README/note."""
    browser = sys.modules.get("cchc_testkit.browser")  # imported only by browser tests
    if browser is not None and (browser.weights or browser.axe_runs):
        out = browser.PROJECT_DIR / "test-artifacts"
        out.mkdir(exist_ok=True)
        (out / "browser-measures.json").write_text(
            json.dumps(
                {"page_weight_kb": browser.weights, "axe_violations": browser.axe_runs},
                ensure_ascii=False,
                indent=1,
            )
        )
