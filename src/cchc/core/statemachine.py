"""The small state-machine core shared by the dossier engine and the plan's reports.

A machine is a table of actions, each allowed from some statuses and leading to one status
(or keeping it); every refusal is a `DomainError` with a stable machine code and an HTTP
status, mapped to an answer once for the API (`cchc.api.errors`) and once for pages
(`cchc.core.middleware.DomainErrorMiddleware`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass


class DomainError(Exception):
    """A rule of the domain refused the request: `code` for machines, `message` for people."""

    code = "invalid"
    http_status = 400

    def __init__(self, message: str, code: str | None = None, http_status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if http_status:
            self.http_status = http_status


class InvalidTransition(DomainError):
    """The table, or a guard beside it, forbids the action in the current state."""

    code = "invalid_transition"
    http_status = 409


class NotPermitted(DomainError):
    code = "permission_denied"
    http_status = 403


class InvalidInput(DomainError):
    code = "invalid"
    http_status = 400


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class Conflict(DomainError):
    """Someone else changed the record since the caller read it (optimistic lock)."""

    code = "conflict"
    http_status = 409


@dataclass(frozen=True)
class Move[S: Hashable]:
    """One row of a table: the statuses an action may start from and where it leads
    (`None`: the status stays)."""

    sources: frozenset[S]
    target: S | None


class TransitionTable[S: Hashable]:
    """Allowed moves, checked in one place (`target`)."""

    def __init__(self, moves: Mapping[str, Move[S]]):
        self.moves = dict(moves)

    def target(self, action: str, status: S) -> S | None:
        """The status `action` leads to from `status`, or None when the table forbids it."""
        move = self.moves.get(action)
        if move is None or status not in move.sources:
            return None
        return status if move.target is None else move.target

    def allowed_from(self, status: S) -> list[str]:
        return [action for action, move in self.moves.items() if status in move.sources]

    def reachable(self, initial: Iterable[S]) -> frozenset[S]:
        """Statuses reachable from `initial` by any sequence of moves."""
        seen = set(initial)
        frontier = list(seen)
        while frontier:
            status = frontier.pop()
            for action in self.allowed_from(status):
                nxt = self.target(action, status)
                if nxt is not None and nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        return frozenset(seen)

    def __iter__(self) -> Iterator[str]:
        return iter(self.moves)

    def __contains__(self, action: object) -> bool:
        return action in self.moves
