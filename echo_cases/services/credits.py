"""CME/CE credit: a program's terms, who is eligible, issuing certificates, checking them.

A certificate is issued by a coordinator's action once the session has ended ("Issue
certificates"), not when attendance is recorded: attendance is edited until the
coordinator says it is final; one issued in error is revoked, never deleted.
Issuing again issues only what is missing, one certificate per person and session.
Where the program asks for the evaluation first, a participant's answer issues the
certificate that waited for it (once the coordinator has issued the session's).
"""

from __future__ import annotations

import re
import secrets
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from echo_cases import clock, zones
from echo_cases.access import ORGANISERS, require_hub_role, role_in_hub
from echo_cases.errors import Forbidden, Gone, Invalid, NotFound, Refused
from echo_cases.letters.certificate import CertificateContent, render_certificate
from echo_cases.letters.content import letterhead
from echo_cases.mail import MailNotConfigured, SmtpMailer
from echo_cases.numbers import whole
from echo_cases.services import audit
from echo_cases.services.accounts import normalise_email
from echo_cases.services.calendar import reader_zone, session_title
from echo_cases.services.outbox import queue_after_commit
from echo_cases.services.participants import Participant, participants_of
from models import (
    AuditEvent,
    Certificate,
    EchoSession,
    EvaluationInvite,
    Hub,
    Program,
    ProgramCredit,
    ProgramEvaluation,
    User,
    as_utc,
    id_of,
)
from workflows import Role

DEFAULT_PERCENT = 80
MAX_REASON = 500
MAX_ATTEMPTS = 5
RETRY_UNIT = timedelta(minutes=1)
# The task that sends a session's waiting certificates (echo_cases.jobs.deliver_certificates).
DELIVER_CERTIFICATES = "deliver_certificates"
# Crockford's base32 without look-alikes (no I, L, O, U): read aloud and typed back safely.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 random bits

VerifyUrlFor = Callable[[str], str]


# --- a program's terms --------------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """What a program's sessions earn, as an admin types it."""

    hours: str
    statement: str
    attendance_percent: str = str(DEFAULT_PERCENT)


def terms_of(db: Session, program_id: int) -> ProgramCredit | None:
    return db.get(ProgramCredit, program_id)


def save_terms(db: Session, admin: User, program: Program, terms: Terms) -> ProgramCredit:
    if role_in_hub(db, admin, program.hub_id) is not Role.ADMIN:
        raise Forbidden("Only the hub's admins set a program's CME/CE credit.")
    errors: dict[str, str] = {}
    centihours = _centihours(terms.hours.strip(), errors)
    statement = terms.statement.strip()
    if len(statement) > 2000:
        errors["statement"] = "Use at most 2,000 characters."
    # Left empty, the rule is the usual one.
    percent = terms.attendance_percent.strip().rstrip("%").strip() or str(DEFAULT_PERCENT)
    if whole(percent, 1, 100) is None:
        errors["attendance_percent"] = "Give a share from 1 to 100 (percent of the session)."
    if errors:
        raise Invalid("The CME/CE credit needs a few changes.", errors)
    credit = terms_of(db, id_of(program)) or ProgramCredit(program_id=id_of(program))
    credit.credit_centihours, credit.statement = centihours, statement
    credit.attendance_percent = int(percent)
    credit.updated_by_id, credit.updated_at = id_of(admin), clock.now(db)
    db.add(credit)
    audit.record(db, "program_credit_set", actor_id=id_of(admin), hub_id=program.hub_id,
                 subject=f"program:{program.id}", hours=hours_text(centihours),
                 attendance_percent=credit.attendance_percent)
    db.flush()
    return credit


# Hours as people write them: ASCII digits and a decimal point. Decimal() alone also reads
# "NaN" (which then cannot be compared: a server error), "1_0", "1e0" and other scripts' digits.
_HOURS = re.compile(r"[0-9]{1,2}(?:\.[0-9]{1,2})?")


def _centihours(text: str, errors: dict[str, str]) -> int:
    hours = Decimal(text) if _HOURS.fullmatch(text) else Decimal(-1)
    if not Decimal(0) < hours <= Decimal(24) or (hours * 4) % 1 != 0:
        errors["hours"] = "Give the hours in quarter hours, such as 1, 1.25 or 1.5."
        return 0
    return int(hours * 100)


def hours_phrase(centihours: int) -> str:
    """"1 hour", "1.5 hours"."""
    text = hours_text(centihours)
    return f"{text} hour" if text == "1" else f"{text} hours"


def hours_text(centihours: int) -> str:
    """1.5, 1.25, 1: as credit is usually written."""
    text = f"{Decimal(centihours) / 100:.2f}".rstrip("0").rstrip(".")
    return text or "0"


# --- who is eligible ----------------------------------------------------------------------


def eligible(db: Session, session: EchoSession, participant: Participant,
             terms: ProgramCredit) -> bool:
    """Whether ``participant`` earns the session's credit: attended at least the
    program's share of it. The one place this is decided (an evaluation required before
    the certificate will join it here); ``db`` is for such checks."""
    return participant.minutes * 100 >= terms.attendance_percent * session.duration_minutes


def evaluation_done(db: Session, session_id: int, who: str | User) -> bool:
    """Has this participant (an e-mail address or a member) answered the session's survey?"""
    query = select(EvaluationInvite.id).where(EvaluationInvite.session_id == session_id,
                                              col(EvaluationInvite.answered).is_(True))
    if isinstance(who, User):
        query = query.where((col(EvaluationInvite.user_id) == who.id)
                            | (col(EvaluationInvite.email) == who.email.strip().lower()))
    else:
        query = query.where(col(EvaluationInvite.email) == who.strip().lower())
    return db.exec(query).first() is not None


def certificate_waits_for_evaluation(db: Session, session: EchoSession,
                                     who: str | User) -> bool:
    """True while the program requires the evaluation before the certificate and this
    participant has not answered it (a program that never set its evaluation does not)."""
    chosen = db.get(ProgramEvaluation, session.program_id)
    return (chosen is not None and chosen.required_for_certificate
            and not evaluation_done(db, id_of(session), who))


def has_ended(db: Session, session: EchoSession) -> bool:
    return as_utc(session.starts_at) + timedelta(minutes=session.duration_minutes) \
        <= clock.now(db)


# --- issuing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueOutcome:
    issued: list[Certificate]
    already: int  # had their certificate from an earlier issue
    below_rule: int  # attended less than the rule asks
    # Past the rule, but the program asks for the session's evaluation first: issuing again
    # once they have answered sends theirs.
    awaiting_evaluation: int = 0


def issue_certificates(db: Session, organiser: User, session: EchoSession,
                       verify_url_for: VerifyUrlFor) -> IssueOutcome:
    """A certificate for every eligible participant who has none yet, e-mailed once the
    transaction commits (the certificates are the outbox: unsent ones are tried again)."""
    require_hub_role(db, organiser, session.hub_id, ORGANISERS)
    program, hub = db.get(Program, session.program_id), db.get(Hub, session.hub_id)
    terms = terms_of(db, session.program_id)
    if program is None or hub is None:
        raise NotFound("No such session.")
    if terms is None:
        raise Invalid(f"{program.name} has no CME/CE credit set: its admin sets the hours and "
                      "statement on the program's page first.", {"certificates": "No terms."})
    if not has_ended(db, session):
        raise Invalid("Certificates are issued once the session has ended.",
                      {"certificates": "The session has not ended yet."})
    have = set(db.exec(select(Certificate.email).where(Certificate.session_id == session.id)))
    issued: list[Certificate] = []
    already = below = awaiting = 0
    for participant in participants_of(db, session):
        if not eligible(db, session, participant, terms):
            below += 1
        elif participant.email in have:
            already += 1
        elif certificate_waits_for_evaluation(db, session, participant.email):
            awaiting += 1
        else:
            issued.append(_issue(db, organiser, session, program, terms, participant,
                                 verify_url_for))
    db.flush()
    audit.record(db, "certificates_issued", actor_id=id_of(organiser), hub_id=session.hub_id,
                 subject=f"session:{session.id}", issued=len(issued), already=already,
                 below_rule=below, awaiting_evaluation=awaiting)
    if issued:
        queue_after_commit(db, DELIVER_CERTIFICATES, session_id=id_of(session))
    return IssueOutcome(issued, already, below, awaiting)


def issue_after_evaluation(db: Session, invite: EvaluationInvite,
                           verify_url_for: VerifyUrlFor) -> Certificate | None:
    """The certificate that waited for this answer, issued as "Issue certificates" would
    have issued it and queued for e-mail; None when none was waiting.

    Only once a coordinator has issued the session's certificates: that is when they say
    the attendance is final, and until then their own issue will include this person.
    The certificate is signed off in that coordinator's name."""
    session = db.get(EchoSession, invite.session_id)
    issuer_id = _last_issuer(db, invite.session_id)
    if session is None or issuer_id is None:
        return None
    issuer, program = db.get(User, issuer_id), db.get(Program, session.program_id)
    terms = terms_of(db, session.program_id)
    if issuer is None or program is None or terms is None:
        return None
    person = next((p for p in participants_of(db, session) if p.email == invite.email
                   or (invite.user_id is not None and p.user_id == invite.user_id)), None)
    if person is None or not eligible(db, session, person, terms) \
            or certificate_waits_for_evaluation(db, session, person.email):
        return None
    if db.exec(select(Certificate.id).where(Certificate.session_id == session.id,
                                            Certificate.email == person.email)).first():
        return None
    certificate = _issue(db, issuer, session, program, terms, person, verify_url_for)
    db.flush()
    # No actor: the participant's answer set it off, in the issuing coordinator's name.
    audit.record(db, "certificate_issued_on_evaluation", hub_id=session.hub_id,
                 subject=f"session:{session.id}", certificate_id=certificate.id,
                 issued_by=issuer_id)
    queue_after_commit(db, DELIVER_CERTIFICATES, session_id=id_of(session))
    return certificate


def _last_issuer(db: Session, session_id: int) -> int | None:
    """Who last ran "Issue certificates" for the session, if anyone did."""
    return db.exec(select(AuditEvent.actor_id).where(
        AuditEvent.kind == "certificates_issued", AuditEvent.subject == f"session:{session_id}",
        col(AuditEvent.actor_id).is_not(None)).order_by(col(AuditEvent.id).desc())).first()


def _issue(db: Session, organiser: User, session: EchoSession, program: Program,
           terms: ProgramCredit, participant: Participant,
           verify_url_for: VerifyUrlFor) -> Certificate:
    code = new_code()
    certificate = Certificate(
        session_id=id_of(session), email=participant.email, name=participant.name,
        user_id=participant.user_id or _account_id(db, participant.email),
        session_title=session_title(session, program), session_date=session_date(session),
        credit_centihours=terms.credit_centihours, statement=terms.statement, code=code,
        verify_url=verify_url_for(code), issued_by_id=id_of(organiser),
        issued_at=clock.now(db), next_attempt_at=clock.now(db))
    db.add(certificate)
    return certificate


def revoke_certificate(db: Session, organiser: User, session: EchoSession,
                       certificate_id: int, reason: str) -> Certificate:
    """Withdraw a certificate issued in error: it is kept, marked revoked with who and why
    (audited); the public check says "revoked", it is no longer sent nor counted as
    credit, and its holder's account lists it as revoked."""
    require_hub_role(db, organiser, session.hub_id, ORGANISERS)
    certificate = db.get(Certificate, certificate_id)
    if certificate is None or certificate.session_id != session.id:
        raise NotFound("No such certificate in this session.")
    if certificate.revoked_at is not None:
        raise Refused("already_revoked", "This certificate was revoked already.")
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise Invalid("Say why the certificate is revoked: the reason is kept in the hub's "
                      "audit trail.", {"reason": f"Give a reason of at most {MAX_REASON} "
                                                 "characters."})
    certificate.revoked_at, certificate.revoked_by_id = clock.now(db), id_of(organiser)
    certificate.revoke_reason = reason
    db.add(certificate)
    audit.record(db, "certificate_revoked", actor_id=id_of(organiser), hub_id=session.hub_id,
                 subject=f"session:{session.id}", certificate_id=certificate_id, reason=reason)
    db.flush()
    return certificate


def pdf_of(db: Session, certificate: Certificate) -> bytes:
    """The certificate's PDF, printed the first time it is asked for and kept as sent."""
    if certificate.pdf is None:
        session = db.get(EchoSession, certificate.session_id)
        hub = db.get(Hub, session.hub_id) if session else None
        if hub is None:
            raise NotFound("No such certificate.")
        certificate.pdf = render_certificate(CertificateContent(
            hub_name=hub.name, letterhead=letterhead(hub), name=certificate.name,
            session_title=certificate.session_title, session_date=certificate.session_date,
            hours=hours_phrase(certificate.credit_centihours),
            statement=certificate.statement, code=shown_code(certificate.code),
            verify_url=certificate.verify_url))
        db.add(certificate)
        db.flush()
    return certificate.pdf


def _account_id(db: Session, email: str) -> int | None:
    return db.exec(select(User.id).where(User.email == email)).first()


def session_date(session: EchoSession) -> str:
    """The day the session met, in its own zone, as the panel announced it."""
    local = as_utc(session.starts_at).astimezone(ZoneInfo(session.timezone))
    return local.strftime("%d %B %Y")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalise_code(typed: str) -> str:
    """The code as stored, from what someone typed (dashes, spaces, lower case, O for 0)."""
    cleaned = "".join(c for c in typed.upper() if c.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


# --- e-mailing ----------------------------------------------------------------------------


def due_ids(db: Session, *, session_id: int | None = None) -> list[int]:
    """The certificates waiting to be e-mailed whose time has come, oldest first."""
    query = select(Certificate.id).where(col(Certificate.sent_at).is_(None),
                                         col(Certificate.revoked_at).is_(None),
                                         Certificate.attempts < MAX_ATTEMPTS,
                                         col(Certificate.next_attempt_at) <= clock.now(db))
    if session_id is not None:
        query = query.where(Certificate.session_id == session_id)
    return [i for i in db.exec(query.order_by(col(Certificate.id))) if i is not None]


def deliver_one(db: Session, mailer: SmtpMailer, certificate_id: int, *,
                retry_unit: timedelta = RETRY_UNIT) -> bool:
    """Print and e-mail one waiting certificate; False if it was not (or no longer) due.

    Each in a transaction of its own, its row locked: a worker and the cron job running
    together skip the row the other holds, and a crash half-way loses one send at most."""
    now = clock.now(db)
    certificate = db.exec(select(Certificate).where(
        Certificate.id == certificate_id, col(Certificate.sent_at).is_(None),
        col(Certificate.revoked_at).is_(None),
        Certificate.attempts < MAX_ATTEMPTS, col(Certificate.next_attempt_at) <= now)
        .with_for_update(skip_locked=True)).first()
    if certificate is None:
        return False
    pdf_of(db, certificate)
    certificate.attempts += 1
    try:
        mailer.send(compose(certificate, mailer.sender))
    except (OSError, smtplib.SMTPException, MailNotConfigured) as exc:
        certificate.last_error = _describe(exc)
        certificate.next_attempt_at = now + retry_unit * 2 ** (certificate.attempts - 1)
    else:
        certificate.sent_at, certificate.last_error = now, ""
    db.add(certificate)
    db.flush()
    return True


def waiting(db: Session, session_id: int) -> datetime | None:
    """When the next unsent certificate of a session is due; None once none waits."""
    rows = db.exec(select(Certificate.next_attempt_at).where(
        Certificate.session_id == session_id, col(Certificate.sent_at).is_(None),
        col(Certificate.revoked_at).is_(None),
        Certificate.attempts < MAX_ATTEMPTS).order_by(col(Certificate.next_attempt_at)))
    first = rows.first()
    return as_utc(first) if first else None


def compose(certificate: Certificate, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = certificate.email
    message["Subject"] = f"Your CME/CE certificate: {certificate.session_title}"
    message.set_content(
        f"Dear {certificate.name},\n\n"
        f"Thank you for taking part in {certificate.session_title} on "
        f"{certificate.session_date}. Your certificate for "
        f"{hours_phrase(certificate.credit_centihours)} of credit is attached.\n\n"
        f"Its verification code is {shown_code(certificate.code)}; anyone can check it at\n"
        f"{certificate.verify_url}\n")
    message.add_attachment(certificate.pdf or b"", maintype="application", subtype="pdf",
                           filename=f"certificate-{shown_code(certificate.code)}.pdf")
    return message


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{type(exc).__name__}: {exc.smtp_code}"[:200]
    return type(exc).__name__[:200]


# --- reading ------------------------------------------------------------------------------


def certificates_of_session(db: Session, session: EchoSession) -> list[Certificate]:
    return list(db.exec(select(Certificate).where(Certificate.session_id == session.id)
                        .options(defer(Certificate.pdf))  # type: ignore[arg-type]
                        .order_by(col(Certificate.name))))


def certificates_of(db: Session, user: User, *, start: date | None = None,
                    end: date | None = None) -> list[tuple[Certificate, EchoSession]]:
    """A person's certificates that stand, oldest session first: those issued to their
    account, and those sent to their address before they had one. ``end`` is included."""
    return _certificates_where(db, _whose(user), start, end)


@dataclass(frozen=True)
class Listed:
    """A certificate as its holder's account lists it."""

    certificate: Certificate
    revoked_on: date | None  # the day it was revoked, in the holder's zone; None: it stands


def listed_certificates(db: Session, user: User) -> list[Listed]:
    """Every certificate the person was sent, oldest session first, revoked ones too: one
    they were e-mailed does not vanish from their account, it says it no longer stands
    (and when), as the public check does."""
    rows = _certificates_where(db, _whose(user), None, None, revoked_too=True)
    return [Listed(c, None if c.revoked_at is None else as_utc(c.revoked_at).astimezone(
                zones.zone(reader_zone(db, user, s.hub_id))).date()) for c, s in rows]


def _whose(user: User) -> ColumnElement[bool]:
    return ((col(Certificate.user_id) == user.id)
            | (col(Certificate.email) == normalise_email(user.email)))


def certificates_at_address(db: Session, email: str, *, start: date | None = None,
                            end: date | None = None) -> list[tuple[Certificate, EchoSession]]:
    """The certificates sent to ``email`` (a spoke without an account has only these),
    oldest session first. ``end`` is included."""
    return _certificates_where(db, col(Certificate.email) == normalise_email(email),
                               start, end)


def _certificates_where(db: Session, whose: ColumnElement[bool], start: date | None,
                        end: date | None, *, revoked_too: bool = False,
                        ) -> list[tuple[Certificate, EchoSession]]:
    # The PDFs stay in the database until one is downloaded: a list needs none of them.
    query = (select(Certificate, EchoSession)
             .options(defer(Certificate.pdf))  # type: ignore[arg-type]
             .join(EchoSession, col(EchoSession.id) == Certificate.session_id)
             .where(whose))
    if not revoked_too:
        query = query.where(col(Certificate.revoked_at).is_(None))  # revoked: no credit
    if start is not None:
        query = query.where(col(EchoSession.starts_at) >= datetime.combine(
            start, datetime.min.time(), UTC) - timedelta(days=1))
    if end is not None:
        query = query.where(col(EchoSession.starts_at) < datetime.combine(
            end, datetime.min.time(), UTC) + timedelta(days=2))
    rows = list(db.exec(query.order_by(col(EchoSession.starts_at))))
    # A day's edges are in each session's own zone: filter exactly on the printed date.
    return [(c, s) for c, s in rows
            if (start is None or _local_day(s) >= start) and (end is None or _local_day(s) <= end)]


def _local_day(session: EchoSession) -> date:
    return as_utc(session.starts_at).astimezone(ZoneInfo(session.timezone)).date()


def own_certificate(db: Session, user: User, certificate_id: int) -> Certificate:
    """One of the user's certificates that stands; anyone else's does not exist for them,
    and a revoked one is no longer given out (its account line says so)."""
    email = normalise_email(user.email)
    certificate = db.get(Certificate, certificate_id)
    if certificate is None or (certificate.user_id != user.id and certificate.email != email):
        raise NotFound("No such certificate.")
    if certificate.revoked_at is not None:
        raise Gone("This certificate was revoked: it no longer stands, and cannot be "
                   "downloaded. The hub that issued it can tell you why.")
    return certificate


@dataclass(frozen=True)
class Verified:
    """All that the public page tells about a code: four facts, and whether it was
    revoked (not when, by whom or why)."""

    name: str
    session_title: str
    session_date: str
    hours: str
    revoked: bool = False


def verify(db: Session, typed: str) -> Verified | None:
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH:
        return None
    certificate = db.exec(select(Certificate).where(Certificate.code == code)).first()
    if certificate is None:
        return None
    return Verified(certificate.name, certificate.session_title, certificate.session_date,
                    hours_text(certificate.credit_centihours),
                    revoked=certificate.revoked_at is not None)
