"""The rows of form 06 (Phiếu kiểm soát quá trình giải quyết hồ sơ): one per hand-over.

A hand-over is an event by which the dossier (or its result) passes from one side to another:
the applicant to the counter, a step to the next one (possibly in another agency), an agency
back to the applicant (supplement request, refusal, stop, result). Each row names both sides —
unit, step and person — above the space where they sign, as in the Circular's template. Events
that hand nothing over (an apology, a payment request, an attached result…) are written in the
notes of the row they happened under.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc.accounts.models import ApplicantKind

from ..constants import Action, Channel
from ..models import Dossier, DossierEvent
from .formatting import format_short_datetime, format_vn_datetime

APPLICANT = "Người nộp hồ sơ"

# The applicant hands the dossier over; the agency receives it.
_FROM_APPLICANT = frozenset({Action.RECEIVE, Action.COMPLETE_SUPPLEMENT})
# The agency hands the dossier (or a request, or the result) back to the applicant.
_TO_APPLICANT = frozenset(
    {
        Action.REQUEST_SUPPLEMENT,
        Action.REFUSE,
        Action.STOP,
        Action.WITHDRAW,
        Action.RETURN_RESULT,
    }
)
# Of these, the ones taken at a step of the process (the step is on the event's to_step).
_AT_STEP = frozenset({Action.REQUEST_SUPPLEMENT, Action.STOP, Action.WITHDRAW})
# Between two steps (or two agencies).
_BETWEEN_STEPS = frozenset({Action.FORWARD, Action.SEND_BACK, Action.APPROVE})
# Not part of the processing: files joining the dossier and the applicant's rating.
_NOT_ON_THE_SLIP = frozenset({Action.ADD_DOCUMENT, Action.RATE})
HANDOVER_ACTIONS = _FROM_APPLICANT | _TO_APPLICANT | _BETWEEN_STEPS


@dataclass(frozen=True)
class Party:
    """One side of a hand-over: who signs in the "Bên giao" or "Bên nhận" column."""

    unit: str  # the agency, or "Người nộp hồ sơ"
    step: str = ""  # the step of the process at that side
    person: str = ""  # the name under the signature; "" when not recorded (written by hand)


@dataclass
class Handover:
    seq: int
    action: str  # what happened, e.g. "Chuyển bước tiếp theo"
    giver: Party
    receiver: Party
    at: str  # "10 giờ 00 phút, ngày 13 tháng 02 năm 2026"
    result: str = ""  # "Trước hạn" / "Đúng hạn" / "Quá hạn" of the step handed over
    step_due: str = ""  # "13/02/2026 16:00": the step's due time the result compares with
    notes: list[str] = field(default_factory=list)

    @property
    def parties(self) -> tuple[Party, Party]:
        """Giver then receiver: the two signature columns."""
        return (self.giver, self.receiver)


def _staff_name(event: DossierEvent, dossier: Dossier) -> str:
    """The actor of `event` if an officer (not the applicant acting online), else ""."""
    if event.actor_id is not None and event.actor_id == dossier.applicant_id:
        return ""
    return event.actor_name


def _receiver_name(events: list[DossierEvent], index: int, dossier: Dossier) -> str:
    """Who received the dossier handed over by ``events[index]``: the officer of the receiving
    agency who acted on it next."""
    agency_id = events[index].to_agency_id
    for later in events[index + 1 :]:
        if later.from_agency_id == agency_id:
            name = _staff_name(later, dossier)
            if name:
                return name
    return ""


def _applicant(dossier: Dossier) -> Party:
    """The applicant's side. An organisation's name is on top of the slip; whoever hands over
    or receives for it writes their own name."""
    person = dossier.applicant_kind == ApplicantKind.CITIZEN
    return Party(APPLICANT, person=dossier.applicant_name if person else "")


def _agency_name(event: DossierEvent, side: str) -> str:
    agency = getattr(event, f"{side}_agency")
    return agency.name if agency is not None else ""


def _row(events: list[DossierEvent], index: int, dossier: Dossier, seq: int) -> Handover:
    event = events[index]
    if event.action in _FROM_APPLICANT:
        giver = _applicant(dossier)
        receiver = Party(
            _agency_name(event, "to"),
            event.to_step,
            _staff_name(event, dossier) or _receiver_name(events, index, dossier),
        )
    elif event.action in _TO_APPLICANT:
        # A request or a stop leaves the dossier at its step; a refusal or a return has none.
        step = event.from_step or (event.to_step if event.action in _AT_STEP else "")
        giver = Party(_agency_name(event, "from"), step, _staff_name(event, dossier))
        receiver = _applicant(dossier)
    else:
        giver = Party(_agency_name(event, "from"), event.from_step, _staff_name(event, dossier))
        to_step = event.to_step if event.action == Action.FORWARD else ""
        receiver = Party(_agency_name(event, "to"), to_step, _receiver_name(events, index, dossier))
    notes = [event.note] if event.note and event.action != Action.RECEIVE else []
    # The receive note is the list of components ticked at the counter: form 01 prints it.
    return Handover(
        seq=seq,
        action=event.get_action_display(),
        giver=giver,
        receiver=receiver,
        at=format_vn_datetime(event.at),
        result=event.get_step_result_display() if event.step_result else "",
        step_due=format_short_datetime(event.step_due_at) if event.step_result else "",
        notes=notes,
    )


def _note(event: DossierEvent, dossier: Dossier) -> str:
    label = event.get_action_display()
    if event.action == Action.SUBMIT:
        label = f"{label} ({dossier.get_channel_display().lower()})"
    text = f"{label} {format_short_datetime(event.at)}"
    if event.action == Action.APOLOGISE and event.due_at is not None:
        text += f", hẹn trả mới {format_short_datetime(event.due_at)}"
    return f"{text}: {event.note}" if event.note else text


def handovers(dossier: Dossier) -> list[Handover]:
    """The rows of form 06, in order."""
    events = list(dossier.events.select_related("from_agency", "to_agency").order_by("seq"))
    rows: list[Handover] = []
    pending: list[str] = []  # notes of events before the first hand-over
    for index, event in enumerate(events):
        if event.action in HANDOVER_ACTIONS:
            row = _row(events, index, dossier, len(rows) + 1)
            row.notes[:0] = pending
            pending = []
            rows.append(row)
        elif event.action == Action.SUBMIT and dossier.channel == Channel.IN_PERSON:
            continue  # handed in at the counter: the receive row is the hand-over
        elif event.action in _NOT_ON_THE_SLIP:
            continue
        elif rows:
            rows[-1].notes.append(_note(event, dossier))
        else:
            pending.append(_note(event, dossier))
    if pending and not rows:
        # Submitted online and not yet received: the dossier waits at the intake agency.
        first = events[0]
        rows.append(
            Handover(
                seq=1,
                action=first.get_action_display(),
                giver=_applicant(dossier),
                receiver=Party(_agency_name(first, "to")),
                at=format_vn_datetime(first.at),
                notes=pending[1:],
            )
        )
    return rows


def coordinating_agencies(dossier: Dossier, rows: list[Handover]) -> list[str]:
    """Agencies the dossier passed through besides its intake and processing agencies."""
    main = {dossier.intake_agency.name, dossier.processing_agency.name, APPLICANT, ""}
    seen: list[str] = []
    for row in rows:
        for party in (row.giver, row.receiver):
            if party.unit not in main and party.unit not in seen:
                seen.append(party.unit)
    return seen
