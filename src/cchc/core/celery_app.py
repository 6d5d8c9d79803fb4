"""The Celery application of the task workers when `CCHC_TASKS_BACKEND=celery`:

    celery -A cchc.core.celery_app worker --concurrency 2

Its settings are Django's `CELERY_*` settings (`settings.py`). Each app's `tasks.py` is
imported at start, which registers its `django.tasks` functions with Celery
(`django_tasks_celery`), so the task code stays the same for every backend.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")

app = Celery("cchc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
