"""Work that must wait until the transaction that caused it is committed.

An e-mail sent before the commit could announce a letter that a rollback then
undoes; one sent after a crash would never go. So the letter and its delivery
rows are committed first, and the send runs afterwards; if it fails, the rows
stay pending and are retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session

_KEY = "echo_cases.after_commit"
# Where a database session carries the app's way of queueing a task (see create_app), so
# operations queue their own work without knowing Flask or the broker.
TASK_QUEUE_INFO = "task_queue"
log = logging.getLogger(__name__)


class TaskQueue(Protocol):
    def __call__(self, task_name: str, /, **ids: int) -> None: ...


def after_commit(db: Session, job: Callable[[], None]) -> None:
    """Run ``job`` once ``db`` commits; forget it if ``db`` rolls back."""
    db.info.setdefault(_KEY, []).append(job)


def queue_after_commit(db: Session, task_name: str, **ids: int) -> None:
    """Queue the task ``task_name`` with ``ids`` once ``db`` commits.

    A session opened without a task queue (a script of its own) queues nothing: the rows
    the task works from are committed all the same, and the periodic jobs take them up.
    """
    queue: TaskQueue | None = db.info.get(TASK_QUEUE_INFO)
    if queue is None:
        return

    def hand_over() -> None:
        queue(task_name, **ids)

    hand_over.__name__ = task_name  # what the log names if handing over fails
    after_commit(db, hand_over)


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
