"""Hand slow work to run after the request's commit, carrying ids only."""

from __future__ import annotations

from flask import current_app
from sqlmodel import Session

from echo_cases import jobs
from echo_cases.services import letters
from echo_cases.services.outbox import after_commit
from echo_cases.tasks import enqueue
from models import Case, id_of


def deliver_after_commit(db: Session, case: Case) -> None:
    """E-mail a just-signed letter once its sign-off is committed."""
    letter = letters.letter_of(db, case)
    if letter is None:
        return
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    letter_id = id_of(letter)

    def deliver() -> None:
        enqueue(jobs.deliver_letter.__name__, app=app, letter_id=letter_id)

    after_commit(db, deliver)
