"""Property tests of the dossier workflow (hypothesis stateful testing).

A rule-based machine drives dossiers through the whole table: at each step it either takes
one of the actions the specs allow now, with an actor allowed to take it, or attempts any
action by anyone. After each step: the exact target status of the table, events only grow
(one per accepted action), the due date moves only on receipt, on the supplement's
completion (the paused clock) or by an apology; a second supplement request, an apology at
or after the due date and a counter receipt of an incomplete dossier are always refused.
The run fails if any action of the table was never accepted (issue 18 §1).
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from cchc.dossiers import services
from cchc.dossiers.constants import Action, DocumentKind, Status
from cchc.dossiers.errors import DossierError
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc.dossiers.workflow import SPECS, TABLE, run_action, target_status
from cchc.dossiers.workflow.door import is_offered

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
    None,  # the platform (a verified payment notification)
]
MAIN_PATH = [
    Action.RATE,
    Action.RETURN_RESULT,
    Action.EXEMPT_FEE,
    Action.APPROVE,
    Action.CONFIRM_PAYMENT,
    Action.COMPLETE_SUPPLEMENT,
    Action.FORWARD,
    Action.RECEIVE,
]
CLOSING = {Action.REFUSE, Action.WITHDRAW, Action.STOP}
MOVES_DUE = {Action.RECEIVE, Action.COMPLETE_SUPPLEMENT, Action.APOLOGISE}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _input(action: str, dossier: Dossier) -> dict[str, Any]:
    """A valid input for `action` (the refusals we test come from the rules, not the input)."""
    data: dict[str, Any] = {"note": "lý do cụ thể"}
    if action == Action.APOLOGISE:
        data["new_due"] = (
            dossier.due_at or datetime.datetime.now(datetime.UTC)
        ) + datetime.timedelta(days=3)
    if action == Action.ATTACH_RESULT:
        data["file"] = SimpleUploadedFile("ket-qua.pdf", PDF, "application/pdf")
    if action == Action.ADD_DOCUMENT:
        data["upload"] = SimpleUploadedFile("giay-to.pdf", PDF, "application/pdf")
        data["kind"] = (
            DocumentKind.SUPPLEMENT
            if dossier.status == Status.SUPPLEMENT
            else DocumentKind.SUBMITTED
        )
    if action == Action.RATE:
        data["level"] = 1
    return data


def _run(action: str, dossier: Dossier, user: Any, at: datetime.datetime) -> None:
    from cchc.dossiers.workflow.door import perform

    perform(SPECS[action], dossier, user, at=at, data=_input(action, dossier))


def make_machine(world: Any, accepted: Counter[str]) -> type[RuleBasedStateMachine]:
    class DossierMachine(RuleBasedStateMachine):
        dossier: Dossier
        at: datetime.datetime

        @initialize(
            procedure=st.sampled_from(["procedure", "land_procedure"]),
            online=st.booleans(),
            start=st.integers(min_value=0, max_value=30),
        )
        def submit(self, procedure: str, online: bool, start: int) -> None:
            self.at = vn(2026, 3, 2, 8, 0) + datetime.timedelta(days=start)
            proc = getattr(world, procedure)
            data = ApplicantData(name="Hoà", phone="0912345678")
            if online:
                self.dossier = services.submit_online(world.citizen, proc, data, at=self.at)
            else:
                self.dossier = services.intake_at_counter(
                    world.receiving,
                    world.centre,
                    proc,
                    data,
                    applicant_user=world.citizen,
                    at=self.at,
                )
                accepted["counter_intake"] += 1
                event("counter intake")

        def _step(self, action: str, actor: str | None, hours: float) -> None:
            self.at += datetime.timedelta(hours=hours)
            user = getattr(world, actor) if actor else None
            before = Dossier.objects.get(pk=self.dossier.pk)
            offered = is_offered(SPECS[action], before, user, self.at)
            events = before.events.count()
            try:
                _run(action, before, user, self.at)
                ok = True
            except DossierError as exc:
                ok = False
                refusal = exc.code
            after = Dossier.objects.get(pk=self.dossier.pk)
            if ok:
                assert offered, (action, actor)
                assert after.status == target_status(action, before.status)
                assert after.events.count() == events + 1
                assert after.events.order_by("-seq").first().to_status == after.status
                # The rules no accepted sequence may break:
                if action == Action.REQUEST_SUPPLEMENT:
                    assert before.supplement_count == 0
                if action == Action.APOLOGISE:
                    assert before.apology_count == 0 and self.at < before.due_at
                accepted[action] += 1
                event(f"accepted {action}")
            else:
                assert (after.status, after.due_at, after.version) == (
                    before.status,
                    before.due_at,
                    before.version,
                )
                assert after.events.count() == events
                if (
                    action == Action.REQUEST_SUPPLEMENT
                    and before.supplement_count >= 1
                    and (before.status in SPECS[action].sources)
                ):
                    event("refused: second supplement")
                    assert refusal in ("supplement_limit", "permission_denied")
            if after.due_at != before.due_at:
                assert ok and action in MOVES_DUE, action
                if action == Action.COMPLETE_SUPPLEMENT:
                    assert after.due_at >= before.due_at  # a pause never shortens the time left
            self.dossier = after

        def _take_allowed(self, data: st.DataObject, hours: float, closing: bool) -> None:
            at = self.at + datetime.timedelta(hours=hours)
            dossier = Dossier.objects.get(pk=self.dossier.pk)
            choices = [
                (action, actor)
                for action in TABLE
                if (action in CLOSING) == closing
                for actor in ACTORS
                if is_offered(SPECS[action], dossier, getattr(world, actor) if actor else None, at)
            ]
            if not choices:
                return
            action, actor = data.draw(st.sampled_from(sorted(choices, key=str)))
            self._step(action, actor, hours)

        @rule(hours=st.floats(min_value=0.25, max_value=2))
        def follow_the_main_path(self, hours: float) -> None:
            """The allowed action nearest the result, by its allowed actor: walks far enough
            for the approval, the return and the rating to be reached in most runs."""
            at = self.at + datetime.timedelta(hours=hours)
            dossier = Dossier.objects.get(pk=self.dossier.pk)
            for action in MAIN_PATH:
                for actor in ACTORS:
                    user = getattr(world, actor) if actor else None
                    if is_offered(SPECS[action], dossier, user, at):
                        self._step(action, actor, hours)
                        return

        # Moving forward is drawn three times as often as closing, so that long paths (to
        # the approval, the return and the rating) are walked in most runs.
        @rule(data=st.data(), hours=st.floats(min_value=0.25, max_value=4))
        def take_an_allowed_step(self, data: st.DataObject, hours: float) -> None:
            self._take_allowed(data, hours, closing=False)

        @rule(data=st.data(), hours=st.floats(min_value=0.25, max_value=4))
        def take_another_allowed_step(self, data: st.DataObject, hours: float) -> None:
            self._take_allowed(data, hours, closing=False)

        @rule(data=st.data(), hours=st.floats(min_value=0.25, max_value=4))
        def take_a_third_allowed_step(self, data: st.DataObject, hours: float) -> None:
            self._take_allowed(data, hours, closing=False)

        @rule(data=st.data(), hours=st.floats(min_value=0.25, max_value=4))
        def close_the_dossier(self, data: st.DataObject, hours: float) -> None:
            self._take_allowed(data, hours, closing=True)

        @precondition(lambda self: self.dossier.status == Status.NEW)
        @rule(data=st.data(), hours=st.floats(min_value=0.25, max_value=4))
        def decide_on_a_new_online_dossier(self, data: st.DataObject, hours: float) -> None:
            """Receipt or refusal: the intake officer's decision on an online dossier."""
            self._take_allowed(data, hours, closing=data.draw(st.booleans()))

        @rule(
            action=st.sampled_from(sorted(TABLE)),
            actor=st.sampled_from(ACTORS),
            hours=st.floats(min_value=0.25, max_value=12),
        )
        def attempt_anything(self, action: str, actor: str | None, hours: float) -> None:
            self._step(action, actor, hours)

        @precondition(lambda self: self.dossier.version <= 2)  # once or twice a run is enough
        @rule()
        def counter_receipt_of_an_incomplete_dossier_is_refused(self) -> None:
            before = Dossier.objects.count()
            try:
                services.intake_at_counter(
                    world.receiving,
                    world.centre,
                    world.procedure,
                    ApplicantData(name="Thiếu giấy"),
                    documents_present=[],
                    at=self.at,
                )
            except DossierError as exc:
                assert exc.code == "incomplete_dossier"
                accepted["counter_refused_incomplete"] += 1
            else:
                raise AssertionError("an incomplete dossier was received at the counter")
            assert Dossier.objects.count() == before

        @invariant()
        def events_are_numbered_without_gaps(self) -> None:
            seqs = list(self.dossier.events.values_list("seq", flat=True))
            assert seqs == list(range(1, len(seqs) + 1))

    return DossierMachine


def test_the_workflow_holds_its_rules_and_reaches_every_action(world):
    required = [doc for doc in world.procedure.documents.all() if doc.required]
    assert required  # the incomplete-counter rule needs a required component
    accepted: Counter[str] = Counter()
    machine = make_machine(world, accepted)
    # Run until every action of the table has been accepted (each run checks every rule
    # on every step); more than four runs without it fails the test.
    for attempt in range(4):
        run_state_machine_as_test(
            machine,
            settings=settings(
                derandomize=attempt == 0,
                max_examples=60,
                stateful_step_count=50,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
        if not set(TABLE) - set(accepted):
            break
    # The statistics of the run (shown with -s, and in the failure message).
    print("accepted per action:", dict(sorted(accepted.items())))
    never = set(TABLE) - set(accepted)
    assert not never, f"never accepted: {sorted(never)}; accepted: {dict(accepted)}"
    assert {"counter_intake", "counter_refused_incomplete"} <= set(accepted)


def test_table_has_no_transition_out_of_closed_states_but_the_rating():
    """A closed dossier changes no more; only its applicant's rating (and nothing else) is
    recorded after the result is returned."""
    for status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED):
        assert TABLE.allowed_from(status) == [], status
    assert TABLE.allowed_from(Status.RETURNED) == [Action.RATE]
    assert target_status(Action.RATE, Status.RETURNED) == Status.RETURNED


def test_every_status_is_reached_from_submission_and_only_those():
    assert TABLE.reachable([Status.NEW]) == frozenset(Status.values)


def test_run_action_uses_the_spec_runner_for_file_actions(world):
    d = services.intake_at_counter(
        world.receiving,
        world.centre,
        world.procedure,
        ApplicantData(name="A"),
        at=vn(2026, 3, 2, 9),
    )
    d = services.forward(d, world.receiving, at=vn(2026, 3, 2, 10, 0))
    upload = SimpleUploadedFile("kq.pdf", PDF, "application/pdf")
    run_action(
        SPECS[Action.ATTACH_RESULT], d, world.processing, {"file": upload, "result_code": "X"}
    )
    d.refresh_from_db()
    assert d.result_code == "X" and d.documents.filter(kind="result").count() == 1
