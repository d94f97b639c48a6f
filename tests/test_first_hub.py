"""A new hub's first start, from the operator's shell: the hub, its first admin, its
programs; then the admin signs in and does the rest in the browser."""

from __future__ import annotations

from flask import Flask
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import AuditEvent, Hub, Membership, Program, User
from tests.support import PASSWORD
from workflows import Role


def _create_hub(app: Flask, *args: str, input: str | None = None):
    return app.test_cli_runner().invoke(args=["create-hub", *args], input=input)


def test_create_hub_makes_the_hub_and_its_first_admin_who_then_signs_in(app: Flask):
    result = _create_hub(app, "north", "--name", "North Valley ECHO", "--timezone",
                         "America/Denver", "--admin", "Ada@North.example.org",
                         "--admin-name", "Ada Lovelace", "--password", PASSWORD)
    assert result.exit_code == 0, result.output
    assert "North Valley ECHO" in result.output
    assert "/login?hub=north" in result.output
    with unit_of_work(app) as db:
        hub = db.exec(select(Hub).where(Hub.slug == "north")).one()
        assert (hub.name, hub.timezone) == ("North Valley ECHO", "America/Denver")
        admin = db.exec(select(User).where(User.email == "ada@north.example.org")).one()
        membership = db.exec(select(Membership).where(Membership.user_id == admin.id)).one()
        assert (membership.hub_id, membership.role) == (hub.id, Role.ADMIN)
        created = db.exec(select(AuditEvent).where(AuditEvent.kind == "hub_created")).one()
        assert created.hub_id == hub.id
    browser = app.test_client()
    signed_in = browser.post("/login", data={"email": "ada@north.example.org",
                                             "password": PASSWORD})
    assert signed_in.status_code == 302


def test_create_hub_asks_for_the_new_admins_password_when_not_given(app: Flask):
    result = _create_hub(app, "north", "--name", "North Valley ECHO", "--admin",
                         "ada@north.example.org", "--admin-name", "Ada Lovelace",
                         input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "password" in result.output.lower()
    signed_in = app.test_client().post("/login", data={"email": "ada@north.example.org",
                                                       "password": PASSWORD})
    assert signed_in.status_code == 302


def test_an_existing_account_becomes_the_new_hubs_admin_without_a_new_password(app: Flask):
    first = _create_hub(app, "north", "--name", "North", "--admin", "ada@north.example.org",
                        "--admin-name", "Ada Lovelace", "--password", PASSWORD)
    assert first.exit_code == 0, first.output
    second = _create_hub(app, "south", "--name", "South", "--admin", "ada@north.example.org")
    assert second.exit_code == 0, second.output
    assert "already has an account" in second.output
    with unit_of_work(app) as db:
        admin = db.exec(select(User).where(User.email == "ada@north.example.org")).one()
        hubs = db.exec(select(Membership.role).where(Membership.user_id == admin.id)).all()
        assert hubs == [Role.ADMIN, Role.ADMIN]


def test_create_hub_refuses_a_bad_slug_an_unknown_zone_and_a_duplicate_naming_each(
    app: Flask,
):
    common = ["--admin", "ada@north.example.org", "--admin-name", "Ada", "--password", PASSWORD]
    bad_slug = _create_hub(app, "North Valley!", "--name", "North", *common)
    assert bad_slug.exit_code != 0
    assert "slug" in bad_slug.output
    assert "lower-case letters" in bad_slug.output
    bad_zone = _create_hub(app, "north", "--name", "North", "--timezone", "Mars/Olympus",
                           *common)
    assert bad_zone.exit_code != 0
    assert "Mars/Olympus" in bad_zone.output
    assert "America/Denver" in bad_zone.output
    assert _create_hub(app, "north", "--name", "North", *common).exit_code == 0
    duplicate = _create_hub(app, "north", "--name", "North again", *common)
    assert duplicate.exit_code != 0
    assert "exists already" in duplicate.output
    with unit_of_work(app) as db:
        assert len(db.exec(select(Hub)).all()) == 1  # nothing half-made by the refusals


def test_create_program_adds_a_program_to_a_hub_once(app: Flask):
    assert _create_hub(app, "north", "--name", "North", "--admin", "ada@north.example.org",
                       "--admin-name", "Ada", "--password", PASSWORD).exit_code == 0
    runner = app.test_cli_runner()
    made = runner.invoke(args=["create-program", "north", "Hepatitis C ECHO",
                               "--description", "Treating HCV in primary care."])
    assert made.exit_code == 0, made.output
    assert "Hepatitis C ECHO" in made.output
    again = runner.invoke(args=["create-program", "north", "Hepatitis C ECHO"])
    assert again.exit_code != 0
    assert "exists already" in again.output
    nowhere = runner.invoke(args=["create-program", "south", "Hepatitis C ECHO"])
    assert nowhere.exit_code != 0
    assert "No hub called 'south'" in nowhere.output
    with unit_of_work(app) as db:
        program = db.exec(select(Program)).one()
        assert program.description == "Treating HCV in primary care."
        assert db.exec(select(AuditEvent).where(AuditEvent.kind == "program_created")).one()


def test_seed_demo_still_makes_its_hub_after_the_first_start_commands_exist(app: Flask):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    with unit_of_work(app) as db:
        assert db.exec(select(Hub).where(Hub.slug == "demo")).one().timezone == "UTC"


def test_create_user_records_credentials_profession_and_organisation(app: Flask):
    assert _create_hub(app, "north", "--name", "North", "--admin", "ada@north.example.org",
                       "--admin-name", "Ada", "--password", PASSWORD).exit_code == 0
    made = app.test_cli_runner().invoke(args=[
        "create-user", "lucia@north.example.org", "--name", "Lucia Ferreira", "--hub", "north",
        "--role", "expert", "--password", PASSWORD, "--credentials", "MD, PhD",
        "--profession", "Hepatologist", "--organisation", "North Valley Hospital"])
    assert made.exit_code == 0, made.output
    with unit_of_work(app) as db:
        lucia = db.exec(select(User).where(User.email == "lucia@north.example.org")).one()
        assert (lucia.credentials, lucia.profession, lucia.organisation) == (
            "MD, PhD", "Hepatologist", "North Valley Hospital")
