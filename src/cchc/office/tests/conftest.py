"""Fixtures of the back-office tests: the dossier tests' small province, and helpers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc.dossiers.tests.world import World, build_world

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def pdf(name: str = "to-khai.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def counter_dossier(world: World, procedure=None, **kwargs) -> Dossier:
    """A dossier received at the province centre's counter by the receiving officer."""
    return services.intake_at_counter(
        world.receiving,
        world.centre,
        procedure or world.procedure,
        ApplicantData(
            name="Nguyễn Thị Hoà", national_id="008190001234", phone="0912345678", address="Tổ 5"
        ),
        **kwargs,
    )
