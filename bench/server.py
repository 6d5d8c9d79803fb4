"""gunicorn on 127.0.0.1, started and stopped by the benchmark."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def default_workers() -> int:
    """2 × cores + 1 (gunicorn's rule of thumb), capped: on a small shared machine the
    database and the load client need CPU too."""
    return min(2 * (os.cpu_count() or 1) + 1, 17)


class Gunicorn:
    def __init__(self, env: dict[str, str], workers: int, worker_class: str, log: Path) -> None:
        self.env = env
        self.workers = workers
        self.worker_class = worker_class
        self.port = free_port()
        self.log_path = log
        self.proc: subprocess.Popen | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, wait: float = 60.0) -> None:
        cmd = [
            sys.executable, "-m", "gunicorn", "cchc.wsgi",
            "-b", f"{HOST}:{self.port}",
            "-w", str(self.workers),
            "--worker-class", self.worker_class,
            "--log-level", "warning",
            "--timeout", "120",
        ]  # fmt: skip
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        log.close()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {self.log_path}")
            if self._healthy():
                # every worker must have booted, not only the first one to accept
                for _ in range(self.workers * 4):
                    self._healthy()
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /api/v1/health in {wait:.0f} s")

    def _healthy(self) -> bool:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
        try:
            conn.request("GET", "/api/v1/health", headers={"Host": HOST})
            resp = conn.getresponse()
            resp.read()
            return resp.status == 200
        except OSError:
            return False
        finally:
            conn.close()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # graceful: workers finish their request
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""
