"""A session's participants: hub members ticked present, and people without an account
from a video platform's report or added by hand. Every change by hand says why, and is
audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from echo_cases import clock
from echo_cases.access import ORGANISERS, role_in_hub
from echo_cases.errors import Forbidden, Invalid, NotFound
from echo_cases.numbers import whole
from echo_cases.services import audit
from echo_cases.services.accounts import normalise_email
from echo_cases.services.participant_report import ReportedPerson, Skipped, read_report
from echo_cases.services.sessions import attendance_of, has_started
from models import EchoSession, Membership, SessionParticipant, User, as_utc, id_of

MAX_REASON = 500


class Match:
    """How a reported person was recognised, in the words the preview shows."""

    MEMBER = "hub member"
    EARLIER = "earlier participant"
    NEW = "new participant"


@dataclass(frozen=True)
class Participant:
    """One line of a session's participant list."""

    name: str
    email: str
    profession: str
    organisation: str
    minutes: int
    user_id: int | None
    participant_id: int | None  # None: a member ticked present, counted for the session


@dataclass(frozen=True)
class Entry:
    """A participant as a form gives it."""

    name: str
    email: str
    profession: str = ""
    organisation: str = ""
    minutes: str = ""


@dataclass(frozen=True)
class PreviewRow:
    person: ReportedPerson
    minutes: int
    match: str
    known_as: str  # the member's or earlier participant's name, if matched
    previous_minutes: int | None  # this session's minutes before the import, if any
    member: User | None = None
    earlier: SessionParticipant | None = None


@dataclass(frozen=True)
class ImportPreview:
    rows: list[PreviewRow]
    skipped: list[Skipped]


def _require_organiser(db: Session, user: User, session: EchoSession) -> None:
    if role_in_hub(db, user, session.hub_id) not in ORGANISERS:
        raise Forbidden("Only the hub's coordinators keep a session's participants.")
    if not has_started(db, session):
        raise Invalid("Participants are recorded once the session has started.",
                      {"report": "The session has not started yet."})


def participants_of(db: Session, session: EchoSession) -> list[Participant]:
    """Everyone who took part, by name: rows first, then members ticked present who have
    no row (they count for the whole session)."""
    rows = list(db.exec(select(SessionParticipant)
                        .where(SessionParticipant.session_id == session.id)))
    listed = {r.user_id for r in rows if r.user_id is not None}
    result = [Participant(r.name, r.email, r.profession, r.organisation, r.minutes,
                          r.user_id, r.id) for r in rows]
    ticked = [uid for uid in attendance_of(db, session) if uid not in listed]
    if ticked:
        for user in db.exec(select(User).where(col(User.id).in_(ticked))):
            result.append(Participant(user.name, normalise_email(user.email), user.profession,
                                      user.organisation, session.duration_minutes,
                                      user.id, None))
    return sorted(result, key=lambda p: (p.name.lower(), p.email))


def preview_import(db: Session, organiser: User, session: EchoSession,
                   text: str) -> ImportPreview:
    """What importing the report would do, person by person; nothing is saved."""
    _require_organiser(db, organiser, session)
    starts = as_utc(session.starts_at)
    report = read_report(text, session.timezone,
                         (starts, starts + timedelta(minutes=session.duration_minutes)))
    emails = [p.email for p in report.people]
    members = _members_by_email(db, session.hub_id, emails)
    earlier = _earlier(db, session, [e for e in emails if e not in members])
    current = {r.email: r for r in _rows(db, session)}
    rows = []
    for person in report.people:
        member, seen = members.get(person.email), earlier.get(person.email)
        match, known_as = ((Match.MEMBER, member.name) if member else
                           (Match.EARLIER, seen.name) if seen else (Match.NEW, ""))
        before = current.get(person.email)
        rows.append(PreviewRow(person, person.minutes(session.duration_minutes), match,
                               known_as, before.minutes if before else None, member, seen))
    return ImportPreview(rows, report.skipped)


def import_report(db: Session, organiser: User, session: EchoSession,
                  text: str) -> ImportPreview:
    """Save the report as its preview showed it: each person's minutes replace any this
    session had for them; people not in the report keep theirs."""
    preview = preview_import(db, organiser, session, text)
    current = {r.email: r for r in _rows(db, session)}
    now = clock.now(db)
    for row in preview.rows:
        person, member, earlier = row.person, row.member, row.earlier
        participant = current.get(person.email) or SessionParticipant(
            session_id=id_of(session), name=person.name or person.email, email=person.email,
            profession=person.profession or (earlier.profession if earlier else ""),
            organisation=person.organisation or (earlier.organisation if earlier else ""))
        if member is not None:
            participant.user_id, participant.name = member.id, member.name
            participant.profession = participant.profession or member.profession
            participant.organisation = participant.organisation or member.organisation
        participant.minutes, participant.updated_at = row.minutes, now
        db.add(participant)
    audit.record(db, "participants_imported", actor_id=id_of(organiser),
                 hub_id=session.hub_id, subject=f"session:{session.id}",
                 people=len(preview.rows), skipped=len(preview.skipped),
                 members=sum(r.match == Match.MEMBER for r in preview.rows))
    db.flush()
    return preview


def set_participant(db: Session, organiser: User, session: EchoSession, entry: Entry,
                    reason: str) -> SessionParticipant:
    """Add someone by hand, or change the minutes of someone listed (matched by e-mail)."""
    _require_organiser(db, organiser, session)
    email = normalise_email(entry.email)
    errors: dict[str, str] = {}
    existing = next((r for r in _rows(db, session) if r.email == email), None)
    member = _members_by_email(db, session.hub_id, [email]).get(email)
    name = entry.name.strip() or (existing.name if existing else "") or \
        (member.name if member else "")
    if not name:
        errors["name"] = "Enter the person's name."
    elif len(name) > 200:
        errors["name"] = "Use at most 200 characters."
    local, at, domain = email.partition("@")
    if not (local and at and "." in domain) or len(email) > 254 or " " in email:
        errors["email"] = "Enter an e-mail address, like name@example.org."
    minutes = entry.minutes.strip()
    if whole(minutes, high=session.duration_minutes) is None:
        errors["minutes"] = (f"Give the minutes attended, from 0 to the session's "
                             f"{session.duration_minutes}.")
    if len(entry.profession) > 100 or len(entry.organisation) > 200:
        errors["profession"] = "Shorten the profession or organisation."
    reason = _reason(reason, errors)
    if errors:
        raise Invalid("The participant needs a few changes.", errors)
    row = existing or SessionParticipant(session_id=id_of(session), name=name, email=email)
    before = existing.minutes if existing else None
    row.name = name
    row.profession = entry.profession.strip() or row.profession or \
        (member.profession if member else "")
    row.organisation = entry.organisation.strip() or row.organisation or \
        (member.organisation if member else "")
    row.user_id = member.id if member else row.user_id
    row.minutes, row.updated_at = int(minutes), clock.now(db)
    db.add(row)
    db.flush()
    audit.record(db, "participant_changed" if existing else "participant_added",
                 actor_id=id_of(organiser), hub_id=session.hub_id,
                 subject=f"session:{session.id}", participant_id=row.id,
                 minutes_before=before, minutes=row.minutes, reason=reason)
    return row


def remove_participant(db: Session, organiser: User, session: EchoSession,
                       participant_id: int, reason: str) -> None:
    """Take someone off the list; a member ticked present is unticked on the attendance
    list instead, where the version check guards it."""
    _require_organiser(db, organiser, session)
    row = db.get(SessionParticipant, participant_id)
    if row is None or row.session_id != session.id:
        raise NotFound("No such participant in this session.")
    errors: dict[str, str] = {}
    reason = _reason(reason, errors)
    if errors:
        raise Invalid("Say why this participant is removed.", errors)
    audit.record(db, "participant_removed", actor_id=id_of(organiser), hub_id=session.hub_id,
                 subject=f"session:{session.id}", participant_id=row.id,
                 minutes_before=row.minutes, reason=reason)
    db.delete(row)
    db.flush()


def _reason(reason: str, errors: dict[str, str]) -> str:
    reason = reason.strip()
    if not reason:
        errors["reason"] = "Say why: the change is kept in the hub's audit trail."
    elif len(reason) > MAX_REASON:
        errors["reason"] = f"Use at most {MAX_REASON} characters."
    return reason


def _rows(db: Session, session: EchoSession) -> list[SessionParticipant]:
    return list(db.exec(select(SessionParticipant)
                        .where(SessionParticipant.session_id == session.id)))


def _members_by_email(db: Session, hub_id: int, emails: list[str]) -> dict[str, User]:
    if not emails:
        return {}
    found = db.exec(select(User).join(Membership, col(Membership.user_id) == User.id)
                    .where(Membership.hub_id == hub_id,
                           col(User.email).in_(sorted(set(emails)))))
    return {normalise_email(u.email): u for u in found}


def _earlier(db: Session, session: EchoSession,
             emails: list[str]) -> dict[str, SessionParticipant]:
    """The same people at other sessions of the hub: each one's latest entry."""
    latest: dict[str, SessionParticipant] = {}
    for start in range(0, len(emails), 500):  # within every database's bound-parameter limit
        for row in db.exec(
                select(SessionParticipant)
                .join(EchoSession, col(EchoSession.id) == SessionParticipant.session_id)
                .where(EchoSession.hub_id == session.hub_id,
                       col(SessionParticipant.email).in_(emails[start:start + 500]),
                       SessionParticipant.session_id != session.id)
                .order_by(col(SessionParticipant.updated_at))):
            latest[row.email] = row
    return latest
