"""A case travels draft → recommendations sent through the JSON API, one role at a time."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from tests.support import (
    IDENTIFIED_CASE,
    RECOMMENDATIONS,
    Api,
    Hubs,
    act,
    assert_no_identifiers,
    begin_session,
    draft_with_decisions,
    schedule_session,
)
from workflows import Role


def test_a_case_travels_from_draft_to_recommendations_sent(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask
):
    clinician, expert, coordinator = (api_as(Role.CLINICIAN), api_as(Role.EXPERT),
                                      api_as(Role.COORDINATOR))
    created = clinician.post("/cases", {"program_id": hubs.program_id(),
                                        "fields": IDENTIFIED_CASE})
    assert created.status_code == 201
    case = created.json
    assert case["state"] == "draft"
    assert case["identified"] is True
    assert case["fields"]["history"] == IDENTIFIED_CASE["history"]

    preview = clinician.post(f"/cases/{case['id']}/preview", {})
    assert preview.status_code == 200
    assert preview.json["missing"] == {}
    assert "80417733" not in preview.json["fields"]["history"]
    assert any(p["text"] == "80417733" for p in preview.json["proposed"])

    case = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]}).json
    assert case["state"] == "deidentified"
    assert case["deidentified_fields"]["history"] == preview.json["fields"]["history"]

    queue = expert.get("/queue").json["items"]
    assert [item["id"] for item in queue] == [case["id"]]

    case = act(expert, case, "record_pre_review", notes="Ask about HPV vaccination.").json
    assert case["state"] == "reviewed"
    assert case["assigned_expert_id"] == hubs.user(Role.EXPERT).id
    assert case["session"] is None
    session_id = schedule_session(app, hubs)
    case = act(coordinator, case, "schedule", session_id=session_id).json
    assert case["state"] == "reviewed"
    assert case["session"]["id"] == session_id
    assert case["session"]["position"] == 1
    begin_session(app, session_id)
    case = act(coordinator, case, "mark_presented").json
    assert case["state"] == "presented"
    case = expert.client.put(f"/api/v1/cases/{case['id']}/recommendations",
                             json=RECOMMENDATIONS, headers=expert.headers).json
    case = act(expert, case, "sign_off").json
    assert case["state"] == "recommendations_sent"

    seen_by_author = clinician.get(f"/cases/{case['id']}").json
    assert seen_by_author["recommendations"]["items"] == RECOMMENDATIONS["items"]
    assert seen_by_author["letter"]["pdf_url"].endswith("/letter.pdf")
    history = clinician.get(f"/cases/{case['id']}/history").json["items"]
    assert [h["action"] for h in history] == [
        "submit", "record_pre_review", "schedule", "mark_presented", "sign_off"]


def test_experts_and_coordinators_never_receive_the_identified_original(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    for role in (Role.EXPERT, Role.COORDINATOR, Role.ADMIN):
        staff = api_as(role)
        for path in (f"/cases/{submitted_case['id']}", "/queue",
                     f"/cases/{submitted_case['id']}/history"):
            response = staff.get(path)
            assert response.status_code == 200
            assert_no_identifiers(response.get_data(as_text=True))
        seen = staff.get(f"/cases/{submitted_case['id']}").json
        assert seen["identified"] is False
        assert seen["fields"] is None, "staff read the case as deidentified_fields"
        assert seen["deidentified_fields"]["history"]
        assert seen["redactions"] == []


def test_the_author_sees_the_original_and_every_redaction(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    seen = api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").json
    assert seen["fields"] == IDENTIFIED_CASE
    assert seen["redactions"], "the author should see what was redacted"
    history = IDENTIFIED_CASE["history"]
    redacted = {history[r["start"]:r["end"]] for r in seen["redactions"] if r["field"] == "history"}
    assert "80417733" in redacted


@pytest.mark.parametrize(("role", "action", "status"), [
    (Role.CLINICIAN, "record_pre_review", 403),
    (Role.COORDINATOR, "record_pre_review", 403),
    (Role.ADMIN, "mark_presented", 422),  # the wrong state is reported before the role
    (Role.EXPERT, "mark_presented", 422),  # illegal_transition: 409 is for stale versions
    (Role.EXPERT, "sign_off", 422),
    (Role.EXPERT, "return_to_clinician", 422),  # a reason is required
    (Role.EXPERT, "record_pre_review", 422),  # notes are required
    (Role.COORDINATOR, "schedule", 422),  # not reviewed yet
    (Role.EXPERT, "no_such_action", 404),
])
def test_actions_refused_for_the_wrong_role_state_or_missing_reason(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], role: Role, action: str,
    status: int,
):
    response = act(api_as(role), submitted_case, action)
    assert response.status_code == status, response.json
    assert response.json["error"]["message"]
    after = api_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").json
    assert (after["state"], after["version"]) == ("deidentified", submitted_case["version"])


@pytest.mark.parametrize("role", list(Role))
def test_nobody_from_another_hub_can_see_or_move_a_case(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], role: Role
):
    outsider = api_as(role, "b")
    assert outsider.get(f"/cases/{submitted_case['id']}").status_code == 404
    assert act(outsider, submitted_case, "record_pre_review", notes="x").status_code == 404
    queue = outsider.get("/queue")
    if role is Role.CLINICIAN:
        assert queue.status_code == 403  # the queue is for the hub's staff
    else:
        assert queue.json["items"] == []


def test_another_clinician_of_the_same_hub_cannot_see_the_case(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    colleague = api_as(Role.CLINICIAN, "a2")
    assert colleague.get(f"/cases/{submitted_case['id']}").status_code == 404


def test_drafts_are_invisible_to_staff(api_as: Callable[..., Api], hubs: Hubs):
    draft = api_as(Role.CLINICIAN).post(
        "/cases", {"program_id": hubs.program_id(), "fields": IDENTIFIED_CASE}).json
    for role in (Role.EXPERT, Role.COORDINATOR, Role.ADMIN):
        assert api_as(role).get(f"/cases/{draft['id']}").status_code == 404


def test_a_stale_version_gets_409_and_changes_nothing(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    expert = api_as(Role.EXPERT)
    assert act(expert, submitted_case, "record_pre_review", notes="Fine.").status_code == 200
    again = act(api_as(Role.COORDINATOR), submitted_case, "return_to_clinician",
                comment="Needs labs")
    assert again.status_code == 409
    after = expert.get(f"/cases/{submitted_case['id']}").json
    assert (after["state"], after["version"]) == ("reviewed", submitted_case["version"] + 1)


def test_returning_a_case_sends_it_back_to_the_clinician_with_the_reason(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    coordinator, clinician = api_as(Role.COORDINATOR), api_as(Role.CLINICIAN)
    returned = act(coordinator, submitted_case, "return_to_clinician",
                    comment="Please add the colposcopy report.")
    assert returned.json["state"] == "draft"
    assert coordinator.get(f"/cases/{submitted_case['id']}").status_code == 404
    history = clinician.get(f"/cases/{submitted_case['id']}/history").json["items"]
    assert history[-1]["comment"] == "Please add the colposcopy report."
    case = clinician.get(f"/cases/{submitted_case['id']}").json
    edited = clinician.patch(f"/cases/{case['id']}", {
        "version": case["version"],
        "fields": {**IDENTIFIED_CASE, "labs_imaging": "Colposcopy: CIN2 on biopsy."}})
    assert edited.status_code == 200
    resubmitted = clinician.post(f"/cases/{case['id']}/submit", {"version": edited.json["version"]})
    assert resubmitted.json["state"] == "deidentified"
    assert "CIN2" in resubmitted.json["deidentified_fields"]["labs_imaging"]


def test_a_clinician_can_withdraw_their_case_with_a_reason(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    clinician = api_as(Role.CLINICIAN)
    assert act(clinician, submitted_case, "withdraw").status_code == 422
    withdrawn = act(clinician, submitted_case, "withdraw", comment="Patient moved away.")
    assert withdrawn.json["state"] == "withdrawn"
    assert withdrawn.json["actions"] == []


def test_an_incomplete_draft_cannot_be_submitted(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    draft = clinician.post("/cases", {"program_id": hubs.program_id(),
                                      "fields": {"title": "Half-written"}}).json
    response = clinician.post(f"/cases/{draft['id']}/submit", {"version": draft["version"]})
    assert response.status_code == 422
    assert clinician.get(f"/cases/{draft['id']}").json["state"] == "draft"


def test_the_clinician_can_restore_a_false_alarm_and_redact_a_missed_phrase(
    api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    case, body = draft_with_decisions(clinician, hubs.program_id())
    preview = clinician.post(f"/cases/{case['id']}/preview", body).json
    assert preview["fields"]["narrative"].count("03/02/2026") == 1
    assert "Bluebell" not in preview["fields"]["narrative"]

    submitted = clinician.post(f"/cases/{case['id']}/submit",
                               {**body, "version": case["version"]}).json
    assert "Bluebell" not in submitted["deidentified_fields"]["narrative"]
    decisions = {(r["source"], r["restored"], r["reason"]) for r in submitted["redactions"]
                 if r["field"] == "narrative"}
    assert ("clinician", False, "") in decisions
    assert any(restored and reason == "Clinic date needed for the interval."
               for _source, restored, reason in decisions)


def test_restoring_a_confident_finding_needs_a_reason(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    case = clinician.post("/cases", {"program_id": hubs.program_id(),
                                     "fields": IDENTIFIED_CASE}).json
    preview = clinician.post(f"/cases/{case['id']}/preview", {}).json
    mrn = next(p for p in preview["proposed"] if p["text"] == "80417733")
    assert mrn["score"] >= 0.85
    refused = clinician.post(f"/cases/{case['id']}/submit", {
        "version": case["version"],
        "restore": [{"field": mrn["field"], "start": mrn["start"], "end": mrn["end"]}]})
    assert refused.status_code == 422
    assert "say why" in json.dumps(refused.json["error"]["fields"])
    assert clinician.get(f"/cases/{case['id']}").json["state"] == "draft"


def test_a_name_found_in_one_field_is_redacted_in_every_field(
    api_as: Callable[..., Api], hubs: Hubs
):
    """The analyser reads fields one by one; the case is redacted as a whole."""
    fields = {**IDENTIFIED_CASE,
              "title": "Second opinion for Mrs Quennell",
              "narrative": "Her daughter, Dr. Imogen Quennell, asked for this review."}
    clinician = api_as(Role.CLINICIAN)
    case = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": fields}).json
    preview = clinician.post(f"/cases/{case['id']}/preview", {}).json
    assert all("Quennell" not in value for value in preview["fields"].values())
