"""The synthetic province: a fresh PostgreSQL database filled by `manage.py load_demo`.

`load_demo` loads the real Tuyên Quang units, agencies and procedure catalogue, the demo
accounts, then `cchc.demo.dossiers.generate(n, days=45)` drives `n` dossiers through the real
services with past times (submission, receipt, supplements, payment, forwarding between
agencies, approval, return), so every dossier carries a realistic event history.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
ADMIN_DSN = "host={host} port={port} user={user} dbname=postgres"


@dataclass
class Database:
    name: str = "cchc_bench"
    host: str = "127.0.0.1"
    port: int = 5432
    user: str = "postgres"

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@{self.host}:{self.port}/{self.name}"

    def _admin(self) -> psycopg.Connection:
        dsn = ADMIN_DSN.format(host=self.host, port=self.port, user=self.user)
        return psycopg.connect(dsn, autocommit=True, connect_timeout=10)

    def recreate(self) -> str:
        """Drop and create the database; returns the server version."""
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.name}"')
            return str(conn.execute("SHOW server_version").fetchone()[0])

    def exists(self) -> bool:
        with self._admin() as conn:
            sql = "SELECT 1 FROM pg_database WHERE datname = %s"
            return conn.execute(sql, (self.name,)).fetchone() is not None

    def drop(self) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def query(self, sql: str) -> list[tuple]:
        dsn = f"host={self.host} port={self.port} user={self.user} dbname={self.name}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            return list(conn.execute(sql).fetchall())


def django_env(db: Database, data_dir: Path) -> dict[str, str]:
    """Environment of every Django process of the run (manage.py and gunicorn): production
    settings (DEBUG off) on plain HTTP at 127.0.0.1."""
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    env.update(
        DJANGO_SETTINGS_MODULE="cchc.settings",
        DATABASE_URL=db.url,
        CCHC_DEBUG="0",
        CCHC_SECRET_KEY=secrets.token_urlsafe(45),  # 60 characters
        CCHC_HTTPS="0",
        CCHC_ALLOWED_HOSTS="127.0.0.1",
        CCHC_LOGIN_THROTTLE_RATE="1000/min",
        CCHC_LOG_LEVEL="WARNING",
        CCHC_DATA_DIR=str(data_dir),
    )
    env.pop("CCHC_TASKS_IMMEDIATE", None)  # production: notifications are queued, not sent inline
    return env


def manage(env: dict[str, str], *args: str) -> float:
    """Run `manage.py <args>`; returns the wall time in seconds. Raises on failure."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-8000:])
        raise RuntimeError(f"manage.py {' '.join(args)} failed with exit code {proc.returncode}")
    return elapsed


@dataclass
class Province:
    server_version: str = ""
    migrate_s: float = 0.0
    reference_s: float = 0.0  # units, agencies, catalogue, accounts
    recheck_s: float = 0.0  # load_demo on a loaded database: start-up + idempotent re-check
    load_demo_s: float = 0.0  # load_demo --dossiers N on the loaded reference data
    requested: int = 0
    dossiers: int = 0
    events: int = 0
    agencies: int = 0
    communes: int = 0
    procedures: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def generate_s(self) -> float:
        """Time of the dossier generation alone."""
        return max(self.load_demo_s - self.recheck_s, 1e-9)

    @property
    def dossiers_per_s(self) -> float:
        return self.dossiers / self.generate_s if self.generate_s else 0.0

    def as_dict(self) -> dict:
        return {
            **asdict(self),
            "generate_s": round(self.generate_s, 2),
            "dossiers_per_s": round(self.dossiers_per_s, 1),
        }


def build_province(db: Database, env: dict[str, str], dossiers: int) -> Province:
    """Fresh database, schema, reference data, then `dossiers` synthetic dossiers.

    `load_demo` is idempotent and generates dossiers only into an empty table, so it runs three
    times: --dossiers 0 (reference data), --dossiers 0 again (the fixed cost of a run that
    creates nothing: start-up and re-check), then --dossiers N. Generation time is the last
    run minus the fixed cost."""
    p = Province(requested=dossiers)
    p.server_version = db.recreate()
    p.migrate_s = manage(env, "migrate", "--noinput", "-v0")
    p.reference_s = manage(env, "load_demo", "--quiet", "--dossiers", "0")
    p.recheck_s = manage(env, "load_demo", "--quiet", "--dossiers", "0")
    p.load_demo_s = manage(env, "load_demo", "--quiet", "--dossiers", str(dossiers))
    count = db.query
    p.dossiers = count("SELECT count(*) FROM dossiers_dossier")[0][0]
    p.events = count("SELECT count(*) FROM dossiers_dossierevent")[0][0]
    p.agencies = count("SELECT count(*) FROM org_agency")[0][0]
    p.communes = count(
        "SELECT count(*) FROM org_administrativeunit WHERE level = 'commune' AND valid_to IS NULL"
    )[0][0]
    p.procedures = count("SELECT count(*) FROM catalogue_procedure")[0][0]
    p.by_status = {
        str(status): n
        for status, n in count(
            "SELECT status, count(*) FROM dossiers_dossier GROUP BY status ORDER BY status"
        )
    }
    return p
