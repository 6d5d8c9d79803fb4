"""Mutation spot-checks (issue 18 §4): flip the most important rules one at a time and prove
the suite notices. Each mutant names the file, the exact text it replaces (found exactly once,
so a refactor that moves a rule fails here loudly instead of silently skipping it), the
replacement, and the tests that must kill it. Exit status 1 if any mutant survives.

Run by `.ci/run` with the project's venv: `.venv/bin/python .ci/mutants.py`. Mutants that need
PostgreSQL's row locks run against DATABASE_URL (set by `.ci/run`); the others on SQLite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "cchc"


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    original: str
    mutated: str
    tests: tuple[str, ...]
    postgres: bool = False


MUTANTS = [
    Mutant(
        "ranking sorted worst first",
        "stats/index766.py",
        'rows.sort(key=lambda r: (r["percent"] is None, -(r["percent"] or 0), r["code"]))',
        'rows.sort(key=lambda r: (r["percent"] is None, (r["percent"] or 0), r["code"]))',
        ("src/cchc/stats/tests/test_index766_by_hand.py", "src/cchc/stats/tests/test_rollups.py"),
    ),
    Mutant(
        "the door does not lock the dossier row",
        "dossiers/workflow/door.py",
        'lock = " FOR UPDATE OF d" if connection.features.has_select_for_update_of else ""',
        'lock = ""',
        ("src/cchc/dossiers/tests/test_concurrency.py",),
        postgres=True,
    ),
    Mutant(
        "on time when the end is after the due time",
        "workcalendar/calendar.py",
        "    if end > due:\n        return LATE",
        "    if end > due + timedelta(hours=1):\n        return LATE",
        ("src/cchc/workcalendar/tests", "src/cchc/dossiers/tests/test_law_rules.py"),
    ),
    Mutant(
        "early on the due day",
        "workcalendar/calendar.py",
        "if end.astimezone(tz).date() < due.astimezone(tz).date():",
        "if end.astimezone(tz).date() <= due.astimezone(tz).date():",
        ("src/cchc/workcalendar/tests",),
    ),
    Mutant(
        "a second supplement request allowed",
        "dossiers/workflow/request_supplement.py",
        "if d.supplement_count >= 1:",
        "if d.supplement_count >= 2:",
        (
            "src/cchc/dossiers/tests/test_services.py",
            "src/cchc/dossiers/tests/test_state_machine.py",
        ),
    ),
    Mutant(
        "supplement after the 3-working-day window allowed",
        "dossiers/workflow/request_supplement.py",
        "if ctx.at > deadline:",
        "if ctx.at > deadline + datetime.timedelta(days=30):",
        ("src/cchc/dossiers/tests/test_services.py",),
    ),
    Mutant(
        "apology after the due date allowed",
        "dossiers/workflow/apologise.py",
        "if d.due_at is not None and ctx.at >= d.due_at:",
        "if d.due_at is not None and ctx.at >= d.due_at + datetime.timedelta(days=365):",
        ("src/cchc/dossiers/tests/test_law_rules.py",),
    ),
    Mutant(
        "holidays ignored by the working-day arithmetic",
        "workcalendar/calendar.py",
        "        if d in self.days_off:\n            return False",
        "        if False:\n            return False",
        ("src/cchc/workcalendar/tests/test_calendar.py",),
    ),
    Mutant(
        "paused time counted in calendar hours by the index",
        "stats/facts.py",
        "paused_due = due_after_pauses(info.procedure, due, completed, cal) if completed else due",
        "paused_due = due + sum((b - a for a, b in completed), datetime.timedelta(0))",
        ("src/cchc/dossiers/tests/test_law_rules.py",),
    ),
    Mutant(
        "a fee-bearing dossier returned unpaid",
        "dossiers/workflow/return_result.py",
        "if d.fee_state not in (FeeState.PAID, FeeState.EXEMPT) and is_fee_bearing(d.procedure):",
        "if False:",
        ("src/cchc/dossiers/tests/test_services.py",),
    ),
    Mutant(
        "an incomplete dossier received at the counter",
        "dossiers/services/intake.py",
        "        if missing:\n            raise InvalidTransition(",
        "        if False:\n            raise InvalidTransition(",
        ("src/cchc/dossiers/tests/test_law_rules.py",),
    ),
    Mutant(
        "the table checked nowhere",
        "dossiers/workflow/door.py",
        "    if dossier.status not in spec.sources:",
        "    if False:",
        (
            "src/cchc/dossiers/tests/test_services.py",
            "src/cchc/dossiers/tests/test_state_machine.py",
        ),
    ),
]


def pytest(tests: tuple[str, ...], postgres: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CCHC_DEBUG="1", CCHC_TASKS_IMMEDIATE="1")
    env["CCHC_DATA_DIR"] = str(ROOT / "var" / "mutants")
    if not postgres:
        env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    return subprocess.run(  # noqa: S603 (our own pytest, fixed arguments)
        [*command, "-m", "not browser", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def run(mutant: Mutant) -> bool:
    """Apply, run the tests, restore. True when the mutant is killed (the tests fail)."""
    path = SRC / mutant.path
    text = path.read_text()
    count = text.count(mutant.original)
    if count != 1:
        print(f"  ERROR: {mutant.path}: the rule's text occurs {count} times; update the mutant")
        return False
    path.write_text(text.replace(mutant.original, mutant.mutated))
    try:
        result = pytest(mutant.tests, mutant.postgres)
    finally:
        path.write_text(text)
    # 1 = tests failed (killed). 0 = survived. Anything else (collection error, no tests) is
    # not a kill we can trust.
    if result.returncode not in (0, 1):
        print(result.stdout[-2000:], result.stderr[-2000:])
    return result.returncode == 1


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("DATABASE_URL=postgres://… is needed for the row-lock mutant")
        return 1
    # The unmutated code must pass the same tests, or every "kill" would mean nothing.
    for postgres in (False, True):
        tests = tuple(sorted({t for m in MUTANTS if m.postgres == postgres for t in m.tests}))
        baseline = pytest(tests, postgres)
        if baseline.returncode != 0:
            print("the unmutated code fails its own tests:\n", baseline.stdout[-3000:])
            return 1
    print("baseline: the unmutated code passes every mutant's tests")
    survivors = []
    for mutant in MUTANTS:
        started = time.monotonic()
        killed = run(mutant)
        print(
            f"{'killed  ' if killed else 'SURVIVED'} {mutant.name} ({time.monotonic() - started:.0f} s)"
        )
        if not killed:
            survivors.append(mutant.name)
    print(f"{len(MUTANTS) - len(survivors)} of {len(MUTANTS)} mutants killed")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
