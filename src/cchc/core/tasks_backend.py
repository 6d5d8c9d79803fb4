"""A `django.tasks` backend on Celery that keeps the database backend's promise: a task
enqueued inside a transaction is sent only when that transaction commits.

With `django_tasks_db` the queued row is part of the transaction, so `door.py` may enqueue a
notification next to the event it is about: committed together or not at all. A broker is
outside the transaction, so the message waits for the commit (`transaction.on_commit`);
otherwise a worker could look for the event before it exists, or send a notice for a
transition that was rolled back. Outside a transaction the message is sent at once.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from django.db import transaction
from django.tasks.base import Task, TaskResult, TaskResultStatus
from django.tasks.signals import task_enqueued
from django_tasks_celery.backend import CeleryBackend as _CeleryBackend
from django_tasks_celery.register import ensure_celery_task

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


class CeleryBackend(_CeleryBackend):
    def enqueue(
        self, task: Task[P, R], args: list[Any], kwargs: dict[str, Any]
    ) -> TaskResult[P, R]:
        self.validate_task(task)
        app = self._get_celery_app()
        ensure_celery_task(task, app, self)
        celery_task = app.tasks[task.module_path]
        options = self._build_send_options(task)
        task_id = str(uuid.uuid4())

        def send() -> None:
            celery_task.apply_async(
                args=list(args), kwargs=dict(kwargs), task_id=task_id, **options
            )

        # robust: a broker that is down after the commit is logged, not turned into an error
        # for a request whose work is already saved.
        transaction.on_commit(send, robust=True)
        result = TaskResult(
            task=task,
            id=task_id,
            status=TaskResultStatus.READY,
            enqueued_at=datetime.now(UTC),
            started_at=None,
            finished_at=None,
            last_attempted_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        task_enqueued.send(sender=type(self), task_result=result)
        return result
