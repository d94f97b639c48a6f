"""Forgot your password: the link by e-mail, used once within the hour; the same answer
for every address; throttled like signing in; every other browser signed out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import members
from models import AuditEvent, PasswordReset, User
from tests.mail_server import Inbox, link_in, text_of
from tests.support import PASSWORD, Hubs, TestClock
from workflows import Role

NEW_PASSWORD = "a-kettle-of-hawks"

pytestmark = pytest.mark.mail


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


def ask(app: Flask, email: str) -> object:
    return app.test_client().post("/login/forgot", data={"email": email})


def choose(app: Flask, path: str, password: str = NEW_PASSWORD) -> object:
    return app.test_client().post(path, data={"password": password, "confirm": password})


def signs_in(app: Flask, email: str, password: str) -> bool:
    response = app.test_client().post("/login", data={"email": email, "password": password})
    return response.status_code == 302


def test_the_sign_in_page_offers_a_way_back_in(client: FlaskClient):
    page = client.get("/login")
    assert 'href="/login/forgot"' in page.text
    assert "Forgot your password?" in page.text


def test_a_forgotten_password_is_replaced_through_the_emailed_link(
    app: Flask, hubs: Hubs, inbox: Inbox,
):
    email = hubs.user(Role.CLINICIAN).email
    asked = ask(app, email)
    assert asked.status_code == 302
    [message] = inbox.messages
    assert message["To"] == email
    assert "Choose a new echo-cases password" in message["Subject"]
    path = link_in(message, "login/reset")
    page = app.test_client().get(path)
    assert page.status_code == 200
    assert email in page.text
    assert choose(app, path).status_code == 302
    assert signs_in(app, email, NEW_PASSWORD)
    assert not signs_in(app, email, PASSWORD)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    app: Flask, hubs: Hubs, inbox: Inbox,
):
    known = app.test_client().post("/login/forgot", data={"email": hubs.user(Role.EXPERT).email},
                                   follow_redirects=True)
    unknown = app.test_client().post("/login/forgot", data={"email": "nobody@example.org"},
                                     follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert without_csrf(known.text) == without_csrf(unknown.text)
    assert "If an active account uses that address" in known.text
    assert [m["To"] for m in inbox.messages] == [hubs.user(Role.EXPERT).email]


def test_the_link_works_once(app: Flask, hubs: Hubs, inbox: Inbox):
    ask(app, hubs.user(Role.CLINICIAN).email)
    path = link_in(inbox.messages[0], "login/reset")
    assert choose(app, path).status_code == 302
    second = choose(app, path, "yet-another-phrase")
    assert second.status_code == 404
    assert "no longer works" in second.text
    assert signs_in(app, hubs.user(Role.CLINICIAN).email, NEW_PASSWORD)


def test_the_link_expires_after_an_hour(app: Flask, hubs: Hubs, inbox: Inbox,
                                        clock: TestClock):
    ask(app, hubs.user(Role.CLINICIAN).email)
    path = link_in(inbox.messages[0], "login/reset")
    clock.move_to(clock() + timedelta(minutes=59))
    assert app.test_client().get(path).status_code == 200
    clock.move_to(clock() + timedelta(minutes=2))
    assert choose(app, path).status_code == 404
    assert signs_in(app, hubs.user(Role.CLINICIAN).email, PASSWORD)


def test_choosing_a_new_password_signs_out_every_other_browser(
    app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    elsewhere = login_as(Role.EXPERT)
    assert elsewhere.get("/queue").status_code == 200
    ask(app, hubs.user(Role.EXPERT).email)
    choose(app, link_in(inbox.messages[0], "login/reset"))
    assert elsewhere.get("/queue").status_code == 302
    with unit_of_work(app) as db:
        kinds = [e.kind for e in db.exec(select(AuditEvent))]
    assert "password_reset_requested" in kinds
    assert "password_reset" in kinds


def test_the_new_password_follows_the_same_rules(app: Flask, hubs: Hubs, inbox: Inbox):
    ask(app, hubs.user(Role.CLINICIAN).email)
    path = link_in(inbox.messages[0], "login/reset")
    common = choose(app, path, "password1")
    assert common.status_code == 422
    assert "most common" in common.text
    mismatch = app.test_client().post(path, data={"password": NEW_PASSWORD,
                                                  "confirm": NEW_PASSWORD + "x"})
    assert mismatch.status_code == 422
    assert choose(app, path).status_code == 302  # still usable after a refusal


def test_a_deactivated_account_gets_no_link(app: Flask, hubs: Hubs, inbox: Inbox):
    with unit_of_work(app) as db:
        admin = db.get(User, hubs.user(Role.ADMIN).id)
        assert admin is not None
        members.deactivate(db, admin, hubs.hubs["a"].id or 0, hubs.user(Role.CLINICIAN).id or 0)
    asked = ask(app, hubs.user(Role.CLINICIAN).email)
    assert asked.status_code == 302
    assert inbox.messages == []


def test_a_link_asked_for_before_deactivation_stops_working(app: Flask, hubs: Hubs,
                                                            inbox: Inbox):
    ask(app, hubs.user(Role.CLINICIAN).email)
    path = link_in(inbox.messages[0], "login/reset")
    with unit_of_work(app) as db:
        admin = db.get(User, hubs.user(Role.ADMIN).id)
        assert admin is not None
        members.deactivate(db, admin, hubs.hubs["a"].id or 0, hubs.user(Role.CLINICIAN).id or 0)
    assert choose(app, path).status_code == 404


def test_asking_is_throttled_like_signing_in_for_known_and_unknown_addresses(
    app: Flask, hubs: Hubs, inbox: Inbox, clock: TestClock,
):
    for email in (hubs.user(Role.CLINICIAN).email, "nobody@example.org"):
        answers = [ask(app, email).status_code for _ in range(6)]
        assert answers == [302] * 5 + [429]
    assert len(inbox.messages) == 5
    clock.move_to(clock() + timedelta(minutes=16))
    assert ask(app, "nobody@example.org").status_code == 302


def test_the_token_is_stored_only_as_its_digest(app: Flask, hubs: Hubs, inbox: Inbox):
    ask(app, hubs.user(Role.CLINICIAN).email)
    token = link_in(inbox.messages[0], "login/reset").rsplit("/", 1)[1]
    assert token in text_of(inbox.messages[0])
    with unit_of_work(app) as db:
        reset = db.exec(select(PasswordReset)).one()
        events = " ".join(str(e.detail) + e.subject for e in db.exec(select(AuditEvent)))
    assert token not in reset.digest
    assert token not in events


def test_a_made_up_link_opens_nothing(client: FlaskClient, hubs: Hubs):
    assert client.get("/login/reset/" + "A" * 43).status_code == 404
    assert client.get("/login/reset/x").status_code == 404


def test_links_name_the_configured_address_whatever_host_a_request_claims(
    app: Flask, hubs: Hubs, inbox: Inbox,
):
    app.extensions["echo_cases.settings"] = replace(
        app.extensions["echo_cases.settings"], public_url="https://echo.example.org")
    app.test_client().post("/login/forgot", data={"email": hubs.user(Role.CLINICIAN).email},
                           headers={"Host": "attacker.example.net"})
    body = text_of(inbox.messages[0])
    assert "https://echo.example.org/login/reset/" in body
    assert "attacker" not in body
