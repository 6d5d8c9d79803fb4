"""Test-wide fixtures: uploads go to a temporary folder; background tasks run inline;
passwords hash fast."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SMS_BACKEND = "cchc.core.sms.LocmemSmsBackend"
    from cchc.core import sms

    sms.outbox.clear()
    # A request with Accept-Language: en leaves English active in the thread; start each test
    # in the default language as a fresh request would.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
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
def browser_context_args(browser_context_args):
    """A Vietnamese phone's browser: Vietnamese first."""
    return {**browser_context_args, "locale": "vi-VN"}


def pytest_sessionfinish(session, exitstatus):
    """Write what the browser journeys measured (page weights, axe runs) for the README/note."""
    import json
    from pathlib import Path

    from cchc.core import browser_checks

    if browser_checks.weights or browser_checks.axe_runs:
        out = Path(__file__).parent / "test-artifacts"
        out.mkdir(exist_ok=True)
        (out / "browser-measures.json").write_text(
            json.dumps(
                {"page_weight_kb": browser_checks.weights, "axe_violations": browser_checks.axe_runs},
                ensure_ascii=False,
                indent=1,
            )
        )
