"""`manage.py rebuild_rollups`: recompute every dossier fact and rollup from the dossiers."""

from __future__ import annotations

import resource
from typing import Any

from django.core.management.base import BaseCommand

from cchc.stats.rollups import rebuild


class Command(BaseCommand):
    help = "Tính lại toàn bộ số liệu tổng hợp (rollups) từ bảng hồ sơ, theo từng trang."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--page-size", type=int, default=20000, help="dossier ids per page")

    def handle(self, *args: Any, **options: Any) -> None:
        report = rebuild(page_size=options["page_size"])
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.stdout.write(
            f"dossiers={report.dossiers} facts={report.facts} "
            + " ".join(f"{k}_s={v}" for k, v in report.seconds.items())
            + f" peak_rss_mib={peak_kib / 1024:.0f}"
        )
