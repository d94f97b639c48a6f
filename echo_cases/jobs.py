"""Background jobs: tasks for a worker (or run in-process), called with ids only.

Each is idempotent, because a worker acknowledges a message only after the work and runs
it again if it died half-way: a letter already sent is not sent again.
"""

from __future__ import annotations

import logging
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta

from flask import Flask, has_request_context
from sqlmodel import Session

from echo_cases import clock
from echo_cases.db import unit_of_work
from echo_cases.errors import Conflict
from echo_cases.mail import SmtpMailer
from echo_cases.services import (
    archives,
    credits,
    letters,
    password_reset,
    redeidentify,
    transcript_requests,
)
from echo_cases.tasks import RetryLater, task
from models import Case, Delivery, ExportArchive, utcnow

log = logging.getLogger(__name__)


# More retries than a letter has attempts: the outbox marks it failed first, and stops.
@task(max_retries=letters.MAX_ATTEMPTS + 1)
def deliver_letter(app: Flask, *, letter_id: int) -> None:
    """Send the due e-mails of one letter; come back when the next try is due."""
    with unit_of_work(app) as db:
        _deliver_due(app, db, letter_id)
        waiting = letters.next_attempt(db, letter_id)
    if waiting is not None:
        raise RetryLater((waiting - utcnow()).total_seconds(),
                         f"letter {letter_id} has e-mails waiting to be sent again")


def deliver_due_letters(app: Flask) -> int:
    """Retry every delivery whose next attempt is due (run periodically); return how many."""
    with unit_of_work(app) as db:
        return len(_deliver_due(app, db))


def _deliver_due(app: Flask, db: Session, letter_id: int | None = None) -> list[Delivery]:
    """The outbox's due e-mails (of one letter, or all), sent with the app's mail settings."""
    from echo_cases import settings_of

    smtp = settings_of(app).smtp
    return letters.deliver_due(db, SmtpMailer(smtp), letter_id=letter_id,
                               retry_unit=timedelta(seconds=smtp.retry_seconds))


@task(max_retries=credits.MAX_ATTEMPTS + 1)
def deliver_certificates(app: Flask, *, session_id: int) -> None:
    """Print and e-mail a session's waiting certificates; come back when the next try is due."""
    _deliver_certificates(app, session_id)
    with unit_of_work(app) as db:
        due, now = credits.waiting(db, session_id), clock.now(db)
    if due is not None:
        raise RetryLater((due - now).total_seconds(),
                         f"session {session_id} has certificates waiting to be sent again")


def deliver_due_certificates(app: Flask) -> int:
    """Retry every certificate e-mail whose next attempt is due (run periodically)."""
    return _deliver_certificates(app, None)


def _deliver_certificates(app: Flask, session_id: int | None) -> int:
    """Each due certificate in a transaction of its own; how many were tried."""
    from echo_cases import settings_of

    smtp = settings_of(app).smtp
    mailer, unit = SmtpMailer(smtp), timedelta(seconds=smtp.retry_seconds)
    with unit_of_work(app) as db:
        ids = credits.due_ids(db, session_id=session_id)
    tried = 0
    for certificate_id in ids:
        with unit_of_work(app) as db:
            tried += credits.deliver_one(db, mailer, certificate_id, retry_unit=unit)
    return tried


@task()
def redeidentify_cases(app: Flask, *, case_ids: list[int], requested_by_id: int) -> None:
    """Run the current de-identifier again over submitted cases, one transaction each.

    A case someone changed at the same moment is left for a retry of the batch; the
    cases already done are unchanged by it, since a second run finds nothing new.
    """
    busy: list[int] = []
    for case_id in case_ids:
        try:
            with unit_of_work(app) as db:
                case = db.get(Case, case_id)
                if case is None:
                    continue
                outcome = redeidentify.redeidentify_case(db, case,
                                                         requested_by_id=requested_by_id)
        except Conflict:
            busy.append(case_id)
            continue
        if outcome.changed:
            log.info("case %s de-identified again: %s more span(s) redacted",
                     case_id, outcome.added)
    if busy:
        raise RetryLater(30, f"cases {busy} were being changed; trying them again")


@task()
def build_export_archive(app: Flask, *, archive_id: int) -> None:
    """Build a requested export ZIP; a failure is shown on the export's page, then retried."""
    try:
        with unit_of_work(app) as db:
            archive = db.get(ExportArchive, archive_id)
            if archive is not None:
                archives.build(db, archive)
    except Exception as exc:
        with unit_of_work(app) as db:
            archives.mark_failed(db, archive_id, exc)
        raise


@task(password_reset.SEND_RESET_LINK)
def send_reset_link(app: Flask, *, reset_id: int) -> None:
    """Mint a requested password reset's link and mail it (kept out of the request, whose
    timing must not say whether the address has an account)."""
    from echo_cases.http.links import link_for

    with _where_links_point(app), unit_of_work(app) as db:
        password_reset.send_reset_link(db, reset_id, link_for("password_reset.choose"))


@task(transcript_requests.SEND_TRANSCRIPT_LINK)
def send_transcript_link(app: Flask, *, request_id: int) -> None:
    """Look for credits at a transcript request's address and mail its link if there are
    (out of the request, whose answer and timing must not tell whether there were)."""
    from echo_cases.http.links import link_for

    with _where_links_point(app), unit_of_work(app) as db:
        transcript_requests.send_transcript_link(db, request_id,
                                                 link_for("certificates.transcript_by_link"))


def _where_links_point(app: Flask) -> AbstractContextManager[object]:
    """The request's own address in-process; on a worker, the configured public one."""
    from echo_cases import settings_of

    if has_request_context():
        return nullcontext()
    base = settings_of(app).public_url
    if not base:
        raise RuntimeError("Set ECHO_PUBLIC_URL: a worker has no request to take the "
                           "address of e-mailed links from.")
    return app.test_request_context(base_url=base)

