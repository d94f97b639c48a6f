"""``flask --app wsgi ...`` commands for operators."""

from __future__ import annotations

import click
from flask import Flask, current_app, url_for
from flask.cli import with_appcontext
from sqlmodel import select

from echo_cases.db import create_schema, engine_of, unit_of_work
from echo_cases.errors import DomainError
from echo_cases.migrations.cli import db as migration_commands
from echo_cases.outcome_commands import outcomes_group
from echo_cases.services import accounts, hubs, programs
from echo_cases.services.demo import DEMO_PASSWORD, seed_demo
from echo_cases.services.demo_loop import DemoLinks
from models import Hub, User
from workflows import Role


def init_app(app: Flask) -> None:
    for command in (init_db, seed_demo_command, create_hub, create_program, create_user,
                    create_token, deliver_letters, redeidentify_command, purge_exports,
                    migration_commands, outcomes_group):
        app.cli.add_command(command)


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the tables by running the migrations (safe to run again)."""
    create_schema(engine_of(current_app))
    click.echo("Database ready: every migration applied.")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Create the demo hub, its accounts and cases in several states (once)."""
    create_schema(engine_of(current_app))
    with unit_of_work(current_app) as db:
        demo = seed_demo(db, _demo_links(current_app._get_current_object()))  # type: ignore[attr-defined]
    click.echo("Demo hub ready. Sign in with any of these (password: "
               f"{DEMO_PASSWORD}):")
    for account in demo:
        click.echo(f"  {account.role.value:<12} {account.email}")


def _demo_links(app: Flask) -> DemoLinks:
    """The demo's links at ECHO_PUBLIC_URL, or where `make run` serves it."""
    from echo_cases import settings_of
    from echo_cases.services import credits

    base = settings_of(app).public_url or "http://127.0.0.1:5000"

    def link(endpoint: str, **values: object) -> str:
        with app.test_request_context(base_url=base):
            return url_for(endpoint, _external=True, **values)

    return DemoLinks(
        verify_url=lambda code: link("certificates.verify_code", code=credits.shown_code(code)),
        survey_url=lambda token: link("evaluations.respond", token=token),
        outcome_url=lambda case_id: link("outcomes.form", case_id=case_id))


def _refused(exc: DomainError) -> click.ClickException:
    """A refusal as the operator reads it: the reason, then what each field needs."""
    return click.ClickException(exc.message + "".join(f" {m}" for m in exc.fields.values()))


@click.command("create-hub")
@with_appcontext
@click.argument("slug")
@click.option("--name", required=True, help="The hub's name, as printed on its letters.")
@click.option("--timezone", default="UTC", show_default=True,
              help="The hub's IANA time zone, e.g. America/Denver.")
@click.option("--admin", "admin_email", required=True,
              help="E-mail of the hub's first admin (an existing account joins as admin).")
@click.option("--admin-name", default="", help="The admin's full name, for a new account.")
@click.option("--password", default=None,
              help="The new admin's password (asked for, hidden, if not given).")
def create_hub(slug: str, name: str, timezone: str, admin_email: str, admin_name: str,
               password: str | None) -> None:
    """Start a hub: create it and its first admin, who does the rest in the browser."""
    email = accounts.normalise_email(admin_email)
    with unit_of_work(current_app) as db:
        known = db.exec(select(User).where(User.email == email)).first() is not None
        taken = db.exec(select(Hub).where(Hub.slug == slug)).first() is not None
    try:
        # Check what can be checked before asking the operator for anything.
        hubs.check_slug(slug)
        hubs.check_timezone(timezone)
        if taken:
            raise click.ClickException(f"A hub called {slug!r} exists already.")
        if not known:
            admin_name = admin_name or click.prompt("The admin's full name")
            if password is None:
                click.echo(f"Choose a password for {email} (they can change it later).")
                password = click.prompt("Password", hide_input=True,
                                        confirmation_prompt=True)
        with unit_of_work(current_app) as db:
            hub, _admin, new = hubs.start_hub(
                db, slug=slug, name=name, timezone=timezone, admin_email=email,
                admin_name=admin_name, admin_password=password)
            hub_name = hub.name
    except DomainError as exc:
        raise _refused(exc) from None
    click.echo(f"Created hub {hub_name!r} ({slug}, {timezone}).")
    if new:
        click.echo(f"{email} is its admin and signs in with the password just chosen.")
    else:
        click.echo(f"{email} already has an account: they are now this hub's admin and "
                   "sign in with their own password.")
    click.echo(f"Next: sign in at /login?hub={slug}, then use Hub settings, Programs and "
               "People to set the hub up.")


@click.command("create-program")
@with_appcontext
@click.argument("hub_slug")
@click.argument("name")
@click.option("--description", default="", help="What the program is about.")
def create_program(hub_slug: str, name: str, description: str) -> None:
    """Add a program to a hub (its admin can also do this on the Programs page)."""
    try:
        with unit_of_work(current_app) as db:
            hub = db.exec(select(Hub).where(Hub.slug == hub_slug)).first()
            if hub is None:
                raise click.ClickException(f"No hub called {hub_slug!r}.")
            program = programs.create_program(db, None, hub, name, description)
            program_name = program.name
    except DomainError as exc:
        raise _refused(exc) from None
    click.echo(f"Created program {program_name!r} in {hub_slug}.")


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--name", required=True, help="Full name as colleagues know it.")
@click.option("--hub", "hub_slug", required=True, help="Slug of the hub to join.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--credentials", default="", help='Printed after the name on letters: "MD, MPH".')
@click.option("--profession", default="", help="E.g. Hepatologist, Nurse practitioner.")
@click.option("--organisation", default="", help="Where they work.")
@click.password_option(help="At least 8 characters.")
def create_user(email: str, name: str, hub_slug: str, role: str, credentials: str,
                profession: str, organisation: str, password: str) -> None:
    """Create an account and give it a role in a hub."""
    try:
        with unit_of_work(current_app) as db:
            hub = db.exec(select(Hub).where(Hub.slug == hub_slug)).first()
            if hub is None:
                raise click.ClickException(f"No hub called {hub_slug!r}.")
            user = accounts.create_user(db, email, name, password, credentials=credentials,
                                        profession=profession, organisation=organisation)
            accounts.add_member(db, user, hub, Role(role))
    except DomainError as exc:
        raise click.ClickException(
            exc.message + "".join(f" {m}" for m in exc.fields.values())) from None
    click.echo(f"Created {accounts.normalise_email(email)} as {role} of {hub_slug}.")


@click.command("deliver-letters")
@with_appcontext
def deliver_letters() -> None:
    """Send every letter and certificate e-mail whose next try is due (run it from cron
    every few minutes)."""
    from echo_cases.jobs import deliver_due_certificates, deliver_due_letters

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    tried = deliver_due_letters(app)
    certificates = deliver_due_certificates(app)
    click.echo(f"Tried {tried} letter e-mail(s) and {certificates} certificate e-mail(s).")


@click.command("purge-exports")
@with_appcontext
def purge_exports() -> None:
    """Delete export ZIPs older than a week, and transcript requests a week past their
    link (run it from cron daily)."""
    from echo_cases.services import archives, transcript_requests

    with unit_of_work(current_app) as db:
        click.echo(f"Deleted {archives.purge_expired(db)} expired export(s) and "
                   f"{transcript_requests.purge_expired(db)} expired transcript request(s).")


@click.command("redeidentify")
@with_appcontext
@click.option("--hub", "hub_slug", default=None,
              help="Only this hub's cases (default: every hub the admin runs).")
@click.option("--as", "admin_email", required=True,
              help="The admin on whose behalf it runs: the audit trail names them.")
def redeidentify_command(hub_slug: str | None, admin_email: str) -> None:
    """Run the current de-identifier again over every submitted case (after upgrading it).

    It only ever adds redactions. With REDIS_URL the batches go to the workers.
    """
    from echo_cases.access import hubs_where
    from echo_cases.jobs import redeidentify_cases
    from echo_cases.services.redeidentify import BATCH, cases_to_redeidentify
    from echo_cases.tasks import enqueue

    with unit_of_work(current_app) as db:
        admin = db.exec(select(User).where(
            User.email == accounts.normalise_email(admin_email))).first()
        hub = db.exec(select(Hub).where(Hub.slug == hub_slug)).first() if hub_slug else None
        if hub_slug and hub is None:
            raise click.ClickException(f"No hub called {hub_slug!r}.")
        admin_of = hubs_where(db, admin, frozenset({Role.ADMIN})) if admin else []
        if admin is None or not admin_of or (hub is not None and hub.id not in admin_of):
            raise click.ClickException(f"{admin_email} is not an admin of "
                                       f"{hub_slug or 'any hub'}.")
        admin_id = admin.id
        case_ids = cases_to_redeidentify(db, [hub.id] if hub and hub.id else admin_of)
    for start in range(0, len(case_ids), BATCH):
        enqueue(redeidentify_cases.__name__, case_ids=case_ids[start:start + BATCH],
                requested_by_id=admin_id)
    click.echo(f"{len(case_ids)} case(s) handed to the de-identifier again, "
               f"in {-(-len(case_ids) // BATCH)} batch(es).")


@click.command("create-token")
@with_appcontext
@click.argument("email")
@click.option("--label", default="", help="What the token is for.")
def create_token(email: str, label: str) -> None:
    """Issue a personal API token (shown once)."""
    with unit_of_work(current_app) as db:
        user = db.exec(select(User).where(User.email == accounts.normalise_email(email))).first()
        if user is None:
            raise click.ClickException(f"No account for {email}.")
        token = accounts.issue_token(db, user, label)
    click.echo(token)
