"""``flask --app wsgi db ...``: apply, undo and write schema migrations."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from echo_cases import migrations
from echo_cases.db import engine_of


@click.group("db")
def db() -> None:
    """Schema migrations (Alembic)."""


@db.command()
@with_appcontext
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    migrations.upgrade(engine_of(current_app), revision)
    click.echo(f"Database at {migrations.current(engine_of(current_app)) or 'base'}.")


@db.command()
@with_appcontext
@click.argument("revision", default="-1")
def downgrade(revision: str) -> None:
    """Undo migrations down to REVISION (default: one step; "base" empties the database)."""
    migrations.downgrade(engine_of(current_app), revision)
    click.echo(f"Database at {migrations.current(engine_of(current_app)) or 'base'}.")


@db.command()
@with_appcontext
def current() -> None:
    """Print the revision the database is at, and the newest one."""
    click.echo(f"database: {migrations.current(engine_of(current_app)) or 'base'}")
    click.echo(f"newest:   {migrations.head() or 'base'}")


@db.command()
@with_appcontext
@click.argument("revision", default="head")
def stamp(revision: str) -> None:
    """Record REVISION as applied without running it."""
    migrations.stamp(engine_of(current_app), revision)
    click.echo(f"Database stamped at {revision}.")


@db.command()
@click.option("-m", "--message", required=True, help="What changed, in a few words.")
def revision(message: str) -> None:
    """Write the next migration from what models/ declares and the migrations lack."""
    written = migrations.new_revision(message)
    if not written:
        raise click.ClickException("The migrations already match models/: nothing to write.")
    for path in written:
        click.echo(f"Wrote {path}. Read it before committing: autogenerate misses renames.")
