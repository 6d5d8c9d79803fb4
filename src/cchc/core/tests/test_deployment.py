"""Which engine each shared piece of state uses, chosen from the settings (docs/deployment.md),
and the uploads' round trip through S3-compatible storage."""

from __future__ import annotations

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from moto import mock_aws

from cchc.core import deployment
from cchc.core.deployment import S3
from cchc_testkit.clients import api_client_for

STATIC = "whitenoise.storage.CompressedManifestStaticFilesStorage"
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_cache_is_per_process_unless_redis_is_named():
    assert deployment.cache_config("")["default"]["BACKEND"].endswith("LocMemCache")
    shared = deployment.cache_config("redis://cache.internal:6379/2")["default"]
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://cache.internal:6379/2"


def test_uploads_go_to_the_local_disk_unless_a_bucket_is_named():
    local = deployment.storage_config(S3(bucket=""), STATIC)
    assert local["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["staticfiles"]["BACKEND"] == STATIC
    remote = deployment.storage_config(
        S3(bucket="ho-so", endpoint_url="http://s3.internal:9000", access_key="k", secret_key="s"),
        STATIC,
    )
    assert remote["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = remote["default"]["OPTIONS"]
    assert (
        options["bucket_name"] == "ho-so" and options["endpoint_url"] == "http://s3.internal:9000"
    )
    assert options["default_acl"] is None and options["file_overwrite"] is False
    assert "region_name" not in options and "location" not in options  # unset: the client's own
    assert remote["staticfiles"]["BACKEND"] == STATIC


def test_tasks_backend_choice():
    assert deployment.tasks_config("database", False, "")["default"]["BACKEND"] == (
        "django_tasks_db.DatabaseBackend"
    )
    assert deployment.tasks_config("celery", True, "")["default"]["BACKEND"] == (
        "cchc.core.immediate.CommittedImmediateBackend"
    )
    celery = deployment.tasks_config("celery", False, "amqp://guest:guest@mq:5672//")["default"]
    assert celery["BACKEND"] == "cchc.core.tasks_backend.CeleryBackend"
    assert celery["OPTIONS"]["CELERY_APP"] == "cchc.core.celery_app.app"
    with pytest.raises(ImproperlyConfigured, match="BROKER"):
        deployment.tasks_config("celery", False, "")
    with pytest.raises(ImproperlyConfigured, match="rq"):
        deployment.tasks_config("rq", False, "")


def test_replica_alias_only_when_configured():
    assert deployment.replica_config("") == {}
    replica = deployment.replica_config("postgres://reader@replica.internal:5433/cchc")["replica"]
    assert replica["HOST"] == "replica.internal" and replica["PORT"] == 5433
    assert replica["TEST"] == {"MIRROR": "default"}


@pytest.fixture
def s3_bucket(settings):
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="cchc-test")
        settings.STORAGES = deployment.storage_config(
            S3(bucket="cchc-test", region="us-east-1", access_key="k", secret_key="s"), STATIC
        )
        yield boto3.client("s3", region_name="us-east-1")


def test_default_storage_round_trip_on_s3(s3_bucket):
    name = default_storage.save("documents/a.txt", ContentFile(b"noi dung"))
    again = default_storage.save("documents/a.txt", ContentFile(b"khac"))
    assert again != name  # never overwrites another document
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == b"noi dung"
    keys = {o["Key"] for o in s3_bucket.list_objects_v2(Bucket="cchc-test")["Contents"]}
    assert keys == {name, again}
    default_storage.delete(name)
    assert not default_storage.exists(name)


@pytest.mark.django_db
def test_a_document_uploaded_through_the_api_is_stored_in_the_bucket_and_served(world, s3_bucket):
    client = api_client_for(world.citizen)
    code = client.post(
        "/api/v1/dossiers", {"procedure": "1.000001", "summary": "Xin cấp"}, format="json"
    ).json()["code"]
    upload = client.post(
        f"/api/v1/dossiers/{code}/documents",
        {"file": SimpleUploadedFile("to-khai.pdf", PDF, "application/pdf")},
        format="multipart",
    )
    assert upload.status_code == 201, upload.json()
    objects = s3_bucket.list_objects_v2(Bucket="cchc-test")["Contents"]
    assert len(objects) == 1 and objects[0]["Size"] == len(PDF)
    download = client.get(f"/api/v1/dossiers/{code}/documents/{upload.json()['id']}")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.django_db(transaction=True)
def test_celery_backend_sends_a_task_only_when_the_transaction_commits(settings, monkeypatch):
    """The database backend's promise (door.py: the notice is queued with its event, committed
    together or not at all) kept on a broker: nothing is sent before the commit, nothing after
    a rollback."""
    from celery.app.task import Task as CeleryTask
    from django.tasks import task_backends

    sent: list[tuple[list, str]] = []
    monkeypatch.setattr(
        CeleryTask,
        "apply_async",
        lambda self, args=None, kwargs=None, task_id=None, **options: sent.append((args, task_id)),
    )
    settings.TASKS = deployment.tasks_config("celery", False, "memory://")
    from cchc.dossiers.tasks import notify_applicant

    backend = task_backends["default"]
    assert type(backend).__name__ == "CeleryBackend"
    with transaction.atomic():
        result = backend.enqueue(notify_applicant, [41], {})
        assert sent == []
    assert sent == [([41], result.id)]
    try:
        with transaction.atomic():
            backend.enqueue(notify_applicant, [42], {})
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert sent == [([41], result.id)]
