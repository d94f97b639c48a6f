"""Nothing typed is lost: drafts autosave through the form's own checks, typing keeps the
sign-in alive, an expired sign-in or form says how to get back to what was typed; and the
program is chosen, not defaulted, and can change until the case is submitted."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from echo_cases import create_app
from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from echo_cases.settings import Settings
from models import Case, Hub
from tests.support import IDENTIFIED_CASE, PASSWORD, Hubs, TestClock, csrf_token_in
from workflows import Role

LONG_WRITE_UP = "Seen three times since March; " * 40


def _version(html: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match, "the page has no version field"
    return match.group(1)


def _draft(browser: FlaskClient, hubs: Hubs) -> int:
    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(),
                                             **IDENTIFIED_CASE})
    assert saved.status_code == 302, saved.text
    match = re.search(r"/cases/(\d+)", saved.location)
    assert match
    return int(match.group(1))


def test_autosave_saves_the_draft_as_typed_and_answers_when(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    browser = login_as(Role.CLINICIAN)
    case_id = _draft(browser, hubs)
    form = browser.get(f"/cases/{case_id}/edit").text
    assert f'data-autosave="/cases/{case_id}/autosave"' in form
    saved = browser.post(f"/cases/{case_id}/autosave", data={
        **IDENTIFIED_CASE, "program_id": hubs.program_id(), "version": _version(form),
        "narrative": LONG_WRITE_UP})
    assert saved.status_code == 200
    assert saved.json["fields"] == {"version": str(int(_version(form)) + 1)}
    assert saved.json["saved_at"]
    assert LONG_WRITE_UP.strip() in browser.get(f"/cases/{case_id}/edit").text
    assert IDENTIFIED_CASE["history"] not in saved.text  # the answer never echoes the case


def test_autosave_refuses_what_the_form_refuses_and_saves_nothing(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    browser = login_as(Role.CLINICIAN)
    case_id = _draft(browser, hubs)
    form = browser.get(f"/cases/{case_id}/edit").text
    refused = browser.post(f"/cases/{case_id}/autosave", data={
        **IDENTIFIED_CASE, "version": _version(form), "sex": "unknowable",
        "narrative": LONG_WRITE_UP})
    assert refused.status_code == 422
    assert "sex" in refused.json["fields"]
    assert LONG_WRITE_UP.strip() not in browser.get(f"/cases/{case_id}/edit").text
    stale = browser.post(f"/cases/{case_id}/autosave", data={
        **IDENTIFIED_CASE, "version": str(int(_version(form)) - 1)})
    assert stale.status_code == 409
    assert "reload" in stale.json["error"]


def test_the_first_autosave_of_a_new_case_creates_its_draft(
    login_as: Callable[..., FlaskClient], hubs: Hubs, app: Flask,
):
    browser = login_as(Role.CLINICIAN)
    unchosen = browser.post("/cases/autosave", data={"title": "ASC-H at 34"})
    assert unchosen.status_code == 422
    assert "program_id" in unchosen.json["fields"]
    created = browser.post("/cases/autosave", data={"program_id": hubs.program_id(),
                                                    "title": "ASC-H at 34"})
    assert created.status_code == 200
    case_id = int(created.json["url"].split("/")[2])
    assert created.json["url"] == f"/cases/{case_id}/edit"
    assert created.json["autosave"] == f"/cases/{case_id}/autosave"
    assert created.json["key"] == f"case-{case_id}"
    assert "ASC-H at 34" in browser.get(created.json["url"]).text


def test_autosave_keeps_a_person_typing_signed_in_and_idleness_still_signs_out(
    login_as: Callable[..., FlaskClient], hubs: Hubs, clock: TestClock,
):
    """The sign-in ends 30 minutes after the browser's last request (and 12 hours after it
    began); an autosave is a request, so typing is never cut off."""
    browser = login_as(Role.CLINICIAN)
    case_id = _draft(browser, hubs)
    version = _version(browser.get(f"/cases/{case_id}/edit").text)
    for _ in range(3):  # 75 minutes of typing, saved every 25
        clock.move_to(clock() + timedelta(minutes=25))
        saved = browser.post(f"/cases/{case_id}/autosave", data={
            **IDENTIFIED_CASE, "version": version})
        assert saved.status_code == 200
        version = saved.json["fields"]["version"]
    clock.move_to(clock() + timedelta(minutes=31))
    assert browser.get(f"/cases/{case_id}/edit").status_code == 302  # to the sign-in page


def test_an_expired_sign_in_says_what_was_typed_is_kept_and_leads_back_to_the_form(
    login_as: Callable[..., FlaskClient], hubs: Hubs, clock: TestClock,
):
    browser = login_as(Role.CLINICIAN)
    case_id = _draft(browser, hubs)
    version = _version(browser.get(f"/cases/{case_id}/edit").text)
    clock.move_to(clock() + timedelta(minutes=31))
    refused = browser.post(f"/cases/{case_id}/edit", data={
        **IDENTIFIED_CASE, "version": version, "narrative": LONG_WRITE_UP})
    assert refused.status_code == 401
    assert "What you typed is kept in this browser tab" in refused.text
    assert f'href="/login?next=/cases/{case_id}/edit"' in refused.text
    assert "Seen three times" not in refused.text  # neither echoed nor put in a link
    autosave = browser.post(f"/cases/{case_id}/autosave", data={"version": version})
    assert autosave.status_code in (400, 401)


def test_an_expired_sign_in_on_a_form_posted_elsewhere_leads_back_to_its_page(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any], clock: TestClock,
):
    expert = login_as(Role.EXPERT)
    page = f"/cases/{submitted_case['id']}"
    assert expert.get(page).status_code == 200
    clock.move_to(clock() + timedelta(minutes=31))
    refused = expert.post(f"{page}/recommendations", data={"summary": "Typed at length."},
                          headers={"Referer": f"http://localhost{page}"})
    assert refused.status_code == 401
    assert f'href="/login?next={page}"' in refused.text
    elsewhere = expert.post(f"{page}/recommendations", data={"summary": "Typed."},
                            headers={"Referer": f"https://elsewhere.example{page}"})
    assert "/login?next=" not in elsewhere.text  # another site's page is not ours to offer


def test_an_expired_form_leads_back_to_the_form_it_came_from(
    settings: Settings, hubs: Hubs,
):
    browser = create_app(replace(settings, csrf=True)).test_client()
    token = csrf_token_in(browser.get("/login").text)
    browser.post("/login", data={"email": hubs.user(Role.CLINICIAN).email,
                                 "password": PASSWORD, "csrf_token": token})
    expired = browser.post("/cases/new", data={"csrf_token": "from-a-page-long-gone",
                                               "title": "Typed for an hour"})
    assert expired.status_code == 400
    assert "What you typed is kept in this browser tab" in expired.text
    assert 'href="/cases/new"' in expired.text
    assert "Typed for an hour" not in expired.text


def test_the_form_page_names_the_key_its_typing_is_kept_under_and_forgets_it_once_saved(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    browser = login_as(Role.CLINICIAN)
    user_id = hubs.user(Role.CLINICIAN).id
    new = browser.get("/cases/new").text
    assert 'data-autosave-key="new-case"' in new
    assert f'<meta name="echo-user" content="u{user_id}">' in new
    assert "autosave.js" in new
    case_id = _draft(browser, hubs)
    after = browser.get(f"/cases/{case_id}").text
    assert f'<meta name="echo-forget-typed" content="u{user_id}:new-case">' in after
    assert "echo-forget-typed" not in browser.get(f"/cases/{case_id}").text  # said once


def test_an_action_form_names_the_key_its_typing_is_kept_under_and_forgets_it_once_taken(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any], hubs: Hubs,
):
    expert = login_as(Role.EXPERT)
    user_id, page = hubs.user(Role.EXPERT).id, f"/cases/{submitted_case['id']}"
    key = f"action-{submitted_case['id']}-record_pre_review"
    case_page = expert.get(page).text
    assert f'data-keep-typed="{key}"' in case_page
    refused = expert.post(f"{page}/actions/record_pre_review",
                          data={"version": _version(case_page), "notes": ""})
    assert refused.status_code in (400, 422)
    assert "echo-forget-typed" not in refused.text  # not taken: the typing is still wanted
    taken = expert.post(f"{page}/actions/record_pre_review",
                        data={"version": _version(case_page), "notes": "Ask about the vaccine."})
    assert taken.status_code == 302, taken.text
    after = expert.get(page).text
    assert f'<meta name="echo-forget-typed" content="u{user_id}:{key}">' in after
    assert "Ask about the vaccine." not in (taken.headers.get("Set-Cookie") or "")
    assert "echo-forget-typed" not in expert.get(page).text  # said once


# Program ---------------------------------------------------------------------------------


def _second_program(app: Flask, hubs: Hubs) -> int:
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        return accounts.create_program(db, hub, "Anal Dysplasia ECHO").id or 0


def test_the_program_starts_unchosen_and_submitting_without_one_names_it(
    login_as: Callable[..., FlaskClient], hubs: Hubs, app: Flask,
):
    _second_program(app, hubs)
    browser = login_as(Role.CLINICIAN)
    form = browser.get("/cases/new").text
    assert '<option value="" selected>Choose a program</option>' in form
    assert re.search(r'<option value="\d+" selected>', form) is None
    refused = browser.post("/cases/new", data={"program_id": "", **IDENTIFIED_CASE})
    assert refused.status_code == 422
    assert 'id="e-program_id">Choose the program this case is for.' in refused.text
    assert 'aria-describedby="h-program_id e-program_id"' in refused.text
    assert IDENTIFIED_CASE["history"].split(",")[0] in refused.text  # kept as typed


def test_the_program_can_change_while_the_case_is_a_draft_and_not_after(
    login_as: Callable[..., FlaskClient], hubs: Hubs, app: Flask,
):
    other = _second_program(app, hubs)
    browser = login_as(Role.CLINICIAN)
    case_id = _draft(browser, hubs)
    form = browser.get(f"/cases/{case_id}/edit").text
    assert 'id="program_id" name="program_id"' in form
    assert "disabled" not in form.split('id="program_id"')[1].split(">")[0]
    changed = browser.post(f"/cases/{case_id}/edit", data={
        **IDENTIFIED_CASE, "program_id": str(other), "version": _version(form)})
    assert changed.status_code == 302
    assert "Anal Dysplasia ECHO" in browser.get(f"/cases/{case_id}").text
    with unit_of_work(app) as db:
        case = db.get(Case, case_id)
        assert case is not None
        assert case.program_id == other

    elsewhere = browser.post(f"/cases/{case_id}/edit", data={
        **IDENTIFIED_CASE, "program_id": str(hubs.program_id("b")),
        "version": str(int(_version(form)) + 1)})
    assert elsewhere.status_code == 422  # not a program this clinician writes for
    assert 'id="e-program_id">Choose one of the programs in the list.' in elsewhere.text


def test_a_submitted_case_keeps_its_program(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any], hubs: Hubs,
    app: Flask,
):
    other = _second_program(app, hubs)
    browser = login_as(Role.CLINICIAN)
    assert browser.get(f"/cases/{submitted_case['id']}/edit").status_code == 404
    moved = browser.post(f"/cases/{submitted_case['id']}/autosave", data={
        "program_id": str(other), "version": str(submitted_case["version"])})
    assert moved.status_code == 422  # the state forbids it; 409 is for a stale version only
    with unit_of_work(app) as db:
        case = db.get(Case, submitted_case["id"])
        assert case is not None
        assert case.program_id == hubs.program_id()


def test_the_api_moves_a_draft_to_another_program_but_not_a_submitted_case(
    api_as: Callable[..., Any], hubs: Hubs, app: Flask, submitted_case: dict[str, Any],
):
    other = _second_program(app, hubs)
    clinician = api_as(Role.CLINICIAN)
    draft = clinician.post("/cases", {"program_id": hubs.program_id(),
                                      "fields": IDENTIFIED_CASE}).json
    moved = clinician.patch(f"/cases/{draft['id']}", {"version": draft["version"],
                                                      "fields": {}, "program_id": other})
    assert moved.status_code == 200, moved.json
    assert moved.json["program_id"] == other
    refused = clinician.patch(f"/cases/{submitted_case['id']}", {
        "version": submitted_case["version"], "fields": {}, "program_id": other})
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "wrong_state"
    assert clinician.get(f"/cases/{submitted_case['id']}").json["program_id"] == \
        hubs.program_id()
