"""The task backend of the tests and of `CCHC_TASKS_IMMEDIATE=1`: Django's immediate backend,
run when the enqueuing transaction commits — as the database worker would see the task: only
once the change that queued it is committed, never for a change that rolled back (decision
0009). Outside a transaction it runs at once, like Django's."""

from __future__ import annotations

from django.db import transaction
from django.tasks import TaskResult
from django.tasks.backends.immediate import ImmediateBackend


class CommittedImmediateBackend(ImmediateBackend):
    def _execute_task(self, task_result: TaskResult) -> None:
        run = super()._execute_task  # type: ignore[misc]  # not in the stubs
        transaction.on_commit(lambda: run(task_result))
