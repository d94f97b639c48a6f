"""The case workflow engine, bound to its effects, and the one way to take an action.

Guards are pure, so anything they need from the database (is the case on an
agenda, and when does that session start? is that session this program's and still
to come?) is resolved here into the payload first; a fact that does not hold is
simply left out, and the guard refuses with its own message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlmodel import Session, col, select

from echo_cases import clock
from echo_cases.access import role_in_hub
from echo_cases.errors import Conflict
from echo_cases.letters.content import session_label
from echo_cases.services import effects
from echo_cases.services.workflow_store import SqlWorkflowStore
from models import AgendaItem, Case, EchoSession, PreReview, RecommendationSet, User, as_utc
from workflows import CASE_WORKFLOW, Action, Actor, CaseState, Role, Transition, WorkflowEngine
from workflows.definition import Attempt

ENGINE = WorkflowEngine(
    CASE_WORKFLOW,
    effects={
        "store_deidentified": effects.store_deidentified,
        "assign_expert": effects.assign_expert,
        "record_pre_review": effects.record_pre_review,
        "add_to_agenda": effects.add_to_agenda,
        "issue_letter": effects.issue_letter,
    },
)

Payload = dict[str, Any]


def apply_action(
    db: Session,
    actor: Actor,
    case: Case,
    action: str,
    *,
    expected_version: int,
    comment: str = "",
    payload: Mapping[str, Any] | None = None,
) -> Transition:
    """Resolve the facts the action's guards need, then let the engine apply it."""
    return ENGINE.apply(SqlWorkflowStore(db), case, action, actor,
                        expected_version=expected_version, comment=comment,
                        payload=_facts(db, case, action, payload or {}), at=clock.now(db))


def check_action(db: Session, actor: Actor, case: Case, action: str, *,
                 payload: Mapping[str, Any] | None = None) -> Payload:
    """Raise why ``actor`` may not take ``action`` now, changing nothing; else return the
    facts the action would be taken with (what a confirmation page shows)."""
    facts = _facts(db, case, action, payload or {})
    attempt = Attempt(subject=case, actor=actor, comment="", payload=facts, at=clock.now(db))
    ENGINE.check(case, ENGINE.action(action), attempt)
    return facts


def pre_reviewed(db: Session, case: Case) -> bool:
    """An expert has written pre-review notes since the case was last submitted."""
    query = select(PreReview.id).where(PreReview.case_id == case.id)
    if case.submitted_at is not None:
        query = query.where(col(PreReview.created_at) >= as_utc(case.submitted_at))
    return db.exec(query.limit(1)).first() is not None


def actions_now(db: Session, actor: Actor, case: Case) -> list[Action]:
    """What ``actor`` can do to ``case`` now: what their role and the case's state allow,
    less what a guard would refuse whatever they sent (not theirs, not yet, not scheduled).
    Guards on what they send (a reason, notes, a session) are judged when they send it."""
    return list(ENGINE.open_to(case, actor, lambda action: _facts(db, case, action.name, {}),
                               clock.now(db)))


def _facts(db: Session, case: Case, action: str, payload: Mapping[str, Any]) -> Payload:
    facts: Payload = dict(payload)
    resolve = _RESOLVERS.get(action)
    return resolve(db, case, facts) if resolve is not None else facts


def _submit(db: Session, case: Case, payload: Payload) -> Payload:
    """The required fields the draft leaves empty: a fact read here, never sent."""
    from echo_cases.services.cases import missing_fields  # cases applies actions through here

    payload.pop("missing", None)
    payload["missing"] = missing_fields(db, case) if case.state is CaseState.DRAFT else {}
    return payload


def _assign(db: Session, case: Case, payload: Payload) -> Payload:
    expert = db.get(User, _int(payload.pop("expert_id", None)))
    if expert is not None and role_in_hub(db, expert, case.hub_id) is Role.EXPERT:
        payload["expert_id"] = expert.id
    return payload


def _pre_review(_db: Session, _case: Case, payload: Payload) -> Payload:
    notes = str(payload.pop("notes", "") or "").strip()
    if notes:
        payload["notes"] = notes
    return payload


def _schedule(db: Session, case: Case, payload: Payload) -> Payload:
    session = db.get(EchoSession, _int(payload.pop("session_id", None)))
    if (session is not None and session.program_id == case.program_id
            and as_utc(session.starts_at) > clock.now(db)):
        payload["session_id"] = session.id
        payload["session"] = session
    return payload


def _session_start(db: Session, case: Case, payload: Payload) -> Payload:
    """When the session the case is booked into starts, and its name as people read it."""
    payload.pop("session_starts_at", None)  # a fact found here, never one a caller sent
    payload.pop("session_label", None)
    session = db.exec(select(EchoSession)
                      .join(AgendaItem, col(AgendaItem.session_id) == EchoSession.id)
                      .where(AgendaItem.case_id == case.id)).first()
    if session is not None:
        payload["session_starts_at"] = as_utc(session.starts_at)
        payload["session_label"] = session_label(session)
    return payload


def _sign_off(db: Session, case: Case, payload: Payload) -> Payload:
    """The saved recommendations are what is signed; a sign-off confirmed from a letter
    read at one version of them is refused if they have changed since."""
    read_at = payload.pop("recommendations_version", None)
    payload = _session_start(db, case, payload)
    recommendations = db.get(RecommendationSet, case.id)
    if read_at is not None and (recommendations is None
                                or str(recommendations.version) != str(read_at)):
        raise Conflict("The recommendations changed after you read the letter: read it "
                       "again before you sign it off.")
    if recommendations is not None and recommendations.items and recommendations.summary.strip():
        payload["recommendations"] = recommendations
    return payload


def _int(raw: object) -> int:
    """An id the caller sent (an int from the API's schema or the page's reader); anything
    else finds nothing, and the guard then names what is missing."""
    return raw if isinstance(raw, int) and not isinstance(raw, bool) else 0


_RESOLVERS: dict[str, Callable[[Session, Case, Payload], Payload]] = {
    "submit": _submit,
    "assign_expert": _assign,
    "record_pre_review": _pre_review,
    "return_to_clinician": _session_start,
    "schedule": _schedule,
    "mark_presented": _session_start,
    "sign_off": _sign_off,
}
