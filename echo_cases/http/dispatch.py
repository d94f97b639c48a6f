"""Hand slow work to a task once the request's changes are committed, with ids only."""

from __future__ import annotations

from flask import current_app
from sqlmodel import Session

from echo_cases import jobs
from echo_cases.services.outbox import after_commit
from echo_cases.tasks import enqueue
from models import ExportArchive, id_of


def enqueue_after_commit(db: Session, task_name: str, **ids: int) -> None:
    """Queue the task when ``db`` commits: a worker must find the rows it is given."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def hand_over() -> None:
        enqueue(task_name, app=app, **ids)

    hand_over.__name__ = task_name  # what the outbox logs if handing over fails
    after_commit(db, hand_over)


def build_after_commit(db: Session, archive: ExportArchive) -> None:
    enqueue_after_commit(db, jobs.build_export_archive.__name__, archive_id=id_of(archive))
