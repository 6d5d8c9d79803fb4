"""Two-node rehearsal (`python bench/run.py --two-nodes`, `make bench BENCH_ARGS=--two-nodes`).

Everything a second application server needs to share, started for the run and stopped after:

  PostgreSQL   a primary and a streaming replica (pg_basebackup -R), both private clusters of
               this run on free ports (see `Postgres` for why not the machine's server)
  Redis        the machine's server, one database number (--redis-db, flushed before and after)
  S3           moto's S3-compatible server (PyPI moto[s3] + flask, pinned in requirements.lock)
  Celery       two workers on the machine's RabbitMQ, on a queue of this run
  nodes        two gunicorn servers, each with its own CCHC_DATA_DIR, behind HAProxy (Debian),
               which reaches them from 127.0.0.2, the only address they trust as a proxy

and checks, one line each (`check <name>: PASS|FAIL`):

  upload-a-download-b   a document uploaded through node A downloads through node B
  edit-a-seen-on-b      a catalogue edit through A is what B answers at once
  throttle-shared       sign-in attempts spread over A, B and the balancer, each with a forged
                        X-Forwarded-For, are throttled at the configured count
  lockout-shared        five failed sign-ins over A and B lock the account for that address
  stats-on-replica      the statistics API reads its rollups on the replica, not the primary
  tasks-distributed     both Celery workers ran tasks, the queue drained, none failed

then the throughput of the trivial endpoint and of the transition through the balancer against
node A alone. Results: bench/results/two-nodes.json. `--two-nodes-without redis,s3,replica`
leaves engines out: the checks that need them must then fail (the checks' own check).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import generate
import load
import server
from nodestack import (
    Postgres,
    Process,
    api,
    log,
    multipart,
    port_open,
    request,
    sign_in,
    token,
    wait_for,
)

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
ROOT = BENCH.parent
HAPROXY = os.environ.get("CCHC_HAPROXY", "/usr/sbin/haproxy")
BROKER = "amqp://guest:guest@127.0.0.1:5672//"
PROXY_SOURCE = "127.0.0.2"  # HAProxy connects to the nodes from here; they trust only it
ATTACKER = "127.0.0.3"  # sign-in attempts of the throttle check come from here
LOCKED_OUT = "127.0.0.4"  # and those of the lockout check from here
THROTTLE = 8  # sign-in attempts per minute per address, for this run
DB_NAME = "cchc_twonodes"
BUCKET = "cchc-twonodes"
CITIZEN = ("congdan", "demo-congdan")
OFFICER = ("tiepnhan.tinh", "demo-tiepnhan")
ADMIN = ("admin", "demo-admin")
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- the checks ---------------------------------------------------------------------------------


class Rehearsal:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.run_dir = Path(tempfile.mkdtemp(prefix="cchc-twonodes-"))
        self.run_dir.chmod(0o755)  # PostgreSQL (another account) works below it
        self.pg = Postgres(self.run_dir / "pg")
        self.s3_port = server.free_port()
        self.queue = f"cchc-twonodes-{os.getpid()}"
        self.redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
        self.db = generate.Database(name=DB_NAME, port=self.pg.primary_port)
        self.processes: list[Process] = []
        self.nodes: list[server.Gunicorn] = []
        self.lb_port = server.free_port()
        self.checks: dict[str, dict] = {}
        self.tokens: dict[str, str] = {}

    # -- set-up

    def env(self, node: str) -> dict[str, str]:
        data_dir = self.run_dir / f"node-{node}"
        data_dir.mkdir(exist_ok=True)
        env = generate.django_env(self.db, data_dir)
        env.update(
            CCHC_REDIS_URL=self.redis_url,
            CCHC_S3_BUCKET=BUCKET,
            CCHC_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.s3_port}",
            CCHC_S3_REGION="us-east-1",
            CCHC_S3_ACCESS_KEY="rehearsal",
            CCHC_S3_SECRET_KEY="rehearsal",
            CCHC_S3_ADDRESSING_STYLE="path",
            CCHC_TASKS_BACKEND="celery",
            CCHC_CELERY_BROKER_URL=BROKER,
            CCHC_CELERY_QUEUE=self.queue,
            CCHC_REPLICA_DATABASE_URL=(
                f"postgres://postgres@127.0.0.1:{self.pg.replica_port}/{DB_NAME}"
            ),
            CCHC_TRUSTED_PROXIES=f"{PROXY_SOURCE}/32",
            CCHC_LOGIN_THROTTLE_RATE=f"{THROTTLE}/min",
            # no mail server here: notices go nowhere, but their tasks run
            CCHC_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        )
        without = {w.strip() for w in self.args.two_nodes_without.split(",") if w.strip()}
        unknown = without - {"redis", "s3", "replica"}
        if unknown:
            raise SystemExit(f"--two-nodes-without: unknown {sorted(unknown)}")
        for name, variable in (("redis", "CCHC_REDIS_URL"), ("s3", "CCHC_S3_BUCKET"),
                               ("replica", "CCHC_REPLICA_DATABASE_URL")):  # fmt: skip
            if name in without:
                env[variable] = ""
        return env

    def flush_redis(self) -> None:
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()

    def start(self) -> None:
        log(f"PostgreSQL primary on :{self.pg.primary_port}")
        self.pg.start()
        log(f"synthetic province: {self.args.dossiers} dossiers (database task queue, unused)")
        build_env = generate.django_env(self.db, self.run_dir / "build")
        province = generate.build_province(self.db, build_env, self.args.dossiers)
        log(f"  {province.dossiers} dossiers, {province.events} events")
        log(f"PostgreSQL replica on :{self.pg.replica_port} (pg_basebackup -R)")
        self.pg.start_replica()
        wait_for("streaming replication", self.pg.streaming)

        self.flush_redis()
        log(f"Redis {self.redis_url} (flushed); moto S3 server on :{self.s3_port}")
        moto = Path(sys.executable).with_name("moto_server")
        self.processes.append(
            Process(
                "s3",
                [str(moto), "-H", "127.0.0.1", "-p", str(self.s3_port)],
                RESULTS / "two-nodes-s3.log",
            ).start()  # fmt: skip
        )
        wait_for("moto server", lambda: port_open(self.s3_port))
        import boto3

        self.s3 = boto3.client(
            "s3", endpoint_url=f"http://127.0.0.1:{self.s3_port}", region_name="us-east-1",
            aws_access_key_id="rehearsal", aws_secret_access_key="rehearsal",
        )  # fmt: skip
        self.s3.create_bucket(Bucket=BUCKET)

        for name in ("a", "b"):
            env = self.env(name)
            worker = [sys.executable, "-m", "celery", "-A", "cchc.core.celery_app", "worker",
                      "--concurrency", "1", "-n", f"node-{name}@%h", "--loglevel", "INFO",
                      "--without-gossip", "--without-mingle"]  # fmt: skip
            self.processes.append(
                Process(
                    f"worker-{name}",
                    worker,
                    RESULTS / f"two-nodes-worker-{name}.log",
                    cwd=ROOT,
                    env=env,
                ).start()  # fmt: skip
            )
            node = server.Gunicorn(env, self.args.workers, "sync",
                                   RESULTS / f"two-nodes-node-{name}.log")  # fmt: skip
            self.nodes.append(node)
        for name, node in zip("ab", self.nodes, strict=True):
            log(f"node {name.upper()}: gunicorn, {self.args.workers} workers on :{node.port}")
            node.start()
        for name in "ab":
            path = RESULTS / f"two-nodes-worker-{name}.log"
            wait_for(f"celery worker {name}", lambda p=path: "ready." in p.read_text(), 90)

        a, b = self.nodes
        cfg = self.run_dir / "haproxy.cfg"
        cfg.write_text(
            "global\n    maxconn 4000\n"
            "defaults\n    mode http\n    option http-keep-alive\n    option forwardfor\n"
            "    timeout connect 5s\n    timeout client 120s\n    timeout server 120s\n"
            f"frontend cchc\n    bind {server.HOST}:{self.lb_port}\n    default_backend nodes\n"
            "backend nodes\n    balance roundrobin\n"
            f"    server a {server.HOST}:{a.port} source {PROXY_SOURCE}\n"
            f"    server b {server.HOST}:{b.port} source {PROXY_SOURCE}\n"
        )
        log(f"HAProxy on :{self.lb_port} → A :{a.port}, B :{b.port} (from {PROXY_SOURCE})")
        self.processes.append(
            Process(
                "haproxy", [HAPROXY, "-db", "-f", str(cfg)], RESULTS / "two-nodes-haproxy.log"
            ).start()
        )
        wait_for("HAProxy", lambda: port_open(self.lb_port))
        # taken once: the sign-in throttle of this run is THROTTLE a minute per address
        self.tokens = {
            name: token(a.port, account)
            for name, account in (("citizen", CITIZEN), ("officer", OFFICER), ("admin", ADMIN))
        }

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
        for proc in reversed(self.processes):
            proc.stop()
        self.pg.stop()
        with contextlib.suppress(Exception):
            self.flush_redis()
        with contextlib.suppress(Exception):
            from kombu import Connection

            with Connection(BROKER, connect_timeout=5) as conn:
                conn.default_channel.queue_delete(self.queue)
        shutil.rmtree(self.run_dir, ignore_errors=True)

    # -- checks

    def check(self, name: str, passed: bool, **details: object) -> None:
        self.checks[name] = {"passed": passed, **details}
        print(f"check {name}: {'PASS' if passed else 'FAIL'}", flush=True)
        if not passed:
            print(f"  {json.dumps(details, ensure_ascii=False, default=str)[:1500]}")

    def run_check(self, name: str, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception as exc:  # a check that cannot run has failed; go on with the others
            self.check(name, False, error=repr(exc))

    def upload_a_download_b(self) -> None:
        a, b = (n.port for n in self.nodes)
        citizen = self.tokens["citizen"]
        dossier = api(a, "POST", "/api/v1/dossiers", {"procedure": self.args.procedure,
                      "summary": "Hồ sơ diễn tập hai máy"}, citizen, expect=201)  # fmt: skip
        body, content_type = multipart("file", "to-khai.pdf", PDF, "application/pdf")
        status, raw = request(a, "POST", f"/api/v1/dossiers/{dossier['code']}/documents",
                              body=body, headers={"Content-Type": content_type,
                              "Authorization": f"Token {citizen}", "Accept": "application/json"})  # fmt: skip
        if status != 201:
            raise RuntimeError(f"upload → {status}: {raw[:300]!r}")
        doc = json.loads(raw)
        status, got = request(b, "GET", f"/api/v1/dossiers/{dossier['code']}/documents/{doc['id']}",
                              headers={"Authorization": f"Token {citizen}"})  # fmt: skip
        objects = self.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
        local = [p for n in "ab" for p in (self.run_dir / f"node-{n}").rglob("*") if p.is_file()]
        self.check("upload-a-download-b", status == 200 and got == PDF and len(objects) == 1 and not local,
                   download_status=status, same_bytes=got == PDF,
                   objects_in_bucket=[o["Key"] for o in objects],
                   files_on_node_disks=[str(p) for p in local])  # fmt: skip

    def edit_a_seen_on_b(self) -> None:
        a, b = (n.port for n in self.nodes)
        admin = self.tokens["admin"]
        code = self.args.procedure
        before = api(b, "GET", f"/api/v1/procedures/{code}")["name"]  # B has read it once
        export = api(a, "GET", "/api/v1/procedures/export", token=admin)
        item = next(p for p in export["procedures"] if p["code"] == code)
        new_name = f"{before.split(' [')[0]} [sửa {datetime.datetime.now():%H%M%S}]"
        item["name"] = new_name
        result = api(a, "POST", "/api/v1/procedures/import",
                     {"schema": export["schema"], "procedures": [item]}, admin)  # fmt: skip
        on_b = api(b, "GET", f"/api/v1/procedures/{code}")["name"]
        through_lb = {
            api(self.lb_port, "GET", f"/api/v1/procedures/{code}")["name"] for _ in range(4)
        }
        self.check("edit-a-seen-on-b", on_b == new_name and through_lb == {new_name},
                   before=before, written=new_name, read_on_b=on_b,
                   read_through_balancer=sorted(through_lb), import_result=result)  # fmt: skip

    def throttle_shared(self) -> None:
        """DRF's sign-in throttle counts in the shared cache, per client address resolved
        behind the trusted balancer: direct requests with a forged header are the peer, and
        requests through the balancer are what it saw, the same address."""
        ports = [n.port for n in self.nodes] + [self.lb_port]
        codes = []
        for i in range(THROTTLE + 2):
            codes.append(sign_in(ports[i % 3], (f"khong-co-{i}", "sai"), source=ATTACKER,
                                 X_Forwarded_For=f"198.51.100.{i + 1}"))  # fmt: skip
        expected = [400] * THROTTLE + [429, 429]
        self.check("throttle-shared", codes == expected, rate=f"{THROTTLE}/min",
                   statuses=codes, expected=expected)  # fmt: skip

    def lockout_shared(self) -> None:
        """django-axes counts failures per account and address in the database; the address
        is the one `client_address` resolves on every node."""
        a, b = (n.port for n in self.nodes)
        wrong = [sign_in((a, b)[i % 2], (CITIZEN[0], "sai-mat-khau"), source=LOCKED_OUT)
                 for i in range(5)]  # fmt: skip
        right_b = sign_in(b, CITIZEN, source=LOCKED_OUT)
        right_elsewhere = sign_in(b, CITIZEN)  # another address: not locked
        self.check("lockout-shared", wrong == [400] * 5 and right_b == 400 and right_elsewhere == 200,
                   wrong_attempts=wrong, right_password_after=right_b,
                   right_password_other_address=right_elsewhere)  # fmt: skip

    def stats_on_replica(self) -> None:
        pattern = re.compile(r'\bFROM "stats_\w+"')
        before_replica = len(pattern.findall(self.pg.replica_log()))
        self.pg.set_primary_logging(True)
        time.sleep(0.5)
        before_primary = len(pattern.findall(self.pg.primary_log()))
        today = datetime.date.today()
        query = f"scope=province&from={today.replace(month=1, day=1)}&to={today}"
        answers = [
            api(port, "GET", f"/api/v1/indices/766?{query}", token=self.tokens["admin"],
                expect=None)["_status"]
            for port in (self.lb_port, self.nodes[1].port)
        ]  # fmt: skip
        time.sleep(0.5)
        self.pg.set_primary_logging(False)
        on_replica = len(pattern.findall(self.pg.replica_log())) - before_replica
        on_primary = len(pattern.findall(self.pg.primary_log())) - before_primary
        self.check("stats-on-replica", answers == [200, 200] and on_replica > 0 and on_primary == 0,
                   statuses=answers, rollup_queries_on_replica=on_replica,
                   rollup_queries_on_primary=on_primary)  # fmt: skip

    def own_pids(self) -> list[int]:
        roots = [n.pid for n in self.nodes if n.proc is not None]
        roots += [p.proc.pid for p in self.processes if p.proc is not None]
        for data in self.pg.started:
            with contextlib.suppress(OSError, ValueError, IndexError):
                roots.append(int((data / "postmaster.pid").read_text().split()[0]))
        pids = list(roots)
        for pid in roots:
            pids += load._children(pid)
        return pids

    def cpu_ticks(self) -> tuple[dict[int, int], int, int]:
        """(ticks of each of the rehearsal's processes, busy and total ticks of the machine)"""
        busy, total, _ = load._machine_ticks()
        return {pid: load._ticks(pid) for pid in self.own_pids()}, busy, total

    def queue_depth(self) -> int:
        from kombu import Connection

        with Connection(BROKER, connect_timeout=5) as conn:
            _, count, _ = conn.default_channel.queue_declare(self.queue, passive=True)
            return int(count)

    def tasks_distributed(self) -> None:
        with contextlib.suppress(RuntimeError):
            wait_for("task queue drained", lambda: self.queue_depth() == 0, 300)
        time.sleep(2)  # the last task in hand
        ran, failed = {}, {}
        for name in "ab":
            text = (RESULTS / f"two-nodes-worker-{name}.log").read_text(errors="replace")
            ran[name] = len(re.findall(r"Task \S+\[[0-9a-f-]+\] succeeded", text))
            failed[name] = len(re.findall(r"Task \S+\[[0-9a-f-]+\] raised", text))
        depth = self.queue_depth()
        self.check("tasks-distributed", all(ran.values()) and not any(failed.values()) and depth == 0,
                   succeeded=ran, failed=failed, queue_left=depth)  # fmt: skip

    # -- throughput

    def throughput(self) -> dict:
        import run

        args = self.args
        args.db_name = DB_NAME
        a = self.nodes[0]
        citizen, officer = self.tokens["citizen"], self.tokens["officer"]
        rows = {}

        def measure(name: str, job: load.Job, pools: list[list[str]] | None = None) -> dict:
            log(f"phase {name}: {args.clients} clients, {job.warmup:g} s + {job.seconds:g} s")
            before = self.cpu_ticks()
            result = load.run_phase(job, args.clients, args.client_processes, pools,
                                    a.pid if job.port == a.port else None, DB_NAME)  # fmt: skip
            after = self.cpu_ticks()
            rows[name] = run.summarise(name, job, result)
            # load.py counts node A and PostgreSQL by name; the rehearsal's own processes
            # (both nodes, workers, balancer, S3, both clusters) over the whole phase instead
            ticks = os.sysconf("SC_CLK_TCK") * result.elapsed
            ncpu = os.cpu_count() or 1
            # processes started during the phase count whole; those that ended are left out
            own = sum(t - before[0].get(pid, 0) for pid, t in after[0].items()) / ticks
            busy = (after[1] - before[1]) / max(after[2] - before[2], 1) * ncpu
            cpu = rows[name]["cpu"]
            cpu["rehearsal_cores"] = round(own, 2)
            cpu["other_cores"] = round(max(0.0, busy - own - cpu.get("client_cores", 0)), 2)
            return rows[name]

        def job(kind: str, port: int, tok: str = "") -> load.Job:
            return load.Job(kind=kind, host=server.HOST, port=port, token=tok,
                            procedure=args.procedure, commune=args.commune,
                            warmup=args.warmup, seconds=args.seconds)  # fmt: skip

        measure("health-node-a", job(load.HEALTH, a.port))
        measure("health-balancer", job(load.HEALTH, self.lb_port))
        submit = job(load.SUBMIT, a.port, citizen)
        for target, port in (("node-a", a.port), ("balancer", self.lb_port)):
            pools: list[list[str]] = [[] for _ in range(args.clients)]
            run.fill_pools(pools, 40, submit, args, a)
            probe = job(load.RECEIVE, port, officer)
            probe.warmup, probe.seconds = 0.0, 2.0
            used = [len(r.status) for r in load.run_phase(
                probe, args.clients, args.client_processes, pools, None, DB_NAME).results]  # fmt: skip
            pools = [p[u:] for p, u in zip(pools, used, strict=True)]
            need = math.ceil(max(used) / 2.0 * 2 * (args.warmup + args.seconds) * 1.5) + 10
            run.fill_pools(pools, need, submit, args, a)
            # the refreshes the untimed submissions queued would otherwise run during the
            # measurement (and lock the same dossiers): start from an empty queue
            log("waiting for the task queue to drain (untimed)")
            drained = time.monotonic()
            wait_for("task queue drained", lambda: self.queue_depth() == 0, 900)
            log(f"  drained in {time.monotonic() - drained:.0f} s")
            measure(f"receive-{target}", job(load.RECEIVE, port, officer), pools)
        return rows


def print_rows(rows: dict) -> None:
    head = f"{'phase':<18}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
    print(head)
    print("-" * len(head))
    for name, r in rows.items():
        print(f"{name:<18}{r['requests']:>9}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}"
              f"{r['p99_ms']:>9.1f}{r['errors']:>8}")  # fmt: skip


def main(args: argparse.Namespace) -> int:
    output = args.output if args.output != RESULTS / "latest.json" else RESULTS / "two-nodes.json"
    report: dict = {
        "started": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "machine": {"cores": os.cpu_count()},
    }
    rehearsal = Rehearsal(args)
    rows: dict = {}
    try:
        rehearsal.start()
        for name, fn in (
            ("stats-on-replica", rehearsal.stats_on_replica),
            ("upload-a-download-b", rehearsal.upload_a_download_b),
            ("edit-a-seen-on-b", rehearsal.edit_a_seen_on_b),
            ("throttle-shared", rehearsal.throttle_shared),
            ("lockout-shared", rehearsal.lockout_shared),
        ):
            rehearsal.run_check(name, fn)
        rows = rehearsal.throughput()
        rehearsal.run_check("tasks-distributed", rehearsal.tasks_distributed)
    finally:
        log("stopping everything the rehearsal started")
        rehearsal.stop()

    print()
    print_rows(rows)
    ratios = {}
    for kind in ("health", "receive"):
        one, lb = rows.get(f"{kind}-node-a"), rows.get(f"{kind}-balancer")
        if one and lb and one["rps"]:
            ratios[kind] = lb["rps"] / one["rps"]
            print(f"{kind}: balancer over two nodes {lb['rps']:.1f} req/s, node A alone "
                  f"{one['rps']:.1f} req/s (× {ratios[kind]:.2f})")  # fmt: skip
    busy = [
        n for n, r in rows.items() if r["cpu"].get("other_cores", 0) > 0.15 * (os.cpu_count() or 1)
    ]
    if busy:
        print(f"warning: other work shared the machine during {', '.join(busy)}: "
              "the throughputs are unreliable, run again on a quiet machine")  # fmt: skip
    passed = all(c["passed"] for c in rehearsal.checks.values()) and len(rehearsal.checks) == 6
    errors = sum(r["errors"] for r in rows.values())
    print(f"two-node rehearsal: {'PASS' if passed else 'FAIL'} "
          f"({sum(c['passed'] for c in rehearsal.checks.values())}/6 checks; "
          f"{errors} failed requests under load)")  # fmt: skip
    report.update(checks=rehearsal.checks, phases=rows, balancer_to_one_node=ratios, noisy=busy,
                  passed=passed, load_errors=errors)  # fmt: skip
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"results: {output}")
    return 0 if passed and not errors else 1
