"""Run functions at the same moment in threads, each with its own database connection, and
collect what each returned or raised (PostgreSQL concurrency tests)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

Outcome = tuple[str, Any]  # ("ok", value) or ("error", exception)


def run_together(functions: list[Callable[[], Any]], timeout: float = 30) -> list[Outcome]:
    """Start every function behind one barrier so they really overlap; the outcomes are in the
    order of `functions`."""
    barrier = threading.Barrier(len(functions))
    outcomes: list[Outcome] = [("error", TimeoutError("did not finish"))] * len(functions)

    def worker(i: int, fn: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            outcomes[i] = ("ok", fn())
        except Exception as exc:  # noqa: BLE001 — the outcome is what the tests assert on
            outcomes[i] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return outcomes
