"""Statistics read from the replica when one is configured, except inside a transaction."""

from __future__ import annotations

import pytest
from django.db import transaction

from cchc.core.dbrouters import ReplicaRouter
from cchc.dossiers.models import Dossier
from cchc.stats.models import AgencyDay, DossierFact


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}


def test_without_a_replica_everything_reads_the_main_database():
    router = ReplicaRouter()
    assert router.db_for_read(AgencyDay) is None
    assert router.db_for_read(Dossier) is None


def test_statistics_read_from_the_replica_other_models_do_not(with_replica):
    router = ReplicaRouter()
    assert router.db_for_read(AgencyDay) == "replica"
    assert router.db_for_read(DossierFact) == "replica"
    assert router.db_for_read(Dossier) is None


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_statistics_read_the_main_database(with_replica):
    router = ReplicaRouter()
    with transaction.atomic():
        assert router.db_for_read(DossierFact) is None
    assert router.db_for_read(DossierFact) == "replica"


def test_writes_go_to_the_main_database_and_the_replica_is_never_migrated(with_replica):
    router = ReplicaRouter()
    read_there = AgencyDay()
    read_there._state.db = "replica"
    assert router.db_for_write(AgencyDay, instance=read_there) == "default"
    assert router.allow_migrate("replica", "stats") is False
    assert router.allow_migrate("default", "stats") is None
    here = Dossier()
    here._state.db = "default"
    assert router.allow_relation(read_there, here) is True


def test_querysets_of_statistics_are_routed_to_the_replica(with_replica):
    assert AgencyDay.objects.all().db == "replica"
    assert Dossier.objects.all().db == "default"
