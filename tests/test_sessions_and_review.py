"""Coordinators schedule sessions and triage; experts pre-review what is theirs or open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from models import utcnow
from tests.support import (
    IDENTIFIED_CASE,
    Api,
    Hubs,
    act,
    begin_session,
    schedule_session,
    walk_to,
)
from workflows import Role


def _next_week() -> str:
    return (utcnow() + timedelta(days=7)).replace(tzinfo=None, microsecond=0).isoformat()


def test_a_coordinator_schedules_a_session_with_a_panel(api_as: Callable[..., Api], hubs: Hubs):
    coordinator = api_as(Role.COORDINATOR)
    created = coordinator.post("/sessions", {
        "program_id": hubs.program_id(), "starts_at_local": _next_week(),
        "timezone": "Africa/Nairobi", "topic": "Thermal ablation",
        "panel_ids": [hubs.user(Role.EXPERT).id]})
    assert created.status_code == 201, created.json
    session = created.json
    assert session["timezone"] == "Africa/Nairobi"
    assert session["panel_ids"] == [hubs.user(Role.EXPERT).id]
    local = datetime.fromisoformat(_next_week())
    starts = datetime.fromisoformat(session["starts_at"].replace("Z", "+00:00"))
    assert starts.hour == (local.hour - 3) % 24  # Nairobi is UTC+3


@pytest.mark.parametrize(("change", "field"), [
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"starts_at_local": "2020-01-01T10:00:00"}, "starts_at"),
    ({"panel_ids": [999]}, "panel_ids"),
])
def test_a_session_that_cannot_happen_is_refused_naming_the_field(
    api_as: Callable[..., Api], hubs: Hubs, change: dict[str, Any], field: str
):
    body = {"program_id": hubs.program_id(), "starts_at_local": _next_week(), **change}
    response = api_as(Role.COORDINATOR).post("/sessions", body)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_only_coordinators_schedule_sessions(api_as: Callable[..., Api], hubs: Hubs):
    body = {"program_id": hubs.program_id(), "starts_at_local": _next_week()}
    assert api_as(Role.EXPERT).post("/sessions", body).status_code == 403
    assert api_as(Role.COORDINATOR, "b").post("/sessions", body).status_code == 404


def test_a_case_is_scheduled_only_once_reviewed_and_only_into_its_programs_session(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    coordinator = api_as(Role.COORDINATOR)
    session_id = schedule_session(app, hubs)
    early = act(coordinator, submitted_case, "schedule", session_id=session_id)
    assert early.status_code == 422
    assert early.json["error"]["code"] == "illegal_transition"
    assert "de-identified" in early.json["error"]["message"]
    case = act(api_as(Role.EXPERT), submitted_case, "record_pre_review", notes="Fine.").json
    assert case["state"] == "reviewed"
    other_hub_session = schedule_session(app, hubs, hub="b")
    wrong = act(coordinator, case, "schedule", session_id=other_hub_session)
    assert wrong.status_code == 422
    assert wrong.json["error"]["fields"] == {
        "session_id": "Choose an upcoming session of this program."}
    accepted = act(coordinator, case, "schedule", session_id=session_id, minutes=20)
    assert accepted.status_code == 200
    agenda = coordinator.get(f"/sessions/{session_id}").json["agenda"]
    assert [(a["case_id"], a["position"], a["minutes"]) for a in agenda] == [
        (case["id"], 1, 20)]


def test_the_presenting_clinician_sees_the_session_and_their_place_on_the_agenda(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    session_id = schedule_session(app, hubs)
    walk_to(api_as, submitted_case, "reviewed", session_id)
    seen = api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").json
    assert seen["session"]["id"] == session_id
    assert seen["session"]["position"] == 1
    page = login_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").text
    assert "number 1 on the agenda" in page
    assert "America/Denver" in page


def test_an_assigned_case_leaves_other_experts_queues(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    from echo_cases.db import unit_of_work
    from echo_cases.services import accounts
    from models import Hub

    with unit_of_work(app) as db:
        second = accounts.create_user(db, "expert2-a@example.org", "Second Expert", "x" * 12)
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        accounts.add_member(db, second, hub, Role.EXPERT)
        second_id = second.id
    coordinator = api_as(Role.COORDINATOR)
    assigned = act(coordinator, submitted_case, "assign_expert", expert_id=second_id)
    assert assigned.status_code == 200
    assert assigned.json["assigned_expert_id"] == second_id
    mine = api_as(Role.EXPERT).get("/queue?mine_or_open=true").json["items"]
    assert mine == []
    refused = act(api_as(Role.EXPERT), assigned.json, "record_pre_review", notes="Mine now")
    assert refused.status_code == 422
    assert "another expert" in refused.json["error"]["message"]


def test_triage_filters_by_program_state_expert_and_waiting_time(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    coordinator = api_as(Role.COORDINATOR)
    ids = lambda query: [i["id"] for i in coordinator.get("/queue" + query).json["items"]]  # noqa: E731
    assert ids(f"?program_id={hubs.program_id()}") == [submitted_case["id"]]
    assert ids("?program_id=999") == []
    assert ids("?state=reviewed") == []
    assert ids(f"?expert_id={hubs.user(Role.EXPERT).id}") == []
    assert ids("?waiting_days=3") == []
    assert ids("?waiting_days=0") == [submitted_case["id"]]
    page = login_as(Role.COORDINATOR).get("/triage?state=deidentified")
    assert page.status_code == 200
    assert f"/cases/{submitted_case['id']}" in page.text


def test_attendance_is_recorded_by_coordinators_for_members_only(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    coordinator = api_as(Role.COORDINATOR)
    put = coordinator.client.put
    present = [hubs.user(Role.CLINICIAN).id, hubs.user(Role.EXPERT).id]
    recorded = put(f"/api/v1/sessions/{session_id}/attendance",
                   json={"version": 0, "present_ids": present}, headers=coordinator.headers)
    assert sorted(recorded.json["present_ids"]) == sorted(present)
    stranger = put(f"/api/v1/sessions/{session_id}/attendance",
                   json={"version": 1, "present_ids": [hubs.user(Role.EXPERT, "b").id]},
                   headers=coordinator.headers)
    assert stranger.status_code == 422
    expert = api_as(Role.EXPERT)
    assert expert.client.put(f"/api/v1/sessions/{session_id}/attendance",
                             json={"version": 1, "present_ids": []},
                             headers=expert.headers).status_code == 403


def test_recommendations_are_locked_by_version_and_frozen_at_sign_off(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    case = walk_to(api_as, submitted_case, "presented", schedule_session(app, hubs))
    expert = api_as(Role.EXPERT)
    put = expert.client.put
    url = f"/api/v1/cases/{case['id']}/recommendations"
    first = put(url, json={"summary": "First.", "items": [{"recommendation": "A"}]},
                headers=expert.headers)
    assert first.json["recommendations"]["version"] == 1
    stale = put(url, json={"version": 0, "summary": "Other.", "items": []},
                headers=expert.headers)
    assert stale.status_code == 409
    second = put(url, json={"version": 1, "summary": "Second.",
                            "items": [{"recommendation": "B"}]}, headers=expert.headers)
    assert second.json["recommendations"]["summary"] == "Second."
    assert api_as(Role.CLINICIAN).get(f"/cases/{case['id']}").json["recommendations"] is None
    signed = act(expert, second.json, "sign_off")
    assert signed.status_code == 200
    frozen = put(url, json={"version": 2, "summary": "Late.", "items": []},
                 headers=expert.headers)
    assert frozen.status_code == 422
    assert frozen.json["error"]["code"] == "wrong_state"


def test_the_session_page_shows_the_agenda_and_takes_attendance(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    session_id = schedule_session(app, hubs)
    walk_to(api_as, submitted_case, "reviewed", session_id)
    browser = login_as(Role.COORDINATOR)
    page = browser.get(f"/sessions/{session_id}")
    assert page.status_code == 200
    assert f"/cases/{submitted_case['id']}" in page.text
    begin_session(app, session_id)
    browser = login_as(Role.COORDINATOR)  # a week on: the sign-in idled out long ago
    recorded = browser.post(f"/sessions/{session_id}/attendance",
                            data={"present": [str(hubs.user(Role.EXPERT).id)],
                                  "attendance_version": "0"})
    assert recorded.status_code == 302
    assert "checked" in browser.get(f"/sessions/{session_id}").text
    assert login_as(Role.COORDINATOR, "b").get(f"/sessions/{session_id}").status_code == 404


def test_scheduling_from_the_page_keeps_what_was_typed_on_error(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    browser = login_as(Role.COORDINATOR)
    response = browser.post("/sessions/new", data={
        "program_id": hubs.program_id(), "date": "2020-01-01", "time": "10:00",
        "timezone": "Europe/Dublin", "topic": "Colposcopy basics"})
    assert response.status_code == 422
    assert "Choose a time in the future" in response.text
    assert "Colposcopy basics" in response.text
    _ = IDENTIFIED_CASE


@pytest.mark.parametrize("query", ["?program_id=-5", "?program_id=99999999999",
                                   "?waiting_days=1000000000", "?expert_id=abc",
                                   "?program_id=1_000", "?program_id=%2B1",
                                   "?waiting_days=%D9%A1", "?program_id=true"])
def test_a_filter_out_of_range_is_refused_naming_it(api_as: Callable[..., Api], hubs: Hubs,
                                                    login_as: Callable[..., FlaskClient],
                                                    query: str):
    name = query[1:].split("=")[0]
    response = api_as(Role.COORDINATOR).get("/queue" + query)
    assert response.status_code == 400  # as for any query parameter that cannot be read
    assert name in response.json["error"]["fields"]
    assert login_as(Role.COORDINATOR).get("/triage" + query).status_code == 400


def test_triage_shows_which_cases_are_pre_reviewed_and_ready_for_a_session(
    api_as: Callable[..., Api], submitted_case: dict[str, Any],
    login_as: Callable[..., FlaskClient],
):
    browser = login_as(Role.COORDINATOR)
    assert "ready for a session" not in browser.get("/triage").text
    act(api_as(Role.EXPERT), submitted_case, "record_pre_review", notes="Good case.")
    assert "ready for a session" in browser.get("/triage").text


def test_the_triage_page_refuses_a_state_it_does_not_know(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]
):
    browser = login_as(Role.COORDINATOR)
    refused = browser.get("/triage?state=reviwed")
    assert refused.status_code == 400  # a typo no longer shows the whole queue
    assert browser.get("/triage?state=deidentified").status_code == 200
