"""Errors raised by dossier services; the API turns them into 4xx answers."""

from __future__ import annotations


class DossierError(Exception):
    code = "dossier_error"
    http_status = 400

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class InvalidTransition(DossierError):
    """The table or a step guard forbids the action in the dossier's current state."""

    code = "invalid_transition"
    http_status = 409


class NotPermitted(DossierError):
    code = "permission_denied"
    http_status = 403


class InvalidInput(DossierError):
    code = "invalid"
    http_status = 400


class DossierNotFound(DossierError):
    code = "not_found"
    http_status = 404
