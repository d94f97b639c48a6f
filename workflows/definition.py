"""The case-presentation workflow, declared as data.

The whole set of legal moves is the ``CASE_WORKFLOW`` table at the bottom of
this module; the engine in ``workflows.engine`` is the only code that applies
it. Nothing here knows about Flask or the database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class CaseState(StrEnum):
    DRAFT = "draft"
    DEIDENTIFIED = "deidentified"
    REVIEWED = "reviewed"
    PRESENTED = "presented"
    RECOMMENDATIONS_SENT = "recommendations_sent"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    CaseState.DRAFT: "Draft",
    CaseState.DEIDENTIFIED: "De-identified, in review",
    CaseState.REVIEWED: "Reviewed, ready to present",
    CaseState.PRESENTED: "Presented",
    CaseState.RECOMMENDATIONS_SENT: "Recommendations sent",
    CaseState.WITHDRAWN: "Withdrawn",
}


class Role(StrEnum):
    """A person's role in one hub (a user holds one role per hub membership)."""

    CLINICIAN = "clinician"
    EXPERT = "expert"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Subject(Protocol):
    """What a guard may read of the case being moved."""

    @property
    def state(self) -> CaseState: ...
    @property
    def author_id(self) -> int: ...
    @property
    def assigned_expert_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, with the role they hold in the case's hub."""

    user_id: int
    role: Role


@dataclass(frozen=True, slots=True)
class Attempt:
    """Everything a guard may look at: the case, the actor, what they sent, and when.

    ``at`` is read from the caller's clock once, before any guard runs, so a guard that
    cares about time compares against it and never reads a clock itself.
    """

    subject: Subject
    actor: Actor
    comment: str
    payload: Mapping[str, Any]
    at: datetime


# A guard returns None to allow the move, or a sentence saying why it is refused.
# Guards must not change anything: effects do that, after every guard has passed.
Guard = Callable[[Attempt], str | None]


def actor_is_author(attempt: Attempt) -> str | None:
    if attempt.actor.user_id != attempt.subject.author_id:
        return "Only the clinician who wrote this case can do this."
    return None


def author_unless_admin(attempt: Attempt) -> str | None:
    if attempt.actor.role is Role.ADMIN:
        return None
    return actor_is_author(attempt)


def comment_given(attempt: Attempt) -> str | None:
    if not attempt.comment.strip():
        return "Give a reason: the clinician will read it."
    return None


def expert_may_take_it(attempt: Attempt) -> str | None:
    """An expert works on cases assigned to them, or open to the whole panel."""
    assigned = attempt.subject.assigned_expert_id
    if assigned is not None and assigned != attempt.actor.user_id:
        return "This case is assigned to another expert."
    return None


def actor_is_lead(attempt: Attempt) -> str | None:
    if attempt.subject.assigned_expert_id != attempt.actor.user_id:
        return "Only the case's lead expert can sign off its recommendations."
    return None


def session_has_started(attempt: Attempt) -> str | None:
    """A case is presented (and its letter dated) only once its session has begun.

    The application resolves the session's start (aware, UTC) and how to name it into
    the payload; a case on no session's agenda has no start, and is refused too.
    """
    starts_at = attempt.payload.get("session_starts_at")
    if not isinstance(starts_at, datetime):
        return "This case is on no session's agenda: accept it into a session first."
    if attempt.at < starts_at:
        when = attempt.payload.get("session_label") or starts_at.strftime("%d %B %Y, %H:%M UTC")
        return (f"The session has not started yet: it starts {when}. "
                "A case is marked presented, and its letter signed, once its session has begun.")
    return None


def payload_has(key: str, message: str) -> Guard:
    """A guard that requires a non-empty value under ``key`` in the payload."""

    def guard(attempt: Attempt) -> str | None:
        value = attempt.payload.get(key)
        return None if value else message

    guard.__name__ = f"payload_has_{key}"
    return guard


@dataclass(frozen=True, slots=True)
class Action:
    """One legal move: from any of ``sources`` to ``target``, for ``roles``."""

    name: str
    label: str
    sources: frozenset[CaseState]
    # None: the case stays in its state (assigning, noting), still locked and audited.
    target: CaseState | None
    roles: frozenset[Role]
    guards: tuple[Guard, ...] = ()
    # Names of effects; the application binds each name to a function.
    effects: tuple[str, ...] = ()
    # Shown on forms: whether the comment box is a required reason.
    needs_comment: bool = False


@dataclass(frozen=True)
class Workflow:
    """States and actions, checked for consistency when declared."""

    initial: CaseState
    actions: Mapping[str, Action]
    terminal: frozenset[CaseState] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for name, action in self.actions.items():
            if name != action.name:
                raise ValueError(f"action {action.name!r} is filed under {name!r}")
            if not action.sources:
                raise ValueError(f"action {name!r} has no source state")
            if action.sources & self.terminal:
                raise ValueError(f"action {name!r} leaves a terminal state")
        unreachable = set(CaseState) - self.reachable()
        if unreachable:
            raise ValueError(f"unreachable states: {sorted(unreachable)}")

    def reachable(self) -> set[CaseState]:
        seen = {self.initial}
        frontier = [self.initial]
        while frontier:
            state = frontier.pop()
            for action in self.actions.values():
                if action.target is None:
                    continue
                if state in action.sources and action.target not in seen:
                    seen.add(action.target)
                    frontier.append(action.target)
        return seen

    def available(self, state: CaseState, role: Role) -> list[Action]:
        """Actions whose state and role allow them (guards are not evaluated)."""
        return [a for a in self.actions.values() if state in a.sources and role in a.roles]

    def effect_names(self) -> set[str]:
        return {name for action in self.actions.values() for name in action.effects}


def _table(*actions: Action) -> dict[str, Action]:
    return {action.name: action for action in actions}


def _states(*states: CaseState) -> frozenset[CaseState]:
    return frozenset(states)


def _roles(*roles: Role) -> frozenset[Role]:
    return frozenset(roles)


S, R = CaseState, Role

CASE_WORKFLOW = Workflow(
    initial=S.DRAFT,
    terminal=_states(S.RECOMMENDATIONS_SENT, S.WITHDRAWN),
    actions=_table(
        Action(
            "submit", "Submit de-identified case",
            _states(S.DRAFT), S.DEIDENTIFIED, _roles(R.CLINICIAN),
            guards=(actor_is_author,
                    payload_has("redaction", "Preview the de-identified case before submitting."),
                    payload_has("complete", "Fill in every required field before submitting.")),
            effects=("store_deidentified",),
        ),
        Action(
            "return_to_clinician", "Return to clinician",
            _states(S.DEIDENTIFIED), S.DRAFT, _roles(R.COORDINATOR, R.EXPERT),
            guards=(comment_given,), needs_comment=True,
        ),
        Action(
            "assign_expert", "Assign an expert to pre-review",
            _states(S.DEIDENTIFIED, S.REVIEWED), None, _roles(R.COORDINATOR),
            guards=(payload_has("expert_id", "Choose an expert of this hub."),),
            effects=("assign_expert",),
        ),
        Action(
            "record_pre_review", "Record pre-review and mark reviewed",
            _states(S.DEIDENTIFIED), None, _roles(R.EXPERT),
            guards=(expert_may_take_it,
                    payload_has("notes", "Write your pre-review notes for the panel.")),
            effects=("record_pre_review",),
        ),
        Action(
            "accept_into_session", "Accept into a teleECHO session",
            _states(S.DEIDENTIFIED), S.REVIEWED, _roles(R.COORDINATOR),
            guards=(payload_has("pre_reviewed", "An expert must pre-review the case first."),
                    payload_has("session_id", "Choose an upcoming session of this program.")),
            effects=("add_to_agenda",),
        ),
        Action(
            "mark_presented", "Mark presented",
            _states(S.REVIEWED), S.PRESENTED, _roles(R.COORDINATOR),
            guards=(session_has_started,),
        ),
        Action(
            "sign_off", "Sign off and send recommendations",
            _states(S.PRESENTED), S.RECOMMENDATIONS_SENT, _roles(R.EXPERT),
            guards=(actor_is_lead, session_has_started,
                    payload_has("recommendations", "Write at least one recommendation and a "
                                                   "summary of the discussion first.")),
            effects=("issue_letter",),
        ),
        Action(
            "withdraw", "Withdraw case",
            _states(S.DRAFT, S.DEIDENTIFIED, S.REVIEWED), S.WITHDRAWN,
            _roles(R.CLINICIAN, R.ADMIN),
            guards=(author_unless_admin, comment_given), needs_comment=True,
        ),
    ),
)
