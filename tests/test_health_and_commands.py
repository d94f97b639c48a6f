"""Operators' view: readiness, and the flask commands that set a hub up."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from echo_cases.deid import get_deidentifier
from echo_cases.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def test_healthz_reports_ready_once_the_database_and_deidentifier_are_up(client: FlaskClient):
    get_deidentifier()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "deidentifier": "ok"}


def test_seed_demo_creates_a_hub_you_can_sign_in_to_and_is_safe_to_rerun(app: Flask):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    for account in DEMO_ACCOUNTS:
        assert account.email in first.output
    assert runner.invoke(args=["seed-demo"]).exit_code == 0

    browser = app.test_client()
    signed_in = browser.post("/login", data={"email": "expert@demo.echo",
                                             "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    queue = browser.get("/queue").text
    assert "Smouldering myeloma" in queue
    assert "Okonkwo" not in queue
    assert "4471902" not in queue


def test_create_user_and_create_token_give_working_api_access(app: Flask):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    created = runner.invoke(args=["create-user", "new.clinician@example.org", "--name",
                                  "New Clinician", "--hub", "demo", "--role", "clinician",
                                  "--password", "long-enough-password"])
    assert created.exit_code == 0, created.output
    duplicate = runner.invoke(args=["create-user", "new.clinician@example.org", "--name", "X",
                                    "--hub", "demo", "--role", "clinician",
                                    "--password", "long-enough-password"])
    assert duplicate.exit_code != 0
    assert "exists already" in duplicate.output

    token = runner.invoke(args=["create-token", "new.clinician@example.org"]).output.strip()
    response = app.test_client().get("/api/v1/programs",
                                     headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert len(response.json["items"]) == 3


def test_a_short_password_is_refused(app: Flask):
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    result = runner.invoke(args=["create-user", "x@example.org", "--name", "X", "--hub", "demo",
                                 "--role", "expert", "--password", "short"])
    assert result.exit_code != 0
    assert "8" in result.output


def test_the_demo_hub_shows_every_state_and_a_sent_letter(app: Flask):
    from collections import Counter

    from sqlmodel import select

    from echo_cases.db import unit_of_work
    from models import Case, Letter

    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    with unit_of_work(app) as db:
        states = Counter(case.state.value for case in db.exec(select(Case)))
        letters = db.exec(select(Letter)).all()
    assert set(states) == {"draft", "deidentified", "reviewed", "presented",
                           "recommendations_sent", "withdrawn"}
    assert len(letters) == 2  # one signed today, one nine weeks ago (its outcome is due)


def test_deliver_letters_retries_what_is_due(app: Flask):
    from sqlmodel import select

    from echo_cases.db import unit_of_work
    from models import Delivery, utcnow

    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with unit_of_work(app) as db:
        deliveries = db.exec(select(Delivery)).all()
        assert [d.attempts for d in deliveries] == [1, 1], \
            "the demo's sign-offs sent their letters at once"
        for delivery in deliveries:
            delivery.next_attempt_at = utcnow()  # their retries fall due
    result = runner.invoke(args=["deliver-letters"])
    assert result.exit_code == 0, result.output
    assert "Tried 2 letter e-mail" in result.output  # no SMTP here: they stay in the outbox
