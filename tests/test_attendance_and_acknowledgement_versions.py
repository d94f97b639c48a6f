"""Attendance and a letter's acknowledgement are written against the version read, like a
case: of two people writing from the same page, the second is told, never overwrites."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import col, select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import AuditEvent, Hub, as_utc, utcnow
from tests.support import PASSWORD, Api, Hubs, begin_session, schedule_session
from workflows import Role


def _second_coordinator(app: Flask, hubs: Hubs) -> tuple[int, str]:
    with unit_of_work(app) as db:
        second = accounts.create_user(db, "coordinator2-a@example.org", "Second Coordinator",
                                      PASSWORD)
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        accounts.add_member(db, second, hub, Role.COORDINATOR)
        token = accounts.issue_token(db, second, "tests")
        assert second.id is not None
        return second.id, token


def test_two_coordinators_recording_attendance_from_the_same_version_one_is_refused(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    first = api_as(Role.COORDINATOR)
    _id, token = _second_coordinator(app, hubs)
    second = Api(app.test_client(), token)
    read_by_first = first.get(f"/sessions/{session_id}").json
    read_by_second = second.get(f"/sessions/{session_id}").json
    assert read_by_first["attendance_version"] == read_by_second["attendance_version"] == 0

    expert, clinician = hubs.user(Role.EXPERT).id, hubs.user(Role.CLINICIAN).id
    recorded = first.put(f"/sessions/{session_id}/attendance",
                         {"version": 0, "present_ids": [expert]})
    assert recorded.status_code == 200, recorded.json
    assert recorded.json["attendance_version"] == 1
    overwritten = second.put(f"/sessions/{session_id}/attendance",
                             {"version": 0, "present_ids": [clinician]})
    assert overwritten.status_code == 409
    assert overwritten.json["error"]["code"] == "conflict"
    assert "reload" in overwritten.json["error"]["message"]
    after = first.get(f"/sessions/{session_id}").json
    assert (after["present_ids"], after["attendance_version"]) == ([expert], 1)

    again = second.put(f"/sessions/{session_id}/attendance",
                       {"version": 1, "present_ids": [expert, clinician]})
    assert again.status_code == 200, again.json
    assert again.json["present_ids"] == sorted([expert, clinician])


def test_attendance_without_a_version_is_refused_naming_it(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    refused = api_as(Role.COORDINATOR).put(f"/sessions/{session_id}/attendance",
                                           {"present_ids": []})
    assert refused.status_code == 422
    assert "version" in refused.json["error"]["fields"]


def test_the_session_page_sends_the_attendance_version_and_keeps_the_ticks_when_stale(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    first, second = login_as(Role.COORDINATOR), login_as(Role.ADMIN)
    page_1 = first.get(f"/sessions/{session_id}").text
    version = re.search(r'name="attendance_version" value="(\d+)"', page_1)
    assert version, "the form carries the version it was made from"
    expert, clinician = hubs.user(Role.EXPERT).id, hubs.user(Role.CLINICIAN).id
    recorded = first.post(f"/sessions/{session_id}/attendance", data={
        "attendance_version": version.group(1),
        "present": [expert]})
    assert recorded.status_code == 302
    stale = second.post(f"/sessions/{session_id}/attendance", data={
        "attendance_version": version.group(1),
        "present": [clinician]})
    assert stale.status_code == 409
    assert "Someone else recorded this session" in stale.text
    assert re.search(rf'id="p-{clinician}"[^>]*checked', stale.text), "the tick was kept"
    assert re.search(rf'id="p-{expert}"[^>]*checked', stale.text) is None


def _signed_off(api_as: Callable[..., Api], finished_case: dict[str, Any]) -> dict[str, Any]:
    return dict(api_as(Role.CLINICIAN).get(f"/cases/{finished_case['id']}").json)


def test_acknowledging_a_letter_is_written_against_the_case_version(
    api_as: Callable[..., Api], finished_case: dict[str, Any]
):
    clinician = api_as(Role.CLINICIAN)
    case = _signed_off(api_as, finished_case)
    url = f"/cases/{case['id']}/letter/acknowledge"
    stale = clinician.post(url, {"version": case["version"] - 1})
    assert stale.status_code == 409
    assert clinician.get(f"/cases/{case['id']}").json["letter"]["acknowledged_at"] is None
    acknowledged = clinician.post(url, {"version": case["version"]})
    assert acknowledged.status_code == 200, acknowledged.json
    assert acknowledged.json["letter"]["acknowledged_at"]
    assert acknowledged.json["version"] == case["version"] + 1
    twice = clinician.post(url, {"version": case["version"]})
    assert twice.status_code == 409, "a second tab that read the old version is told"
    missing = clinician.post(url, {})
    assert missing.status_code == 422
    assert "version" in missing.json["error"]["fields"]


def test_the_case_page_acknowledges_with_the_version_it_shows(
    finished_case: dict[str, Any], login_as: Callable[..., FlaskClient]
):
    browser = login_as(Role.CLINICIAN)
    page = browser.get(f"/cases/{finished_case['id']}").text
    form = re.search(r'<form[^>]*letter/acknowledge.*?</form>', page, re.DOTALL)
    assert form, "the acknowledgement form is on the page"
    version = re.search(r'name="version" value="(\d+)"', form.group(0))
    assert version, "the acknowledgement form carries the case's version"
    stale = browser.post(f"/cases/{finished_case['id']}/letter/acknowledge", data={
        "version": str(int(version.group(1)) - 1)})
    assert stale.status_code == 409
    done = browser.post(f"/cases/{finished_case['id']}/letter/acknowledge", data={
        "version": version.group(1)})
    assert done.status_code == 302


def _attendance_events(app: Flask) -> list[AuditEvent]:
    with unit_of_work(app) as db:
        return list(db.exec(select(AuditEvent).where(AuditEvent.kind == "attendance_recorded")
                            .order_by(col(AuditEvent.id))))


def test_recording_attendance_is_audited_with_who_when_and_whom_it_changed(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    coordinator = api_as(Role.COORDINATOR)
    outsider = hubs.user(Role.CLINICIAN, "b")
    refused = coordinator.put(f"/sessions/{session_id}/attendance",
                              {"version": 0, "present_ids": [outsider.id]})
    assert refused.status_code == 422
    assert _attendance_events(app) == []  # nothing changed, nothing to record

    before = utcnow()
    present = [hubs.user(Role.EXPERT).id, hubs.user(Role.CLINICIAN).id]
    recorded = coordinator.put(f"/sessions/{session_id}/attendance",
                               {"version": 0, "present_ids": present})
    assert recorded.status_code == 200, recorded.json

    [event] = _attendance_events(app)
    assert event.actor_id == hubs.user(Role.COORDINATOR).id
    assert event.hub_id == hubs.hubs["a"].id
    assert event.subject == f"session:{session_id}"
    assert event.detail == {"present": 2, "added": sorted(present), "removed": [],
                            "attendance_version": 1}
    assert as_utc(event.at) >= before.replace(microsecond=0)
    assert outsider.name not in str(event.detail) + event.subject
    # Unticking the expert and ticking the clinician's colleague names both, by account.
    colleague = hubs.user(Role.COORDINATOR)
    again = coordinator.put(f"/sessions/{session_id}/attendance", {
        "version": 1, "present_ids": [hubs.user(Role.CLINICIAN).id, colleague.id]})
    assert again.status_code == 200, again.json
    [_, changed] = _attendance_events(app)
    assert changed.detail == {"present": 2, "added": [colleague.id],
                              "removed": [hubs.user(Role.EXPERT).id], "attendance_version": 2}
    for person in (hubs.user(Role.EXPERT), colleague):
        assert person.name not in str(changed.detail)
        assert person.email not in str(changed.detail)
    verified = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert verified.exit_code == 0, verified.output
