"""A hub's activity: who changed what in how the hub runs, and when, read from the audit trail.

Only the kinds of event named here are shown, each in plain words, with the names of the
people, programs and hub it concerns and the names (never the values) of what changed.
Case events stay on each case's history: nothing here reads a case, so nothing here can
carry what was written about a patient.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from echo_cases.numbers import whole
from models import AuditEvent, Hub, Membership, Program, User, as_utc

# Changes to the hub itself, recorded with its id.
HUB_EVENTS: dict[str, str] = {
    "hub_created": "started the hub",
    "hub_settings_changed": "changed the hub's settings",
    "program_created": "created a program",
    "program_changed": "changed a program",
    "program_archived": "archived a program",
    "program_restored": "restored a program",
    "program_evaluation_changed": "changed a program's session evaluation",
    "program_form_changed": "saved a new version of a program's case form",
    "program_credit_set": "set a program's CME/CE credit",
    "role_changed": "changed a role",
    "profile_changed": "changed a profile",
    "account_deactivated": "deactivated an account",
    "account_reactivated": "reactivated an account",
    "invitation_created": "invited someone",
    "invitation_resent": "re-sent an invitation",
    "invitation_revoked": "revoked an invitation",
    "invitation_accepted": "accepted an invitation",
}
# Changes a member makes to their own account, recorded without a hub: shown in each of
# the member's hubs. (bandit reads the words under "password"/"token" keys as secrets.)
ACCOUNT_EVENTS: dict[str, str] = {
    "profile_changed": "changed their own profile",
    "reader_zone_changed": "changed the time zone they read times in",
    "password_changed": "changed their password",  # nosec B105
    "password_reset": "reset their password",  # nosec B105
    "two_factor_enrolled": "turned on a second factor",
    "two_factor_disabled": "turned off their second factor",
    "token_created": "created a personal API token",  # nosec B105
    "token_revoked": "revoked a personal API token",  # nosec B105
}
# Detail worth showing, by key: names of settings and fields, roles, counts. Nothing else
# in an event's detail is read.
SHOWN_DETAIL = ("changed", "before", "after", "sessions_ended", "tokens_revoked", "days")
PAGE_SIZE = 50


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    actor: str
    what: str
    concerning: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ActivityPage:
    entries: list[Entry]
    older_than: int | None  # the id to ask for the next (older) page from; None: no more


def activity_of_hub(db: Session, hub_id: int, *, before: int | None = None,
                    limit: int = PAGE_SIZE) -> ActivityPage:
    """The hub's changes newest first, ``limit`` at a time, older than event ``before``."""
    members = select(Membership.user_id).where(Membership.hub_id == hub_id)
    query = select(AuditEvent).where(or_(
        and_(col(AuditEvent.hub_id) == hub_id, col(AuditEvent.kind).in_(HUB_EVENTS)),
        and_(col(AuditEvent.hub_id).is_(None), col(AuditEvent.kind).in_(ACCOUNT_EVENTS),
             col(AuditEvent.actor_id).in_(members))))
    if before is not None:
        query = query.where(col(AuditEvent.id) < before)
    events = list(db.exec(query.order_by(col(AuditEvent.id).desc()).limit(limit + 1)))
    more = len(events) > limit
    events = events[:limit]
    names = _Names(db)
    entries = [Entry(
        id=event.id or 0, at=as_utc(event.at),
        actor=names.user(event.actor_id) if event.actor_id else "An operator (server command)",
        what=(HUB_EVENTS if event.hub_id is not None else ACCOUNT_EVENTS)[event.kind],
        concerning=names.subject(event.subject),
        detail={k: event.detail[k] for k in SHOWN_DETAIL if k in event.detail})
        for event in events]
    return ActivityPage(entries, events[-1].id if more and events else None)


class _Names:
    """What a subject ("user:3", "program:2") is called, each read once a page."""

    def __init__(self, db: Session) -> None:
        self.db = db
        self.cache: dict[str, str] = {}

    def user(self, user_id: int) -> str:
        return self.subject(f"user:{user_id}")

    def subject(self, subject: str) -> str:
        if subject not in self.cache:
            self.cache[subject] = self._read(subject)
        return self.cache[subject]

    def _read(self, subject: str) -> str:
        kind, _, raw = subject.partition(":")
        if whole(raw) is None:
            return ""
        table = {"user": User, "program": Program, "hub": Hub}.get(kind)
        if table is None:
            return ""  # a token, say: its owner is the actor
        row = self.db.get(table, int(raw))
        return row.name if row is not None else ""
