"""Where a request's time goes: SQL queries per request and a cProfile of the Django stack.

Runs in-process (Django's test client, no gunicorn) against a database kept by
`bench/run.py --keep`, with the production settings of the benchmark:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench \\
        python bench/profile_requests.py [--n 100] [--top 25] [--queries]

It submits `n` dossiers as the citizen, then receives them as the officer, and prints for
each kind (health, submit, receive): wall and CPU milliseconds per request, SQL queries per
request (grouped by statement shape), and the functions with the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import secrets
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cchc_bench")
os.environ.setdefault("CCHC_DEBUG", "0")
os.environ.setdefault("CCHC_SECRET_KEY", secrets.token_urlsafe(45))
os.environ.setdefault("CCHC_HTTPS", "0")
os.environ.setdefault("CCHC_ALLOWED_HOSTS", "127.0.0.1,testserver")
os.environ.setdefault("CCHC_LOG_LEVEL", "WARNING")
os.environ.setdefault("CCHC_LOGIN_THROTTLE_RATE", "1000/min")

import django  # noqa: E402

django.setup()

SITE = str(Path(django.__file__).resolve().parent.parent) + "/"

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

_NUM = re.compile(r"\b\d+\b|'[^']*'|\"s\d+_x\d+\"")


def shape(sql: str) -> str:
    return _NUM.sub("?", sql)[:160]


def measure(name: str, calls: list, args: argparse.Namespace) -> None:
    """Three passes over thirds of `calls`: plain timing, SQL capture, cProfile."""
    n = len(calls) // 3
    plain, captured, profiled = calls[:n], calls[n : 2 * n], calls[2 * n : 3 * n]
    statuses: Counter[int] = Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    for call in plain:
        statuses[call().status_code] += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    with CaptureQueriesContext(connection) as ctx:
        for call in captured:
            statuses[call().status_code] += 1
    queries = list(ctx.captured_queries)  # the next request_started signal clears the log
    profiler = cProfile.Profile()
    profiler.enable()
    for call in profiled:
        statuses[call().status_code] += 1
    profiler.disable()
    shapes = Counter(shape(q["sql"]) for q in queries)
    sql_ms = sum(float(q["time"]) for q in queries) * 1000
    print(f"\n=== {name}: 3 × {n} requests, statuses {dict(statuses)}")
    print(
        f"wall {1000 * wall / n:.2f} ms/request, CPU {1000 * cpu / n:.2f} ms/request "
        f"(unprofiled); {len(queries) / n:.1f} queries/request "
        f"({sql_ms / n:.2f} ms waiting for SQL)"
    )
    if args.queries:
        for sql, count in shapes.most_common(40):
            print(f"  {count / n:5.1f} × {sql}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(args.sort).print_stats(args.filter or None, args.top)
    text = out.getvalue().replace(str(ROOT / "src") + "/", "").replace(SITE, "")
    print("\n".join(line for line in text.splitlines() if line.strip())[:20000])


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--procedure", default="2.001610")
    p.add_argument("--queries", action="store_true", help="list the statements")
    p.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime")
    p.add_argument("--filter", default="", help="only functions matching this regex")
    p.add_argument("--only", default="", help="health, submit or receive")
    args = p.parse_args()

    def token(username: str, password: str) -> str:
        r = Client().post("/api/v1/auth/token", {"username": username, "password": password},
                          content_type="application/json")  # fmt: skip
        return r.json()["token"]

    citizen = Client(HTTP_AUTHORIZATION=f"Token {token('congdan', 'demo-congdan')}")
    officer = Client(HTTP_AUTHORIZATION=f"Token {token('tiepnhan.tinh', 'demo-tiepnhan')}")
    anon = Client()
    # warm the process: imports, URL resolver, calendar cache
    anon.get("/api/v1/health")
    codes = [
        citizen.post(
            "/api/v1/dossiers",
            {"procedure": args.procedure, "summary": "warm"},
            content_type="application/json",
        ).json()["code"]  # fmt: skip
        for _ in range(2)
    ]
    for code in codes:
        officer.post(f"/api/v1/dossiers/{code}/actions/receive", {"note": ""},
                     content_type="application/json")  # fmt: skip

    made: list[str] = []

    def submit() -> object:
        r = citizen.post("/api/v1/dossiers", {"procedure": args.procedure, "summary": "profile"},
                         content_type="application/json")  # fmt: skip
        made.append(r.json().get("code", ""))
        return r

    if args.only in ("", "health"):
        measure("health", [lambda: anon.get("/api/v1/health")] * args.n, args)
    if args.only in ("", "submit", "receive"):
        measure("submit", [submit] * args.n, args)
    if args.only in ("", "receive"):
        calls = [
            (
                lambda c: (
                    lambda: officer.post(
                        f"/api/v1/dossiers/{c}/actions/receive",
                        {"note": ""},
                        content_type="application/json",
                    )
                )
            )(code)  # fmt: skip
            for code in made
        ]
        measure("receive", calls, args)


if __name__ == "__main__":
    main()
