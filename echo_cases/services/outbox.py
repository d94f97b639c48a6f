"""Work that must wait until the transaction that caused it is committed.

An e-mail sent before the commit could announce a letter that a rollback then
undoes; one sent after a crash would never go. So the letter and its delivery
rows are committed first, and the send runs afterwards; if it fails, the rows
stay pending and are retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

_KEY = "echo_cases.after_commit"
log = logging.getLogger(__name__)


def after_commit(db: Session, job: Callable[[], None]) -> None:
    """Run ``job`` once ``db`` commits; forget it if ``db`` rolls back."""
    db.info.setdefault(_KEY, []).append(job)


@event.listens_for(Session, "after_commit")
def _run_jobs(session: Session) -> None:
    for job in session.info.pop(_KEY, []):
        try:
            job()
        except Exception:  # the outbox row keeps the work; log and go on
            log.exception("after-commit job %s failed; it stays in the outbox",
                          getattr(job, "__name__", type(job).__name__))


@event.listens_for(Session, "after_rollback")
def _drop_jobs(session: Session) -> None:
    session.info.pop(_KEY, None)
