"""Fixtures of the plan tests: the real plan (the small province `world` and the cache
clearing come from the test kit's plugin)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.plan.loader import PLANS_DIR, load_plan
from cchc.plan.models import Plan
from cchc_testkit.files import PDF


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def plan(db: None) -> Plan:
    return load_plan(PLANS_DIR / "tuyen_quang_2021_2030.yaml").plan


TODAY = datetime.date(2026, 11, 25)
