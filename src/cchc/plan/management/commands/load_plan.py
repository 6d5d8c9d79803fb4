"""`manage.py load_plan [FILE …]` — load reform plans from YAML (default: every file in plans/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from ...loader import PLANS_DIR, PlanFileError, load_plan


class Command(BaseCommand):
    help = "Load reform plans from their YAML files; running it again updates them in place."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "files", nargs="*", type=Path, help="plan files (default: plans/*.yaml)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = options["files"] or sorted(PLANS_DIR.glob("*.yaml"))
        for path in files:
            try:
                result = load_plan(path)
            except (OSError, PlanFileError) as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{result.plan}: {result.targets} chỉ tiêu ({path.name})")
