"""Forgot your password: a short-lived link by e-mail, used once, to choose a new one.

Asking answers the same whether or not the address has an account (nobody learns who
is a member), and is throttled per address like signing in. The request does not speak to
the mail server either way, and does the same work either way: it records the ask and
queues the same task, which for a member mints the link and sends it (on a worker when
there is a broker) and for anyone else finds no reset and sends nothing; so how long the
answer takes says nothing of the address (``benchmarks/reset_timing.py``). Choosing the
new password signs its owner out everywhere. A deactivated account gets no link.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlmodel import Session, col, select, update

from echo_cases import clock
from echo_cases.errors import NotFound
from echo_cases.services import accounts, audit, links
from echo_cases.services.outbox import queue_after_commit
from echo_cases.services.throttle import counter_of
from models import LoginSession, PasswordReset, User, as_utc, id_of

VALID_FOR = timedelta(hours=1)
# Requests count under their own key: asking for links does not lock anyone's sign-in.
THROTTLE_PREFIX = "reset:"
SEND_RESET_LINK = "send_reset_link"  # the task (echo_cases.jobs) that mails the link
# What an address without an account queues: the same task, naming a reset that no row has,
# so the request hands the broker the same work and the worker finds nothing to send.
NO_RESET = 0
DEAD_LINK = ("This link no longer works: it was used, or it expired (links last an hour). "
             "Ask for a new one.")


@dataclass(frozen=True)
class ResetRequest:
    """What the page may say: nothing about the account, only whether it must wait."""

    locked_until: datetime | None = None


def request_reset(db: Session, email: str) -> ResetRequest:
    """Queue a reset link for ``email`` if it names an active account; say the same either
    way, having done the same in this request: nothing here waits for the mail server."""
    key = accounts.normalise_email(email)[:254]
    counter, now = counter_of(db), clock.now(db)
    throttle_key = THROTTLE_PREFIX + key
    locked = counter.locked_until(db, throttle_key, now)
    if locked is not None:
        audit.record_apart(db, "password_reset_refused_locked", subject=f"email:{_short(key)}")
        return ResetRequest(locked_until=locked)
    # Each request counts, found or not: a flood at one address is slowed all the same.
    counter.count_failure(db, throttle_key, now)
    user = db.exec(select(User).where(User.email == key)).first()
    if user is None or not user.active:
        # The same steps as for a member, short of the reset row: an audit row in this
        # transaction and a task on the broker (its round trip was the gap a clock read).
        audit.record(db, "password_reset_unknown", subject=f"email:{_short(key)}")
        queue_after_commit(db, SEND_RESET_LINK, reset_id=NO_RESET)
        return ResetRequest()
    # The digest of a token nobody keeps: the reset opens nothing until the task mints the
    # token it mails (the token exists in the clear only in the e-mail, never in a task).
    _nobody_has_it, unusable = links.mint()
    reset = PasswordReset(user_id=id_of(user), digest=unusable, created_at=now,
                          expires_at=now + VALID_FOR)
    db.add(reset)
    db.flush()
    audit.record(db, "password_reset_requested", actor_id=user.id, subject=f"user:{user.id}")
    queue_after_commit(db, SEND_RESET_LINK, reset_id=id_of(reset))
    return ResetRequest()


def send_reset_link(db: Session, reset_id: int, link_for: Callable[[str], str]) -> bool:
    """Mint the link of a requested reset and mail it once ``db`` commits; False if the
    reset is no longer live (used, expired, or its account deactivated since).

    Run again (a worker redelivering the task), it mints a new token: only the newest
    e-mail's link opens."""
    reset = db.get(PasswordReset, reset_id)
    user = db.get(User, reset.user_id) if reset else None
    if reset is None or user is None or reset.used_at is not None \
            or as_utc(reset.expires_at) <= clock.now(db) or not user.active:
        return False
    token, reset.digest = links.mint()
    db.add(reset)
    links.send_after_commit(db, _message(links.mailer_of(db).sender, user, link_for(token),
                                         as_utc(reset.expires_at)))
    return True


def reset_for_token(db: Session, token: str) -> tuple[PasswordReset, User]:
    """The live reset this token opens and its active account, or NotFound."""
    if not links.looks_like_token(token):
        raise NotFound(DEAD_LINK)
    reset = db.exec(select(PasswordReset).where(
        PasswordReset.digest == links.digest(token))).first()
    user = db.get(User, reset.user_id) if reset else None
    if reset is None or user is None or not links.matches(reset.digest, token) \
            or reset.used_at is not None or as_utc(reset.expires_at) <= clock.now(db) \
            or not user.active:
        raise NotFound(DEAD_LINK)
    return reset, user


def reset_password(db: Session, token: str, password: str) -> User:
    """Set the new password, spend the link (and every other one of this account), and
    end every session the account has."""
    reset, user = reset_for_token(db, token)
    accounts.set_password(db, user, password)
    now = clock.now(db)
    db.exec(update(PasswordReset).where(col(PasswordReset.user_id) == user.id,
                                        col(PasswordReset.used_at).is_(None))
            .values(used_at=now))
    ended = db.exec(update(LoginSession).where(col(LoginSession.user_id) == user.id,
                                               col(LoginSession.ended_at).is_(None))
                    .values(ended_at=now)).rowcount  # type: ignore[attr-defined]
    audit.record(db, "password_reset", actor_id=user.id, subject=f"user:{user.id}",
                 reset_id=reset.id, sessions_ended=ended)
    return user


def _short(email: str) -> str:
    """Enough of an address to see a pattern in the trail, not the address itself."""
    return hashlib.sha256(email.encode()).hexdigest()[:12]


def _message(sender: str, user: User, link: str, expires_at: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = user.email
    message["Subject"] = "Choose a new echo-cases password"
    message.set_content(
        f"Dear {user.name},\n\n"
        "Someone (we hope you) asked to choose a new password for your echo-cases account. "
        f"Open this link to choose it (it works once, until {expires_at:%H:%M} UTC):\n"
        f"{link}\n\n"
        "If you did not ask, ignore this e-mail: your password stays as it is.\n")
    return message
