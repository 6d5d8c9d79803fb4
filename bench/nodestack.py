"""The processes of the two-node rehearsal (bench/twonodes.py): child processes, a private
PostgreSQL primary with its streaming replica, and small HTTP helpers for the checks."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import generate
import server

PG_BIN = Path(os.environ.get("CCHC_PG_BIN", "/usr/lib/postgresql/15/bin"))


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def wait_for(what: str, ready: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} not ready after {seconds:.0f} s")


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((server.HOST, port)) == 0


class Process:
    """A child process with its log file, stopped by SIGTERM (then SIGKILL)."""

    def __init__(self, name: str, cmd: list[str], log_path: Path, **popen: object) -> None:
        self.name, self.cmd, self.log_path = name, cmd, log_path
        self.popen = popen
        self.proc: subprocess.Popen | None = None

    def start(self) -> Process:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("w") as out:
            self.proc = subprocess.Popen(self.cmd, stdout=out, stderr=out, **self.popen)  # type: ignore[call-overload]
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if not self.alive():
            return
        assert self.proc is not None
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


# --- PostgreSQL: a primary and its streaming replica ------------------------------------------


def as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the `postgres` account."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Postgres:
    """A private primary (initdb) and a replica made from it by `pg_basebackup -R`.

    Not the machine's server at 127.0.0.1:5432: its pg_hba.conf has no `replication` entry
    (`host all all` does not cover replication connections; adding one needs a reload of a
    server other people's work runs on), and a base backup copies the whole cluster, the
    multi-gigabyte province-scale copies included. A private primary has the same version and
    the same replication path, and only this run's database."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.primary_dir, self.replica_dir = base / "primary", base / "replica"
        self.primary_port, self.replica_port = server.free_port(), server.free_port()
        self.started: list[Path] = []

    def _run(self, cmd: list[str]) -> None:
        proc = subprocess.run(as_postgres(cmd), capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(cmd)} failed: {proc.stdout[-2000:]}{proc.stderr[-2000:]}"
            )

    def _start(self, data: Path, port: int, *options: str) -> None:
        opts = " ".join(
            [f"-p {port}", f"-k {self.base}", "-c listen_addresses=127.0.0.1", *options]
        )
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(data / "server.log"),
                   "-w", "-t", "60", "-o", opts, "start"])  # fmt: skip
        self.started.append(data)

    def start(self) -> None:
        self.base.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
        self._run([str(PG_BIN / "initdb"), "-D", str(self.primary_dir), "-U", "postgres",
                   "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])  # fmt: skip
        # initdb's pg_hba.conf with -A trust already admits replication from 127.0.0.1
        self._start(self.primary_dir, self.primary_port,
                    "-c wal_level=replica", "-c max_wal_senders=4", "-c fsync=off",
                    "-c synchronous_commit=off", "-c max_connections=200")  # fmt: skip

    def start_replica(self) -> None:
        self._run([str(PG_BIN / "pg_basebackup"), "-h", server.HOST, "-p", str(self.primary_port),
                   "-U", "postgres", "-D", str(self.replica_dir), "-R", "-X", "stream",
                   "-c", "fast"])  # fmt: skip
        # every statement the replica runs goes to its log: the stats check reads it
        self._start(self.replica_dir, self.replica_port, "-c hot_standby=on",
                    "-c log_statement=all", "-c max_connections=200",
                    "-c log_line_prefix='%m [%d] '")  # fmt: skip

    def replica_log(self) -> str:
        logs = (
            sorted((self.replica_dir / "log").glob("*"))
            if (self.replica_dir / "log").exists()
            else []
        )
        paths = [*logs, self.replica_dir / "server.log"]
        return "".join(p.read_text(errors="replace") for p in paths if p.exists())

    def streaming(self) -> bool:
        db = generate.Database(name="postgres", port=self.primary_port)
        rows = db.query("SELECT state FROM pg_stat_replication")
        return bool(rows) and rows[0][0] == "streaming"

    def set_primary_logging(self, on: bool) -> None:
        import psycopg

        dsn = f"host={server.HOST} port={self.primary_port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"ALTER SYSTEM SET log_statement = '{'all' if on else 'none'}'")
            conn.execute("SELECT pg_reload_conf()")

    def primary_log(self) -> str:
        path = self.primary_dir / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        for data in reversed(self.started):  # the replica first
            subprocess.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast",
                                        "-w", "stop"]), capture_output=True, check=False)  # fmt: skip
        self.started.clear()


# --- HTTP through the nodes and the balancer -------------------------------------------------


def request(port: int, method: str, path: str, *, body: bytes | None = None,
            headers: dict[str, str] | None = None, source: str | None = None,
            ) -> tuple[int, bytes]:  # fmt: skip
    conn = http.client.HTTPConnection(
        server.HOST, port, timeout=60, source_address=(source, 0) if source else None
    )
    try:
        conn.request(method, path, body=body, headers={"Host": server.HOST, **(headers or {})})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def api(port: int, method: str, path: str, payload: object = None, token: str = "",
        source: str | None = None, expect: int | None = 200, **headers: str) -> dict:  # fmt: skip
    head = {"Accept": "application/json", **headers}
    if token:
        head["Authorization"] = f"Token {token}"
    body = None
    if payload is not None:
        head["Content-Type"] = "application/json"
        body = json.dumps(payload).encode()
    status, raw = request(port, method, path, body=body, headers=head, source=source)
    if expect is not None and status != expect:
        raise RuntimeError(f"{method} {path} on :{port} → {status}: {raw[:300]!r}")
    data = json.loads(raw) if raw[:1] in (b"{", b"[") else {}
    return (
        {"_status": status, **data}
        if isinstance(data, dict)
        else {"_status": status, "items": data}
    )


def sign_in(port: int, account: tuple[str, str], source: str | None = None, **headers: str) -> int:
    payload = {"username": account[0], "password": account[1]}
    return api(port, "POST", "/api/v1/auth/token", payload, source=source, expect=None,
               **headers)["_status"]  # fmt: skip


def token(port: int, account: tuple[str, str]) -> str:
    payload = {"username": account[0], "password": account[1]}
    return str(api(port, "POST", "/api/v1/auth/token", payload)["token"])


def multipart(field: str, filename: str, content: bytes, content_type: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"'
            f"\r\nContent-Type: {content_type}\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"
