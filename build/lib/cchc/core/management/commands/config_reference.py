"""Print the configuration reference (docs/configuration.md) generated from conf/env.py."""

from typing import Any

from django.core.management.base import BaseCommand

from cchc.conf.env import reference_markdown


class Command(BaseCommand):
    help = "Print the Markdown reference of every environment variable cchc reads."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(reference_markdown(), ending="")
