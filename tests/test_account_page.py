"""Everyone's own account page: profile, password, second factor and personal API tokens.
Each change is the person's own, audited, and takes effect at once."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import timedelta

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import ApiToken, AuditEvent, Hub, User
from tests.support import PASSWORD, Api, Hubs, clock_of
from workflows import Role

NEW_PASSWORD = "a-longer-walk-by-the-river"


def _events(app: Flask, kind: str) -> list[AuditEvent]:
    with unit_of_work(app) as db:
        return list(db.exec(select(AuditEvent).where(AuditEvent.kind == kind)))


def _new_token(browser: FlaskClient, name: str = "REDCap sync", days: str = "30") -> str:
    made = browser.post("/account/tokens", data={"name": name, "expires_in_days": days})
    assert made.status_code == 200, made.text
    assert made.headers["Cache-Control"] == "no-store"
    found = re.search(r'id="new-token" readonly value="(ec_[^"]+)"', made.text)
    assert found, "the new token is shown once"
    return found.group(1)


def test_everyone_reaches_their_account_page_from_the_navigation(
    login_as: Callable[..., FlaskClient]
):
    for role in Role:
        browser = login_as(role)
        assert 'href="/account"' in browser.get("/", follow_redirects=True).text
        page = browser.get("/account")
        assert page.status_code == 200
        assert "Your account" in page.text
        assert 'href="/calendar"' in page.text, "the time zone is chosen on the calendar page"


def test_a_person_changes_their_own_name_and_credentials(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    browser = login_as(Role.EXPERT)
    saved = browser.post("/account/profile", data={
        "name": "Lucia Ferreira", "credentials": "MD, MPH", "profession": "Gynaecologist",
        "organisation": "Mountain View Clinic"})
    assert saved.status_code == 302
    page = browser.get("/account").text
    assert 'value="MD, MPH"' in page
    assert 'value="Mountain View Clinic"' in page
    [event] = _events(app, "profile_changed")
    assert event.actor_id == hubs.user(Role.EXPERT).id
    assert event.detail["changed"] == ["credentials", "name", "organisation", "profession"]
    assert "MD, MPH" not in str(event.detail), "what changed is named, not its value"


def test_a_profile_without_a_name_is_refused_and_keeps_what_was_typed(
    login_as: Callable[..., FlaskClient]
):
    refused = login_as(Role.CLINICIAN).post("/account/profile", data={
        "name": " ", "credentials": "RN"})
    assert refused.status_code == 422
    assert "Give your name as colleagues know it." in refused.text
    assert 'value="RN"' in refused.text


def test_changing_the_password_needs_the_current_one(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    browser = login_as(Role.CLINICIAN)
    wrong = browser.post("/account/password", data={"current_password": "not-it-at-all",
                                                   "password": NEW_PASSWORD})
    assert wrong.status_code == 422
    assert "That is not your current password." in wrong.text
    common = browser.post("/account/password", data={"current_password": PASSWORD,
                                                     "password": "password123"})
    assert common.status_code == 422
    assert "among the most common" in common.text
    short = browser.post("/account/password", data={"current_password": PASSWORD,
                                                    "password": "short"})
    assert short.status_code == 422
    email = hubs.user(Role.CLINICIAN).email
    assert app.test_client().post("/login", data={"email": email, "password": PASSWORD}
                                  ).status_code == 302, "the password is unchanged"


def test_a_new_password_signs_out_every_other_browser_and_keeps_this_one(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    here, elsewhere = login_as(Role.CLINICIAN), login_as(Role.CLINICIAN)
    changed = here.post("/account/password", data={"current_password": PASSWORD,
                                                   "password": NEW_PASSWORD})
    assert changed.status_code == 302
    assert "1 other sign-in ended" in here.get("/account").text
    assert elsewhere.get("/account").status_code == 302, "the other browser is signed out"
    email = hubs.user(Role.CLINICIAN).email
    assert app.test_client().post("/login", data={"email": email, "password": PASSWORD}
                                  ).status_code == 401
    assert app.test_client().post("/login", data={"email": email, "password": NEW_PASSWORD}
                                  ).status_code == 302
    [event] = _events(app, "password_changed")
    assert (event.actor_id, event.detail["sessions_ended"]) == (
        hubs.user(Role.CLINICIAN).id, 1)


def test_wrong_current_passwords_count_like_failed_sign_ins(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    browser = login_as(Role.EXPERT)
    for _ in range(5):
        browser.post("/account/password", data={"current_password": "guess-guess-guess",
                                                "password": NEW_PASSWORD})
    locked = browser.post("/account/password", data={"current_password": PASSWORD,
                                                     "password": NEW_PASSWORD})
    assert locked.status_code == 422
    assert "Too many wrong passwords" in locked.text
    assert len(_events(app, "password_change_refused")) == 5


def test_a_personal_token_works_until_it_is_revoked_at_once(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    browser = login_as(Role.CLINICIAN)
    token = _new_token(browser)
    api = Api(app.test_client(), token)
    assert api.get("/me").json["id"] == hubs.user(Role.CLINICIAN).id
    page = browser.get("/account").text
    assert token not in page, "the token is shown only once"
    assert "REDCap sync" in page
    assert "Live" in page
    with unit_of_work(app) as db:
        row = db.exec(select(ApiToken).where(ApiToken.label == "REDCap sync")).one()
        assert token not in (row.digest, row.label), "only a digest is stored"
        assert row.last_used_at is not None, "its use is noted"
    revoked = browser.post(f"/account/tokens/{row.id}/revoke")
    assert revoked.status_code == 302
    assert api.get("/me").status_code == 401, "a revoked token is refused at once"
    assert "Revoked" in browser.get("/account").text
    kinds = [e.kind for e in _events(app, "token_created") + _events(app, "token_revoked")]
    assert kinds == ["token_created", "token_revoked"]


def test_a_token_stops_working_when_it_expires(
    login_as: Callable[..., FlaskClient], app: Flask
):
    browser = login_as(Role.EXPERT)
    api = Api(app.test_client(), _new_token(browser, days="7"))
    assert api.get("/me").status_code == 200
    clock = clock_of(app)
    clock.move_to(clock() + timedelta(days=7, minutes=1))
    assert api.get("/me").status_code == 401
    # A week on, the browser's sign-in has idled out too: sign in again to read the list.
    assert "Expired" in login_as(Role.EXPERT).get("/account").text


def test_a_token_needs_a_name_and_a_listed_lifetime(login_as: Callable[..., FlaskClient]):
    browser = login_as(Role.EXPERT)
    refused = browser.post("/account/tokens", data={"name": "", "expires_in_days": "9999"})
    assert refused.status_code == 422
    assert "Name the token after what will use it" in refused.text
    assert "Use a number of days from 1 to 365." in refused.text
    assert "ec_" not in refused.text


def test_nobody_revokes_someone_elses_token(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    owner = login_as(Role.CLINICIAN)
    token = _new_token(owner)
    with unit_of_work(app) as db:
        row_id = db.exec(select(ApiToken).where(ApiToken.label == "REDCap sync")).one().id
    for role in (Role.ADMIN, Role.EXPERT):
        assert login_as(role).post(f"/account/tokens/{row_id}/revoke").status_code == 404
    assert Api(app.test_client(), token).get("/me").status_code == 200


def test_the_second_factor_is_turned_off_with_a_code_unless_the_hub_requires_it(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    browser = login_as(Role.EXPERT)
    assert "Set up a second factor" in browser.get("/account").text
    setup = browser.get("/account/two-factor").text
    secret = re.search(r'<code class="key">([A-Z2-7]+)</code>', setup)
    assert secret
    totp = pyotp.TOTP(secret.group(1))
    assert browser.post("/account/two-factor", data={"code": totp.now()}).status_code == 302
    assert "On: you sign in with a code" in browser.get("/account").text
    wrong = browser.post("/account/two-factor/disable", data={"code": "000000"})
    assert wrong.status_code == 422
    next_code = totp.at(int(time.time()) + totp.interval)
    off = browser.post("/account/two-factor/disable", data={"code": next_code})
    assert off.status_code == 302
    with unit_of_work(app) as db:
        user = db.get(User, hubs.user(Role.EXPERT).id)
        assert user is not None
        assert user.totp_sealed is None
    assert [e.actor_id for e in _events(app, "two_factor_disabled")] == [
        hubs.user(Role.EXPERT).id]


def test_the_second_factor_stays_on_where_the_hub_requires_it(
    login_as: Callable[..., FlaskClient], app: Flask, hubs: Hubs
):
    browser = login_as(Role.COORDINATOR)
    setup = browser.get("/account/two-factor").text
    secret = re.search(r'<code class="key">([A-Z2-7]+)</code>', setup)
    assert secret
    totp = pyotp.TOTP(secret.group(1))
    assert browser.post("/account/two-factor", data={"code": totp.now()}).status_code == 302
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        hub.require_two_factor = True
    page = browser.get("/account").text
    assert "Your hub requires it for your role" in page
    assert "Turn off the second factor" not in page
    refused = browser.post("/account/two-factor/disable",
                           data={"code": totp.at(int(time.time()) + totp.interval)})
    assert refused.status_code == 422
    with unit_of_work(app) as db:
        user = db.get(User, hubs.user(Role.COORDINATOR).id)
        assert user is not None
        assert user.totp_sealed is not None
