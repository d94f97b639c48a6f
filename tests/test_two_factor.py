"""A second factor: set up with an authenticator app, required by hubs that ask for it."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from echo_cases.db import unit_of_work
from models import Hub
from tests.support import PASSWORD, Hubs
from workflows import Role


def _sign_in(app: Flask, hubs: Hubs, role: Role) -> tuple[FlaskClient, object]:
    browser = app.test_client()
    response = browser.post("/login", data={"email": hubs.user(role).email,
                                            "password": PASSWORD})
    return browser, response


def _enrol(browser: FlaskClient) -> pyotp.TOTP:
    page = browser.get("/account/two-factor").text
    secret = re.search(r'<code class="key">([A-Z2-7]+)</code>', page)
    assert secret, "the setup page shows the key to type into the app"
    totp = pyotp.TOTP(secret.group(1))
    confirmed = browser.post("/account/two-factor", data={"code": totp.now()})
    assert confirmed.status_code == 302
    return totp


def _next_code(totp: pyotp.TOTP) -> str:
    """A code for the next time step: the current one was spent enrolling."""
    return totp.at(int(time.time()) + totp.interval)


@pytest.fixture
def strict_hub(app: Flask, hubs: Hubs) -> None:
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        hub.require_two_factor = True


def test_a_coordinator_of_a_strict_hub_must_set_up_a_second_factor_first(
    app: Flask, hubs: Hubs, strict_hub: None
):
    browser, _ = _sign_in(app, hubs, Role.COORDINATOR)
    blocked = browser.get("/triage")
    assert blocked.status_code == 302
    assert blocked.location.endswith("/account/two-factor")
    _enrol(browser)
    assert browser.get("/triage").status_code == 200


def test_experts_and_clinicians_are_not_forced(app: Flask, hubs: Hubs, strict_hub: None):
    browser, _ = _sign_in(app, hubs, Role.EXPERT)
    assert browser.get("/queue").status_code == 200


def test_with_a_second_factor_the_password_alone_does_not_sign_in(app: Flask, hubs: Hubs):
    browser, _ = _sign_in(app, hubs, Role.EXPERT)
    totp = _enrol(browser)
    browser.post("/logout")

    half, response = _sign_in(app, hubs, Role.EXPERT)
    assert response.location.startswith("/login/code")
    assert half.get("/queue").status_code == 302  # the password alone signs nobody in

    fresh, _ = _sign_in(app, hubs, Role.EXPERT)
    wrong = fresh.post("/login/code", data={"code": "000000"})
    assert wrong.status_code == 401
    right = fresh.post("/login/code", data={"code": _next_code(totp)})
    assert right.status_code == 302
    assert fresh.get("/queue").status_code == 200


def test_a_code_works_only_once(app: Flask, hubs: Hubs):
    browser, _ = _sign_in(app, hubs, Role.EXPERT)
    totp = _enrol(browser)
    browser.post("/logout")
    code = _next_code(totp)
    first, _ = _sign_in(app, hubs, Role.EXPERT)
    assert first.post("/login/code", data={"code": code}).status_code == 302
    second, _ = _sign_in(app, hubs, Role.EXPERT)
    assert second.post("/login/code", data={"code": code}).status_code == 401


def test_the_code_step_never_sends_you_to_another_site(app: Flask, hubs: Hubs):
    browser, _ = _sign_in(app, hubs, Role.EXPERT)
    totp = _enrol(browser)
    browser.post("/logout")
    half = app.test_client()
    to_code = half.post("/login?next=%2F%09%2Fevil.example%2Fphish",
                        data={"email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    signed_in = half.post(to_code.location, data={"code": _next_code(totp)})
    assert signed_in.status_code == 302
    assert signed_in.location == "/"


def test_the_code_step_cannot_be_reached_without_the_password(app: Flask):
    response = app.test_client().get("/login/code")
    assert response.status_code == 302
    assert response.location.endswith("/login")


def test_the_secret_is_sealed_in_the_database(app: Flask, hubs: Hubs):
    from sqlalchemy import text

    from echo_cases.db import engine_of

    browser, _ = _sign_in(app, hubs, Role.EXPERT)
    page = browser.get("/account/two-factor").text
    secret = re.search(r'<code class="key">([A-Z2-7]+)</code>', page)
    assert secret
    browser.post("/account/two-factor", data={"code": pyotp.TOTP(secret.group(1)).now()})
    with engine_of(app).connect() as connection:
        stored = connection.execute(text('SELECT totp_sealed FROM "user" WHERE totp_sealed '
                                         "IS NOT NULL")).scalar()
    assert stored is not None
    assert secret.group(1) not in stored


def test_a_hub_turns_the_second_factor_on_from_the_command_line(app: Flask, hubs: Hubs):
    result = app.test_cli_runner().invoke(args=["hub-settings", "hub-a",
                                                "--require-two-factor"])
    assert result.exit_code == 0, result.output
    assert "require_two_factor: True" in result.output
    browser, _ = _sign_in(app, hubs, Role.ADMIN)
    assert browser.get("/triage").location.endswith("/account/two-factor")
