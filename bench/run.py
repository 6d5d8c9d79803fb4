"""First benchmark of cchc: dossier submissions and transitions per second through the API.

    python bench/run.py [--clients 16] [--seconds 15] [--dossiers 2000] [--workers N] [--keep]

A fresh PostgreSQL database is filled with a synthetic province (bench/generate.py), gunicorn
serves it on 127.0.0.1, and C closed-loop clients (bench/load.py) measure, in this order:

  health    GET  /api/v1/health                          the trivial ceiling of this stack
  submit    POST /api/v1/dossiers                        online submission, as the citizen
  receive   POST /api/v1/dossiers/<code>/actions/receive the transition, as the receiving officer
  health-2  GET  /api/v1/health                          the ceiling again

Throughputs are printed as ratios to the mean of both health phases of the same run (machines
are shared and noisy). Results go to bench/results/latest.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
import load
import pyspy
import server

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
TARGET_RATIO = 0.25  # transition req/s ÷ trivial req/s, first round
CITIZEN = ("congdan", "demo-congdan")
OFFICER = ("tiepnhan.tinh", "demo-tiepnhan")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    p.add_argument("--seconds", type=float, default=15.0, help="measured seconds per phase")
    p.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each")
    p.add_argument("--dossiers", type=int, default=2000, help="synthetic dossiers to generate")
    p.add_argument("--workers", type=int, default=server.default_workers(), help="gunicorn workers")
    p.add_argument("--worker-class", default="sync", help="gunicorn worker class (sync)")
    p.add_argument(
        "--client-processes", type=int, default=2, help="processes the clients are spread over"
    )
    p.add_argument("--procedure", default="2.001610", help="online province-level procedure")
    p.add_argument("--commune", default="", help="commune code, for a commune-level procedure")
    p.add_argument("--db-name", default=None, help="cchc_bench (cchc_bench4 with --province-scale)")
    p.add_argument("--db-host", default="127.0.0.1")
    p.add_argument("--db-port", type=int, default=5432)
    p.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    p.add_argument(
        "--reuse", action="store_true", help="reuse a kept database: no drop, no generation"
    )
    p.add_argument("--strict", action="store_true", help="also exit non-zero below the target")
    p.add_argument(
        "--py-spy",
        metavar="EXECUTABLE",
        help="sample the workers with py-spy during the transition phase (perturbs the run)",
    )
    p.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    p.add_argument(
        "--province-scale",
        action="store_true",
        help="instead: 3 million dossiers over 5 years by SQL, rollup rebuild, incremental cost, "
        "latency of the 766 API and the dashboard (bench/province.py)",
    )
    p.add_argument("--dossiers-scale", type=int, default=3_000_000, help="with --province-scale")
    p.add_argument("--province-clients", type=int, default=8, help="with --province-scale")
    p.add_argument(
        "--province-skip-rebuild", action="store_true", help="with --reuse: rollups as they are"
    )
    p.add_argument(
        "--two-nodes",
        action="store_true",
        help="instead: two gunicorn nodes behind HAProxy with Redis, S3 (moto), Celery workers "
        "and a streaming PostgreSQL replica; checks what they share (bench/twonodes.py)",
    )
    p.add_argument("--redis-db", type=int, default=11, help="with --two-nodes (flushed)")
    p.add_argument(
        "--two-nodes-without",
        default="",
        metavar="redis,s3,replica",
        help="with --two-nodes: leave these engines out, to see the checks that need them fail",
    )
    p.add_argument(
        "--province-only",
        choices=["office", "stats"],
        help="with --province-scale: only the officers' pages, or only the statistics",
    )
    args = p.parse_args(argv)
    if args.db_name is None:
        args.db_name = "cchc_bench4" if args.province_scale else "cchc_bench"
    return args


# --- small HTTP helpers (untimed set-up) -----------------------------------------------------------


def api(port: int, method: str, path: str, body: dict | None = None, token: str = "") -> dict:
    conn = http.client.HTTPConnection(server.HOST, port, timeout=30)
    headers = {"Host": server.HOST, "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
    finally:
        conn.close()
    if not 200 <= resp.status < 300:
        raise RuntimeError(f"{method} {path} → {resp.status}: {raw[:500]!r}")
    return json.loads(raw)


def token(port: int, account: tuple[str, str]) -> str:
    return api(
        port, "POST", "/api/v1/auth/token", {"username": account[0], "password": account[1]}
    )["token"]


def check_procedure(port: int, code: str, commune: str) -> dict:
    proc = api(port, "GET", f"/api/v1/procedures/{code}")
    if proc["service_mode"] not in ("full_online", "partial_online"):
        raise SystemExit(f"procedure {code} is not offered online ({proc['service_mode']})")
    if proc["level"] == "commune" and not commune:
        raise SystemExit(f"procedure {code} is commune-level: pass --commune (e.g. 02215)")
    return proc


# --- statistics ---------------------------------------------------------------------------------


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (0 < q ≤ 100)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(name: str, job: load.Job, phase: load.PhaseResult) -> dict:
    lo, hi = job.warmup, job.warmup + job.seconds
    latencies: list[float] = []
    errors = warmup_errors = 0
    statuses: dict[str, int] = {}
    failures: list[str] = []
    exhausted = 0
    for r in phase.results:
        for done, lat, status in zip(r.done_at, r.latency, r.status, strict=True):
            ok = 200 <= status < 300
            if lo <= done <= hi:
                latencies.append(lat)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                errors += not ok
            elif not ok:
                warmup_errors += 1
        failures.extend(r.failures)
        exhausted += r.exhausted_at is not None and r.exhausted_at < hi
    latencies.sort()
    n = len(latencies)
    server_cores = phase.cpu.get("gunicorn_cores", 0) + phase.cpu.get("postgres_cores", 0)
    return {
        "phase": name,
        "requests": n,
        "rps": n / job.seconds,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p90_ms": percentile(latencies, 90) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "max_ms": (latencies[-1] if latencies else math.nan) * 1000,
        "mean_ms": (sum(latencies) / n if n else math.nan) * 1000,
        "errors": errors,
        "errors_outside_window": warmup_errors,
        "statuses": statuses,
        "clients_out_of_dossiers": exhausted,
        "failures": failures[:5],
        "cpu": phase.cpu,
        # throughput per core the server side (gunicorn + PostgreSQL) burned: much less
        # sensitive than req/s to other jobs on a shared machine
        "rps_per_server_core": n / job.seconds / server_cores if server_cores else None,
    }


# --- the run ------------------------------------------------------------------------------------


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def phase(name: str, job: load.Job, args: argparse.Namespace, gunicorn: server.Gunicorn,
          pools: list[list[str]] | None = None) -> tuple[dict, load.PhaseResult]:  # fmt: skip
    log(f"phase {name}: {args.clients} clients, {job.warmup:g} s warm-up + {job.seconds:g} s")
    spy = None
    if args.py_spy and name == "receive":
        spy_out = RESULTS / f"{name}.pyspy.txt"
        spy = pyspy.start(args.py_spy, gunicorn.pid, job.warmup + job.seconds, spy_out)
    result = load.run_phase(
        job, args.clients, args.client_processes, pools, gunicorn.pid, args.db_name
    )
    summary = summarise(name, job, result)
    if spy is not None:
        _, err = spy.communicate(timeout=60)
        summary["py_spy"] = str(spy_out) if spy_out.exists() else f"py-spy failed: {err[-500:]}"
    return summary, result


def fill_pools(pools: list[list[str]], per_client: int, base: load.Job,
               args: argparse.Namespace, gunicorn: server.Gunicorn) -> None:  # fmt: skip
    """Untimed: submit dossiers until every client owns at least `per_client` of them."""
    missing = max(per_client - len(p) for p in pools)
    if missing <= 0:
        return
    log(f"creating {missing} more dossiers per client for the transition phase (untimed)")
    job = load.Job(**{**base.__dict__, "kind": load.SUBMIT, "quota": missing, "warmup": 0.0})
    made = load.run_phase(
        job, args.clients, args.client_processes, None, gunicorn.pid, args.db_name
    )
    bad = sum(1 for r in made.results for s in r.status if not 200 <= s < 300)
    if bad:
        raise RuntimeError(f"{bad} submissions failed while filling the pools: "
                           f"{[f for r in made.results for f in r.failures][:3]}")  # fmt: skip
    for pool, r in zip(pools, made.results, strict=True):
        pool.extend(r.codes)


def print_table(rows: list[dict], trivial_rps: float) -> None:
    head = (
        f"{'phase':<10}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'ratio':>8}   cores busy: client gunicorn postgres other"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        cpu = r["cpu"]
        ratio = f"{100 * r['rps'] / trivial_rps:.1f}%" if trivial_rps else "n/a"
        print(
            f"{r['phase']:<10}{r['requests']:>9}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}"
            f"{r['p99_ms']:>9.1f}{r['errors']:>8}{ratio:>8}   "
            f"{' ' * 11}{cpu.get('client_cores', 0):>7.2f}{cpu.get('gunicorn_cores', 0):>9.2f}"
            f"{cpu.get('postgres_cores', 0):>9.2f}{cpu.get('other_cores', 0):>6.2f}"
        )


FLOOR_TARGET = 1.5  # issue 16 §3


def floor_ratio(db: generate.Database) -> dict:
    """bench/floor.py on this run's database: CPU of the real receive and of the minimal one."""
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT / 'bench'}"}
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "floor.py"), "--database-url", db.url, "--json"],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.province_scale:
        import province

        return province.main(args)
    if args.two_nodes:
        import twonodes

        return twonodes.main(args)
    db = generate.Database(name=args.db_name, host=args.db_host, port=args.db_port)
    data_dir = Path(tempfile.mkdtemp(prefix="cchc-bench-"))
    env = generate.django_env(db, data_dir)
    report: dict = {
        "started": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    gunicorn = server.Gunicorn(env, args.workers, args.worker_class, RESULTS / "gunicorn.log")
    rows: list[dict] = []
    try:
        if args.reuse:
            if not db.exists():
                raise SystemExit(f"--reuse: database {db.name} does not exist (run with --keep)")
            log(f"reusing database {db.name}")
        else:
            log(f"synthetic province: fresh database {db.name}, {args.dossiers} dossiers")
            province = generate.build_province(db, env, args.dossiers)
            report["province"] = province.as_dict()
            log(
                f"  migrate {province.migrate_s:.1f} s; reference data {province.reference_s:.1f} s "
                f"({province.agencies} agencies, {province.communes} communes, "
                f"{province.procedures} procedures)"
            )
            log(
                f"  generated {province.dossiers} dossiers with {province.events} events in "
                f"{province.generate_s:.1f} s = {province.dossiers_per_s:.1f} dossiers/s "
                f"({province.events / max(province.dossiers, 1):.1f} events/dossier; "
                f"by status {province.by_status})"
            )

        log(f"gunicorn: {args.workers} {args.worker_class} workers on port {gunicorn.port}")
        gunicorn.start()
        port = gunicorn.port
        citizen, officer = token(port, CITIZEN), token(port, OFFICER)
        check_procedure(port, args.procedure, args.commune)
        base = load.Job(
            kind=load.HEALTH, host=server.HOST, port=port, procedure=args.procedure,
            commune=args.commune, warmup=args.warmup, seconds=args.seconds,
        )  # fmt: skip

        # (a) the trivial ceiling
        health, _ = phase("health", base, args, gunicorn)
        rows.append(health)

        # (b) online submissions as the citizen; the dossiers made feed phase (c)
        submit_job = load.Job(**{**base.__dict__, "kind": load.SUBMIT, "token": citizen})
        submit, made = phase("submit", submit_job, args, gunicorn)
        rows.append(submit)
        pools = [list(r.codes) for r in made.results]

        # (c) the transition, as the receiving officer, each client on its own dossiers.
        # Pools must outlast warm-up + window: size them from a short untimed probe.
        receive_job = load.Job(**{**base.__dict__, "kind": load.RECEIVE, "token": officer})
        probe_job = load.Job(**{**receive_job.__dict__, "warmup": 0.0, "seconds": 2.0})
        fill_pools(pools, 40, submit_job, args, gunicorn)
        log("probing the transition rate (untimed)")
        probe = load.run_phase(
            probe_job, args.clients, args.client_processes, pools, gunicorn.pid, args.db_name
        )
        used = [len(r.status) for r in probe.results]
        pools = [p[u:] for p, u in zip(pools, used, strict=True)]
        receive = None
        for attempt in range(3):
            rate = max(used) / probe_job.seconds * (2**attempt)  # per client, worst client
            fill_pools(pools, math.ceil(rate * (args.warmup + args.seconds) * 1.5) + 10,
                       submit_job, args, gunicorn)  # fmt: skip
            receive, result = phase("receive", receive_job, args, gunicorn, pools)
            if not receive["clients_out_of_dossiers"]:
                break
            log(f"  {receive['clients_out_of_dossiers']} clients ran out of dossiers: retrying")
            pools = [p[len(r.status) :] for p, r in zip(pools, result.results, strict=True)]
        assert receive is not None
        rows.append(receive)

        # (a') the trivial ceiling again: the baseline is the mean of both, their gap is noise
        health2, _ = phase("health", base, args, gunicorn)
        health2["phase"] = "health-2"
        rows.append(health2)

        # (d) in-process CPU of the real transition against the least a transition can be
        gunicorn.stop()
        log("transition against the minimal one, in-process (bench/floor.py)")
        floor = floor_ratio(db)
        report["floor"] = floor
    finally:
        gunicorn.stop()
        if not args.keep and not args.reuse:
            db.drop()
        shutil.rmtree(data_dir, ignore_errors=True)

    trivial = (rows[0]["rps"] + rows[-1]["rps"]) / 2
    drift = abs(rows[0]["rps"] - rows[-1]["rps"]) / trivial if trivial else 0.0
    transition = next(r for r in rows if r["phase"] == "receive")
    ratio = transition["rps"] / trivial if trivial else 0.0
    errors = sum(r["errors"] + r["errors_outside_window"] for r in rows)
    exhausted = transition["clients_out_of_dossiers"]
    passed = ratio >= TARGET_RATIO and not errors and not exhausted
    per_core = [r["rps_per_server_core"] for r in (rows[0], rows[-1], transition)]
    cpu_ratio = 2 * per_core[2] / (per_core[0] + per_core[1]) if all(per_core) else None
    print()
    print(f"gunicorn {args.workers} {args.worker_class} workers, {args.clients} clients, "
          f"{args.seconds:g} s per phase; ratios against the mean of both health phases "
          f"({trivial:.0f} req/s; they differ by {100 * drift:.0f} %)")  # fmt: skip
    print()
    print_table(rows, trivial)
    print()
    print(f"transition/trivial = {100 * ratio:.1f} % (target ≥ {100 * TARGET_RATIO:.0f} %): "
          f"{'PASS' if passed else 'FAIL'}")  # fmt: skip
    if cpu_ratio is not None:
        print(f"(per server CPU-second instead of per second: {100 * cpu_ratio:.1f} %)")
    floor_pass = floor["receive_to_minimal"] <= FLOOR_TARGET
    print(f"transition/minimal = {floor['receive_to_minimal']:.2f}× in-process CPU, "
          f"{floor['receive_ms']:.2f} against {floor['minimal_ms']:.2f} ms "
          f"(target ≤ {FLOOR_TARGET:.2f}×): {'PASS' if floor_pass else 'FAIL'}")  # fmt: skip
    for r in rows:
        for f in r["failures"]:
            print(f"  {r['phase']} error: {f}")
    if errors:
        print(f"{errors} requests failed (see above and {gunicorn.log_path})")
    if exhausted:
        print(f"{exhausted} clients ran out of dossiers during the transition phase")
    busy = [
        r["phase"] for r in rows if r["cpu"].get("other_cores", 0) > 0.15 * (os.cpu_count() or 1)
    ]
    noisy = bool(busy) or drift > 0.2
    if noisy:
        print(f"warning: other work shared the machine (phases {', '.join(busy) or 'none'}; "
              f"baseline drift {100 * drift:.0f} %): the ratio is unreliable, run again")  # fmt: skip
    if transition.get("py_spy"):
        path = Path(transition["py_spy"])
        print()
        print(pyspy.summarise(path) if path.exists() else transition["py_spy"])
        print("(numbers of a run under py-spy are perturbed: use it for the profile only)")

    for r in rows:
        r["ratio_to_trivial"] = r["rps"] / trivial if trivial else None
    report.update(
        phases=rows,
        gunicorn={"workers": args.workers, "worker_class": args.worker_class},
        trivial_rps=trivial,
        trivial_drift=drift,
        noisy=noisy,
        transition_to_trivial=ratio,
        transition_to_trivial_per_server_core=cpu_ratio,
        target=TARGET_RATIO,
        passed=passed,
        errors=errors,
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"results: {args.output}")
    if errors or exhausted:
        return 1
    if args.strict and not passed:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
