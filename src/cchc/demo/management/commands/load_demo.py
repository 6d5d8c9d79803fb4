"""`manage.py load_demo` — the Tuyên Quang demo: units, agencies, catalogue, accounts, dossiers
and the reform plan.

Idempotent: a second run creates nothing twice (dossiers are generated only into an empty
database).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from cchc.dossiers.models import Dossier
from cchc.plan.loader import PLANS_DIR, load_plan
from cchc.stats.rollups import rebuild

from ...accounts import load_accounts
from ...catalogue import load_catalogue
from ...dossiers import generate
from ...organisation import load_agencies, load_units
from ...plan_reports import load_plan_reports


def _forget_queued_work(since: datetime.datetime) -> int:
    """Drop what generating the synthetic past queued for the task worker: nobody is to be
    told by SMS about a dossier of four months ago (the demo's console would start with
    hundreds of them), and the rollup refreshes are already done by `rebuild()`."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another task backend: nothing was queued in the database
        return 0
    deleted, _ = DBTaskResult.objects.filter(
        enqueued_at__gte=since, started_at__isnull=True
    ).delete()
    return deleted


class Command(BaseCommand):
    help = "Load the Tuyên Quang demo data (labelled as demo data)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dossiers", type=int, default=150, help="demo dossiers to generate")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        province = load_units()
        load_agencies(province)
        result = load_catalogue()
        accounts = load_accounts()
        plans = [load_plan(path) for path in sorted(PLANS_DIR.glob("*.yaml"))]
        made = 0
        if not Dossier.objects.exists():
            started = timezone.now()
            # Four months, so that monthly values of the computed targets show a trend.
            made = generate(options["dossiers"], days=120)
            # The rollups are complete at once, without waiting for the task worker to work
            # through the refreshes the generation queued (those then find nothing to change).
            rebuild()
            _forget_queued_work(since=started)
        reported = sum(load_plan_reports(r.plan) for r in plans)
        if options["quiet"]:
            return
        self.stdout.write(
            f"Dữ liệu mẫu: thủ tục {result['created']} mới / {result['updated']} cập nhật; "
            f"hồ sơ mẫu mới: {made}; báo cáo chỉ tiêu mẫu mới: {reported}; kế hoạch: "
            + ", ".join(f"{r.plan.code} ({r.targets} chỉ tiêu)" for r in plans)
            + "."
        )
        self.stdout.write("\nTài khoản mẫu (chỉ có trong dữ liệu mẫu):")
        self.stdout.write(f"  {'tài khoản':<15} {'mật khẩu':<15} vai trò")
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<15} {account.password:<15} {account.description}"
            )
