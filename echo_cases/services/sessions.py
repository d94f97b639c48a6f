"""teleECHO sessions: scheduling, panels, agendas and attendance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, delete, select, update

from echo_cases import clock, zones
from echo_cases.access import ORGANISERS, hubs_where, role_in_hub
from echo_cases.errors import Conflict, Forbidden, Invalid, NotFound
from echo_cases.letters.content import session_label
from echo_cases.services import audit
from models import (
    AgendaItem,
    Attendance,
    Case,
    EchoSession,
    Membership,
    Program,
    SessionPanelist,
    User,
    as_utc,
    id_of,
)
from workflows import CaseState, Role

# A case in these states was presented in its session: the session's time is history.
PRESENTED_STATES = (CaseState.PRESENTED, CaseState.RECOMMENDATIONS_SENT)


@dataclass(frozen=True)
class SessionPlan:
    program_id: int
    local_start: datetime  # naive, in ``timezone``
    timezone: str
    topic: str = ""
    duration_minutes: int = 60
    facilitator_id: int | None = None
    panel_ids: tuple[int, ...] = ()
    video_url: str = ""


def get_session(db: Session, user: User, session_id: int) -> EchoSession:
    """A session of one of the user's hubs, or NotFound."""
    session = db.get(EchoSession, session_id)
    if session is None or role_in_hub(db, user, session.hub_id) is None:
        if session is not None:
            audit.record_apart(db, "access_denied", actor_id=user.id, hub_id=session.hub_id,
                               subject=f"session:{session_id}")
        raise NotFound("No such session.")
    return session


def _require_organiser(db: Session, user: User, hub_id: int) -> None:
    if role_in_hub(db, user, hub_id) not in ORGANISERS:
        raise Forbidden("Only the hub's coordinators schedule sessions.")


def schedule_session(db: Session, organiser: User, plan: SessionPlan) -> EchoSession:
    program = db.get(Program, plan.program_id)
    if program is None or role_in_hub(db, organiser, program.hub_id) is None:
        raise NotFound("No such program.")
    _require_organiser(db, organiser, program.hub_id)
    errors: dict[str, str] = {}
    if program.archived_at is not None:
        errors["program_id"] = "This program is archived: its admin can restore it."
    if not zones.is_zone(plan.timezone):
        errors["timezone"] = "Choose a time zone from the list, such as America/Denver."
    zone = zones.zone(plan.timezone)
    video_url, problem = _video_link(plan.video_url)
    if problem:
        errors["video_url"] = problem
    starts_at = plan.local_start.replace(tzinfo=zone)
    if starts_at <= clock.now(db):
        errors["starts_at"] = "Choose a time in the future."
    if not 15 <= plan.duration_minutes <= 480:
        errors["duration_minutes"] = "Sessions last between 15 minutes and 8 hours."
    members = _members(db, program.hub_id)
    panel = list(dict.fromkeys(plan.panel_ids))
    if any(members.get(uid) is not Role.EXPERT for uid in panel):
        errors["panel_ids"] = "The panel is made of this hub's experts."
    if plan.facilitator_id is not None and plan.facilitator_id not in members:
        errors["facilitator_id"] = "The facilitator must be a member of this hub."
    if errors:
        raise Invalid("The session needs a few changes.", errors)
    session = EchoSession(
        hub_id=program.hub_id, program_id=id_of(program), starts_at=starts_at.astimezone(
            ZoneInfo("UTC")), timezone=plan.timezone, duration_minutes=plan.duration_minutes,
        topic=plan.topic.strip(), facilitator_id=plan.facilitator_id, video_url=video_url)
    db.add(session)
    db.flush()
    for user_id in panel:
        db.add(SessionPanelist(session_id=id_of(session), user_id=user_id))
    db.flush()
    return session


@dataclass(frozen=True)
class NewTime:
    """Where a coordinator moves a session: a day and time in ``timezone``."""

    local_start: datetime  # naive, in ``timezone``
    timezone: str


def reschedule_session(db: Session, organiser: User, session: EchoSession,
                       new: NewTime) -> None:
    """Move a session to another day, time or zone, until it starts.

    Its panel and presenters read the new time wherever the session is shown; its
    calendar event keeps its UID and takes the next SEQUENCE, so calendars move it. Once
    a case was presented or the session began, its time is history and stays.
    """
    _require_organiser(db, organiser, session.hub_id)
    presented = db.exec(select(AgendaItem.id).join(Case, col(Case.id) == AgendaItem.case_id)
                        .where(AgendaItem.session_id == session.id,
                               col(Case.state).in_(PRESENTED_STATES))).first()
    if presented is not None:
        raise Invalid("A case was already presented in this session: its time is kept.",
                      {"starts_at": "A case was already presented in this session."})
    if has_started(db, session):
        raise Invalid("This session has started: its time is kept.",
                      {"starts_at": "This session has started."})
    errors: dict[str, str] = {}
    if not zones.is_zone(new.timezone):
        errors["timezone"] = "Choose a time zone from the list, such as America/Denver."
    starts_at = new.local_start.replace(tzinfo=zones.zone(new.timezone))
    if starts_at <= clock.now(db):
        errors["starts_at"] = "Choose a time in the future."
    if errors:
        raise Invalid("The session needs a few changes.", errors)
    before = (as_utc(session.starts_at), session.timezone)
    session.starts_at = starts_at.astimezone(ZoneInfo("UTC"))
    session.timezone = new.timezone
    if before == (as_utc(session.starts_at), session.timezone):
        return  # the same moment in the same zone: nothing moved, no new event
    session.sequence += 1
    db.add(session)
    audit.record(db, "session_rescheduled", actor_id=organiser.id, hub_id=session.hub_id,
                 subject=f"session:{session.id}",
                 starts_at={"before": before[0].isoformat(),
                            "after": as_utc(session.starts_at).isoformat()},
                 timezone={"before": before[1], "after": session.timezone})
    db.flush()


def set_video_link(db: Session, organiser: User, session: EchoSession, url: str) -> None:
    """Give (or clear, with an empty ``url``) the link participants join the session by."""
    _require_organiser(db, organiser, session.hub_id)
    video_url, problem = _video_link(url)
    if problem:
        raise Invalid(problem, {"video_url": problem})
    session.video_url = video_url
    db.add(session)
    # The link itself stays out of the trail: meeting links often carry their passcode.
    audit.record(db, "session_video_link_set", actor_id=organiser.id, hub_id=session.hub_id,
                 subject=f"session:{session.id}", has_link=bool(video_url))
    db.flush()


VIDEO_LINK_HINT = "Give the https:// address participants join by, such as https://zoom.us/j/123."


def _video_link(url: str) -> tuple[str, str]:
    """The link as it will be stored, and what is wrong with it (empty when nothing is)."""
    url = url.strip()
    if not url:
        return "", ""
    if len(url) > 500:
        return url, "That link is longer than 500 characters."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return url, VIDEO_LINK_HINT
    if parts.scheme.lower() != "https" or not parts.hostname:
        return url, VIDEO_LINK_HINT
    if parts.username or parts.password or any(c.isspace() for c in url):
        return url, "Give the link without spaces or a user name in it."
    return url, ""


def _members(db: Session, hub_id: int) -> dict[int, Role]:
    return {m.user_id: m.role for m in db.exec(select(Membership)
                                                .where(Membership.hub_id == hub_id))}


def sessions_of_hubs(db: Session, user: User, *, upcoming_only: bool = False,
                     program_id: int | None = None) -> list[EchoSession]:
    hub_ids = hubs_where(db, user, frozenset(Role))
    query = select(EchoSession).where(col(EchoSession.hub_id).in_(hub_ids))
    if upcoming_only:
        query = query.where(col(EchoSession.starts_at) > clock.now(db) - timedelta(hours=12))
    if program_id:
        query = query.where(EchoSession.program_id == program_id)
    return list(db.exec(query.order_by(col(EchoSession.starts_at))))


def upcoming_sessions_for(db: Session, case: Case) -> list[EchoSession]:
    """Sessions of the case's program that have not started: where it can be scheduled."""
    return list(db.exec(
        select(EchoSession).where(EchoSession.program_id == case.program_id,
                                  col(EchoSession.starts_at) > clock.now(db))
        .order_by(col(EchoSession.starts_at))))


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    case: Case
    title: str
    starts_at: datetime  # when this case's time box begins (UTC)


def agenda(db: Session, session: EchoSession) -> list[AgendaRow]:
    rows = db.exec(select(AgendaItem, Case).join(Case, col(Case.id) == AgendaItem.case_id)
                   .where(AgendaItem.session_id == session.id)
                   .order_by(col(AgendaItem.position)))
    clock = as_utc(session.starts_at)
    result = []
    for item, case in rows:
        result.append(AgendaRow(item, case, str((case.deidentified or {}).get("title", "")),
                                clock))
        clock += timedelta(minutes=item.minutes)
    return result


def place_on_agenda(db: Session, case: Case) -> tuple[EchoSession, int] | None:
    """The session a case is booked into, and its position there (for the presenter)."""
    row = db.exec(select(AgendaItem, EchoSession)
                  .join(EchoSession, col(EchoSession.id) == AgendaItem.session_id)
                  .where(AgendaItem.case_id == case.id)).first()
    return (row[1], row[0].position) if row else None


def panel_of(db: Session, session: EchoSession) -> list[User]:
    return list(db.exec(select(User).join(SessionPanelist, col(SessionPanelist.user_id) == User.id)
                        .where(SessionPanelist.session_id == session.id).order_by(User.name)))


def hub_members(db: Session, hub_id: int) -> list[tuple[User, Role]]:
    return [(u, m.role) for u, m in db.exec(
        select(User, Membership).join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.hub_id == hub_id).order_by(User.name))]


def record_attendance(db: Session, organiser: User, session: EchoSession,
                      present_ids: Iterable[int], *, expected_version: int) -> list[int]:
    """Replace the session's attendance with ``present_ids`` (members of its hub), once
    the session has begun: before that nobody can have attended it.

    ``expected_version`` is the ``attendance_version`` the organiser's list was made from;
    if someone recorded attendance since, nothing changes and the answer is 409."""
    _require_organiser(db, organiser, session.hub_id)
    if not has_started(db, session):
        raise Invalid(NOT_STARTED.format(when=session_label(session)),
                      {"present_ids": "Attendance is recorded once the session has started."})
    members = _members(db, session.hub_id)
    present = sorted(set(present_ids))
    strangers = [uid for uid in present if uid not in members]
    if strangers:
        raise Invalid("Attendance lists this hub's members only.",
                      {"present_ids": "Someone listed is not a member of this hub."})
    # Compare-and-set on the version read: of two writers from the same version, the
    # second updates no row (PostgreSQL re-reads it after the first commits) and is refused.
    written = db.exec(update(EchoSession)
                      .where(col(EchoSession.id) == session.id,
                             col(EchoSession.attendance_version) == expected_version)
                      .values(attendance_version=expected_version + 1))
    db.expire(session, ["attendance_version"])
    if written.rowcount != 1:
        raise Conflict(ATTENDANCE_CHANGED)
    before = set(attendance_of(db, session))
    db.exec(delete(Attendance).where(col(Attendance.session_id) == session.id))
    for user_id in present:
        db.add(Attendance(session_id=id_of(session), user_id=user_id,
                          recorded_by_id=id_of(organiser)))
    # Whom the change added and removed, by account id as every event names people (never
    # by name or address): a member's certificate rests on being ticked present.
    audit.record(db, "attendance_recorded", actor_id=id_of(organiser), hub_id=session.hub_id,
                 subject=f"session:{session.id}", present=len(present),
                 added=sorted(set(present) - before), removed=sorted(before - set(present)),
                 attendance_version=expected_version + 1)
    db.flush()
    return present


ATTENDANCE_CHANGED = ("Someone else recorded this session's attendance since you opened "
                      "it: reload the page to see their list, then record yours again.")
NOT_STARTED = ("The session has not started yet: it starts {when}. "
               "Record attendance once it has begun.")


def has_started(db: Session, session: EchoSession) -> bool:
    return as_utc(session.starts_at) <= clock.now(db)


def attendance_of(db: Session, session: EchoSession) -> list[int]:
    return list(db.exec(select(Attendance.user_id).where(Attendance.session_id == session.id)))
