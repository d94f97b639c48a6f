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
    CaseState.REVIEWED: "Reviewed",
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


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a guard refuses a move: a stable ``code`` for programs, a sentence for people,
    and the input fields to fix, when fixing the input is what it takes."""

    code: str
    message: str
    fields: Mapping[str, str] = field(default_factory=dict)


# What a guard's check returns: None to allow the move, a sentence saying why it is
# refused, or a whole Refusal when it names fields itself.
Check = Callable[[Attempt], str | Refusal | None]

# The code of a refusal that only the caller's input can cure (a reason, notes, a choice):
# the same code as any other invalid input, with ``fields`` naming what to send.
INVALID_INPUT = "invalid"


@dataclass(frozen=True, slots=True)
class Guard:
    """One condition of a move. Guards must not change anything: effects do that, after
    every guard has passed.

    A guard that reads only facts (who acts, the case, what the application resolved from
    the database, the time) can be judged before the caller sends anything, so a case's
    list of actions leaves out what such a guard would refuse. A guard that reads the
    caller's input (``reads_input``) cannot: it is judged when the action is taken.
    """

    code: str
    check: Check
    reads_input: bool = False
    field: str | None = None  # the input field named when it refuses
    description: str = ""

    @property
    def __name__(self) -> str:  # a guard reads as the function it wraps
        return getattr(self.check, "__name__", self.code)

    def __call__(self, attempt: Attempt) -> str | None:
        refusal = self.refusal(attempt)
        return refusal.message if refusal else None

    def refusal(self, attempt: Attempt) -> Refusal | None:
        result = self.check(attempt)
        if result is None or isinstance(result, Refusal):
            return result
        return Refusal(self.code, result, {self.field: result} if self.field else {})


def guard(code: str, description: str) -> Callable[[Check], Guard]:
    """Declare a guard that reads facts only, refusing with ``code``."""

    def declare(check: Check) -> Guard:
        return Guard(code, check, description=description)

    return declare


def input_guard(field: str, description: str) -> Callable[[Check], Guard]:
    """Declare a guard on what the caller sends under ``field``: refused as invalid input
    that names the field."""

    def declare(check: Check) -> Guard:
        return Guard(INVALID_INPUT, check, reads_input=True, field=field,
                     description=description)

    return declare


@guard("not_author", "you wrote the case")
def actor_is_author(attempt: Attempt) -> str | None:
    if attempt.actor.user_id != attempt.subject.author_id:
        return "Only the clinician who wrote this case can do this."
    return None


@guard("not_author", "you wrote the case, or are an admin of its hub")
def author_unless_admin(attempt: Attempt) -> str | None:
    if attempt.actor.role is Role.ADMIN:
        return None
    return actor_is_author(attempt)


@input_guard("comment", "a reason is given in `comment`")
def comment_given(attempt: Attempt) -> str | None:
    if not attempt.comment.strip():
        return "Give a reason: the clinician will read it."
    return None


@guard("assigned_to_another_expert", "the case is assigned to you or to no one")
def expert_may_take_it(attempt: Attempt) -> str | None:
    """An expert works on cases assigned to them, or open to the whole panel."""
    assigned = attempt.subject.assigned_expert_id
    if assigned is not None and assigned != attempt.actor.user_id:
        return "This case is assigned to another expert."
    return None


@guard("not_lead_expert", "you are the case's lead expert")
def actor_is_lead(attempt: Attempt) -> str | None:
    if attempt.subject.assigned_expert_id != attempt.actor.user_id:
        return "Only the case's lead expert can sign off its recommendations."
    return None


@guard("not_scheduled", "the case is on a session's agenda")
def case_is_scheduled(attempt: Attempt) -> str | None:
    """The application puts the start of the session that has the case into the payload."""
    if not isinstance(attempt.payload.get("session_starts_at"), datetime):
        return "This case is on no session's agenda: schedule it into a session first."
    return None


@guard("already_scheduled", "the case is on no session's agenda")
def case_is_unscheduled(attempt: Attempt) -> str | None:
    if isinstance(attempt.payload.get("session_starts_at"), datetime):
        when = attempt.payload.get("session_label") or "a session"
        return (f"This case is on the agenda of {when}: it can no longer be returned to the "
                "clinician.")
    return None


@guard("session_not_started", "the session that has the case has begun")
def session_has_started(attempt: Attempt) -> str | None:
    """A case is presented (and its letter dated) only once its session has begun.

    The application resolves the session's start (aware, UTC) and how to name it into
    the payload; a case on no session's agenda has no start, and is refused too.
    """
    starts_at = attempt.payload.get("session_starts_at")
    if not isinstance(starts_at, datetime):
        return "This case is on no session's agenda: schedule it into a session first."
    if attempt.at < starts_at:
        when = attempt.payload.get("session_label") or starts_at.strftime("%d %B %Y, %H:%M UTC")
        return (f"The session has not started yet: it starts {when}. "
                "A case is marked presented, and its letter signed, once its session has begun.")
    return None


def payload_has(key: str, message: str, *, code: str = INVALID_INPUT,
                description: str = "", reads_input: bool | None = None) -> Guard:
    """A guard that requires a non-empty value under ``key`` in the payload.

    With the default code, ``key`` is input the caller sends (and the refusal names it);
    with a code of its own, ``key`` is a fact the application resolves, from the caller's
    input only if ``reads_input``.
    """

    def check(attempt: Attempt) -> str | None:
        value = attempt.payload.get(key)
        return None if value else message

    check.__name__ = f"payload_has_{key}"
    named = code == INVALID_INPUT
    return Guard(code, check, reads_input=named if reads_input is None else reads_input,
                 field=key if named else None,
                 description=description or f"`{key}` is given")


@guard("incomplete", "every required field of the case form is filled in")
def form_complete(attempt: Attempt) -> Refusal | None:
    """The application puts the required fields still empty (name: message) under
    ``missing``; a draft whose form could not be read at all counts as incomplete."""
    missing = attempt.payload.get("missing")
    if not isinstance(missing, Mapping):
        return Refusal("incomplete", "Fill in every required field before submitting.")
    if missing:
        return Refusal("incomplete", "Fill in every required field before submitting: "
                       + ", ".join(missing) + ".", dict(missing))
    return None


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
    # What the action means, for people reading the API's description of it.
    description: str = ""
    # What a case's History says was done, in the words the pages use ("Pre-review
    # recorded"); the action's name is for the API, never for a page.
    done: str = ""
    # What the action reads from the caller besides `version` and `comment`: anything
    # else sent with it is refused by name, not silently dropped.
    inputs: tuple[str, ...] = ()


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

# Actions renamed since: their History rows keep the name they were taken under.
FORMER_NAMES = {"accept_into_session": "schedule"}

CASE_WORKFLOW = Workflow(
    initial=S.DRAFT,
    terminal=_states(S.RECOMMENDATIONS_SENT, S.WITHDRAWN),
    actions=_table(
        Action(
            "submit", "Submit de-identified case",
            _states(S.DRAFT), S.DEIDENTIFIED, _roles(R.CLINICIAN),
            guards=(actor_is_author,
                    payload_has("redaction", "Preview the de-identified case before submitting.",
                                code="not_previewed", reads_input=True,
                                description="the de-identification could be previewed"),
                    form_complete),
            effects=("store_deidentified",),
            description="The author confirms the de-identification and sends the case to "
                        "the hub, where its staff read the de-identified version only.",
            done="Submitted",
        ),
        Action(
            "return_to_clinician", "Return to clinician",
            _states(S.DEIDENTIFIED, S.REVIEWED), S.DRAFT, _roles(R.COORDINATOR, R.EXPERT),
            guards=(case_is_unscheduled, comment_given), needs_comment=True,
            description="Send the case back to its author as a draft, with the reason they "
                        "will read (not once it is on a session's agenda).",
            done="Returned to the clinician",
        ),
        Action(
            "assign_expert", "Assign an expert to pre-review",
            _states(S.DEIDENTIFIED, S.REVIEWED), None, _roles(R.COORDINATOR),
            guards=(payload_has("expert_id", "Choose an expert of this hub."),),
            effects=("assign_expert",),
            description="Make an expert of the hub (`expert_id`) the case's lead expert.",
            done="Lead expert assigned",
            inputs=("expert_id",),
        ),
        Action(
            "record_pre_review", "Record pre-review and mark reviewed",
            _states(S.DEIDENTIFIED), S.REVIEWED, _roles(R.EXPERT),
            guards=(expert_may_take_it,
                    payload_has("notes", "Write your pre-review notes for the panel.")),
            effects=("record_pre_review",),
            description="An expert writes pre-review notes for the panel (`notes`), which makes "
                        "the case reviewed, ready to schedule; an expert taking an unassigned "
                        "case becomes its lead.",
            done="Pre-review recorded",
            inputs=("notes",),
        ),
        Action(
            "schedule", "Schedule into a teleECHO session",
            _states(S.REVIEWED), None, _roles(R.COORDINATOR),
            guards=(payload_has("session_id", "Choose an upcoming session of this program."),),
            effects=("add_to_agenda",),
            description="Put the reviewed case last on the agenda of an upcoming session of "
                        "its program (`session_id`, `minutes`); scheduling it again moves it.",
            done="Scheduled into a teleECHO session",
            inputs=("session_id", "minutes"),
        ),
        Action(
            "mark_presented", "Mark presented",
            _states(S.REVIEWED), S.PRESENTED, _roles(R.COORDINATOR),
            guards=(case_is_scheduled, session_has_started),
            description="The case was discussed in its session (once the session has begun).",
            done="Presented in its session",
        ),
        Action(
            "sign_off", "Sign off and send recommendations",
            _states(S.PRESENTED), S.RECOMMENDATIONS_SENT, _roles(R.EXPERT),
            guards=(actor_is_lead, session_has_started,
                    payload_has("recommendations", "Write at least one recommendation and a "
                                                   "summary of the discussion first.",
                                code="no_recommendations",
                                description="recommendations and a summary are written")),
            effects=("issue_letter",),
            description="The lead expert signs the recommendations written with "
                        "`PUT /cases/{case_id}/recommendations`; the letter is issued and "
                        "e-mailed.",
            done="Recommendations signed off and sent",
            inputs=("recommendations_version",),
        ),
        Action(
            "withdraw", "Withdraw case",
            _states(S.DRAFT, S.DEIDENTIFIED, S.REVIEWED), S.WITHDRAWN,
            _roles(R.CLINICIAN, R.ADMIN),
            guards=(author_unless_admin, comment_given), needs_comment=True,
            description="The author (or an admin) withdraws the case for good, with a reason.",
            done="Withdrawn",
        ),
    ),
)
