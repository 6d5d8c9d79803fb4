"""Optional: sample the gunicorn workers with py-spy during a timed phase (`run.py --py-spy`).

py-spy is not a project dependency; install it anywhere (`pip install py-spy`) and pass its
path. Samples are taken with `--gil` (only while a worker holds the GIL), so they approximate
where the workers' *CPU* goes rather than where they wait — on a saturated 2-core machine,
wall-clock samples are dominated by waiting for the CPU or for PostgreSQL.
"""

from __future__ import annotations

import collections
import subprocess
from pathlib import Path

_LAYERS = [  # first match, innermost frame first
    ("psycopg", "psycopg driver"),
    ("django/db/models", "Django ORM (SQL compilation, model instances)"),
    ("django/db/", "Django database layer (transactions, connections)"),
    ("rest_framework/serializers", "DRF serializers"),
    ("rest_framework/fields", "DRF serializers"),
    ("rest_framework/relations", "DRF serializers"),
    ("rest_framework", "DRF views, authentication, parsing, rendering"),
    ("django_tasks", "task queue (notifications)"),
    ("django/tasks", "task queue (notifications)"),
    ("cchc/", "cchc code itself"),
    ("django/", "Django request handling, middleware"),
    ("gunicorn/", "gunicorn (accept, HTTP parsing, writing)"),
]


def start(executable: str, pid: int, seconds: float, out: Path) -> subprocess.Popen:
    cmd = [
        executable, "record", "--subprocesses", "--gil", "--nonblocking",
        "-p", str(pid), "-d", str(max(1, int(seconds))), "-r", "250", "-f", "raw", "-o", str(out),
    ]  # fmt: skip
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def summarise(path: Path, top: int = 25) -> str:
    """Share of the workers' sampled time by layer, by cchc function (inclusive) and by frame."""
    layers: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        if not any("handle_request" in f for f in frames):
            continue  # the arbiter, or a worker between requests
        n = int(count)
        total += n
        own[frames[-1]] += n
        for frame in set(frames):
            if "cchc/" in frame:
                inclusive[frame] += n
        layers[_layer(frames)] += n
    if not total:
        return "py-spy: no samples inside requests"
    lines = [f"py-spy: {total} samples of workers handling a request (holding the GIL)", ""]
    lines += [f"{100 * n / total:5.1f} %  {name}" for name, n in layers.most_common()]
    lines += ["", "cchc functions, inclusive:"]
    lines += [f"{100 * n / total:5.1f} %  {f}" for f, n in inclusive.most_common(top)]
    lines += ["", "innermost frames:"]
    lines += [f"{100 * n / total:5.1f} %  {f}" for f, n in own.most_common(top)]
    return "\n".join(lines)


def _layer(frames: list[str]) -> str:
    for frame in reversed(frames):
        for needle, name in _LAYERS:
            if needle in frame:
                return name
    return "other"
