"""Fixtures of the dossier tests."""

import pytest

from .world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()
