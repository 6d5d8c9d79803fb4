"""Legal due dates of dossiers and steps (DOMAIN.md §3), on top of the pure workcalendar."""

from __future__ import annotations

import datetime
from decimal import Decimal

from cchc.catalogue.constants import DurationUnit
from cchc.catalogue.models import Procedure
from cchc.workcalendar.calendar import WorkCalendar


def clock_start(
    procedure: Procedure, received_at: datetime.datetime, cal: WorkCalendar
) -> datetime.datetime:
    """When the legal clock starts: at receipt, or at the next opening; after the procedure's
    cut-off hour (e.g. 15:00 for certification, Decree 23/2015) at the next working day."""
    local = received_at.astimezone(cal.tz)
    if procedure.cutoff_time and local.time() > procedure.cutoff_time:
        next_day = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=cal.tz
        )
        return cal.next_opening(next_day)
    return cal.next_opening(local)


def legal_due(
    procedure: Procedure, received_at: datetime.datetime, cal: WorkCalendar
) -> datetime.datetime:
    """NgayHenTra for a dossier received at `received_at`."""
    start = clock_start(procedure, received_at, cal)
    if procedure.duration_unit == DurationUnit.SAME_DAY:
        close = cal.periods[-1][1]
        return datetime.datetime.combine(start.date(), close, tzinfo=cal.tz)
    return cal.add(start, Decimal(procedure.duration), procedure.duration_unit)


def step_due(started_at: datetime.datetime, hours: Decimal, cal: WorkCalendar) -> datetime.datetime:
    return cal.add(started_at, Decimal(hours), DurationUnit.WORKING_HOURS)


def pause_unit(procedure: Procedure) -> str:
    """The clock a supplement pause is measured on: plain time for procedures counted in
    calendar days, office hours for every other unit (DOMAIN.md §2–§3)."""
    if procedure.duration_unit == DurationUnit.CALENDAR_DAYS:
        return DurationUnit.CALENDAR_DAYS
    return DurationUnit.WORKING_HOURS


def due_after_pause(
    procedure: Procedure,
    due: datetime.datetime,
    paused_at: datetime.datetime,
    resumed_at: datetime.datetime,
    cal: WorkCalendar,
) -> datetime.datetime:
    """The due date once the applicant has supplemented: the time the clock was stopped is
    not charged to the agency (DOMAIN.md §2). The one rule for paused time: the dossier page
    (the door moves `due_at` with it) and the statistics (2.1 on time, DOMAIN.md §6) both call
    it, so a dossier is never late on its page and early in the index."""
    return cal.resume_due(due, paused_at, resumed_at, pause_unit(procedure))


def due_after_pauses(
    procedure: Procedure,
    due: datetime.datetime,
    pauses: list[tuple[datetime.datetime, datetime.datetime]],
    cal: WorkCalendar,
) -> datetime.datetime:
    """`due` moved by every completed pause, in order."""
    for paused_at, resumed_at in sorted(pauses):
        due = due_after_pause(procedure, due, paused_at, resumed_at, cal)
    return due


def supplement_deadline(received_at: datetime.datetime, cal: WorkCalendar) -> datetime.datetime:
    """The last moment an officer may ask for the (single) supplement: 3 working days after
    receipt (DOMAIN.md §2, Decree 118/2025 keeping Decree 61/2018 Art. 19)."""
    return cal.add(cal.next_opening(received_at), Decimal(3), DurationUnit.WORKING_DAYS)
