"""What form 01 lists and numbers: the components handed in, and the register number.

Everything is derived from data the dossier already has (the catalogue's components, the
uploaded files, the note the counter officer's ticks leave on the receive event, the code).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from cchc.catalogue.constants import CopyKind
from cchc.catalogue.models import RequiredDocument

from ..constants import Action, DocumentKind
from ..models import Dossier

# `{agency}-{yymmdd}-{nnnn}` (DOMAIN.md §2): the daily sequence is the number in the register.
_CODE = re.compile(r"^(?P<prefix>.+)-(?P<day>\d{6})-(?P<seq>\d+)$")


@dataclass(frozen=True)
class RegisterNumber:
    """Where the receipt is entered in the dossier register (Sổ theo dõi hồ sơ)."""

    sequence: str  # "0042": the dossier's number among the agency's dossiers of its day
    day: datetime.date | None  # the register's day, None if the code is not a standard one

    @property
    def receipt_number(self) -> str:
        """The receipt's "Số: …" (TNHS: tiếp nhận hồ sơ)."""
        return f"{self.sequence}/TNHS"


def register_number(dossier: Dossier) -> RegisterNumber:
    """``H60.22-261125-0042`` → sequence ``"0042"`` of 25 Nov 2026; any other code as it is."""
    match = _CODE.match(dossier.code)
    if match is None:
        return RegisterNumber(sequence=dossier.code, day=None)
    try:
        day = datetime.datetime.strptime(match["day"], "%y%m%d").date()
    except ValueError:
        return RegisterNumber(sequence=dossier.code, day=None)
    return RegisterNumber(sequence=match["seq"], day=day)


@dataclass(frozen=True)
class Component:
    """One row of form 01's table."""

    name: str
    copy_kind: str  # "Bản chính", "Bản sao có chứng thực", "Bản sao", "Bản chụp"
    quantity: int


def _ticked(required: list[RequiredDocument], note: str) -> set[int]:
    """The components the counter officer ticked, found by name in the receive event's note
    ("Thành phần hồ sơ đã nhận: A; B." — whatever the language of the sentence around them).
    Longest names first, each match removed, so a name inside another is not found twice."""
    found: set[int] = set()
    rest = note
    for doc in sorted(required, key=lambda d: len(d.name), reverse=True):
        name = doc.name.strip()
        if name and name in rest:
            found.add(doc.pk)
            rest = rest.replace(name, "\x00", 1)
    return found


def handed_in(dossier: Dossier) -> list[Component]:
    """The components of `dossier` in the catalogue's order, with their form and count.

    A catalogue component is listed when a file was uploaded for it or the counter officer
    ticked it; a dossier with no such trace (received before components were recorded) lists
    the catalogue's unconditional required components, without which it could not have been
    received. An uploaded file linked to no component is listed by its name, as "Bản chụp".
    """
    required = list(dossier.procedure.documents.all())
    files = list(
        dossier.documents.filter(kind=DocumentKind.SUBMITTED)
        .order_by("id")
        .only("id", "name", "required_document_id")
    )
    receive = dossier.events.filter(action=Action.RECEIVE).order_by("-seq").only("note").first()
    present = {f.required_document_id for f in files if f.required_document_id is not None}
    present |= _ticked(required, receive.note if receive else "")
    if not present:
        present = {d.pk for d in required if d.required and not d.is_conditional}
    rows = [
        Component(
            name=doc.name,
            copy_kind=str(doc.get_copy_kind_display()),
            quantity=doc.quantity,
        )
        for doc in required
        if doc.pk in present
    ]
    known = {doc.pk for doc in required}
    rows += [
        Component(name=f.name, copy_kind=str(CopyKind.PHOTOCOPY.label), quantity=1)
        for f in files
        if f.required_document_id not in known
    ]
    return rows
