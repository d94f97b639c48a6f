"""Controls a hub relies on: sessions, throttling, passwords, headers, sealing, the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlmodel import select, update

from echo_cases import create_app
from echo_cases.db import engine_of, unit_of_work
from echo_cases.services import signin
from echo_cases.services.throttle import MAX_FAILURES
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from models import AuditEvent, CaseOriginal, Hub, Letter, LoginSession, User, utcnow
from tests.support import (
    IDENTIFIED_CASE,
    PASSWORD,
    Api,
    Hubs,
    assert_no_identifiers,
    csrf_token_in,
    schedule_session,
    walk_to,
)
from workflows import Role


def _events(app: Flask, kind: str) -> list[AuditEvent]:
    with unit_of_work(app) as db:
        return list(db.exec(select(AuditEvent).where(AuditEvent.kind == kind)))


# --- headers ------------------------------------------------------------------------------


def test_every_page_carries_protective_headers(login_as: Callable[..., FlaskClient]):
    response = login_as(Role.EXPERT).get("/queue")
    headers = response.headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in headers  # development serves plain HTTP


def test_behind_a_tls_proxy_the_sign_in_form_works_and_a_cross_site_post_does_not(
    settings: Settings, hubs: Hubs
):
    """Over HTTPS a form post must come from our own origin; our pages ask browsers to say so."""
    keys = (Vault.new_key(),)
    app = create_app(replace(settings, environment="production", csrf=True, data_keys=keys))
    browser, site = app.test_client(), "https://echo.example.org"
    form = browser.get("/login", base_url=site)
    assert form.headers["Referrer-Policy"] == "same-origin"  # so the browser sends it to us
    credentials = {"csrf_token": csrf_token_in(form.text),
                   "email": hubs.user(Role.EXPERT).email, "password": PASSWORD}
    signed_in = browser.post("/login", data=credentials, base_url=site,
                             headers={"Referer": f"{site}/login"})
    assert signed_in.status_code == 302
    without_referer = browser.post("/login", data=credentials, base_url=site)
    assert without_referer.status_code == 400  # what no-referrer used to cause, every time
    from_elsewhere = browser.post("/login", data=credentials, base_url=site,
                                  headers={"Referer": "https://evil.example.net/"})
    assert from_elsewhere.status_code == 400


def test_production_adds_hsts_and_secure_cookies(settings: Settings):
    keys = (Vault.new_key(),)
    app = create_app(replace(settings, environment="production", csrf=True, data_keys=keys))
    response = app.test_client().get("/login")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


# --- sessions -----------------------------------------------------------------------------


def test_signing_out_ends_the_session_on_the_server(app: Flask, hubs: Hubs):
    browser = app.test_client()
    browser.post("/login", data={"email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    stolen_cookie = browser.get_cookie("session")
    assert stolen_cookie is not None
    browser.post("/logout")
    thief = app.test_client()
    thief.set_cookie("session", stolen_cookie.value)
    assert thief.get("/queue").status_code == 302  # the copied cookie no longer works


def test_each_sign_in_starts_a_new_session(app: Flask, hubs: Hubs):
    first, second = app.test_client(), app.test_client()
    for browser in (first, second):
        browser.post("/login", data={"email": hubs.user(Role.EXPERT).email,
                                     "password": PASSWORD})
    assert first.get_cookie("session").value != second.get_cookie("session").value
    with unit_of_work(app) as db:
        assert len(db.exec(select(LoginSession)).all()) == 2


@pytest.mark.parametrize("column", ["last_seen_at", "created_at"])
def test_an_idle_or_too_old_session_is_signed_out(
    app: Flask, login_as: Callable[..., FlaskClient], column: str
):
    browser = login_as(Role.EXPERT)
    assert browser.get("/queue").status_code == 200
    long_ago = utcnow() - timedelta(days=2)
    with unit_of_work(app) as db:
        db.exec(update(LoginSession).values({column: long_ago}))
    assert browser.get("/queue").status_code == 302


def test_disabling_an_account_ends_its_sessions(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    browser = login_as(Role.EXPERT)
    with unit_of_work(app) as db:
        admin = db.get(User, hubs.user(Role.ADMIN).id)
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        assert admin is not None
        assert expert is not None
        signin.disable_account(db, admin, expert)
    assert browser.get("/queue").status_code == 302
    with unit_of_work(app) as db:
        assert all(s.ended_at is not None for s in db.exec(select(LoginSession)))


# --- sign-in throttling and passwords -----------------------------------------------------


def test_repeated_failed_sign_ins_lock_the_address_for_a_while(app: Flask, hubs: Hubs):
    browser = app.test_client()
    email = hubs.user(Role.EXPERT).email
    statuses = [browser.post("/login", data={"email": email, "password": "wrong-guess"})
                .status_code for _ in range(MAX_FAILURES)]
    assert statuses == [401] * (MAX_FAILURES - 1) + [429]
    locked = browser.post("/login", data={"email": email, "password": PASSWORD})
    assert locked.status_code == 429  # even the right password waits out the lock
    assert "Try again after" in locked.text
    assert len(_events(app, "login_failed")) == MAX_FAILURES
    assert all(email not in str(e.subject) for e in _events(app, "login_failed"))


def test_a_successful_sign_in_clears_earlier_failures(app: Flask, hubs: Hubs):
    browser = app.test_client()
    email = hubs.user(Role.EXPERT).email
    for _ in range(MAX_FAILURES - 1):
        browser.post("/login", data={"email": email, "password": "wrong-guess"})
    assert browser.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
    browser.post("/logout")
    assert browser.post("/login", data={"email": email, "password": "wrong"}).status_code == 401


@pytest.mark.parametrize(("password", "complaint"), [
    ("short", "between 8 and 64"), ("x" * 65, "between 8 and 64"),
    ("password123", "most common"), ("iloveyou", "most common"),
])
def test_weak_passwords_are_refused(app: Flask, hubs: Hubs, password: str, complaint: str):
    result = app.test_cli_runner().invoke(args=[
        "create-user", "new@example.org", "--name", "New", "--hub", "hub-a", "--role",
        "expert", "--password", password])
    assert result.exit_code != 0
    assert complaint in result.output


# --- sealed originals ---------------------------------------------------------------------


def test_the_identified_original_is_sealed_in_the_database(
    app: Flask, submitted_case: dict[str, Any]
):
    with engine_of(app).connect() as connection:
        raw = " ".join(str(v) for row in connection.execute(text("SELECT * FROM case_original"))
                       for v in row)
    assert_no_identifiers(raw)
    assert raw.count("gAAAA") == 1  # one Fernet token


def test_rotating_keys_keeps_originals_readable_under_the_new_key_alone(
    settings: Settings, app: Flask, submitted_case: dict[str, Any], api_as: Callable[..., Api]
):
    old_key = settings.checked().data_keys[0]
    new_key = Vault.new_key()
    rotating = create_app(replace(settings, data_keys=(new_key, old_key)))
    result = rotating.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0, result.output
    assert "Re-sealed 1" in result.output
    new_only = create_app(replace(settings, data_keys=(new_key,)))
    with unit_of_work(new_only) as db:
        from echo_cases.services.cases import original_fields
        from models import Case

        case = db.get(Case, submitted_case["id"])
        assert case is not None
        assert original_fields(db, case)["history"] == IDENTIFIED_CASE["history"]


def test_losing_the_key_loses_only_the_identified_original(
    settings: Settings, app: Flask, submitted_case: dict[str, Any], hubs: Hubs
):
    keyless = create_app(replace(settings, data_keys=(Vault.new_key(),)))
    staff = keyless.test_client()
    staff.post("/login", data={"email": hubs.user(Role.EXPERT).email, "password": PASSWORD})
    assert staff.get(f"/cases/{submitted_case['id']}").status_code == 200
    author = keyless.test_client()
    author.post("/login", data={"email": hubs.user(Role.CLINICIAN).email, "password": PASSWORD})
    page = author.get(f"/cases/{submitted_case['id']}")
    assert page.status_code == 503
    assert "key is not configured" in page.text


def test_originals_are_purged_after_the_retention_period_and_the_rest_stays(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any], hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    case = walk_to(api_as, submitted_case, "recommendations_sent", schedule_session(app, hubs))
    runner = app.test_cli_runner()
    assert "Deleted 0" in runner.invoke(args=["purge-originals", "--after-days", "30"]).output
    with unit_of_work(app) as db:
        db.exec(update(Letter).values(created_at=utcnow() - timedelta(days=31)))
    assert "Deleted 1" in runner.invoke(args=["purge-originals", "--after-days", "30"]).output
    with unit_of_work(app) as db:
        assert db.exec(select(CaseOriginal)).all() == []
    page = login_as(Role.CLINICIAN).get(f"/cases/{case['id']}").text
    assert "was deleted after the letter was sent" in page
    assert api_as(Role.EXPERT).get(f"/cases/{case['id']}").json["fields"] is None
    assert api_as(Role.EXPERT).get(f"/cases/{case['id']}").json["deidentified_fields"]["question"]
    assert len(_events(app, "original_purged")) == 1


# --- refused reaches are recorded (the audit trail itself: tests/test_audit_trail.py) ----


def test_reaching_for_another_hubs_case_is_refused_and_recorded(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any], hubs: Hubs
):
    assert api_as(Role.EXPERT, "b").get(f"/cases/{submitted_case['id']}").status_code == 404
    denied = _events(app, "access_denied")
    assert [(e.actor_id, e.subject) for e in denied] == [
        (hubs.user(Role.EXPERT, "b").id, f"case:{submitted_case['id']}")]


def test_sign_ins_are_recorded(app: Flask, login_as: Callable[..., FlaskClient], hubs: Hubs):
    login_as(Role.EXPERT).post("/logout")
    assert [e.actor_id for e in _events(app, "login")] == [hubs.user(Role.EXPERT).id]
    assert [e.actor_id for e in _events(app, "logout")] == [hubs.user(Role.EXPERT).id]


# --- break the glass ----------------------------------------------------------------------


def test_an_admin_can_read_an_original_only_by_breaking_the_glass_with_a_reason(
    app: Flask, login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]
):
    admin = login_as(Role.ADMIN)
    url = f"/cases/{submitted_case['id']}/break-glass"
    assert admin.post(url, data={"reason": "curious"}).status_code == 422
    page = admin.post(url, data={"reason": "Clinician asked us to correct a wrong MRN."})
    assert page.status_code == 200
    assert "80417733" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    events = _events(app, "break_glass")
    assert len(events) == 1
    assert events[0].detail["reason"].startswith("Clinician asked")
    for role in (Role.EXPERT, Role.COORDINATOR):
        refused = login_as(role).post(url, data={"reason": "x" * 40})
        assert refused.status_code == 403
        assert_no_identifiers(refused.text)


# --- idempotent submission ----------------------------------------------------------------


def test_a_retried_case_submission_with_the_same_key_creates_one_case(
    api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    body = {"program_id": hubs.program_id(), "fields": IDENTIFIED_CASE}
    headers = {**clinician.headers, "Idempotency-Key": "retry-7f3a"}
    first = clinician.client.post("/api/v1/cases", json=body, headers=headers)
    again = clinician.client.post("/api/v1/cases", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json["id"] == again.json["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(clinician.get("/cases").json["items"]) == 1
    other = clinician.client.post("/api/v1/cases", headers=headers, json={
        "program_id": hubs.program_id(), "fields": {"title": "Another"}})
    assert other.status_code == 422
    assert other.json["error"]["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in other.json["error"]["fields"]


def test_reaching_for_another_hubs_session_or_export_is_recorded(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs
):
    session_id = schedule_session(app, hubs)
    outsider = api_as(Role.COORDINATOR, "b")
    assert outsider.get(f"/sessions/{session_id}").status_code == 404
    assert outsider.get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.json").status_code == 404
    subjects = sorted(e.subject for e in _events(app, "access_denied"))
    assert subjects == [f"hub:{hubs.hubs['a'].id}", f"session:{session_id}"]


def test_reaching_for_a_hub_that_does_not_exist_is_a_plain_404_and_recorded(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs
):
    coordinator = api_as(Role.COORDINATOR)
    assert coordinator.get("/hubs/2000/dashboard").status_code == 404
    assert coordinator.get("/hubs/2000/exports/cases.csv").status_code == 404
    assert [e.subject for e in _events(app, "access_denied")] == ["hub:2000", "hub:2000"]


def test_a_hub_that_keeps_originals_less_long_has_them_purged_sooner(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any], hubs: Hubs,
):
    walk_to(api_as, submitted_case, "recommendations_sent", schedule_session(app, hubs))
    with unit_of_work(app) as db:
        db.exec(update(Letter).values(created_at=utcnow() - timedelta(days=8)))
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        hub.retention_days = 7
        db.add(hub)
    runner = app.test_cli_runner()
    purged = runner.invoke(args=["purge-originals", "--after-days", "30"])
    assert "Deleted 1" in purged.output, purged.output
    with unit_of_work(app) as db:
        assert db.exec(select(CaseOriginal)).all() == []
    assert [e.detail["after_days"] for e in _events(app, "original_purged")] == [7]


def test_a_hub_that_keeps_originals_longer_keeps_them_past_the_servers_period(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any], hubs: Hubs,
):
    walk_to(api_as, submitted_case, "recommendations_sent", schedule_session(app, hubs))
    with unit_of_work(app) as db:
        db.exec(update(Letter).values(created_at=utcnow() - timedelta(days=31)))
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        hub.retention_days = 90
        db.add(hub)
    assert "Deleted 0" in app.test_cli_runner().invoke(
        args=["purge-originals", "--after-days", "30"]).output
