"""Every web form reads what it is sent as the API reads JSON: an id it cannot read, a choice
it does not offer, a number that is not one is refused with a 4xx naming the field, and the
form comes back with what was typed; nothing is dropped or read as the nearest thing.

(The session and attendance forms: tests/test_typed_numbers.py; a participant's removal:
tests/test_participants.py; a kept outcome phrase: tests/test_outcomes.py.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.case_form import read_number
from echo_cases.db import unit_of_work
from models import Case, Hub, Invitation, ProgramCredit, RecommendationSet
from tests.support import Api, Hubs, schedule_session, walk_to
from workflows import Role


def test_a_new_case_names_a_program_it_cannot_read_and_keeps_the_typing(
        login_as: Callable[..., FlaskClient], app: Flask):
    page = login_as(Role.CLINICIAN).post("/cases/new", data={
        "program_id": "²", "title": "Persistent ASC-H", "question": "LEEP or wait?"})
    assert page.status_code == 422
    assert "Choose the program this case is for." in page.text
    assert "Persistent ASC-H" in page.text
    with unit_of_work(app) as db:
        assert db.exec(select(Case)).first() is None


def test_a_draft_saved_with_a_version_it_cannot_read_says_so_above_the_form(
        login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs):
    draft = api_as(Role.CLINICIAN).post("/cases", {"program_id": hubs.program_id(),
                                                   "fields": {"title": "Draft"}}).json
    page = login_as(Role.CLINICIAN).post(f"/cases/{draft['id']}/edit", data={
        "program_id": str(hubs.program_id()), "version": "+1", "title": "Draft, retyped",
        "question": "What next?"})
    assert page.status_code == 422
    assert "The form is missing its version: reload the page." in page.text
    assert "Draft, retyped" in page.text


def test_scheduling_names_minutes_that_are_not_a_whole_number_in_range(
        app: Flask, hubs: Hubs, api_as: Callable[..., Api],
        login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]):
    session_id = schedule_session(app, hubs)
    case = walk_to(api_as, submitted_case, "reviewed", session_id)
    coordinator = login_as(Role.COORDINATOR)
    for typed in ("abc", "1.5", "300"):  # "abc" was a server error, "300" quietly 120
        page = coordinator.post(f"/cases/{case['id']}/actions/schedule", data={
            "version": str(case["version"]), "session_id": str(session_id), "minutes": typed})
        assert page.status_code == 422, typed
        assert "Give the time on the agenda in whole minutes, from 5 to 120." in page.text
    page = coordinator.post(f"/cases/{case['id']}/actions/schedule", data={
        "version": str(case["version"]), "session_id": "x", "minutes": "20"})
    assert page.status_code == 422
    assert "Choose the session from the list." in page.text


def test_recommendations_with_a_version_that_cannot_be_read_are_refused_not_saved_over(
        app: Flask, hubs: Hubs, api_as: Callable[..., Api],
        login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]):
    case = walk_to(api_as, submitted_case, "presented", schedule_session(app, hubs))
    page = login_as(Role.EXPERT).post(f"/cases/{case['id']}/recommendations", data={
        "summary": "The panel favoured colposcopy first.", "recommendations_version": "one",
        "recommendation-0": "Colposcopy within 4 weeks"})
    assert page.status_code == 422
    assert "version cannot be read" in page.text
    assert "The panel favoured colposcopy first." in page.text
    with unit_of_work(app) as db:
        assert db.get(RecommendationSet, case["id"]) is None


def test_an_acknowledgement_with_a_version_that_cannot_be_read_is_refused(
        login_as: Callable[..., FlaskClient], finished_case: dict[str, Any]):
    page = login_as(Role.CLINICIAN).post(f"/cases/{finished_case['id']}/letter/acknowledge",
                                         data={"version": " 4"})
    assert page.status_code == 422
    assert "<strong>version</strong>" in page.text


def test_a_programs_facilitator_and_panel_are_named_when_they_cannot_be_read(
        login_as: Callable[..., FlaskClient], hubs: Hubs):
    hub_id, program_id = hubs.hubs["a"].id, hubs.program_id()
    page = login_as(Role.ADMIN).post(f"/hubs/{hub_id}/programs/{program_id}", data={
        "name": "Cervical ECHO, renamed", "default_facilitator_id": "x"})
    assert page.status_code == 422
    assert "Cervical ECHO, renamed" in page.text
    assert '<p class="field-error">Choose from the list.</p>' in page.text


def test_the_form_editor_names_a_position_that_is_no_number(
        login_as: Callable[..., FlaskClient], hubs: Hubs):
    hub_id, program_id = hubs.hubs["a"].id, hubs.program_id()
    admin = login_as(Role.ADMIN)
    editor = admin.get(f"/hubs/{hub_id}/programs/{program_id}/form")
    assert editor.status_code == 200
    page = admin.post(f"/hubs/{hub_id}/programs/{program_id}/form", data={
        "based_on": "0", "key-0": "", "label-0": "Pack years", "kind-0": "number",
        "handling-0": "keep", "position-0": "third"})
    assert page.status_code == 422
    assert "Give the place as a number, like 3 or 1.5." in page.text
    assert 'value="Pack years"' in page.text
    # Inputs of a row the editor never shows are refused, not quietly cut off.
    beyond = admin.post(f"/hubs/{hub_id}/programs/{program_id}/form", data={
        "based_on": "0", "label-0": "Pack years", "label-99": "Smoker"})
    assert beyond.status_code == 422
    assert "Rows are numbered from 0 to 79." in beyond.text


def test_hub_settings_name_a_box_sent_with_a_value_no_box_sends(
        app: Flask, login_as: Callable[..., FlaskClient], hubs: Hubs):
    hub = hubs.hubs["a"]
    page = login_as(Role.ADMIN).post(f"/hubs/{hub.id}/settings", data={
        "name": "Hub A, renamed", "timezone": "UTC", "locale": "en_US", "date_order": "mdy",
        "require_two_factor": "yes"})
    assert page.status_code == 422
    assert "Tick the box or leave it empty." in page.text
    assert "Hub A, renamed" in page.text
    with unit_of_work(app) as db:
        saved = db.get(Hub, hub.id)
        assert saved is not None
        assert saved.name == "Hub A"


def test_an_invitation_names_a_program_it_cannot_read_and_keeps_the_typing(
        app: Flask, login_as: Callable[..., FlaskClient], hubs: Hubs):
    page = login_as(Role.COORDINATOR).post(f"/hubs/{hubs.hubs['a'].id}/invitations", data={
        "name": "Amara Okafor", "email": "amara@example.org", "role": "clinician",
        "program_id": "1e3"})
    assert page.status_code == 422  # was a 404 naming nothing
    assert "Choose a program from the list." in page.text
    assert 'value="Amara Okafor"' in page.text
    with unit_of_work(app) as db:
        assert db.exec(select(Invitation)).first() is None


def test_a_token_whose_lifetime_cannot_be_read_keeps_its_name(
        login_as: Callable[..., FlaskClient]):
    page = login_as(Role.CLINICIAN).post("/account/tokens", data={
        "name": "REDCap sync", "expires_in_days": "thirty"})
    assert page.status_code == 422
    assert "Use a number of days from 1 to 365." in page.text
    assert 'value="REDCap sync"' in page.text


def test_a_programs_evaluation_names_a_box_it_cannot_read_and_keeps_the_questions(
        login_as: Callable[..., FlaskClient], hubs: Hubs):
    hub_id, program_id = hubs.hubs["a"].id, hubs.program_id()
    page = login_as(Role.ADMIN).post(f"/hubs/{hub_id}/programs/{program_id}/evaluation", data={
        "questions": "scale: How relevant was the session?", "anonymous": "true"})
    assert page.status_code == 422
    assert "anonymous: Tick the box or leave it empty." in page.text
    assert "How relevant was the session?" in page.text


@pytest.mark.parametrize("hours", ["NaN", "\u0661", "1_0", "1e0"])
def test_credit_hours_are_read_as_written_or_refused(
        app: Flask, login_as: Callable[..., FlaskClient], hubs: Hubs, hours: str):
    hub_id, program_id = hubs.hubs["a"].id, hubs.program_id()
    page = login_as(Role.ADMIN).post(f"/hubs/{hub_id}/programs/{program_id}/credit", data={
        "hours": hours, "statement": "Designated for 1 AMA PRA Category 1 Credit.",
        "attendance_percent": "80"})
    assert page.status_code == 422, hours  # "NaN" was a server error; the rest were 1 or 10
    assert "Give the hours in quarter hours" in page.text
    with unit_of_work(app) as db:
        assert db.get(ProgramCredit, program_id) is None


def test_a_number_on_a_case_form_is_read_as_written():
    assert read_number("1,200") == 1200
    assert read_number("12.5") == read_number("+12.5")
    for typed in ("1,5", "1_0", "١٢", "NaN", "12,5.0", "1e9999"):
        assert read_number(typed) is None, typed
