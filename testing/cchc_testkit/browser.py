"""Checks every browser journey makes on the pages it walks (issue 3 §3); moved out of the
production package into the test kit (issue 18).

- `assert_accessible(page)`: axe-core (PyPI `axe-playwright-python`) with the WCAG 2.0/2.1/2.2
  A and AA rules; any violation fails with axe's own report.
- `transferred_kb(page)`: what a first visit to the page transfers (document + every static file
  it loads, counted even when this browser already has them cached), from the Resource Timing
  API's encoded (on-the-wire) body sizes, in KB; uploaded documents are not part of a page load.
- `shot(page, name)`: a screenshot under `test-artifacts/screenshots/` (and `docs/screenshots/`
  when `CCHC_SCREENSHOTS_TO_DOCS=1`, to refresh the README's pictures).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PROJECT_DIR = Path(__file__).resolve().parents[2]  # testing/cchc_testkit/browser.py
_axe = Axe()

# Page weights and axe runs seen during the run, written at the end by the plugin
# (`pytest_sessionfinish` → test-artifacts/browser-measures.json).
weights: dict[str, float] = {}
axe_runs: dict[str, int] = {}


def assert_accessible(page: Any, name: str = "") -> None:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    axe_runs[name or page.url] = results.violations_count
    assert results.violations_count == 0, results.generate_report()


def transferred_kb(page: Any) -> float:
    """KB fetched for the current page: the document plus every resource it loaded."""
    total = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const res = performance.getEntriesByType('resource');
          const size = e => (e.encodedBodySize || e.transferSize || 0);
          return (nav ? size(nav) : 0) + res.reduce((s, e) => s + size(e), 0);
        }"""
    )
    return round(float(total) / 1024, 1)


def record_weight(page: Any, name: str, budget_kb: float | None = None) -> float:
    """Weigh the page as a first visit: the browser's cache is emptied and the page reloaded,
    so every static file it needs is fetched again and counted."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.clearBrowserCache")
    cdp.detach()
    page.reload()
    page.wait_for_load_state("networkidle")
    kb = transferred_kb(page)
    weights[name] = kb
    if budget_kb is not None:
        assert kb < budget_kb, f"{name}: {kb} KB transferred, budget {budget_kb} KB"
    return kb


def shot(page: Any, name: str) -> Path:
    folder = PROJECT_DIR / "test-artifacts" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("CCHC_SCREENSHOTS_TO_DOCS") == "1":
        docs = PROJECT_DIR / "docs" / "screenshots"
        docs.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(docs / f"{name}.png"), full_page=True)
    return path
