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
