"""Province scale (issue 4 §5): 3 million dossiers over 5 years, then the rollups and the pages
that read them.

    python bench/run.py --province-scale [--dossiers-scale 3000000] [--keep] [--reuse]

1. A fresh database (`cchc_bench4`), `migrate`, `load_demo --dossiers 0` (the real units,
   agencies, catalogue, accounts, plan), then N dossiers written by SQL inside PostgreSQL
   (`INSERT … SELECT … FROM generate_series`, not the services): skewed procedure
   popularity, channels, statuses, lateness, supplements, fees, documents, hand-overs between
   agencies and ratings, received evenly over 5 years.
2. `manage.py rebuild_rollups`: wall time and the process's peak RSS.
3. Incremental cost: `refresh_dossier()` in-process, for an event that changes nothing the
   indicators see and for one that does, against the in-process cost of `GET /api/v1/health`.
4. gunicorn, 8 concurrent closed-loop clients per URL for `--seconds`: p50/p95 of the health
   endpoint (baseline), the 766 index (province, an agency), the ranking, the plan targets API
   and the leadership dashboard `/lanh-dao/`.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import generate
import office_pages
import server

from cchc.core.text import fold

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
HOST = "127.0.0.1"

SETUP_SQL = """
CREATE TEMP TABLE g_proc AS
SELECT row_number() OVER (ORDER BY p.id) AS n, p.id AS procedure_id, p.level,
       GREATEST(p.duration, 1)::float AS days,
       (SELECT min(pa.agency_id) FROM catalogue_procedure_agencies pa
         WHERE pa.procedure_id = p.id) AS agency_id,
       EXISTS (SELECT 1 FROM catalogue_feeline f WHERE f.procedure_id = p.id AND f.amount > 0)
         AS fee
FROM catalogue_procedure p WHERE p.is_active;
CREATE TEMP TABLE g_commune AS
SELECT row_number() OVER (ORDER BY id) AS n, id FROM org_agency WHERE kind = 'commune_committee';
CREATE TEMP TABLE g_any AS SELECT min(id) AS id FROM org_agency WHERE kind = 'department';
CREATE TEMP TABLE g_centre AS SELECT min(id) AS id FROM org_agency WHERE kind = 'province_centre';
CREATE TEMP TABLE g_step AS
SELECT procedure_id, row_number() OVER w - 1 AS idx, count(*) OVER (PARTITION BY procedure_id) AS n,
       name, role, agency_id
FROM catalogue_processstep WINDOW w AS (PARTITION BY procedure_id ORDER BY "order");
"""

# Applicants' names: family names skewed (Nguyễn most common), 6,000 full names in all; the
# folded column (`applicant_search`) is what `Dossier.save()` would store.
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Ma",
    "Nông",
    "Hà",
    "Triệu",
    "Sầm",
    "Quan",
    "Lương",
]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thanh", "Đức", "Ngọc", "Hữu", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Châu", "Dung", "Đức", "Giang", "Huy", "Hương", "Khánh", "Lụa", "Mạnh",
         "Ngọc", "Phúc", "Quyên", "Sáng", "Tâm", "Hùng", "Lan", "Minh", "Nam", "Oanh", "Phương",
         "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Uyên", "Việt", "Yến"]  # fmt: skip


def _array(words: list[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{w}'" for w in words) + "]"


def _name_sql(folded: bool) -> str:
    parts = [
        (FAMILY, f"1 + floor({len(FAMILY)} * power(rn1, 2))::int"),
        (MIDDLE, f"1 + floor({len(MIDDLE)} * rn2)::int"),
        (GIVEN, f"1 + floor({len(GIVEN)} * rn3)::int"),
    ]
    return " || ' ' || ".join(
        f"({_array([fold(w) for w in words] if folded else words)})[{index}]"
        for words, index in parts
    )


# Received evenly over 5 years from 1 Dec 2021, 07:30–16:30 local (00:30–09:30 UTC). As in the
# demo generator, province-level dossiers are received at the provincial service centre (90 %;
# the rest at the department itself) and go back there once decided.
DOSSIERS_SQL = """
INSERT INTO dossiers_dossier (
  code, applicant_kind, applicant_name, applicant_search, applicant_national_id, applicant_phone,
  applicant_email, applicant_address, summary, channel, status, step_name, step_role,
  submitted_at, received_at, due_at, original_due_at, finished_at, returned_at, closed_at,
  supplement_count, apology_count, paid_online, vneid_authenticated, has_digitised_component,
  synced_to_national, result_code, refusal_reason, imported, version, created_at, updated_at,
  current_agency_id, intake_agency_id, procedure_id, processing_agency_id, fee_state)
SELECT 'B' || s, 1, NAME, FOLDED_NAME, '', '', '', '', '', ch, st, '', '', rec, rec, due, due,
  CASE WHEN st IN (9, 10) THEN fin END,
  CASE WHEN st = 10 THEN fin + r5 * interval '2 days' END,
  CASE WHEN st = 10 THEN fin + r5 * interval '2 days'
       WHEN st IN (3, 7, 8) THEN rec + r5 * (due - rec) END,
  sup, 0, CASE WHEN fee AND r6 < 0.55 THEN 1 + (r6 < 0.3)::int ELSE 0 END,
  ch = 2 AND r7 < 0.7, r8 < 0.35, r9 < 0.93, '', '', true, 1, rec, rec,
  CASE WHEN st IN (3, 9, 10) THEN intake ELSE ag END, intake, pid, ag,
  CASE WHEN NOT fee THEN '' WHEN st IN (9, 10) THEN 'paid' ELSE 'due' END
FROM (
  SELECT s, ch, rec, due, fee, pid, ag, r5, r6, r7, r8, r9, sup, rn1, rn2, rn3,
    CASE WHEN province AND ri < 0.9 THEN COALESCE((SELECT id FROM g_centre), ag) ELSE ag END
      AS intake,
    CASE WHEN rec > timestamptz '2026-11-20' THEN (ARRAY[2, 4, 4, 5, 9, 10])[1 + (r4 * 6)::int % 6]
         WHEN r4 < 0.80 THEN 10 WHEN r4 < 0.85 THEN 9 WHEN r4 < 0.88 THEN 3 WHEN r4 < 0.90 THEN 7
         WHEN r4 < 0.91 THEN 8 WHEN r4 < 0.93 THEN 5 ELSE 4 END AS st,
    rec + (due - rec) * (0.25 + r3 * 0.95) AS fin
  FROM (
    SELECT s, p.procedure_id AS pid, p.fee, p.level = 'province' AS province,
      COALESCE(p.agency_id, c.id, (SELECT id FROM g_any)) AS ag,
      CASE WHEN r2 < 0.55 THEN 2 WHEN r2 < 0.57 THEN 3 ELSE 1 END AS ch,
      rec, rec + p.days * 1.4 * interval '1 day' AS due,
      random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7,
      random() AS r8, random() AS r9, random() AS ri,
      random() AS rn1, random() AS rn2, random() AS rn3,
      CASE WHEN rs < 0.08 THEN 1 WHEN rs < 0.095 THEN 2 ELSE 0 END AS sup
    FROM (
      SELECT s, random() AS r1, random() AS r2, random() AS rc, random() AS rs,
        timestamptz '2021-12-01 00:30+00' + (s::float / %(n)s * 1826) * interval '1 day'
          + random() * interval '9 hours' AS rec
      FROM generate_series(1, %(n)s) s
    ) base
    JOIN g_proc p ON p.n = 1 + floor((SELECT count(*) FROM g_proc) * power(r1, 3))::int
    LEFT JOIN g_commune c ON p.agency_id IS NULL
      AND c.n = 1 + floor((SELECT count(*) FROM g_commune) * rc)::int
  ) a
) b
""".replace("FOLDED_NAME", _name_sql(folded=True)).replace("NAME", _name_sql(folded=False))

# Dossiers in progress stand at a step of their procedure's template, as `enter_step` leaves
# them: a received one at the first step, others at a later one (approval included), held by
# the step's agency.
STEPS_SQL = """
UPDATE dossiers_dossier d
SET step_index = g.idx, step_name = g.name, step_role = g.role,
    current_agency_id = COALESCE(g.agency_id,
      CASE WHEN g.role = 'receiving' THEN d.intake_agency_id ELSE d.processing_agency_id END)
FROM (SELECT id, procedure_id, status, (random() * 1000)::int AS pick FROM dossiers_dossier
      WHERE status IN (2, 4, 5, 6)) x
JOIN g_step g ON g.procedure_id = x.procedure_id
 AND g.idx = CASE WHEN x.status = 2 OR g.n = 1 THEN 0 ELSE 1 + x.pick % (g.n - 1) END
WHERE d.id = x.id
"""

RELATED_SQL = [
    STEPS_SQL,
    # a submitted file for 65 %, reused from digitised data for 30 %, national store for 8 %
    """INSERT INTO dossiers_dossierdocument (dossier_id, kind, name, file, url, content_type,
         size, sha256, digitised, from_national_store, result_code, uploaded_at)
       SELECT id, 'submitted', 'to-khai.pdf', '', 'https://x/1', '', 0, '',
              random() < 0.45, random() < 0.12, '', received_at
       FROM dossiers_dossier WHERE random() < 0.65""",
    # an electronic result for 85 % of finished dossiers
    """INSERT INTO dossiers_dossierdocument (dossier_id, kind, name, file, url, content_type,
         size, sha256, digitised, from_national_store, result_code, uploaded_at)
       SELECT id, 'result', 'ket-qua.pdf', '', 'https://x/2', '', 0, '', true, false, 'KQ',
              finished_at
       FROM dossiers_dossier WHERE status IN (9, 10) AND random() < 0.85""",
    # fee lines on dossiers of fee-bearing procedures (5 % of them 0 đ)
    """INSERT INTO dossiers_dossierfee (dossier_id, name, code, method, amount)
       SELECT d.id, 'Lệ phí', 'LP', '', CASE WHEN random() < 0.05 THEN 0 ELSE 50000 END
       FROM dossiers_dossier d
       WHERE d.procedure_id IN (SELECT procedure_id FROM g_proc WHERE fee) AND random() < 0.9""",
    # supplement requests: one day after receipt, completed a day later unless still waiting
    """INSERT INTO dossiers_supplementrequest (dossier_id, requested_at, completed_at, reason)
       SELECT d.id, d.received_at + k * interval '1 day',
              CASE WHEN d.status = 5 AND k = d.supplement_count THEN NULL
                   ELSE d.received_at + k * interval '1 day' + interval '20 hours' END, ''
       FROM dossiers_dossier d, generate_series(1, 2) k WHERE k <= d.supplement_count""",
    # a hand-over to another agency for 15 % (seq 2: the receipt is seq 1)
    """INSERT INTO dossiers_dossierevent (dossier_id, seq, action, actor_name, at, from_status,
         to_status, from_step, to_step, step_result, note, from_agency_id, to_agency_id)
       SELECT id, 2, 'forward', '', received_at + interval '2 hours', 4, 4, '', '', '', '',
              processing_agency_id, (SELECT id FROM g_any)
       FROM dossiers_dossier WHERE random() < 0.15
         AND processing_agency_id <> (SELECT id FROM g_any)""",
    # ratings on 25 % of returned dossiers: 60 % very satisfied, 30 % satisfied, 10 % not
    """INSERT INTO dossiers_dossierrating (dossier_id, level, comment, created_at)
       SELECT id, CASE WHEN r < 0.6 THEN 3 WHEN r < 0.9 THEN 2 ELSE 1 END, '', returned_at
       FROM (SELECT id, returned_at, random() AS r FROM dossiers_dossier
             WHERE status = 10 AND random() < 0.25) x""",
    "ANALYZE",
]

INCREMENTAL_SCRIPT = r"""
import json, random, time
import django
django.setup()
from django.db import connection
from django.test import Client
from cchc.stats.rollups import refresh_dossier, _catalogue
from cchc.dossiers.models import Dossier

client = Client(HTTP_HOST="127.0.0.1")
for _ in range(50):
    client.get("/api/v1/health")
n = 2000
t = time.perf_counter()
for _ in range(n):
    client.get("/api/v1/health")
health_us = (time.perf_counter() - t) / n * 1e6
last = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first()
rng = random.Random(4)
ids = [rng.randint(1, last) for _ in range(1200)]
_catalogue()
for i in ids[:50]:
    refresh_dossier(i)
t = time.perf_counter()
for i in ids[200:1200]:
    refresh_dossier(i)
noop_us = (time.perf_counter() - t) / 1000 * 1e6
changed = []
for i in ids[200:700]:
    with connection.cursor() as c:
        c.execute("UPDATE dossiers_dossier SET vneid_authenticated = NOT vneid_authenticated "
                  "WHERE id = %s", [i])
t = time.perf_counter()
for i in ids[200:700]:
    changed.append(refresh_dossier(i))
changed_us = (time.perf_counter() - t) / 500 * 1e6
with connection.cursor() as c:  # put them back (and the rollups with them)
    c.execute("UPDATE dossiers_dossier SET vneid_authenticated = NOT vneid_authenticated "
              "WHERE id = ANY(%s)", [ids[200:700]])
for i in ids[200:700]:
    refresh_dossier(i)
print(json.dumps({"health_us": health_us, "noop_us": noop_us, "changed_us": changed_us,
                  "changed_share": sum(changed) / len(changed)}))
"""

SESSION_SCRIPT = r"""
import django
django.setup()
from django.test import Client
from cchc.accounts.models import User
from rest_framework.authtoken.models import Token
user = User.objects.get(username="giamsat")
client = Client()
client.force_login(user, backend="cchc.accounts.backends.IdentityNumberBackend")
print(client.cookies["sessionid"].value, Token.objects.get_or_create(user=user)[0].key)
"""


def log(message: str) -> None:
    print(f"[province] {message}", flush=True)


# p95 targets of the statistics pages, measured without the result cache (issue 16 §2).
STATS_GOALS_MS = {
    "766 province YTD": 300,
    "766 agency YTD": 300,
    "766 commune month": 300,
    "766 ranking agencies": 300,
    "766 ranking communes": 300,
    "plan targets API": 500,
    "dashboard /lanh-dao/": 500,
}


def page_goal(name: str, row: dict[str, Any], target: float) -> dict[str, Any]:
    """A page's goal (issue 16 §1–2): p95 under `target` ms, and no failed request."""
    p95 = row["p95_ms"]
    passed = p95 is not None and p95 < target and not row["errors"]
    return {"name": name, "measured": p95, "unit": "ms", "target": f"< {target:g} ms",
            "pass": passed}  # fmt: skip


def goal_line(g: dict[str, Any]) -> str:
    """`goal <name>: <measured> (target <target>): PASS|FAIL` (issue 16 §6)."""
    measured = "none finished" if g["measured"] is None else f"{g['measured']}{g['unit']}"
    return f"goal {g['name']}: {measured} (target {g['target']}): {'PASS' if g['pass'] else 'FAIL'}"


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def script(env: dict[str, str], code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()[-1]


def build(db: generate.Database, env: dict[str, str], dossiers: int) -> dict[str, Any]:
    timings: dict[str, Any] = {"server_version": db.recreate()}
    t = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--dossiers", "0", "--quiet")
    timings["reference_s"] = round(time.monotonic() - t, 1)
    dsn = f"host={db.host} port={db.port} user={db.user} dbname={db.name}"
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SETUP_SQL)
        t = time.monotonic()
        conn.execute(DOSSIERS_SQL.replace("%(n)s", str(int(dossiers))))
        timings["dossiers_s"] = round(time.monotonic() - t, 1)
        t = time.monotonic()
        for sql in RELATED_SQL:
            conn.execute(sql)
        timings["related_s"] = round(time.monotonic() - t, 1)
        rows = conn.execute(
            "SELECT (SELECT count(*) FROM dossiers_dossier), "
            "(SELECT count(*) FROM dossiers_dossierdocument), "
            "(SELECT count(*) FROM dossiers_dossierfee), "
            "(SELECT count(*) FROM dossiers_supplementrequest), "
            "(SELECT count(*) FROM dossiers_dossierevent), "
            "(SELECT count(*) FROM dossiers_dossierrating)"
        ).fetchone()
        assert rows is not None
        timings["rows"] = dict(
            zip(
                ["dossiers", "documents", "fees", "supplements", "events", "ratings"],
                rows,
                strict=True,
            )
        )
        by_status = conn.execute(
            "SELECT status, count(*) FROM dossiers_dossier GROUP BY status ORDER BY status"
        ).fetchall()
        timings["by_status"] = {str(s): c for s, c in by_status}
    return timings


def rebuild(env: dict[str, str]) -> dict[str, Any]:
    t = time.monotonic()
    out = manage(env, "rebuild_rollups")
    wall = time.monotonic() - t
    fields = dict(item.split("=") for item in out.split())
    return {"wall_s": round(wall, 1), **fields}


def closed_loop(
    port: int, path: str, headers: dict[str, str], clients: int, seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds + 1.0
    measure_from = time.monotonic() + 1.0  # 1 s warm-up

    def run() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while time.monotonic() < stop_at:
            begin = time.monotonic()
            try:
                conn.request("GET", path, headers={"Host": HOST, **headers})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
                status = 0
            end = time.monotonic()
            # A request begun in the window counts even if it ends after it: pages slower
            # than the window would otherwise report nothing.
            if begin >= measure_from:
                with lock:
                    latencies.append(end - begin)
                    if status != 200:
                        errors.append(status)
        conn.close()

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def pct(q: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 1)

    return {
        "path": path,
        "requests": len(latencies),
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": pct(0.50) if latencies else None,
        "p95_ms": pct(0.95) if latencies else None,
        "errors": len(errors),
        "error_statuses": sorted(set(errors)),
    }


def main(args: Any) -> int:
    db = generate.Database(name=args.db_name, host=args.db_host, port=args.db_port)
    data_dir = RESULTS / "province-data"
    env = generate.django_env(db, data_dir)
    only = getattr(args, "province_only", None)
    report: dict[str, Any] = {"dossiers": args.dossiers_scale, "goals": []}
    if not (args.reuse and db.exists()):
        log(f"generating {args.dossiers_scale:,} dossiers in {db.name} …")
        report["build"] = build(db, env, args.dossiers_scale)
        log(f"built: {report['build']}")
    if not (args.reuse and args.province_skip_rebuild):
        log("rebuild_rollups …")
        report["rebuild"] = rebuild(env)
        log(f"rebuild: {report['rebuild']}")
    if only != "office":
        report["incremental"] = json.loads(script(env, INCREMENTAL_SCRIPT))
        log(f"incremental: {report['incremental']}")
    # Pages need the collected (hashed, compressed) static files, as in production.
    manage(env, "collectstatic", "--noinput", "-v0")
    session, token = script(env, SESSION_SCRIPT).split()
    # The statistics are measured without their result cache (issue 16 §2): what a reader pays
    # when the cache is cold or was just invalidated by a refresh.
    env = {**env, "CCHC_STATS_CACHE_SECONDS": "0"}
    accounts = json.loads(script(env, office_pages.session_script()))
    gunicorn = server.Gunicorn(env, args.workers, "sync", RESULTS / "gunicorn-province.log")
    gunicorn.start()
    api = {"Authorization": f"Token {token}"}
    page = {"Cookie": f"sessionid={session}"}
    year = "from=2026-01-01&to=2026-11-30"
    urls = [
        ("health", "/api/v1/health", {}),
        ("766 province YTD", f"/api/v1/indices/766?{year}&scope=province", api),
        ("766 agency YTD", f"/api/v1/indices/766?{year}&scope=agency:H60.1", api),
        ("766 commune month", "/api/v1/indices/766?from=2026-10-01&to=2026-10-31&scope=unit:02215", api),
        ("766 ranking agencies", f"/api/v1/indices/766/ranking?{year}&level=agency", api),
        ("766 ranking communes", f"/api/v1/indices/766/ranking?{year}&level=unit", api),
        ("plan targets API", "/api/v1/plan/targets", api),
        ("dashboard /lanh-dao/", "/lanh-dao/", page),
        ("health-2", "/api/v1/health", {}),
    ]  # fmt: skip
    if only == "office":
        urls = [urls[0]]
    office = office_pages.urls(accounts) if only != "stats" else []
    rows = []
    try:
        for name, path, headers in urls + office:
            result = closed_loop(gunicorn.port, path, headers, args.province_clients, args.seconds)
            result["name"] = name
            rows.append(result)
            log(f"{name:<22} p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  "
                f"{result['rps']} req/s  errors {result['errors']} {result['error_statuses']}")  # fmt: skip
    finally:
        gunicorn.stop()
    office_names = {name for name, _, _ in office}
    for row in rows:
        if row["name"] in office_names:
            report["goals"].append(page_goal(row["name"], row, office_pages.TARGET_MS))
        elif row["name"] in STATS_GOALS_MS:
            report["goals"].append(page_goal(row["name"], row, STATS_GOALS_MS[row["name"]]))
    report["latency"] = rows
    report["clients"] = args.province_clients
    if only is None:
        # §3: the real transition against the minimal one, in-process, on this database.
        import run

        floor = run.floor_ratio(db)
        report["floor"] = floor
        report["goals"].append(
            {"name": "transition/minimal", "measured": round(floor["receive_to_minimal"], 2),
             "unit": "×", "target": f"≤ {run.FLOOR_TARGET:.2f}×",
             "pass": floor["receive_to_minimal"] <= run.FLOOR_TARGET}
        )  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "province.json").write_text(json.dumps(report, indent=2, default=str))
    for g in report["goals"]:
        print(goal_line(g), flush=True)
    if not args.keep:
        db.drop()
    errors = sum(r["errors"] for r in rows)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    os.chdir(ROOT)
    raise SystemExit("run it through bench/run.py --province-scale")
