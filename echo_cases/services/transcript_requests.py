"""A transcript of credits for spokes without an account: asked for by e-mail address on
a public page, answered with a link by e-mail that opens it.

Asking answers the same whatever the address, and does the same work: a request row and a
queued task, for an address that holds credits and for one that holds none. The task
(on a worker when there is a broker) looks, and mails a link only where there are credits,
so neither the page nor its timing says whether an address is on a hub's records. Asking is
throttled per address like a password reset. The link works for a day, for the address and
period asked, and shows only that address's certificates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlmodel import Session, col, delete, select

from echo_cases import clock
from echo_cases.errors import NotFound
from echo_cases.services import accounts, audit, links
from echo_cases.services.credits import certificates_at_address
from echo_cases.services.outbox import queue_after_commit
from echo_cases.services.throttle import counter_of
from echo_cases.services.transcripts import Period, transcript_pdf_at_address
from models import TranscriptRequest, as_utc, id_of

VALID_FOR = timedelta(days=1)
# Counted apart from sign-in and resets: asking for transcripts locks nobody out.
THROTTLE_PREFIX = "transcript:"
SEND_TRANSCRIPT_LINK = "send_transcript_link"  # the task (echo_cases.jobs) that looks and mails
# An expired request is kept this long, then deleted: it holds an address that may belong
# to nobody on the hub's records, and nothing needs it once its link is dead.
KEPT_AFTER_EXPIRY = timedelta(days=7)
DEAD_LINK = ("This link no longer works: it expired (links last a day) or a newer one was "
             "sent. Ask for your transcript again.")


@dataclass(frozen=True)
class TranscriptAsked:
    """What the page may say: nothing about the address, only whether it must wait."""

    locked_until: datetime | None = None


def request_transcript(db: Session, email: str, within: Period) -> TranscriptAsked:
    """Record the request and queue the task that looks for credits at ``email``: the same
    rows and the same task whatever the address holds."""
    key = accounts.normalise_email(email)[:254]
    counter, now = counter_of(db), clock.now(db)
    locked = counter.locked_until(db, THROTTLE_PREFIX + key, now)
    if locked is not None:
        audit.record_apart(db, "transcript_refused_locked", subject=f"email:{_short(key)}")
        return TranscriptAsked(locked_until=locked)
    counter.count_failure(db, THROTTLE_PREFIX + key, now)  # each request counts, found or not
    # The digest of a token nobody keeps: the request opens nothing until the task mints
    # the token it mails (so no token is ever in a task's arguments).
    _nobody_has_it, unusable = links.mint()
    asked = TranscriptRequest(email=key, start=within.start, end=within.end, digest=unusable,
                              created_at=now, expires_at=now + VALID_FOR)
    db.add(asked)
    db.flush()
    audit.record(db, "transcript_requested", subject=f"transcript_request:{asked.id}")
    queue_after_commit(db, SEND_TRANSCRIPT_LINK, request_id=id_of(asked))
    return TranscriptAsked()


def purge_expired(db: Session) -> int:
    """Delete requests whose link died more than ``KEPT_AFTER_EXPIRY`` ago (daily, by cron)."""
    cutoff = clock.now(db) - KEPT_AFTER_EXPIRY
    expired = db.exec(select(TranscriptRequest.id).where(
        col(TranscriptRequest.expires_at) <= cutoff)).all()
    if expired:
        db.exec(delete(TranscriptRequest).where(col(TranscriptRequest.id).in_(expired)))
    return len(expired)


def send_transcript_link(db: Session, request_id: int, link_for: Callable[[str], str]) -> bool:
    """Mail the link of a request whose address holds credits in its period, once ``db``
    commits; False (and nothing sent) when it holds none, or the request is no longer live.

    Run again (a worker redelivering the task), it mints a new token: only the newest
    e-mail's link opens."""
    asked = db.get(TranscriptRequest, request_id)
    if asked is None or as_utc(asked.expires_at) <= clock.now(db):
        return False
    asked.looked_at = clock.now(db)
    db.add(asked)
    held = certificates_at_address(db, asked.email, start=asked.start, end=asked.end)
    if not held:
        return False
    token, asked.digest = links.mint()
    links.send_after_commit(db, _message(links.mailer_of(db).sender, asked, held[-1][0].name,
                                         link_for(token), _period_of(asked)))
    return True


def transcript_for_token(db: Session, token: str) -> bytes:
    """The transcript PDF a live link opens, or NotFound."""
    if not links.looks_like_token(token):
        raise NotFound(DEAD_LINK)
    asked = db.exec(select(TranscriptRequest).where(
        TranscriptRequest.digest == links.digest(token))).first()
    if asked is None or not links.matches(asked.digest, token) \
            or as_utc(asked.expires_at) <= clock.now(db):
        raise NotFound(DEAD_LINK)
    pdf = transcript_pdf_at_address(db, asked.email, _period_of(asked))
    if pdf is None:  # the link was mailed because there were credits; none left since
        raise NotFound(DEAD_LINK)
    audit.record(db, "transcript_opened", subject=f"transcript_request:{asked.id}")
    return pdf


def _period_of(asked: TranscriptRequest) -> Period:
    return Period(asked.start, asked.end)


def _short(email: str) -> str:
    """Enough of an address to see a pattern in the trail, not the address itself."""
    return hashlib.sha256(email.encode()).hexdigest()[:12]


def _message(sender: str, asked: TranscriptRequest, name: str, link: str,
             within: Period) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = asked.email
    message["Subject"] = "Your transcript of CME/CE credits"
    until = as_utc(asked.expires_at).strftime("%d %B %Y %H:%M")
    message.set_content(
        f"Dear {name},\n\n"
        f"You (we hope) asked for your transcript of CME/CE credits ({within.label()}). "
        f"Open this link to download it (it works until {until} UTC):\n{link}\n\n"
        "If you did not ask, ignore this e-mail: nobody else receives the link.\n")
    return message
