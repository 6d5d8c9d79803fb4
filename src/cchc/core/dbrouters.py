"""Statistics and their exports read from the PostgreSQL read replica, when there is one.

The `replica` alias exists only when `CCHC_REPLICA_DATABASE_URL` is set (`deployment`). Reads
of the statistics app's models (rollups, facts) go there, so a leader's dashboard or an
export scanning months of rollups takes nothing from the primary that serves the officers.
Inside a transaction on the primary a read stays on the primary: the rollup refresh reads the
facts it is about to change, and a replica a few milliseconds behind would make it subtract
the wrong contribution. Everything is written to the primary; nothing is migrated on the
replica (a streaming replica is read-only and receives the schema from the primary).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .deployment import REPLICA

READ_FROM_REPLICA = frozenset({"stats"})  # app labels


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if model._meta.app_label not in READ_FROM_REPLICA or REPLICA not in settings.DATABASES:
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        # A row read from the replica is saved or deleted on the primary.
        instance = hints.get("instance")
        if instance is not None and instance._state.db == REPLICA:
            return DEFAULT_DB_ALIAS
        return None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: an object read there is the same row.
        same = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in same and obj2._state.db in same:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None
