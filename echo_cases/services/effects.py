"""What each workflow action does once every guard has passed.

Each effect runs inside the engine's transaction, writes through the store's
session, and never commits.
"""

from __future__ import annotations

from sqlmodel import Session, col, delete, func, select

from echo_cases import clock
from echo_cases.letters.content import letter_content
from echo_cases.letters.pdf import render_letter
from echo_cases.services.outbox import queue_after_commit
from echo_cases.services.redaction import RedactionPlan
from echo_cases.services.redaction_store import record_redactions
from echo_cases.services.workflow_store import SqlWorkflowStore
from models import (
    AgendaItem,
    Attendance,
    Case,
    Delivery,
    Hub,
    Letter,
    PreReview,
    RecommendationSet,
    as_utc,
    id_of,
)
from workflows import WorkflowStore
from workflows.definition import Attempt
from workflows.engine import Movable

# The task that sends a letter's waiting e-mails (echo_cases.jobs.deliver_letter).
DELIVER_LETTER = "deliver_letter"


def _session(store: WorkflowStore) -> Session:
    if not isinstance(store, SqlWorkflowStore):
        raise TypeError("case effects write through a SqlWorkflowStore")
    return store.session


def _case(subject: Movable) -> Case:
    if not isinstance(subject, Case):
        raise TypeError("case effects apply to cases")
    return subject


def store_deidentified(store: WorkflowStore, subject: Movable, attempt: Attempt) -> None:
    """Record the confirmed de-identified version and every redaction decision."""
    db, case = _session(store), _case(subject)
    plan: RedactionPlan = attempt.payload["redaction"]
    now = clock.now(db)  # the anchor of the case's relative dates: the app's clock
    case.deidentified = plan.fields
    case.dates_relative_to = plan.dates_relative_to
    case.submitted_at = now
    # A resubmission after "return to clinician" replaces the earlier decisions.
    record_redactions(db, case, plan, decided_by_id=attempt.actor.user_id, at=now)


def assign_expert(_store: WorkflowStore, subject: Movable, attempt: Attempt) -> None:
    _case(subject).assigned_expert_id = int(attempt.payload["expert_id"])


def record_pre_review(store: WorkflowStore, subject: Movable, attempt: Attempt) -> None:
    """Keep the notes; an expert who takes an open case becomes its lead."""
    case = _case(subject)
    if case.assigned_expert_id is None:
        case.assigned_expert_id = attempt.actor.user_id
    db = _session(store)
    # The app's clock, as the submission it is compared with ("pre-reviewed since it was
    # last submitted") is stamped by.
    db.add(PreReview(case_id=id_of(case), expert_id=attempt.actor.user_id,
                     notes=str(attempt.payload["notes"]), created_at=clock.now(db)))


def add_to_agenda(store: WorkflowStore, subject: Movable, attempt: Attempt) -> None:
    """Put the case last on the session's agenda (scheduling it again moves it)."""
    db, case = _session(store), _case(subject)
    session_id = int(attempt.payload["session_id"])
    db.exec(delete(AgendaItem).where(col(AgendaItem.case_id) == case.id))
    last = db.exec(select(func.max(AgendaItem.position))
                   .where(AgendaItem.session_id == session_id)).one()
    minutes = int(attempt.payload.get("minutes") or 15)
    db.add(AgendaItem(session_id=session_id, case_id=id_of(case), position=(last or 0) + 1,
                      minutes=max(5, min(120, minutes))))


def issue_letter(store: WorkflowStore, subject: Movable, attempt: Attempt) -> None:
    """Render the signed letter from the de-identified case and queue its e-mails: the
    sign-off sends its own letter, whichever page or API call signed it."""
    db, case = _session(store), _case(subject)
    recommendations: RecommendationSet = attempt.payload["recommendations"]
    content = letter_content(db, case, recommendations, signed_by_id=attempt.actor.user_id)
    pdf = render_letter(content)
    # Stamped by the app's clock, as the submission and the presentation it follows are.
    letter = Letter(case_id=id_of(case), hub_id=case.hub_id, pdf=pdf,
                    sha256=content.fingerprint(pdf), signed_by_id=attempt.actor.user_id,
                    created_at=clock.now(db))
    letter.turnaround_days = turnaround_days(case, letter)
    db.add(letter)
    db.flush()
    for user_id in letter_recipient_ids(db, case):
        db.add(Delivery(letter_id=id_of(letter), user_id=user_id))
    queue_after_commit(db, DELIVER_LETTER, letter_id=id_of(letter))


def turnaround_days(case: Case, letter: Letter) -> float | None:
    """Days from the case's submission to its letter, as the dashboard reports them."""
    if case.submitted_at is None:
        return None
    return (as_utc(letter.created_at) - as_utc(case.submitted_at)).total_seconds() / 86400


def letter_recipient_ids(db: Session, case: Case) -> list[int]:
    """Who is e-mailed a case's letter: its clinician, and the session's attendees if the
    hub asks for that."""
    recipients = {case.author_id}
    hub = db.get(Hub, case.hub_id)
    if hub is not None and hub.letters_to_attendees:
        recipients |= set(db.exec(
            select(Attendance.user_id)
            .join(AgendaItem, col(AgendaItem.session_id) == Attendance.session_id)
            .where(AgendaItem.case_id == case.id)))
    return sorted(recipients)
