"""``flask --app wsgi outcomes ...``: ask clinicians for their cases' outcomes, from cron.

``outcomes remind`` e-mails every request that has fallen due and every reminder that
has; run it as often as you like (hourly is plenty): each request and each reminder goes
once, and nothing goes after an answer or a refusal.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

import click
from flask import Flask, current_app, url_for
from flask.cli import with_appcontext
from sqlmodel import Session

from echo_cases.db import unit_of_work
from echo_cases.errors import DomainError
from echo_cases.mail import MailNotConfigured, SmtpMailer
from echo_cases.services import outcomes
from models import Program

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    requests: int
    reminders: int
    failed: int


def send_due(app: Flask) -> Sent:
    """Send every due request and reminder, each in a transaction of its own: one that
    cannot be sent is rolled back, and the next run tries it again."""
    from echo_cases import settings_of

    mailer = SmtpMailer(settings_of(app).smtp)
    link_for = _link_for(app)
    with unit_of_work(app) as db:
        to_ask, to_remind = outcomes.cases_to_ask(db), outcomes.outcomes_to_remind(db)
    asked = _each(app, to_ask, lambda db, case_id: outcomes.ask(db, case_id, mailer, link_for)
                  is not None)
    reminded = _each(app, to_remind,
                     lambda db, outcome_id: outcomes.remind(db, outcome_id, mailer, link_for))
    return Sent(asked[0], reminded[0], asked[1] + reminded[1])


def _each(app: Flask, ids: list[int], send: Callable[[Session, int], bool]) -> tuple[int, int]:
    done = failed = 0
    for n, row_id in enumerate(ids):
        try:
            with unit_of_work(app) as db:
                done += bool(send(db, row_id))
        except (OSError, smtplib.SMTPException, MailNotConfigured) as exc:
            failed += 1
            # The kind of failure and the row's id only: the e-mail names a person.
            log.warning("outcome e-mail %s not sent: %s", row_id, type(exc).__name__)
            if isinstance(exc, MailNotConfigured | ConnectionError):
                failed += len(ids) - n - 1
                break  # the server, not this one address: the rest would fail the same way
    return done, failed


def _link_for(app: Flask) -> outcomes.LinkFor:
    """The outcome page's absolute link, at ECHO_PUBLIC_URL when it is set."""
    from echo_cases import settings_of

    base = settings_of(app).public_url or None

    def link(case_id: int) -> str:
        with app.test_request_context(base_url=base):
            return url_for("outcomes.form", case_id=case_id, _external=True)

    return link


@click.group("outcomes")
def outcomes_group() -> None:
    """Ask clinicians what happened to their patients after the panel's advice."""


@outcomes_group.command("remind")
@with_appcontext
def remind_command() -> None:
    """E-mail the outcome requests and reminders that are due (cron, hourly)."""
    from echo_cases import settings_of

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not settings_of(app).public_url:
        click.echo("ECHO_PUBLIC_URL is not set: the e-mails' links name http://localhost.",
                   err=True)
    sent = send_due(app)
    click.echo(f"Sent {sent.requests} outcome request(s) and {sent.reminders} reminder(s).")
    if sent.failed:
        raise click.ClickException(f"{sent.failed} e-mail(s) could not be sent; the next "
                                   "run tries them again.")


@outcomes_group.command("ask-after")
@with_appcontext
@click.argument("program_id", type=int)
@click.argument("days", type=int)
def ask_after_command(program_id: int, days: int) -> None:
    """Ask a program's clinicians DAYS after the letter (default 56, eight weeks)."""
    with unit_of_work(current_app) as db:
        program = db.get(Program, program_id)
        if program is None:
            raise click.ClickException(f"No program has the id {program_id}.")
        try:
            outcomes.set_ask_after(db, program, days)
        except DomainError as exc:
            raise click.ClickException(exc.message) from None
    click.echo(f"{program.name}: outcomes asked {days} day(s) after the letter.")
