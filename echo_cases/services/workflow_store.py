"""The SQL side of the workflow engine: one session, one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from echo_cases import clock
from echo_cases.errors import Conflict
from echo_cases.services import audit
from models import Case, CaseTransition, id_of, utcnow
from workflows import StaleVersion, Transition
from workflows.engine import Movable


def flush_or_conflict(db: Session, message: str) -> None:
    """Write now; if another writer changed the same versioned row first, refuse with 409."""
    try:
        db.flush()
    except StaleDataError:
        db.rollback()
        raise Conflict(message) from None


def insert_or_conflict(db: Session, message: str) -> None:
    """Write a first row keyed by what it belongs to; if another writer inserted that key
    first, refuse with 409 (the key, not a version, is what the two writers raced for)."""
    try:
        db.flush()
    except IntegrityError:
        db.rollback()
        raise Conflict(message) from None


class SqlWorkflowStore:
    """Writes through the caller's session; the caller's boundary commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def atomic(self) -> Iterator[None]:
        try:
            yield
            self.session.flush()
        except StaleDataError:
            self.session.rollback()
            raise StaleVersion(
                "Someone else changed this case at the same moment: reload it and try again."
            ) from None
        except BaseException:
            self.session.rollback()
            raise

    def save(self, subject: Movable) -> None:
        if not isinstance(subject, Case):
            raise TypeError("this store keeps cases")
        subject.updated_at = utcnow()
        self.session.add(subject)
        # Flush now so a lost race surfaces as StaleVersion inside the transaction.
        self.session.flush()

    def record(self, subject: Movable, transition: Transition) -> None:
        if not isinstance(subject, Case):
            raise TypeError("this store keeps cases")
        history = CaseTransition(
            case_id=id_of(subject),
            actor_id=transition.actor.user_id,
            action=transition.action,
            from_state=transition.from_state,
            to_state=transition.to_state,
            comment=transition.comment,
            at=clock.now(self.session),
        )
        self.session.add(history)
        self.session.flush()
        # The event carries a digest of the history row users read, so a comment or actor
        # changed there later no longer matches the chain (audit verify names the row).
        audit.record(self.session, "transition", actor_id=transition.actor.user_id,
                     hub_id=subject.hub_id, subject=f"case:{subject.id}",
                     action=transition.action, from_state=transition.from_state.value,
                     to_state=transition.to_state.value, transition_id=id_of(history),
                     history=audit.history_digest(history))
