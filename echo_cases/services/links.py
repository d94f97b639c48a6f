"""Links sent by e-mail (an invitation, a password reset): their tokens and their e-mails.

The token exists in the clear only in the e-mail: the database keeps its SHA-256, and
nothing logs it. The e-mail goes once the transaction that made the link commits (a
rollback must not leave a link in someone's inbox that leads nowhere).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import smtplib
from collections.abc import Callable
from email.message import EmailMessage

from sqlmodel import Session

from echo_cases.mail import MailNotConfigured, SmtpMailer
from echo_cases.services.outbox import after_commit

MAILER_INFO = "mailer"
_FAILED = "echo_cases.links.mail_failed"
log = logging.getLogger(__name__)


def mint() -> tuple[str, str]:
    """A new unguessable token and the digest to store for it."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def matches(stored: str | None, token: str) -> bool:
    """Compare in constant time: how long a refusal takes says nothing of the stored digest."""
    return stored is not None and hmac.compare_digest(stored, digest(token))


def looks_like_token(token: str) -> bool:
    return 20 <= len(token) <= 100 and all(c.isalnum() or c in "-_" for c in token)


def mailer_of(db: Session) -> SmtpMailer:
    mailer: SmtpMailer = db.info[MAILER_INFO]
    return mailer


def send_after_commit(db: Session, message: EmailMessage,
                      on_result: Callable[[str], None] | None = None) -> None:
    """Send ``message`` once ``db`` commits; tell ``on_result`` "" or why it failed."""
    mailer = mailer_of(db)

    def send_link() -> None:
        # Once the server is unreachable, the rest of a batch would each wait out its timeout.
        outcome: str = db.info.get(_FAILED, "")
        if not outcome:
            try:
                mailer.send(message)
            except (OSError, smtplib.SMTPException, MailNotConfigured) as exc:
                # The type of failure only: the message holds the link.
                log.warning("a link e-mail could not be sent: %s", type(exc).__name__)
                outcome = describe(exc)
                if not isinstance(exc, smtplib.SMTPResponseException) \
                        or isinstance(exc, smtplib.SMTPConnectError):
                    db.info[_FAILED] = outcome  # the server, not this one address
        if on_result is not None:
            on_result(outcome)

    after_commit(db, send_link)


def describe(exc: BaseException) -> str:
    """A reason an admin can act on, free of the message's content."""
    if isinstance(exc, MailNotConfigured):
        return "E-mail is not set up on this server (ECHO_SMTP_HOST)."
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"The mail server refused it ({exc.smtp_code})."
    return "The mail server could not be reached."
