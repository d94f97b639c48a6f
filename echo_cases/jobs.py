"""Background jobs, called with ids only: never with case text."""

from __future__ import annotations

from flask import Flask

from echo_cases.db import unit_of_work
from echo_cases.mail import SmtpMailer
from echo_cases.services import letters


def deliver_letter(app: Flask, letter_id: int) -> int:
    """Send the due e-mails of one letter; return how many were tried."""
    from echo_cases import settings_of

    with unit_of_work(app) as db:
        return len(letters.deliver_due(db, SmtpMailer(settings_of(app).smtp),
                                       letter_id=letter_id))


def deliver_due_letters(app: Flask) -> int:
    """Retry every delivery whose next attempt is due (run periodically)."""
    from echo_cases import settings_of

    with unit_of_work(app) as db:
        return len(letters.deliver_due(db, SmtpMailer(settings_of(app).smtp)))
