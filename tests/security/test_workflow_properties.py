"""Random action sequences, by anyone, with any payload, through the real operations.

Hypothesis draws sequences of steps (every workflow action plus a few unknown ones,
recommendations and session scheduling) by people in every role, in the case's hub
and the other one, with right and wrong ids, notes, comments and versions. After
each step the database must still describe a legal case, and no outsider may see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, func, select

from echo_cases.access import get_case
from echo_cases.db import unit_of_work
from echo_cases.errors import DomainError, NotFound
from echo_cases.services import cases, review, sessions
from echo_cases.services.redaction import Decisions
from models import Case, CaseTransition, RecommendationSet, User, utcnow
from tests.security.conftest import World
from tests.support import IDENTIFIED_CASE, RECOMMENDATIONS, Hubs, begin_session, clock_of
from workflows import CASE_WORKFLOW, CaseState, WorkflowError

ACTIONS = sorted(CASE_WORKFLOW.actions)
UNKNOWN_ACTIONS = ["publish", "delete", "SUBMIT", ""]
USERS = ["author", "clinician_a2", "expert_a", "expert_a2", "coordinator_a", "admin_a",
         "clinician_b", "expert_b", "coordinator_b", "admin_b"]
# Who would plausibly take each action: drawn half the time so that long walks happen.
LIKELY = {
    "submit": ["author"], "withdraw": ["author", "admin_a"],
    "return_to_clinician": ["coordinator_a", "expert_a"], "assign_expert": ["coordinator_a"],
    "record_pre_review": ["expert_a", "expert_a2"],
    "mark_presented": ["coordinator_a"], "sign_off": ["expert_a", "expert_a2"],
    # "schedule" is both the action and a step that schedules a session: the same people.
    "recommendations": ["expert_a", "expert_a2"], "schedule": ["coordinator_a", "admin_a"],
}


@dataclass(frozen=True)
class Step:
    kind: str  # "act", "recommendations", "schedule" or "begin" (session A starts: time passes)
    action: str
    user: str
    payload: dict[str, str] = field(default_factory=dict)  # symbolic; resolved per example
    version: str = "current"  # current | stale | ahead
    comment: str = ""


def _user_for(action: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(LIKELY.get(action, USERS)), st.sampled_from(USERS))


PAYLOADS = st.fixed_dictionaries({}, optional={
    "expert_id": st.sampled_from(["expert_a", "expert_a2", "expert_b", "coordinator_a",
                                  "missing", "junk"]),
    "session_id": st.sampled_from(["session_a", "session_b", "missing", "junk"]),
    "notes": st.sampled_from(["", "   ", "Ask about HPV vaccination."]),
    "minutes": st.sampled_from(["1", "30", "500"]),
})
COMMENTS = st.sampled_from(["", "  ", "Please add the colposcopy result."])
VERSIONS = st.sampled_from(["current", "current", "current", "stale", "ahead"])


@st.composite
def steps(draw: st.DrawFn) -> Step:
    kind = draw(st.sampled_from(["act", "act", "act", "act", "recommendations", "schedule",
                                 "begin"]))
    action = draw(st.sampled_from(ACTIONS + UNKNOWN_ACTIONS)) if kind == "act" else kind
    return Step(kind, action, draw(_user_for(action)), draw(PAYLOADS), draw(VERSIONS),
                draw(COMMENTS))


HAPPY_PATH = [
    Step("act", "submit", "author"),
    Step("act", "record_pre_review", "expert_a", {"notes": "Ask about HPV vaccination."}),
    Step("act", "schedule", "coordinator_a", {"session_id": "session_a"}),
    Step("act", "mark_presented", "coordinator_a"),  # refused: the session is still to come
    Step("begin", "begin", "coordinator_a"),
    Step("act", "mark_presented", "coordinator_a"),
    Step("recommendations", "recommendations", "expert_a"),
    Step("act", "sign_off", "expert_a"),
    Step("act", "withdraw", "author", comment="Too late to withdraw."),
]
RETURNED_AND_RESUBMITTED = [
    Step("act", "submit", "author"),
    Step("act", "return_to_clinician", "coordinator_a", comment="Add the colposcopy result."),
    Step("act", "submit", "author", version="stale"),
    Step("act", "submit", "author"),
    Step("act", "assign_expert", "coordinator_a", {"expert_id": "expert_a2"}),
    Step("act", "record_pre_review", "expert_a", {"notes": "Mine now?"}),
    Step("act", "withdraw", "admin_a", comment="Duplicate of another case."),
]


@st.composite
def journeys(draw: st.DrawFn) -> list[Step]:
    """Random steps, after a random head of the happy path so every state gets explored."""
    head = draw(st.sampled_from([HAPPY_PATH, RETURNED_AND_RESUBMITTED]))
    return head[:draw(st.integers(0, len(head) - 1))] + draw(st.lists(steps(), max_size=12))


class Journey:
    """One case, the steps tried on it, and what the database must say after each."""

    def __init__(self, app: Flask, hubs: Hubs, world: World) -> None:
        self.app, self.world = app, world
        # Every example starts at the real time, before session A (the clock is the test's).
        clock_of(app).move_to(utcnow())
        self.session_ids = {"session_a": world.session_a, "session_b": world.session_b}
        with unit_of_work(app) as db:
            author = _user(db, world.user_ids["author"])
            case = cases.create_case(db, author, hubs.program_id("a"), IDENTIFIED_CASE)
            assert case.id is not None
            assert case.version == 1
            self.case_id: int = case.id
        self.successes = 0

    def run(self, step: Step) -> None:
        before = self.snapshot()
        succeeded = self.attempt(step)
        self.check(step, before, self.snapshot(), succeeded)

    def attempt(self, step: Step) -> bool:
        """Take the step as a request would: load with access, act, commit or roll back.

        True only for a workflow action that was taken; refusals are expected outcomes,
        anything else that is raised (a crash) fails the test.
        """
        if step.kind == "begin":
            begin_session(self.app, self.world.session_a)
            return False  # time passing is not an action on the case: nothing of it changes
        try:
            with unit_of_work(self.app) as db:
                user = _user(db, self.world.user_ids[step.user])
                if step.kind == "schedule":
                    sessions.schedule_session(db, user, sessions.SessionPlan(
                        program_id=_program_of(db, self.case_id),
                        local_start=utcnow().replace(tzinfo=None, year=utcnow().year + 1),
                        timezone="UTC"))
                    return False  # not an action on the case: nothing of it may change
                case, actor = get_case(db, user, self.case_id)
                version = _version(case.version, step.version)
                if step.kind == "recommendations":
                    existing = db.get(RecommendationSet, self.case_id)
                    rec_version = existing.version if existing else None
                    if existing is not None:
                        rec_version = _version(existing.version, step.version)
                    review.save_recommendations(
                        db, user, case, summary=RECOMMENDATIONS["summary"],
                        items=RECOMMENDATIONS["items"], expected_version=rec_version)
                    return False
                if step.action == "submit":
                    cases.submit_case(db, actor, case, Decisions(), expected_version=version)
                else:
                    cases.take_action(db, actor, case, step.action, expected_version=version,
                                      comment=step.comment, payload=self._payload(step))
                return True
        except (WorkflowError, DomainError):
            return False

    def _payload(self, step: Step) -> dict[str, Any]:
        resolved: dict[str, Any] = {}
        for key, symbol in step.payload.items():
            if key == "expert_id":
                resolved[key] = {"missing": 999_999, "junk": "x1"}.get(
                    symbol, self.world.user_ids.get(symbol))
            elif key == "session_id":
                resolved[key] = self.session_ids.get(symbol, 999_999 if symbol == "missing"
                                                     else "junk")
            else:
                resolved[key] = symbol
        return resolved

    def snapshot(self) -> dict[str, Any]:
        with unit_of_work(self.app) as db:
            case = db.get(Case, self.case_id)
            assert case is not None
            audit = [(t.id, t.action, t.from_state, t.to_state, t.actor_id)
                     for t in db.exec(select(CaseTransition)
                                      .where(CaseTransition.case_id == self.case_id)
                                      .order_by(col(CaseTransition.id)))]
            return {"state": case.state, "version": case.version,
                    "deidentified": case.deidentified is not None, "audit": audit}

    def check(self, step: Step, before: dict[str, Any], after: dict[str, Any],
              succeeded: bool) -> None:
        state = after["state"]
        assert isinstance(state, CaseState)
        # Past draft means submitted; only a draft withdrawn unsubmitted has nothing to show.
        ever_submitted = any(row[1] == "submit" for row in after["audit"])
        if state not in (CaseState.DRAFT, CaseState.WITHDRAWN) or ever_submitted:
            assert after["deidentified"], f"{state} without a de-identified version"
        if before["state"] in CASE_WORKFLOW.terminal:
            assert state is before["state"], "a terminal state changed"
        assert after["audit"][:len(before["audit"])] == before["audit"], \
            "the audit trail was rewritten"
        new_rows = after["audit"][len(before["audit"]):]
        if not succeeded:
            assert (state, after["version"]) == (before["state"], before["version"]), \
                f"refused {step} still changed the case"
            assert new_rows == [], f"refused {step} left an audit row"
            return
        self.successes += 1
        action = CASE_WORKFLOW.actions[step.action]
        assert after["version"] == before["version"] + 1
        assert after["version"] == 1 + self.successes
        assert len(new_rows) == 1, f"{step} left {len(new_rows)} audit rows"
        _id, name, from_state, to_state, actor_id = new_rows[0]
        assert (name, from_state, to_state) == (step.action, before["state"], state)
        assert before["state"] in action.sources
        assert state is (action.target or before["state"])
        assert actor_id == self.world.user_ids[step.user]

    def check_nobody_outside_sees_it(self) -> None:
        with unit_of_work(self.app) as db:
            case = db.get(Case, self.case_id)
            assert case is not None
            for key in self.world.outsiders:
                user = _user(db, self.world.user_ids[key])
                try:
                    get_case(db, user, self.case_id)
                except NotFound:
                    continue
                raise AssertionError(f"{key} can see a hub-A case in state {case.state}")
            get_case(db, _user(db, self.world.user_ids["author"]), self.case_id)
            for key in ("expert_a", "coordinator_a", "admin_a"):
                staff = _user(db, self.world.user_ids[key])
                if case.state is not CaseState.DRAFT:
                    get_case(db, staff, self.case_id)
                    continue
                try:
                    get_case(db, staff, self.case_id)
                except NotFound:
                    continue
                raise AssertionError(f"{key} can see a draft")


def _version(current: int, kind: str) -> int:
    return {"current": current, "stale": current - 1, "ahead": current + 1}[kind]


def _user(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    assert user is not None
    return user


def _program_of(db: Session, case_id: int) -> int:
    case = db.get(Case, case_id)
    assert case is not None
    return case.program_id


def _audit_rows(db: Session) -> int:
    return int(db.exec(select(func.count()).select_from(CaseTransition)).one())


# One app and database per test; each example writes a fresh case into it, so examples
# never see each other's case and the de-identifier loads once per process.
BOUNDED = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow, HealthCheck.data_too_large])


@BOUNDED
@given(journey=journeys())
@example(journey=HAPPY_PATH)
@example(journey=RETURNED_AND_RESUBMITTED)
def test_random_action_sequences_only_ever_make_legal_audited_moves(
    app: Flask, hubs: Hubs, world: World, journey: list[Step]
):
    case = Journey(app, hubs, world)
    for step in journey:
        case.run(step)
    # Shown by --hypothesis-show-statistics: how far the random journeys get.
    event(f"ended {case.snapshot()['state']}")


@settings(BOUNDED, max_examples=20)
@given(journey=journeys())
@example(journey=HAPPY_PATH)
def test_random_action_sequences_never_show_a_case_across_hubs(
    app: Flask, hubs: Hubs, world: World, journey: list[Step]
):
    case = Journey(app, hubs, world)
    case.check_nobody_outside_sees_it()
    for step in journey:
        case.attempt(step)
        case.check_nobody_outside_sees_it()


def test_the_happy_path_reaches_every_state_it_names(app: Flask, hubs: Hubs, world: World):
    """The generator's own anchor: the explicit examples really walk the whole workflow."""
    case = Journey(app, hubs, world)
    seen = [case.snapshot()["state"]]
    for step in HAPPY_PATH:
        case.run(step)
        seen.append(case.snapshot()["state"])
    assert seen[-1] is CaseState.RECOMMENDATIONS_SENT
    assert set(seen) == {CaseState.DRAFT, CaseState.DEIDENTIFIED, CaseState.REVIEWED,
                         CaseState.PRESENTED, CaseState.RECOMMENDATIONS_SENT}
    assert case.successes == 5
    with unit_of_work(app) as db:
        assert _audit_rows(db) == 5
