"""What an action of the dossier engine is: one declaration per action (decision 0008).

An `ActionSpec` holds every fact about an action — where it may start and where it leads,
who may take it, the guard beside the table, what it changes, the notice the applicant gets,
the citizen's timeline line, the officer's label, form and hint, the API input and the printed
form it produces. The door (`services/door.py`), `allowed_actions`, the office dossier page,
the API action endpoint, the notification task and the citizen timeline all read the specs.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from rest_framework import serializers

if TYPE_CHECKING:
    from cchc.workcalendar.calendar import WorkCalendar

    from ..models import Dossier, DossierEvent


@dataclass
class Context:
    """What `guard` and `apply` are given: the locked dossier, the actor, the moment, the
    province calendar and the validated input."""

    dossier: Dossier
    user: Any
    at: datetime.datetime
    cal: WorkCalendar
    data: dict[str, Any]

    @property
    def note(self) -> str:
        return str(self.data.get("note") or "")


# (dossier, user) -> may this user take the action on this dossier? None = the platform.
Rule = Callable[["Dossier", Any], bool]
Guard = Callable[[Context], None]
# Changes the locked dossier (and its parts); returns extra fields of the event.
Apply = Callable[[Context], "dict[str, Any] | None"]
TimelineText = Callable[["DossierEvent", "Dossier"], str]
# (the dossier or its reference, the actor, the validated input) -> the changed dossier
Runner = Callable[[Any, Any, dict[str, Any]], "Dossier"]


@dataclass(frozen=True)
class ActionSpec:
    action: str
    sources: frozenset[int]
    target: int | None  # None: the status stays
    may: Rule
    apply: Apply | None = None
    guard: Guard | None = None
    # Notice to the applicant (SMS/e-mail), a lazy text with %(code)s %(due)s %(note)s
    # %(amount)s; None: the applicant is not notified of this action.
    notice: Callable[[], str] | None = None
    timeline: TimelineText | None = None
    timeline_shows_note: bool = False
    # The officer's page: the form, the button tone, the hint under it, and the order among
    # the actions offered (lower first: the action the step is there for comes first).
    form: type[forms.Form] | None = None
    tone: str = "primary"
    hint: Any = ""
    order: int = 50
    # The API body of POST /api/v1/dossiers/<code>/actions/<action>; None: not an API action.
    api_input: type[serializers.Serializer] | None = None
    # The form of Circular 03/2025 this action produces (printed from the dossier page).
    printed_form: str | None = None
    # How a page or the API runs the action with its validated input, when that is more than
    # the door with the input (e.g. a file added first); None: `perform(spec, …, data=input)`.
    run: Runner | None = None

    @property
    def label(self) -> str:
        from ..constants import Action

        return str(Action(self.action).label)
