"""Fixtures of the plan tests: the small province of the dossier tests plus the real plan."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers.tests.world import World, build_world
from cchc.plan.loader import PLANS_DIR, load_plan
from cchc.plan.models import Plan

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def plan(db: None) -> Plan:
    return load_plan(PLANS_DIR / "tuyen_quang_2021_2030.yaml").plan


TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Measurements of closed periods are cached; every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
