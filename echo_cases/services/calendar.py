"""A person's zone and calendar: the sessions that are theirs, as iCalendar files and as a
feed their calendar subscribes to with a revocable link.

What goes into a calendar leaves the hub's control (calendar servers, phones, shared
calendars), so an event carries the session alone: its program, topic, times, video
link and page. Never a case, its title or anything typed about a patient.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import or_
from sqlmodel import Session, col, select

from echo_cases import clock, zones
from echo_cases.access import ORGANISERS
from echo_cases.errors import Invalid
from echo_cases.services import audit
from models import (
    AgendaItem,
    CalendarFeed,
    Case,
    EchoSession,
    Hub,
    Membership,
    Program,
    SessionPanelist,
    User,
    as_utc,
    id_of,
)

FEED_PREFIX = "ecal_"  # marks our feed tokens in logs and scanners, like API tokens' "ec_"
# A feed shows what is coming and what happened lately, not years of history.
FEED_LOOKBACK = timedelta(days=90)
PRODUCT = "-//echo-cases//teleECHO sessions//EN"


def reader_zone(db: Session, user: User, hub_id: int | None = None) -> str:
    """The zone ``user`` reads times in: their own choice, else the hub's (the hub
    concerned, or their first), else UTC."""
    if user.timezone and zones.is_zone(user.timezone):
        return user.timezone
    return hub_zone(db, hub_id) if hub_id is not None else home_zone(db, user)


def when_for(db: Session, user: User, session: EchoSession) -> zones.ShownTime:
    """The session's time span as ``user`` reads it, with the session's zone beside it:
    the same words wherever a page names the session (its header, a case's agenda line)."""
    return zones.shown(as_utc(session.starts_at), session.duration_minutes,
                       reader_zone(db, user, session.hub_id), session.timezone)


def home_zone(db: Session, user: User) -> str:
    """The zone of the person's first hub: theirs until they choose one."""
    return hub_zone(db, db.exec(select(Membership.hub_id).where(Membership.user_id == user.id)
                                .order_by(col(Membership.id))).first())


def hub_zone(db: Session, hub_id: int | None) -> str:
    hub = db.get(Hub, hub_id) if hub_id is not None else None
    return hub.timezone if hub is not None and zones.is_zone(hub.timezone) else zones.UTC


def set_reader_zone(db: Session, user: User, name: str) -> None:
    """Choose the zone ``user`` reads times in; an empty name follows their hub's zone."""
    name = name.strip()
    if name and name not in zones.choosable():
        raise Invalid("Choose your time zone from the list.",
                      {"timezone": "Choose a time zone from the list, or your hub's zone."})
    if (user.timezone or "") == name:
        return
    user.timezone = name or None
    db.add(user)
    # The zone is no secret, but every change to an account shows on its hubs' activity.
    audit.record(db, "reader_zone_changed", actor_id=id_of(user), subject=f"user:{user.id}",
                 changed=["timezone"])
    db.flush()


def sessions_of_person(db: Session, user: User) -> list[EchoSession]:
    """The sessions that are ``user``'s: every session of a hub they organise, and in their
    other hubs those they facilitate, sit on the panel of, or present a case in."""
    memberships = list(db.exec(select(Membership).where(Membership.user_id == user.id)))
    hub_ids = [m.hub_id for m in memberships]
    organised = [m.hub_id for m in memberships if m.role in ORGANISERS]
    on_panel = select(SessionPanelist.session_id).where(SessionPanelist.user_id == user.id)
    presenting = (select(AgendaItem.session_id)
                  .join(Case, col(Case.id) == AgendaItem.case_id)
                  .where(Case.author_id == user.id))
    return list(db.exec(
        select(EchoSession)
        .where(col(EchoSession.hub_id).in_(hub_ids),
               col(EchoSession.starts_at) > clock.now(db) - FEED_LOOKBACK,
               or_(col(EchoSession.hub_id).in_(organised),
                   EchoSession.facilitator_id == user.id,
                   col(EchoSession.id).in_(on_panel),
                   col(EchoSession.id).in_(presenting)))
        .order_by(col(EchoSession.starts_at))))


def session_title(session: EchoSession, program: Program | None) -> str:
    name = program.name if program else "teleECHO"
    return f"{name}: {session.topic}" if session.topic else f"{name} teleECHO session"


def calendar_of(db: Session, sessions: list[EchoSession], page_url: Callable[[int], str], *,
                name: str = "") -> bytes:
    """An iCalendar file (RFC 5545) with one event per session, in each session's own zone.

    ``page_url`` gives the absolute address of a session's page, for the event's link.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = clock.now(db)
    for session in sessions:
        calendar.add_component(_event(session, db.get(Program, session.program_id),
                                      page_url(id_of(session)), stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(session: EchoSession, program: Program | None, page: str,
           stamp: datetime) -> Event:
    start = as_utc(session.starts_at).astimezone(zones.zone(session.timezone))
    event = Event()
    event.add("uid", f"echo-session-{session.id}@echo-cases")
    event.add("dtstamp", stamp)
    event.add("sequence", session.sequence)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=session.duration_minutes))
    event.add("summary", session_title(session, program))
    lines = [f"teleECHO session of {program.name}." if program else "teleECHO session."]
    if session.topic:
        lines.append(f"Topic: {session.topic}")
    if session.video_url:
        lines.append(f"Join: {session.video_url}")
        event.add("location", session.video_url)
    lines.append(f"Session page: {page}")
    event.add("description", "\n".join(lines))
    event.add("url", page)
    return event


def issue_feed(db: Session, user: User) -> str:
    """A new calendar link for ``user``; any older link stops working. The token is
    returned once and only its digest kept, like an API token."""
    revoke_feeds(db, user, quietly=True)
    token = FEED_PREFIX + secrets.token_urlsafe(32)
    db.add(CalendarFeed(user_id=id_of(user), digest=_digest(token)))
    audit.record(db, "calendar_feed_issued", actor_id=user.id, subject=f"user:{user.id}")
    db.flush()
    return token


def revoke_feeds(db: Session, user: User, *, quietly: bool = False) -> int:
    """Stop every calendar link of ``user`` at once; how many were live."""
    live = list(db.exec(select(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                                   col(CalendarFeed.revoked_at).is_(None))))
    now = clock.now(db)
    for feed in live:
        feed.revoked_at = now
        db.add(feed)
    if live and not quietly:
        audit.record(db, "calendar_feed_revoked", actor_id=user.id, subject=f"user:{user.id}")
    db.flush()
    return len(live)


def live_feed(db: Session, user: User) -> CalendarFeed | None:
    return db.exec(select(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                              col(CalendarFeed.revoked_at).is_(None))).first()


def person_for_feed(db: Session, token: str) -> User | None:
    """Whose live link this is, or None (revoked, unknown, or the person disabled)."""
    if not token.startswith(FEED_PREFIX):
        return None
    feed = db.exec(select(CalendarFeed).where(CalendarFeed.digest == _digest(token),
                                              col(CalendarFeed.revoked_at).is_(None))).first()
    user = db.get(User, feed.user_id) if feed else None
    return user if user is not None and user.active else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
