"""Which engine holds each piece of state several nodes must share (docs/deployment.md).

One node needs nothing outside itself: a per-process cache, uploads on the local disk, tasks
queued in the database. Each function here turns the optional settings of a shared engine
(Redis, S3-compatible storage, Celery, a PostgreSQL replica) into the Django setting, and
`settings.py` calls them with what the environment gave, so the choice is tested as a
function rather than by reloading Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

LOCAL_CACHE = "django.core.cache.backends.locmem.LocMemCache"
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
LOCAL_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
IMMEDIATE_TASKS = "cchc.core.immediate.CommittedImmediateBackend"
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"
CELERY_TASKS = "cchc.core.tasks_backend.CeleryBackend"
CELERY_APP = "cchc.core.celery_app.app"
REPLICA = "replica"


def cache_config(redis_url: str) -> dict[str, dict[str, Any]]:
    """`CACHES`: Redis when a URL is given (shared by every process of every node: result
    caches, throttle counters), else a per-process memory cache."""
    if not redis_url:
        return {"default": {"BACKEND": LOCAL_CACHE}}
    return {
        "default": {
            "BACKEND": REDIS_CACHE,
            "LOCATION": redis_url,
            "KEY_PREFIX": "cchc",
            # A cache that does not answer must not hang a request for long.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


@dataclass(frozen=True)
class S3:
    """Where uploaded documents go on S3-compatible object storage (`CCHC_S3_*`)."""

    bucket: str
    endpoint_url: str = ""
    region: str = ""
    access_key: str = ""
    secret_key: str = ""
    prefix: str = ""
    addressing_style: str = ""


def storage_config(s3: S3, static_backend: str) -> dict[str, dict[str, Any]]:
    """`STORAGES`: uploads in the bucket when one is named, else on the local disk
    (`MEDIA_ROOT`). Static files stay with WhiteNoise either way."""
    default: dict[str, Any] = {"BACKEND": LOCAL_STORAGE}
    if s3.bucket:
        options: dict[str, Any] = {
            "bucket_name": s3.bucket,
            # Documents are served only through permission-checked views: no public ACL, no
            # overwriting a document that has the same name.
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        }
        optional = {
            "endpoint_url": s3.endpoint_url,
            "region_name": s3.region,
            "access_key": s3.access_key,
            "secret_key": s3.secret_key,
            "location": s3.prefix,
            "addressing_style": s3.addressing_style,
        }
        options.update({key: value for key, value in optional.items() if value})
        default = {"BACKEND": S3_STORAGE, "OPTIONS": options}
    return {"default": default, "staticfiles": {"BACKEND": static_backend}}


def tasks_config(backend: str, immediate: bool, broker_url: str) -> dict[str, dict[str, Any]]:
    """`TASKS`: inline once the transaction commits (tests), queued in the database for
    `db_worker` (the default), or sent to Celery workers through a broker."""
    if immediate:
        return {"default": {"BACKEND": IMMEDIATE_TASKS}}
    if backend == "database":
        return {"default": {"BACKEND": DATABASE_TASKS}}
    if backend == "celery":
        if not broker_url:
            raise ImproperlyConfigured(
                "CCHC_TASKS_BACKEND=celery needs CCHC_CELERY_BROKER_URL (e.g. amqp://host:5672//)."
            )
        return {"default": {"BACKEND": CELERY_TASKS, "OPTIONS": {"CELERY_APP": CELERY_APP}}}
    raise ImproperlyConfigured(f"CCHC_TASKS_BACKEND: {backend!r} is not database or celery.")


def replica_config(url: str) -> dict[str, dict[str, Any]]:
    """The `replica` database alias (statistics and exports read there, `dbrouters`), or
    nothing. Its test database mirrors `default`: tests never need a second server."""
    if not url:
        return {}
    replica: dict[str, Any] = {
        **dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
    return {REPLICA: replica}


__all__ = ["S3", "cache_config", "replica_config", "storage_config", "tasks_config"]
