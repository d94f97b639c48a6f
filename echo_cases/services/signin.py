"""Signing in and out: throttled password checks and sessions kept on the server.

The browser holds only a random token; the server keeps its SHA-256 with the
session's age, so logging out, idling too long, or an admin disabling the account
ends the session for real, not just in one browser.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from echo_cases import clock
from echo_cases.services import accounts, audit, two_factor
from echo_cases.services.throttle import counter_of
from models import LoginSession, User, as_utc, id_of, utcnow


@dataclass(frozen=True)
class SignIn:
    user: User | None
    token: str = ""  # empty while a second factor is still owed
    locked_until: datetime | None = None
    needs_code: bool = False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(db: Session, email: str, password: str) -> SignIn:
    """Check the password unless the address is locked out; start a session if it matches."""
    key = accounts.normalise_email(email)[:254]
    now, counter = utcnow(), counter_of(db)
    locked = counter.locked_until(db, key, now)
    if locked is not None:
        audit.record_apart(db, "login_refused_locked", subject=f"email:{_short(key)}")
        return SignIn(None, locked_until=locked)
    user = accounts.authenticate(db, key, password)
    if user is None:
        locked_until = counter.count_failure(db, key, now)
        audit.record_apart(db, "login_failed", subject=f"email:{_short(key)}",
                           locked=locked_until is not None)
        return SignIn(None, locked_until=locked_until)
    counter.clear(db, key)
    if two_factor.enabled(user):
        return SignIn(user, needs_code=True)
    return SignIn(user, token=start_session(db, user))


def finish_with_code(db: Session, user: User, code: str) -> SignIn:
    """The second step: a valid, unused code starts the session; a wrong one counts."""
    if two_factor.verify(db, user, code):
        return SignIn(user, token=start_session(db, user))
    key = accounts.normalise_email(user.email)
    locked_until = counter_of(db).count_failure(db, key, utcnow())
    audit.record_apart(db, "login_code_failed", actor_id=user.id, locked=locked_until is not None)
    return SignIn(None, locked_until=locked_until)


def start_session(db: Session, user: User) -> str:
    token = secrets.token_urlsafe(32)
    now = clock.now(db)
    db.add(LoginSession(digest=_digest(token), user_id=id_of(user), created_at=now,
                        last_seen_at=now))
    audit.record(db, "login", actor_id=user.id)
    db.flush()
    return token


def _short(email: str) -> str:
    """Enough of an address to see a pattern in the trail, not the address itself."""
    return hashlib.sha256(email.encode()).hexdigest()[:12]


def resume(db: Session, token: str, *, idle: timedelta, lifetime: timedelta) -> User | None:
    """The user of a live session, touching it; None if it ended, idled out or expired.

    Any request of the signed-in browser touches it, the autosave of a form being typed in
    among them: so a person typing is never signed out, and one away ``idle`` long is.
    """
    if not token:
        return None
    row = db.exec(select(LoginSession).where(LoginSession.digest == _digest(token))).first()
    now = clock.now(db)
    if row is None or row.ended_at is not None:
        return None
    if now - as_utc(row.last_seen_at) > idle or now - as_utc(row.created_at) > lifetime:
        row.ended_at = now
        db.add(row)
        return None
    user = db.get(User, row.user_id)
    if user is None or not user.active:
        return None
    # Touch at most once a minute: a page view should not always be a write.
    if now - as_utc(row.last_seen_at) > timedelta(minutes=1):
        row.last_seen_at = now
        db.add(row)
    return user


def sign_out(db: Session, token: str) -> None:
    row = db.exec(select(LoginSession).where(LoginSession.digest == _digest(token))).first()
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
        db.add(row)
        audit.record(db, "logout", actor_id=row.user_id)


def end_other_sessions(db: Session, user: User, keeping: str) -> int:
    """End every live session of ``user`` but the one whose token is ``keeping``; how many."""
    ended = db.exec(update(LoginSession).where(col(LoginSession.user_id) == user.id,
                                               col(LoginSession.ended_at).is_(None),
                                               col(LoginSession.digest) != _digest(keeping))
                    .values(ended_at=clock.now(db)))
    return int(ended.rowcount)  # type: ignore[attr-defined]


def disable_account(db: Session, admin: User, user: User) -> None:
    """Disable an account and end every session it has, everywhere."""
    user.active = False
    db.add(user)
    db.exec(update(LoginSession).where(col(LoginSession.user_id) == user.id,
                                       col(LoginSession.ended_at).is_(None))
            .values(ended_at=utcnow()))
    audit.record(db, "account_disabled", actor_id=admin.id, subject=f"user:{user.id}")
