"""Property tests of the dossier state machine (hypothesis).

Whatever actions anyone attempts, in any order: the status stays inside the transition table,
the event log only grows (one event per accepted action), and the due date moves only when
the clock resumes after a supplement or by an explicit apology (extension).
"""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.dossiers import services
from cchc.dossiers.constants import Action, Status
from cchc.dossiers.errors import DossierError
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc.dossiers.workflow import REACHABLE, TRANSITIONS, target_status

from .world import vn

ACTORS = [
    "citizen",
    "other_citizen",
    "receiving",
    "processing",
    "approver",
    "tax_officer",
    "monitor",
    "commune_processing",
]
ACTIONS = [a for a in TRANSITIONS if a != Action.ATTACH_RESULT]
MOVES_DUE = {Action.RECEIVE, Action.COMPLETE_SUPPLEMENT, Action.APOLOGISE}


def _attempt(dossier: Dossier, action: str, user, at: datetime.datetime) -> None:
    match action:
        case Action.RECEIVE:
            services.receive(dossier, user, at=at)
        case Action.REFUSE | Action.STOP | Action.WITHDRAW | Action.REQUEST_SUPPLEMENT:
            getattr(
                services,
                {
                    "refuse": "refuse",
                    "stop": "stop",
                    "withdraw": "withdraw",
                    "request_supplement": "request_supplement",
                }[action],
            )(dossier, user, "lý do", at=at)
        case Action.APOLOGISE:
            new_due = (dossier.due_at or at) + datetime.timedelta(days=3)
            services.apologise(dossier, user, new_due, "xin lỗi", at=at)
        case _:
            getattr(services, action)(dossier, user, at=at)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moves=st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(ACTORS)), max_size=25),
    procedure=st.sampled_from(["procedure", "land_procedure"]),
)
def test_no_sequence_escapes_the_table(world, moves, procedure):
    dossier = services.submit_online(
        world.citizen, getattr(world, procedure), ApplicantData(name="Hoà"), at=vn(2026, 3, 2, 8, 0)
    )
    at = vn(2026, 3, 2, 9, 0)
    events = dossier.events.count()
    for action, actor in moves:
        at += datetime.timedelta(hours=5)
        before = Dossier.objects.get(pk=dossier.pk)
        try:
            _attempt(before, action, getattr(world, actor), at)
            accepted = True
        except DossierError:
            accepted = False
        after = Dossier.objects.get(pk=dossier.pk)
        assert after.status in REACHABLE
        now_events = after.events.count()
        if accepted:
            assert target_status(action, before.status) is not None
            assert now_events == events + 1
            assert after.events.order_by("-seq").first().to_status == after.status
        else:
            assert now_events == events
            assert (after.status, after.due_at, after.version) == (
                before.status,
                before.due_at,
                before.version,
            )
        if after.due_at != before.due_at:
            assert accepted and action in MOVES_DUE
            if action == Action.COMPLETE_SUPPLEMENT:
                assert after.due_at >= before.due_at  # a pause never shortens the time left
        events = now_events
    assert list(dossier.events.values_list("seq", flat=True)) == list(range(1, events + 1))


def test_table_has_no_transition_out_of_closed_states():
    for status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED):
        assert all(target_status(a, status) is None for a in TRANSITIONS), status
