"""What the API's answers mean, one meaning per name: a client written from the OpenAPI
document alone reads the right text, follows the links it is given, and finds a session
on the dashboard by its id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from flask import Flask
from flask.testing import FlaskClient

from echo_cases.case_form import CORE_FIELDS
from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from tests.support import (
    IDENTIFIED_CASE,
    Api,
    Hubs,
    assert_no_identifiers,
    begin_session,
    schedule_session,
)
from workflows import Role


def test_the_programs_form_schema_lists_the_fields_required_to_submit(
    api_as: Callable[..., Api],
):
    form = api_as(Role.CLINICIAN).get("/programs").json["items"][0]["form"]
    assert form["required"] == [f.name for f in CORE_FIELDS if f.required]
    assert "submit" in form["description"], "it says when they are required"


def test_fields_are_the_identified_original_and_only_its_author_reads_them(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    mine = api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").json
    assert mine["fields"] == IDENTIFIED_CASE
    assert mine["deidentified_fields"]["title"]
    for role in (Role.EXPERT, Role.COORDINATOR, Role.ADMIN):
        seen = api_as(role).get(f"/cases/{submitted_case['id']}").json
        assert seen["fields"] is None, "staff never get the original under any name"
        assert seen["deidentified_fields"] == mine["deidentified_fields"]
        assert_no_identifiers(str(seen))


def test_a_draft_has_no_deidentified_fields_yet(api_as: Callable[..., Api], hubs: Hubs):
    draft = api_as(Role.CLINICIAN).post("/cases", {"program_id": hubs.program_id(),
                                                   "fields": IDENTIFIED_CASE}).json
    assert draft["fields"] == IDENTIFIED_CASE
    assert draft["deidentified_fields"] is None


def test_the_spec_says_what_fields_and_deidentified_fields_hold(client: FlaskClient):
    case = client.get("/api/v1/openapi.json").json["components"]["schemas"]["CaseOut"]
    assert "author" in case["properties"]["fields"]["description"]
    assert "everyone" in case["properties"]["deidentified_fields"]["description"]


def test_the_letters_url_joins_with_the_servers_url(
    api_as: Callable[..., Api], finished_case: dict[str, Any], client: FlaskClient
):
    server = client.get("/api/v1/openapi.json").json["servers"][0]["url"]
    clinician = api_as(Role.CLINICIAN)
    pdf_url = clinician.get(f"/cases/{finished_case['id']}").json["letter"]["pdf_url"]
    assert pdf_url.startswith(server + "/"), "absolute: used as it is, nothing to join"
    joined = urljoin(server + "/", pdf_url)
    assert joined == pdf_url, "and a client that joins it anyway gets the same address"
    assert joined.count("/api/v1") == 1
    fetched = clinician.client.get(urlsplit(joined).path, headers=clinician.headers)
    assert fetched.status_code == 200
    assert fetched.data.startswith(b"%PDF")


def test_the_dashboard_names_each_session_by_its_id(
    api_as: Callable[..., Api], finished_case: dict[str, Any], hubs: Hubs, app: Flask
):
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").json
    (session,) = [s for s in figures["sessions"] if s["session_id"] == finished_case["session_id"]]
    assert session["cases"] == 1
    assert session["present"] == 1
    assert session["starts_at"].endswith("+00:00") or session["starts_at"].endswith("Z")
    assert "cases_per_session" not in figures


def test_a_session_whose_attendance_was_recorded_as_nobody_counts_0_not_unknown(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    session_id = schedule_session(app, hubs)
    coordinator = api_as(Role.COORDINATOR)

    def present() -> int | None:
        figures = coordinator.get(f"/hubs/{hubs.hubs['a'].id}/dashboard").json
        (session,) = [s for s in figures["sessions"] if s["session_id"] == session_id]
        return session["present"]

    assert present() is None
    begin_session(app, session_id)
    recorded = coordinator.put(f"/sessions/{session_id}/attendance",
                               {"version": 0, "present_ids": []})
    assert recorded.status_code == 200, recorded.json
    assert present() == 0


def test_the_dashboard_counts_cases_per_program_by_the_programs_id(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs, client: FlaskClient
):
    with unit_of_work(app) as db:
        second = accounts.create_program(db, hubs.hubs["a"], "Hepatitis C ECHO")
        second_id = second.id
    clinician = api_as(Role.CLINICIAN)
    for program_id in (hubs.program_id(), second_id, second_id):
        assert clinician.post("/cases", {"program_id": program_id,
                                         "fields": IDENTIFIED_CASE}).status_code == 201
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").json
    assert {(c["program_id"], c["program"], c["state"], c["count"])
            for c in figures["cases"]} == {
        (hubs.program_id(), "Cervical ECHO a", "draft", 1),
        (second_id, "Hepatitis C ECHO", "draft", 2)}
    counted = client.get("/api/v1/openapi.json").json["components"]["schemas"][
        "ProgramStateCount"]
    assert counted["properties"]["program_id"]["type"] == "integer"
    assert "program_id" in counted["required"]
