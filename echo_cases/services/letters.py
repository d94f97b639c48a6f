"""Delivering signed letters, and what clinicians do with them afterwards."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from echo_cases import clock
from echo_cases.access import ORGANISERS, get_case, may_read_original, require_hub_role
from echo_cases.errors import Conflict, Forbidden, NotFound, WrongState
from echo_cases.letters.content import LetterContent, letter_content
from echo_cases.mail import MailNotConfigured, SmtpMailer
from echo_cases.services import audit
from echo_cases.services.cases import (
    case_for_key,
    create_case,
    form_for,
    original_fields,
    program_of,
    remember_key,
)
from echo_cases.services.effects import DELIVER_LETTER, letter_recipient_ids
from echo_cases.services.outbox import queue_after_commit
from echo_cases.services.workflow import check_action
from echo_cases.services.workflow_store import flush_or_conflict
from models import (
    OPEN_FOLLOW_UP,
    Case,
    Delivery,
    DeliveryStatus,
    Letter,
    Program,
    RecommendationSet,
    User,
    as_utc,
    id_of,
    utcnow,
)
from workflows import Actor, CaseState

MAX_ATTEMPTS = 5
# What a delivery records when the server has no mail server to send through.
MAIL_NOT_CONFIGURED = MailNotConfigured.__name__


def letter_of(db: Session, case: Case) -> Letter | None:
    return db.exec(select(Letter).where(Letter.case_id == case.id)).first()


def letter_to_sign(db: Session, actor: Actor, case: Case
                   ) -> tuple[LetterContent, RecommendationSet]:
    """The letter a sign-off by ``actor`` would send now, from the saved recommendations;
    raises why they may not sign off, as the sign-off itself would."""
    facts = check_action(db, actor, case, "sign_off")
    recommendations: RecommendationSet = facts["recommendations"]
    return (letter_content(db, case, recommendations, signed_by_id=actor.user_id),
            recommendations)


def recipients_of(db: Session, case: Case) -> list[User]:
    """Who the case's letter is e-mailed to, by name."""
    return [user for user_id in letter_recipient_ids(db, case)
            if (user := db.get(User, user_id)) is not None]


def get_letter(db: Session, user: User, case_id: int) -> Letter:
    """The letter of a case the user may see, or NotFound."""
    case, _actor = get_case(db, user, case_id)
    letter = letter_of(db, case)
    if letter is None:
        raise NotFound("This case has no letter yet.")
    return letter


def get_delivery_to_manage(db: Session, user: User, delivery_id: int) -> tuple[Delivery, Case]:
    """A letter e-mail of the user's hub, for its coordinators and admins; else NotFound."""
    delivery = db.get(Delivery, delivery_id)
    letter = db.get(Letter, delivery.letter_id) if delivery else None
    case = db.get(Case, letter.case_id) if letter else None
    if delivery is None or case is None:
        raise NotFound("No such delivery.")
    require_hub_role(db, user, case.hub_id, ORGANISERS)
    return delivery, case


RETRY_UNIT = timedelta(minutes=1)


def _backoff(attempts: int, unit: timedelta) -> timedelta:
    """1, 2, 4, 8 units...: a short outage heals itself, a long one is not hammered."""
    return unit * 2 ** max(0, attempts - 1)


def compose(db: Session, letter: Letter, recipient: User, sender: str) -> EmailMessage:
    """The e-mail carries the letter as it was signed; its text names no patient."""
    case = db.get(Case, letter.case_id)
    program = db.get(Program, case.program_id) if case else None
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient.email
    message["Subject"] = (f"ECHO recommendations for case {letter.case_id}"
                          + (f" ({program.name})" if program else ""))
    message.set_content(
        f"Dear {recipient.name},\n\n"
        f"The ECHO panel's recommendations for case {letter.case_id} are attached and "
        "available in echo-cases.\n\nThey are advisory: the treating clinician remains "
        "responsible for the patient's care.\n")
    message.add_attachment(letter.pdf, maintype="application", subtype="pdf",
                           filename=f"echo-recommendations-case-{letter.case_id}.pdf")
    return message


def deliver_due(db: Session, mailer: SmtpMailer, *, letter_id: int | None = None,
                now: datetime | None = None, retry_unit: timedelta = RETRY_UNIT,
                ) -> list[Delivery]:
    """Try every pending delivery whose time has come; return those tried.

    The rows are locked while they are tried (on PostgreSQL; SQLite has one writer at a
    time anyway), and rows another process is sending are skipped: a worker and the cron
    job can run together without sending one e-mail twice.
    """
    now = now or utcnow()
    query = select(Delivery).where(Delivery.status == DeliveryStatus.PENDING,
                                   col(Delivery.next_attempt_at) <= now)
    if letter_id is not None:
        query = query.where(Delivery.letter_id == letter_id)
    tried = list(db.exec(query.order_by(col(Delivery.id)).with_for_update(skip_locked=True)))
    for delivery in tried:
        _attempt(db, mailer, delivery, now, retry_unit)
    return tried


def next_attempt(db: Session, letter_id: int) -> datetime | None:
    """When the earliest e-mail of a letter still waiting is due; None once none waits."""
    due = db.exec(select(func.min(Delivery.next_attempt_at)).where(
        Delivery.letter_id == letter_id, Delivery.status == DeliveryStatus.PENDING)).one()
    return as_utc(due) if due else None


def _attempt(db: Session, mailer: SmtpMailer, delivery: Delivery, now: datetime,
             retry_unit: timedelta) -> None:
    letter, recipient = db.get(Letter, delivery.letter_id), db.get(User, delivery.user_id)
    if letter is None or recipient is None:
        return
    delivery.attempts += 1
    try:
        mailer.send(compose(db, letter, recipient, mailer.sender))
    except (OSError, smtplib.SMTPException, MailNotConfigured) as exc:
        delivery.last_error = _describe(exc)
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = now + _backoff(delivery.attempts, retry_unit)
    else:
        delivery.status, delivery.sent_at, delivery.last_error = DeliveryStatus.SENT, now, ""
        audit.record(db, "letter_sent", subject=f"case:{letter.case_id}",
                     letter_id=letter.id, recipient_id=recipient.id)
    db.add(delivery)
    db.flush()


def _describe(exc: BaseException) -> str:
    """A reason a coordinator can act on, free of message content."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: {exc.smtp_code}"[:200]
    if isinstance(exc, MailNotConfigured):
        return MAIL_NOT_CONFIGURED
    return type(exc).__name__[:200]


def retry_delivery(db: Session, delivery: Delivery) -> Delivery:
    """Put a failed or waiting delivery back at the front of the outbox, and send it once
    that is committed."""
    if delivery.status is DeliveryStatus.SENT:
        raise WrongState("That letter was delivered already.")
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = utcnow()
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.attempts = MAX_ATTEMPTS - 1  # one more try, then it fails again visibly
    db.add(delivery)
    db.flush()
    queue_after_commit(db, DELIVER_LETTER, letter_id=delivery.letter_id)
    return delivery


@dataclass(frozen=True)
class DeliveryRow:
    delivery: Delivery
    recipient: User
    case_id: int


def deliveries_needing_attention(db: Session, hub_ids: list[int]) -> list[DeliveryRow]:
    """Letters not yet delivered in these hubs: for the coordinator's triage page."""
    if not hub_ids:
        return []
    rows = db.exec(
        select(Delivery, User, Letter.case_id)
        .join(User, col(User.id) == Delivery.user_id)
        .join(Letter, col(Letter.id) == Delivery.letter_id)
        .join(Case, col(Case.id) == Letter.case_id)
        # "status IN (...)", not "!= sent": the planner then starts from the few undelivered
        # rows by their index, instead of from every case of the hub.
        .where(col(Case.hub_id).in_(hub_ids),
               col(Delivery.status).in_([DeliveryStatus.PENDING, DeliveryStatus.FAILED]))
        .order_by(col(Delivery.id)))
    return [DeliveryRow(d, u, cid) for d, u, cid in rows]


def deliveries_of(db: Session, letter: Letter) -> list[tuple[Delivery, User]]:
    return list(db.exec(select(Delivery, User).join(User, col(User.id) == Delivery.user_id)
                        .where(Delivery.letter_id == letter.id).order_by(col(Delivery.id))))


def acknowledge_letter(db: Session, clinician: User, case: Case, *,
                       expected_version: int) -> Letter:
    """Record that the presenting clinician has read the letter, against the case version
    they read: acknowledging changes the case (its version goes up), so a second tab or
    device that read the case before is told (409) rather than acknowledging blind."""
    if not may_read_original(case, clinician):
        raise Forbidden("Only the presenting clinician acknowledges the letter.")
    if case.version != expected_version:
        raise Conflict("This case changed since you opened it: reload it to see the letter "
                       "as it stands.")
    letter = letter_of(db, case)
    if letter is None:
        raise WrongState("There is no letter to acknowledge yet.")
    if letter.acknowledged_at is None:
        # The app's clock, as the letter it acknowledges was stamped by.
        letter.acknowledged_at = clock.now(db)
        case.version += 1
        case.updated_at = utcnow()
        db.add_all([letter, case])
        flush_or_conflict(db, "This case changed at the same moment: reload it to see the "
                              "letter as it stands.")
    return letter


def start_follow_up(db: Session, clinician: User, case: Case, *, key: str = "",
                    request_digest: str = "") -> tuple[Case, bool]:
    """A new draft that re-presents the case with follow-up, linked to the first.

    Returns (follow-up, started). A case has one open follow-up at a time: asking again
    gives back that one, as a retry whose response was lost should. With an idempotency
    ``key`` the request's answer is remembered, so a retry names the same follow-up even
    after it has been submitted.
    """
    if not may_read_original(case, clinician):
        raise Forbidden("Only the presenting clinician can re-present a case.")
    if case.state is not CaseState.RECOMMENDATIONS_SENT:
        raise WrongState("A case is re-presented after its recommendations were sent.")
    answered = case_for_key(db, clinician, key, request_digest) if key else None
    if answered is not None:
        return answered, False
    follow_up = db.exec(select(Case).where(Case.follow_up_of_id == case.id,
                                           text(OPEN_FOLLOW_UP))).first()
    started = follow_up is None
    if follow_up is None:
        follow_up = _new_follow_up(db, clinician, case)
    if key:
        remember_key(db, clinician, key, request_digest, follow_up)
    return follow_up, started


def _new_follow_up(db: Session, clinician: User, case: Case) -> Case:
    fields = _carried_over(db, case)
    fields["title"] = ("Follow-up: " + fields.get("title", ""))[:200]
    try:
        follow_up = create_case(db, clinician, case.program_id, fields)
        follow_up.follow_up_of_id = id_of(case)
        db.add(follow_up)
        db.flush()
    except IntegrityError:
        # Another request started this case's follow-up at the same moment.
        db.rollback()
        raise Conflict("A follow-up of this case is being started at this moment: "
                       "reload the case to open it.") from None
    return follow_up


def _carried_over(db: Session, case: Case) -> dict[str, str]:
    """The case's values that its program's current form still asks for (a follow-up is
    a new draft, on the current form), less any the form would now refuse."""
    form = form_for(db, program_of(db, case))
    values, problems = form.clean({name: value for name, value in
                                   original_fields(db, case).items() if name in form.names})
    return {name: value for name, value in values.items() if name not in problems}


def turnaround(case: Case, letter: Letter | None) -> timedelta | None:
    if case.submitted_at is None or letter is None:
        return None
    return as_utc(letter.created_at) - as_utc(case.submitted_at)
