"""Fixtures of the statistics tests: the dossier tests' small province."""

from cchc.dossiers.tests.conftest import world

__all__ = ["world"]
