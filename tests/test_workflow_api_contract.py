"""The workflow as an API client meets it: named in the OpenAPI document, offered only
when it can be taken, and refused with a code that says whether a retry can help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from echo_cases.db import unit_of_work
from models import CaseTransition
from tests.support import (
    IDENTIFIED_CASE,
    RECOMMENDATIONS,
    Api,
    Hubs,
    act,
    begin_session,
    schedule_session,
    walk_to,
)
from workflows import CASE_WORKFLOW, CaseState, Role

ACTIONS_PATH = "/cases/{case_id}/actions/{action}"


def _action_parameter(client: FlaskClient) -> dict[str, Any]:
    operation = client.get("/api/v1/openapi.json").json["paths"][ACTIONS_PATH]["post"]
    return next(p for p in operation["parameters"] if p["name"] == "action")


def test_the_action_in_the_path_is_one_of_the_workflows_actions_each_described(
    client: FlaskClient,
):
    parameter = _action_parameter(client)
    taken_here = [name for name in CASE_WORKFLOW.actions if name != "submit"]
    assert parameter["schema"]["enum"] == taken_here
    for name in taken_here:
        action = CASE_WORKFLOW.actions[name]
        assert f"`{name}`" in parameter["description"]
        assert action.description in parameter["description"]
    assert "/submit" in parameter["description"], "submission is pointed to its own endpoint"


def test_the_spec_documents_every_refusal_code_of_the_workflow(client: FlaskClient):
    document = client.get("/api/v1/openapi.json").json
    refusals = document["paths"][ACTIONS_PATH]["post"]["responses"]
    codes = {guard.code for action in CASE_WORKFLOW.actions.values()
             for guard in action.guards}
    for code in codes | {"illegal_transition", "invalid"}:
        assert f"`{code}`" in refusals["422"]["description"], code
    assert "stale" in refusals["409"]["description"]
    error_code = document["components"]["schemas"]["ErrorDetail"]["properties"]["code"]
    for code in ("conflict", "illegal_transition", "wrong_state", "invalid"):
        assert f"`{code}`" in error_code["description"]


def test_a_case_lists_only_the_actions_its_reader_can_take_now(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask
):
    clinician, expert, coordinator = (api_as(Role.CLINICIAN), api_as(Role.EXPERT),
                                      api_as(Role.COORDINATOR))
    half = clinician.post("/cases", {"program_id": hubs.program_id(),
                                     "fields": {"title": "Half-written"}}).json
    assert half["actions"] == ["withdraw"], "an incomplete draft cannot be submitted yet"
    case = clinician.post("/cases", {"program_id": hubs.program_id(),
                                     "fields": IDENTIFIED_CASE}).json
    assert case["actions"] == ["submit", "withdraw"]
    case = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]}).json

    def offered(api: Api) -> list[str]:
        return list(api.get(f"/cases/{case['id']}").json["actions"])

    assert offered(coordinator) == ["return_to_clinician", "assign_expert"], \
        "nothing to put on an agenda before an expert's pre-review"
    assert offered(expert) == ["return_to_clinician", "record_pre_review"]

    case = act(expert, case, "record_pre_review", notes="Ask about vaccination.").json
    assert offered(coordinator) == ["return_to_clinician", "assign_expert", "schedule"], \
        "not presented before it is on an agenda"
    assert offered(expert) == ["return_to_clinician"]
    session_id = schedule_session(app, hubs)
    case = act(coordinator, case, "schedule", session_id=session_id).json
    assert offered(coordinator) == ["assign_expert", "schedule"], \
        "not returned once on an agenda; not presented before the session starts"
    assert offered(clinician) == ["withdraw"]
    begin_session(app, session_id)
    assert offered(coordinator) == ["assign_expert", "schedule", "mark_presented"]
    case = act(coordinator, case, "mark_presented").json
    assert offered(expert) == [], "no sign-off before there are recommendations"
    expert.put(f"/cases/{case['id']}/recommendations", RECOMMENDATIONS)
    assert offered(expert) == ["sign_off"]


def test_every_action_offered_can_be_taken(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    """Walk a case to the end taking, at each step, an action the case offered."""
    inputs = {"record_pre_review": {"notes": "Ask about vaccination."},
              "mark_presented": {}, "sign_off": {}}
    session_id = schedule_session(app, hubs)
    inputs["schedule"] = {"session_id": session_id}
    case = submitted_case
    for role, name in [(Role.EXPERT, "record_pre_review"),
                       (Role.COORDINATOR, "schedule"),
                       (Role.COORDINATOR, "mark_presented"), (Role.EXPERT, "sign_off")]:
        api = api_as(role)
        if name == "mark_presented":
            begin_session(app, session_id)
        if name == "sign_off":
            case = api.put(f"/cases/{case['id']}/recommendations", RECOMMENDATIONS).json
        case = api.get(f"/cases/{case['id']}").json
        assert name in case["actions"], (name, case["actions"])
        taken = act(api, case, name, **inputs[name])
        assert taken.status_code == 200, taken.json
        case = taken.json
    assert case["state"] == "recommendations_sent"


def test_a_stale_version_is_the_only_409(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    expert = api_as(Role.EXPERT)
    assert act(expert, submitted_case, "record_pre_review", notes="Fine.").status_code == 200
    stale = act(api_as(Role.COORDINATOR), submitted_case, "return_to_clinician",
                comment="Needs labs")
    assert stale.status_code == 409
    assert stale.json["error"]["code"] == "conflict"


def test_a_move_the_state_forbids_is_a_422_that_says_so(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    refused = act(api_as(Role.COORDINATOR), submitted_case, "mark_presented")
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "illegal_transition"
    assert "de-identified" in refused.json["error"]["message"]


def test_a_move_a_guard_forbids_is_a_422_with_the_guards_code(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    case = walk_to(api_as, submitted_case, "reviewed", schedule_session(app, hubs))
    early = act(api_as(Role.COORDINATOR), case, "mark_presented")
    assert early.status_code == 422
    assert early.json["error"]["code"] == "session_not_started"
    assert "has not started" in early.json["error"]["message"]


def test_input_a_guard_needs_is_named_as_a_field(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    refused = act(api_as(Role.EXPERT), submitted_case, "return_to_clinician")
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "invalid"
    assert refused.json["error"]["fields"] == {"comment": "Give a reason: the clinician will "
                                                          "read it."}
    notes = act(api_as(Role.EXPERT), submitted_case, "record_pre_review")
    assert notes.json["error"]["fields"] == {"notes": "Write your pre-review notes for the "
                                                      "panel."}


def test_submitting_an_incomplete_draft_names_each_missing_field(
    api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    draft = clinician.post("/cases", {"program_id": hubs.program_id(),
                                      "fields": {"title": "Half-written", "sex": "female"}}).json
    refused = clinician.post(f"/cases/{draft['id']}/submit", {"version": draft["version"]})
    assert refused.status_code == 422
    error = refused.json["error"]
    assert error["code"] == "incomplete"
    assert set(error["fields"]) == {"question", "age_band", "history"}


def test_editing_a_submitted_case_is_refused_for_its_state_not_as_a_conflict(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    clinician = api_as(Role.CLINICIAN)
    refused = clinician.patch(f"/cases/{submitted_case['id']}",
                              {"version": submitted_case["version"], "fields": {"sex": "male"}})
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "wrong_state"


# --- the workflow's words: recording a pre-review reviews, an agenda is a schedule --------


def test_recording_a_pre_review_makes_the_case_reviewed_and_ready_to_schedule(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], login_as: Callable[..., Any]
):
    reviewed = act(api_as(Role.EXPERT), submitted_case, "record_pre_review", notes="Fine.")
    assert reviewed.json["state"] == "reviewed"
    page = login_as(Role.EXPERT).get(f"/cases/{submitted_case['id']}").text
    assert "Record pre-review and mark reviewed" not in page, "the form is not offered again"
    coordinator_page = login_as(Role.COORDINATOR).get(f"/cases/{submitted_case['id']}").text
    assert "Schedule into a teleECHO session" in coordinator_page


def test_a_reviewed_case_is_presented_only_once_scheduled(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    case = act(api_as(Role.EXPERT), submitted_case, "record_pre_review", notes="Fine.").json
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    refused = act(api_as(Role.COORDINATOR), case, "mark_presented")
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "not_scheduled"
    assert refused.json["error"]["message"].count("agenda") == 1, "said once"


def test_a_reviewed_case_goes_back_to_its_clinician_until_it_is_on_an_agenda(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    coordinator = api_as(Role.COORDINATOR)
    case = act(api_as(Role.EXPERT), submitted_case, "record_pre_review", notes="Fine.").json
    case = act(coordinator, case, "schedule", session_id=schedule_session(app, hubs)).json
    refused = act(coordinator, case, "return_to_clinician", comment="Add the labs.")
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "already_scheduled"

    other = act(api_as(Role.EXPERT), submitted_case, "record_pre_review", notes="Fine.")
    assert other.status_code == 409  # the same case, read before it was scheduled


def test_an_unscheduled_reviewed_case_can_be_returned(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    case = act(api_as(Role.EXPERT), submitted_case, "record_pre_review", notes="Fine.").json
    returned = act(api_as(Role.COORDINATOR), case, "return_to_clinician", comment="Add labs.")
    assert returned.status_code == 200, returned.json
    assert returned.json["state"] == "draft"


def test_history_written_under_the_old_name_still_reads(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., Any],
):
    """Databases hold "accept_into_session" rows from before it was called "schedule"."""
    with unit_of_work(app) as db:
        db.add(CaseTransition(case_id=submitted_case["id"],
                              actor_id=hubs.user(Role.COORDINATOR).id,
                              action="accept_into_session", from_state=CaseState.DEIDENTIFIED,
                              to_state=CaseState.REVIEWED, comment=""))
    coordinator = api_as(Role.COORDINATOR)
    history = coordinator.get(f"/cases/{submitted_case['id']}/history")
    assert history.status_code == 200
    assert history.json["items"][-1]["action"] == "accept_into_session"
    page = login_as(Role.COORDINATOR).get(f"/cases/{submitted_case['id']}")
    assert page.status_code == 200
    # The page says what was done in today's words; the API keeps the name it was taken under.
    assert "Scheduled into a teleECHO session by" in page.text
    assert "accept" not in page.text.split('<ol class="history">', 1)[1]
    export = coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.json").json
    assert export["cases"][0]["scheduled_at"], "the old name still counts as scheduling"


def test_an_action_outside_the_documented_list_is_not_found(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    draft = clinician.post("/cases", {"program_id": hubs.program_id(),
                                      "fields": IDENTIFIED_CASE}).json
    for name in ("submit", "approve", "SCHEDULE"):
        refused = act(clinician, draft, name)
        assert refused.status_code == 404, name
        assert refused.json["error"]["code"] == "not_found"
    assert clinician.get(f"/cases/{draft['id']}").json["state"] == "draft"


def test_a_field_the_action_does_not_take_is_refused_by_name(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    expert = api_as(Role.EXPERT)
    refused = act(expert, submitted_case, "record_pre_review", notes="Fine.",
                  session_id=schedule_session(app, hubs))
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "invalid"
    assert set(refused.json["error"]["fields"]) == {"session_id"}
    assert expert.get(f"/cases/{submitted_case['id']}").json["state"] == "deidentified"
    assert act(expert, submitted_case, "record_pre_review", notes="Fine.",
               comment="Seen.").status_code == 200, "version and comment go with any action"


def test_every_409_the_document_lists_is_a_stale_read_or_a_request_in_flight(
    client: FlaskClient,
):
    document = client.get("/api/v1/openapi.json").json
    listed = {(path, method): operation["responses"]["409"]["description"]
              for path, operations in document["paths"].items()
              for method, operation in operations.items() if "409" in operation["responses"]}
    assert listed, "stale versions are answered 409 somewhere"
    for where, meaning in listed.items():
        assert "stale" in meaning.lower() or "at this moment" in meaning, where
    error_code = document["components"]["schemas"]["ErrorDetail"]["properties"]["code"]
    for code in ("last_admin", "deactivating_yourself", "program_name_taken",
                 "already_member", "invitation_pending", "second_factor_required",
                 "member_of_another_hub", "idempotency_key_reused", "not_ready"):
        assert f"- `{code}`: 422" in error_code["description"], code


def test_a_rule_that_refuses_a_request_as_sent_is_a_422_with_its_own_code(
    api_as: Callable[..., Api], hubs: Hubs
):
    admin, hub_id = api_as(Role.ADMIN), hubs.hubs["a"].id
    me = hubs.user(Role.ADMIN).id
    demoted = admin.patch(f"/hubs/{hub_id}/people/{me}", {"role": "coordinator"})
    assert demoted.status_code == 422
    assert demoted.json["error"]["code"] == "last_admin"
    assert demoted.json["error"]["fields"] == {"role": "This is the hub's last admin."}
    taken = admin.post(f"/hubs/{hub_id}/programs", {"name": "Cervical ECHO a"})
    assert taken.status_code == 422
    assert taken.json["error"]["code"] == "program_name_taken"
    mine = {m["id"]: m["role"] for m in admin.get("/me").json["memberships"]}
    assert mine[hub_id] == "admin", "nothing changed"
