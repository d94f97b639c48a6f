"""The one place where a case changes state.

``WorkflowEngine.apply`` checks the version, the state, the role and every
guard; then moves the state, bumps the version, runs the effects and appends
the audit row, inside the store's transaction. Persistence is behind the
small ``WorkflowStore`` protocol so this module stays free of Flask and SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from workflows.definition import (
    INVALID_INPUT,
    Action,
    Actor,
    Attempt,
    CaseState,
    Refusal,
    Workflow,
)


class WorkflowError(Exception):
    """An action was refused; nothing changed. ``code`` tells programs why."""

    code = "refused"
    fields: Mapping[str, str] = {}


class UnknownAction(WorkflowError):
    code = "no_such_action"


class StaleVersion(WorkflowError):
    """Someone else changed the case since the caller read it: reload, and try again."""

    code = "stale_version"


class IllegalTransition(WorkflowError):
    """The action does not start from the case's current state: retrying cannot help."""

    code = "illegal_transition"


class RoleNotAllowed(WorkflowError):
    code = "role_not_allowed"


class GuardRefused(WorkflowError):
    """Guards refused the move. The code is the first refusal's that input cannot cure
    (input only helps when every refusal is about input); ``fields`` names the input to fix."""

    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__(" ".join(r.message for r in refusals))
        self.refusals = refusals
        self.reasons = [r.message for r in refusals]
        self.code = next((r.code for r in refusals if r.code != INVALID_INPUT),
                         refusals[0].code)
        self.fields = {name: message for r in refusals for name, message in r.fields.items()}


class Movable(Protocol):
    """A case as the engine sees it."""

    state: CaseState
    version: int

    @property
    def author_id(self) -> int: ...
    @property
    def assigned_expert_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class Transition:
    """What the audit trail records for one successful action."""

    action: str
    from_state: CaseState
    to_state: CaseState
    actor: Actor
    comment: str


class WorkflowStore(Protocol):
    def atomic(self) -> AbstractContextManager[None]:
        """A transaction: committed on normal exit, rolled back on an exception."""
        ...

    def record(self, subject: Movable, transition: Transition) -> None:
        """Append the audit row for ``transition`` (inside the transaction)."""
        ...

    def save(self, subject: Movable) -> None:
        """Write the subject; raise StaleVersion if another writer won the race."""
        ...


# An effect runs after every guard passed, inside the transaction, with the store to write through.
Effect = Callable[[WorkflowStore, Movable, Attempt], None]


@dataclass
class WorkflowEngine:
    workflow: Workflow
    effects: Mapping[str, Effect] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = self.workflow.effect_names() - set(self.effects)
        if missing:
            raise ValueError(f"effects declared but not bound: {sorted(missing)}")

    def action(self, name: str) -> Action:
        try:
            return self.workflow.actions[name]
        except KeyError:
            raise UnknownAction(f"There is no action called {name!r}.") from None

    def check(self, subject: Movable, action: Action, attempt: Attempt) -> None:
        """Raise the first reason ``attempt`` may not take ``action``; change nothing."""
        if subject.state not in action.sources:
            raise IllegalTransition(
                f"'{action.label}' is not possible while the case is {subject.state.label.lower()}."
            )
        if attempt.actor.role not in action.roles:
            raise RoleNotAllowed(f"A {attempt.actor.role} cannot '{action.label.lower()}'.")
        refusals = self.refusals(action, attempt)
        if refusals:
            raise GuardRefused(refusals)

    @staticmethod
    def refusals(action: Action, attempt: Attempt, *,
                 without_input: bool = False) -> list[Refusal]:
        """What ``action``'s guards say against ``attempt``; with ``without_input``, only
        the guards that read no input from the caller (those are not asked)."""
        found = (guard.refusal(attempt) for guard in action.guards
                 if not (without_input and guard.reads_input))
        # Two guards may refuse for the same reason (no session: not scheduled, not begun).
        unique: dict[str, Refusal] = {}
        for refusal in found:
            if refusal is not None:
                unique.setdefault(refusal.message, refusal)
        return list(unique.values())

    def apply(
        self,
        store: WorkflowStore,
        subject: Movable,
        action_name: str,
        actor: Actor,
        *,
        expected_version: int,
        comment: str = "",
        payload: Mapping[str, Any] | None = None,
        at: datetime | None = None,
    ) -> Transition:
        """Take ``action_name`` on ``subject`` as ``actor`` at the moment ``at`` (now, by
        default), all or nothing."""
        action = self.action(action_name)
        if subject.version != expected_version:
            raise StaleVersion(
                "This case changed since you opened it: reload it and try again."
            )
        attempt = Attempt(subject=subject, actor=actor, comment=comment, payload=payload or {},
                          at=at or datetime.now(UTC))
        self.check(subject, action, attempt)
        target = action.target or subject.state
        transition = Transition(action.name, subject.state, target, actor, comment.strip())
        with store.atomic():
            subject.state = target
            subject.version += 1
            for name in action.effects:
                self.effects[name](store, subject, attempt)
            store.save(subject)
            store.record(subject, transition)
        return transition

    def allowed(self, subject: Movable, actor: Actor) -> Iterator[Action]:
        """Actions the actor could take now, judged by state and role alone."""
        yield from self.workflow.available(subject.state, actor.role)

    def open_to(self, subject: Movable, actor: Actor,
                facts: Callable[[Action], Mapping[str, Any]], at: datetime) -> Iterator[Action]:
        """Actions the actor can take now, judged by state, role and every guard that reads
        no input; ``facts`` gives what the application knows for each action (its
        payload without anything the caller would send)."""
        for action in self.allowed(subject, actor):
            attempt = Attempt(subject=subject, actor=actor, comment="", payload=facts(action),
                              at=at)
            if not self.refusals(action, attempt, without_input=True):
                yield action
