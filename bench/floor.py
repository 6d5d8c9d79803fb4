"""What does the cheapest possible Django transition cost, next to the trivial endpoint?

In-process (Django test client, no HTTP), on PostgreSQL, production settings; CPU time of
this Python process per request (PostgreSQL's own CPU comes on top). Compares:

- health   — GET /api/v1/health, the benchmark's baseline (no database);
- minimal  — token auth + lock a row + insert an event + update a column + commit;
- receive  — the real transition (POST /api/v1/dossiers/<code>/actions/receive).

Usage (a scratch database is created and dropped):
    PYTHONPATH=src:bench python bench/floor.py [--n 300] [--profile FILE] [--queries]
On an existing database with the demo accounts (what `make bench` does after its phases):
    PYTHONPATH=src:bench python bench/floor.py --database-url postgres://…/cchc_bench --json

Issue 16 §3 asks receive ≤ 1.5 × minimal (`transition/minimal`).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DB = "cchc_floor"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="measured requests per kind")
    parser.add_argument(
        "--profile", type=Path, help="also write a cProfile of the receive requests to this file"
    )
    parser.add_argument(
        "--queries", action="store_true", help="also print the SQL of one receive request"
    )
    parser.add_argument("--database-url", help="measure on this database (not created/dropped)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
    args = parser.parse_args()
    os.environ.update(
        DATABASE_URL=args.database_url or f"postgres://postgres@127.0.0.1:5432/{DB}",
        CCHC_DEBUG="0",
        CCHC_HTTPS="0",
        CCHC_SECRET_KEY=secrets.token_urlsafe(60),
        CCHC_LOG_LEVEL="WARNING",
        CCHC_DATA_DIR=tempfile.mkdtemp(prefix="cchc-floor-"),
        CCHC_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="cchc.settings",
    )
    if args.database_url:
        report(measure(args.n, args.profile, args.queries), args.json)
        return
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {DB}")
    try:
        for command in (["migrate", "-v0"], ["load_demo", "--quiet", "--dossiers", "0"]):
            subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], check=True)
        report(measure(args.n, args.profile, args.queries), args.json)
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")


def measure(n: int, profile: Path | None = None, queries: bool = False) -> dict[str, float]:
    import django

    django.setup()
    from django.test import override_settings
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from cchc.accounts.models import User

    def client(username: str) -> APIClient:
        c = APIClient()
        token = Token.objects.get_or_create(user=User.objects.get(username=username))[0]
        c.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return c

    citizen, officer = client("congdan"), client("tiepnhan.tinh")
    warm = 20
    with override_settings(ROOT_URLCONF="floor_urls"):
        codes = [
            citizen.post("/api/v1/dossiers", {"procedure": "2.001610"}, format="json").json()[
                "code"
            ]
            for _ in range(2 * (n + warm))
        ]

        def cpu_ms(fn) -> float:  # type: ignore[no-untyped-def]
            for i in range(warm):
                fn(i)
            start = time.process_time()
            for i in range(warm, warm + n):
                fn(i)
            return (time.process_time() - start) / n * 1000

        anonymous = APIClient()
        health = cpu_ms(lambda i: anonymous.get("/api/v1/health"))
        minimal = cpu_ms(lambda i: officer.post(f"/floor/minimal/{codes[i]}", {}, format="json"))
        offset = n + warm
        receive = cpu_ms(
            lambda i: officer.post(
                f"/api/v1/dossiers/{codes[offset + i]}/actions/receive", {}, format="json"
            )
        )
        if queries:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            code = citizen.post("/api/v1/dossiers", {"procedure": "2.001610"}, format="json")
            with CaptureQueriesContext(connection) as captured:
                officer.post(
                    f"/api/v1/dossiers/{code.json()['code']}/actions/receive", {}, format="json"
                )
            for query in captured.captured_queries:
                print(query["sql"][:300])
        if profile is not None:
            import cProfile

            more = [
                citizen.post("/api/v1/dossiers", {"procedure": "2.001610"}, format="json").json()[
                    "code"
                ]
                for _ in range(n)
            ]
            with cProfile.Profile(time.process_time) as profiler:
                for code in more:
                    officer.post(f"/api/v1/dossiers/{code}/actions/receive", {}, format="json")
            profiler.dump_stats(profile)
    return {"health_ms": health, "minimal_ms": minimal, "receive_ms": receive, "n": n}


TARGET = 1.5  # issue 16 §3: receive ≤ 1.5 × minimal


def report(figures: dict[str, float], as_json: bool) -> None:
    figures["receive_to_minimal"] = figures["receive_ms"] / figures["minimal_ms"]
    if as_json:
        print(json.dumps(figures))
        return
    print(f"{'request':10} {'CPU ms':>7} {'health/x':>9}")
    for label in ("health", "minimal", "receive"):
        value = figures[f"{label}_ms"]
        print(f"{label:10} {value:7.2f} {figures['health_ms'] / value:9.1%}")
    ratio = figures["receive_to_minimal"]
    print(f"transition/minimal = {ratio:.2f}× (target ≤ {TARGET:.2f}×): "
          f"{'PASS' if ratio <= TARGET else 'FAIL'}")  # fmt: skip


if __name__ == "__main__":
    main()
