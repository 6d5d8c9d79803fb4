"""The steps of a procedure's process template, as a dossier walks them (DOMAIN.md §2: every
step has its own allotted time, and each hand-over is compared with it)."""

from __future__ import annotations

import datetime
from typing import Any

from cchc.catalogue.constants import StepRole
from cchc.catalogue.models import ProcessStep
from cchc.workcalendar.calendar import WorkCalendar, classify

from ..deadlines import step_due
from ..models import Dossier

# Process templates change rarely; keep them per procedure version (updated_at changes on
# every catalogue edit) so a transition does not query them again.
_TEMPLATE_CACHE: dict[tuple[int, datetime.datetime], list[ProcessStep]] = {}


def forget_templates() -> None:
    """Drop the cached templates of this process (tests; a catalogue edit needs no call: the
    key carries the procedure's `updated_at`)."""
    _TEMPLATE_CACHE.clear()


def template_steps(dossier: Dossier) -> list[ProcessStep]:
    procedure = dossier.procedure
    key = (procedure.pk, procedure.updated_at)
    steps = _TEMPLATE_CACHE.get(key)
    if steps is None:
        if len(_TEMPLATE_CACHE) > 5000:
            _TEMPLATE_CACHE.clear()
        steps = _TEMPLATE_CACHE[key] = list(procedure.steps.all())
    return steps


def step_agency_id(dossier: Dossier, step: ProcessStep) -> int:
    if step.agency_id:
        return step.agency_id
    return (
        dossier.intake_agency_id
        if step.role == StepRole.RECEIVING
        else dossier.processing_agency_id
    )


def current_step(dossier: Dossier) -> ProcessStep | None:
    steps = template_steps(dossier)
    if dossier.step_index is None or dossier.step_index >= len(steps):
        return None
    return steps[dossier.step_index]


def leave_step(dossier: Dossier, at: datetime.datetime, cal: WorkCalendar) -> dict[str, Any]:
    """Fields of the event that closes the current step, with its early/on-time/late result.
    The dossier holds no step role until it enters the next step (if any)."""
    result = ""
    if dossier.step_due_at is not None:
        result = classify(at, dossier.step_due_at, cal.tz)
    fields = {
        "from_step": dossier.step_name,
        "step_due_at": dossier.step_due_at,
        "step_result": result,
    }
    dossier.step_role = ""
    return fields


def enter_step(dossier: Dossier, index: int, at: datetime.datetime, cal: WorkCalendar) -> None:
    step = template_steps(dossier)[index]
    dossier.step_index = index
    dossier.step_name = step.name
    dossier.step_role = step.role
    dossier.step_started_at = at
    dossier.step_due_at = step_due(at, step.hours, cal)
    dossier.current_agency_id = step_agency_id(dossier, step)
