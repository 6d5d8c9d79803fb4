"""Closed-loop HTTP load: C clients, each sending its next request as soon as the previous one
is answered, spread over P processes × T threads so the client's own GIL is not the limit.

Every client runs from a common start instant for `warmup + seconds`; only requests that
complete inside the measured window `[start + warmup, start + warmup + seconds]` count.
Every request's completion time, latency and HTTP status are recorded (status 0 = connection
error). The machine's CPU time is sampled over the same window and split between the client,
the gunicorn workers and PostgreSQL, so a saturated client shows up in the report.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import os
import threading
import time
from array import array
from dataclasses import dataclass, field
from queue import Empty
from typing import Any

HEALTH = "health"
SUBMIT = "submit"
RECEIVE = "receive"


@dataclass
class Job:
    """What every client of one phase does (picklable: sent to the client processes)."""

    kind: str  # HEALTH, SUBMIT or RECEIVE
    host: str
    port: int
    token: str = ""
    procedure: str = ""
    commune: str = ""
    action: str = "receive"
    warmup: float = 2.0
    seconds: float = 15.0
    quota: int = 0  # > 0: each client stops after this many successful requests (pool top-up)
    timeout: float = 60.0


@dataclass
class ClientResult:
    done_at: array  # completion instant, seconds after the common start
    latency: array  # seconds
    status: array  # HTTP status, 0 = connection error
    codes: list[str] = field(default_factory=list)  # dossiers created (SUBMIT)
    exhausted_at: float | None = None  # RECEIVE: pool ran out this long after the start
    failures: list[str] = field(default_factory=list)  # first few error bodies


def _request(job: Job, code: str | None, n: int) -> tuple[str, str, bytes | None, dict[str, str]]:
    headers = {"Host": job.host, "Accept": "application/json"}
    if job.token:
        headers["Authorization"] = f"Token {job.token}"
    if job.kind == HEALTH:
        return "GET", "/api/v1/health", None, headers
    headers["Content-Type"] = "application/json"
    if job.kind == SUBMIT:
        body: dict[str, Any] = {"procedure": job.procedure, "summary": f"Hồ sơ benchmark số {n}"}
        if job.commune:
            body["commune"] = job.commune
        return "POST", "/api/v1/dossiers", json.dumps(body).encode(), headers
    path = f"/api/v1/dossiers/{code}/actions/{job.action}"
    return "POST", path, b'{"note": ""}', headers


def run_client(job: Job, start: float, pool: list[str] | None = None) -> ClientResult:
    """One client: requests back to back from `start` (a time.monotonic() instant)."""
    res = ClientResult(array("d"), array("d"), array("H"))
    pool = list(pool or [])
    pool.reverse()  # pop() from the end hands out the codes in creation order
    conn = http.client.HTTPConnection(job.host, job.port, timeout=job.timeout)
    end = start + job.warmup + job.seconds
    successes = 0
    now = time.monotonic()
    if now < start:
        time.sleep(start - now)
    n = 0
    while True:
        now = time.monotonic()
        if job.quota:
            if successes >= job.quota or now >= start + job.timeout * 10:
                break
        elif now >= end:
            break
        code = None
        if job.kind == RECEIVE:
            if not pool:
                res.exhausted_at = now - start
                break
            code = pool.pop()
        n += 1
        method, path, body, headers = _request(job, code, n)
        t0 = time.monotonic()
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status = resp.status
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            data, status = repr(exc).encode(), 0
        t1 = time.monotonic()
        if job.kind == SUBMIT and 200 <= status < 300:
            try:
                res.codes.append(json.loads(data)["code"])
            except (ValueError, KeyError, TypeError):
                status, data = 0, b"2xx answer without a dossier code: " + data[:200]
        res.done_at.append(t1 - start)
        res.latency.append(t1 - t0)
        res.status.append(status)
        if 200 <= status < 300:
            successes += 1
        elif len(res.failures) < 3:
            res.failures.append(f"{method} {path} → {status}: {data[:300]!r}")
    conn.close()
    return res


def _process_main(
    job: Job, index: int, pools: list[list[str] | None], ready: Any, go: Any, out: Any
) -> None:
    """A client process: len(pools) threads, started together at the instant the parent sends."""
    results: list[ClientResult | None] = [None] * len(pools)
    ready.put(os.getpid())
    start = go.get()

    def target(i: int) -> None:
        try:
            results[i] = run_client(job, start, pools[i])
        except Exception as exc:  # a bug in the client must not hang the run
            broken = ClientResult(array("d"), array("d"), array("H"))
            broken.failures.append(f"client crashed: {exc!r}")
            broken.done_at.append(job.warmup)  # counted as one failed request in the window
            broken.latency.append(0.0)
            broken.status.append(0)
            results[i] = broken

    threads = [threading.Thread(target=target, args=(i,)) for i in range(len(pools))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put((index, results))


# --- CPU accounting from /proc (Linux) ----------------------------------------------------------


def _ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def _machine_ticks() -> tuple[int, int, int]:
    """(busy, total, steal) jiffies of all CPUs; steal = time the hypervisor gave elsewhere."""
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    idle = cpu[3] + cpu[4]  # idle + iowait
    return sum(cpu[:8]) - idle, sum(cpu[:8]), cpu[7]


def _postgres_pids(database: str) -> list[int]:
    """PostgreSQL's shared processes (WAL writer, checkpointer…) and the backends connected to
    `database`; backends of other databases (other people's tests) are not ours."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                title = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        is_backend = "(" in title or "[local]" in title
        if not is_backend or f" {database} " in title:
            pids.append(int(entry))
    return pids


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    if int(f.read().rsplit(b")", 1)[1].split()[1]) == pid:
                        kids.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return kids


class CpuSampler:
    """CPU seconds used by groups of processes between two samples, and by the whole machine.

    `groups` maps a name to a function returning the group's pids, resolved at the first
    sample (so database backends opened during the warm-up are included)."""

    def __init__(self, groups: dict[str, Any]) -> None:
        self.groups = groups
        self.pids: dict[str, list[int]] = {}
        self.hz = os.sysconf("SC_CLK_TCK")

    def sample(self) -> dict[str, int]:
        if not self.pids:
            self.pids = {name: list(find()) for name, find in self.groups.items()}
        busy, total, steal = _machine_ticks()
        snap = {name: sum(_ticks(p) for p in pids) for name, pids in self.pids.items()}
        snap["_busy"], snap["_total"], snap["_steal"] = busy, total, steal
        return snap

    def report(self, before: dict[str, int], after: dict[str, int], seconds: float) -> dict:
        """Average number of cores busy, per group and for the rest of the machine."""
        ncpu = os.cpu_count() or 1
        total = max(after["_total"] - before["_total"], 1)
        busy = (after["_busy"] - before["_busy"]) / total  # fraction of all cores
        out: dict[str, float] = {}
        ours = 0.0
        for name in self.pids:
            cores = (after[name] - before[name]) / self.hz / seconds
            out[f"{name}_cores"] = round(cores, 2)
            ours += cores
        # other users' jobs, kernel work not charged to a process, hypervisor steal
        out["other_cores"] = round(max(0.0, busy * ncpu - ours), 2)
        out["machine_busy_pct"] = round(100 * busy, 1)
        out["steal_pct"] = round(100 * (after["_steal"] - before["_steal"]) / total, 1)
        out["cores"] = ncpu
        return out


# --- one phase ------------------------------------------------------------------------------------


def _get(queue: Any, procs: list, timeout: float) -> Any:
    """queue.get(), but fail fast when a client process died instead of waiting it out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return queue.get(timeout=0.5)
        except Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            if dead or time.monotonic() > deadline:
                for p in procs:
                    p.kill()
                raise RuntimeError(f"load client processes failed (exit codes {dead})") from None


@dataclass
class PhaseResult:
    results: list[ClientResult]
    cpu: dict
    elapsed: float


def run_phase(
    job: Job,
    clients: int,
    processes: int,
    pools: list[list[str]] | None = None,
    server_pid: int | None = None,
    database: str = "cchc_bench",
) -> PhaseResult:
    """Run `clients` clients over `processes` processes; results are in client order."""
    processes = max(1, min(processes, clients))
    ctx = mp.get_context("spawn")
    ready, go, out = ctx.Queue(), ctx.Queue(), ctx.Queue()
    slices = [list(range(i, clients, processes)) for i in range(processes)]
    procs = []
    for index, indices in enumerate(slices):
        proc_pools = [pools[i] if pools else None for i in indices]
        args = (job, index, proc_pools, ready, go, out)
        p = ctx.Process(target=_process_main, args=args, daemon=True)
        p.start()
        procs.append(p)
    client_pids = [_get(ready, procs, 60) for _ in procs]
    groups: dict[str, Any] = {"client": lambda: client_pids}
    if server_pid:
        groups["gunicorn"] = lambda: [server_pid, *_children(server_pid)]
    groups["postgres"] = lambda: _postgres_pids(database)
    sampler = CpuSampler(groups)
    start = time.monotonic() + 0.2
    for _ in procs:
        go.put(start)
    cpu: dict = {}
    if not job.quota:  # timed phase: sample the CPU over exactly the measured window
        time.sleep(max(0.0, start + job.warmup - time.monotonic()))
        before = sampler.sample()
        time.sleep(max(0.0, start + job.warmup + job.seconds - time.monotonic()))
        cpu = sampler.report(before, sampler.sample(), job.seconds)
    # Results arrive per process in any order; put them back in client order.
    ordered: list[ClientResult] = [ClientResult(array("d"), array("d"), array("H"))] * clients
    for _ in procs:
        index, results = _get(out, procs, job.timeout * 20 + job.warmup + job.seconds)
        for i, r in zip(slices[index], results, strict=True):
            ordered[i] = r
    for p in procs:
        p.join(timeout=30)
    return PhaseResult(ordered, cpu, time.monotonic() - start)
