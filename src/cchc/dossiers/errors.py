"""Errors raised by dossier services: the shared domain errors (`cchc.core.statemachine`),
each with a machine code and an HTTP status, mapped to answers once (API and pages)."""

from __future__ import annotations

from cchc.core.statemachine import (
    Conflict,
    DomainError,
    InvalidInput,
    InvalidTransition,
    NotPermitted,
)
from cchc.core.statemachine import NotFound as DossierNotFound

DossierError = DomainError

__all__ = [
    "Conflict",
    "DomainError",
    "DossierError",
    "DossierNotFound",
    "InvalidInput",
    "InvalidTransition",
    "NotPermitted",
]
