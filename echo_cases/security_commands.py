"""Operator commands for the audit trail, the data keys and retention."""

from __future__ import annotations

from typing import TextIO

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlmodel import col, select

from echo_cases.db import unit_of_work
from echo_cases.services import audit, retention
from echo_cases.vault import Vault
from models import Hub


def init_app(app: Flask) -> None:
    for command in (audit_group, rotate_keys, new_data_key, purge_originals, hub_settings):
        app.cli.add_command(command)


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit trail."""


@audit_group.command("verify")
@click.option("--checkpoint", "checkpoint_file", type=click.File("r"), default=None,
              help="A file of lines printed by `audit checkpoint`: every event they name "
                   "must still be there, unchanged.")
@with_appcontext
def verify(checkpoint_file: TextIO | None) -> None:
    """Check every link of the chain and the history it covers; name the first bad row
    (exit 1 if any)."""
    try:
        checkpoints = audit.read_checkpoints(checkpoint_file or ())
    except ValueError as malformed:
        raise click.ClickException(str(malformed)) from None
    with unit_of_work(_app()) as db:
        check = audit.verify_chain(db, checkpoints=checkpoints)
    if not check.intact:
        raise click.ClickException(f"Audit trail broken at {check.broken_at}: {check.reason}.")
    click.echo(f"Audit trail intact: {check.events} events"
               + (f", {len(checkpoints)} checkpoints hold" if checkpoint_file else "") + ".")
    if check.unkeyed_events or check.unsealed_history:
        click.echo("Written before the chain was keyed (not covered by the key; see "
                   f"docs/threat-model.md): events: {check.unkeyed_events}, "
                   f"history rows: {check.unsealed_history}.")
    if check.unsealed_history:
        click.echo("To cover those history rows from now on, run "
                   "`flask --app wsgi audit seal-history` once.")


@audit_group.command("seal-history")
@with_appcontext
def seal_history() -> None:
    """Put case history written before the chain was keyed under the key (run once after
    upgrading; running it again seals nothing new)."""
    with unit_of_work(_app()) as db:
        sealed = audit.seal_history(db)
    click.echo(f"Sealed {sealed} history row(s) written before the chain was keyed; "
               "`audit verify` now checks them.")


@audit_group.command("checkpoint")
@with_appcontext
def checkpoint() -> None:
    """Print the chain's head (event id, hash, time) as one line: append it to a file
    kept outside the database, for `audit verify --checkpoint FILE`."""
    with unit_of_work(_app()) as db:
        head = audit.checkpoint(db)
    if head is None:
        raise click.ClickException("The audit trail is empty: there is nothing to checkpoint.")
    click.echo(head.line())


@click.command("new-data-key")
def new_data_key() -> None:
    """Print a new Fernet key: put it FIRST in ECHO_DATA_KEYS, then run rotate-keys."""
    click.echo(Vault.new_key())


@click.command("rotate-keys")
@with_appcontext
def rotate_keys() -> None:
    """Re-seal every identified original under the newest key in ECHO_DATA_KEYS."""
    app = _app()
    with unit_of_work(app) as db:
        count = retention.reseal_originals(db, db.info["vault"])
        audit.record(db, "keys_rotated", originals=count)
    click.echo(f"Re-sealed {count} original(s) under the newest key; older keys may now go.")


@click.command("purge-originals")
@click.option("--after-days", type=int, default=None,
              help="Default: ECHO_RETENTION_DAYS; a hub's own setting wins.")
@with_appcontext
def purge_originals(after_days: int | None) -> None:
    """Delete identified originals whose letter went out long enough ago (run daily).

    A hub's own retention period (its settings page) wins over the default."""
    from echo_cases import settings_of

    days = after_days if after_days is not None else settings_of(_app()).retention_days
    with unit_of_work(_app()) as db:
        if days is None and not db.exec(select(Hub.id).where(
                col(Hub.retention_days).is_not(None))).first():
            raise click.ClickException("No retention period: set ECHO_RETENTION_DAYS, pass "
                                       "--after-days, or set one in a hub's settings.")
        purged = retention.purge_by_hub(db, default_days=days)
    click.echo(f"Deleted {len(purged)} identified original(s); de-identified cases kept.")


@click.command("hub-settings")
@click.argument("slug")
@click.option("--require-two-factor/--no-require-two-factor", default=None,
              help="Coordinators and admins must sign in with a TOTP code.")
@click.option("--letters-to-attendees/--no-letters-to-attendees", default=None,
              help="Also e-mail each letter to the session's attendees.")
@click.option("--letterhead", default=None, help="Printed under the hub's name on letters.")
@click.option("--dates", "date_display", type=click.Choice(["relative", "shifted"]),
              default=None, help="Show case dates relative to submission (the default), or "
              "shifted by a secret number of days per case and marked (shifted).")
@click.option("--date-order", type=click.Choice(["day-first", "month-first", "locale"]),
              default=None, help="How to read 03/07/1985 when a case's own dates do not "
              "settle it (default: the hub locale's custom).")
@with_appcontext
def hub_settings(slug: str, require_two_factor: bool | None,
                 letters_to_attendees: bool | None, letterhead: str | None,
                 date_display: str | None, date_order: str | None) -> None:
    """Show a hub's settings, changing those given.

    New dates settings apply to cases submitted from now on; ``redeidentify`` rewrites
    the cases already submitted.
    """
    order = None if date_order is None else (
        "" if date_order == "locale" else date_order.replace("-", "_"))
    changes = {key: value for key, value in {
        "require_two_factor": require_two_factor, "letters_to_attendees": letters_to_attendees,
        "letterhead": letterhead, "date_display": date_display,
        "date_order": order}.items() if value is not None}
    with unit_of_work(_app()) as db:
        hub = db.exec(select(Hub).where(Hub.slug == slug)).first()
        if hub is None:
            raise click.ClickException(f"No hub called {slug!r}.")
        for key, value in changes.items():
            setattr(hub, key, value)
        if changes:
            db.add(hub)
            audit.record(db, "hub_settings_changed", hub_id=hub.id, subject=f"hub:{hub.id}",
                         changed=sorted(changes))
        shown = {"require_two_factor": hub.require_two_factor,
                 "letters_to_attendees": hub.letters_to_attendees, "letterhead": hub.letterhead,
                 "dates": hub.date_display,
                 "date_order": (hub.date_order or f"locale ({hub.locale})").replace("_", "-")}
    for key, value in shown.items():
        click.echo(f"{key}: {value}")


def _app() -> Flask:
    return current_app._get_current_object()  # type: ignore[attr-defined,no-any-return]
