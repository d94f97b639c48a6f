"""Bad input gets a clear 4xx and changes nothing."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from echo_cases.api.spec import MAX_NESTING
from echo_cases.api.views import spec
from echo_cases.db import unit_of_work
from echo_cases.http.policy import rule_for
from echo_cases.services import accounts
from echo_cases.settings import Settings
from tests.support import IDENTIFIED_CASE, Api, Hubs, schedule_session
from workflows import Role


def _count_cases(api: Api) -> int:
    return len(api.get("/cases").json["items"])


def test_the_api_needs_a_bearer_token(client: FlaskClient, hubs: Hubs):
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    assert "Bearer" in response.headers["WWW-Authenticate"]
    bogus = client.get("/api/v1/cases", headers={"Authorization": "Bearer ec_not-a-token"})
    assert bogus.status_code == 401


def test_the_api_does_not_accept_the_browser_session(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    assert login_as(Role.CLINICIAN).get("/api/v1/cases").status_code == 401


@pytest.mark.parametrize(("body", "field"), [
    ({"program_id": 1, "fields": {}, "surprise": 1}, "surprise"),
    ({"program_id": "one", "fields": {}}, "program_id"),
    ({"fields": {}}, "program_id"),
    # A number is a number field's value: for a text field the form refuses it by name.
    ({"program_id": 1, "fields": {"title": 7}}, "title"),
])
def test_malformed_bodies_are_refused_naming_the_field(
    api_as: Callable[..., Api], hubs: Hubs, body: dict[str, Any], field: str
):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.post("/cases", body)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]
    assert _count_cases(clinician) == 0


def test_unknown_form_fields_are_refused(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.post("/cases", {"program_id": hubs.program_id(),
                                         "fields": {"patient_name": "Jane Roe"}})
    assert response.status_code == 422
    assert "patient_name" in response.json["error"]["fields"]
    assert "Jane Roe" not in response.text  # errors never echo what was sent


def test_a_body_that_is_not_json_is_refused(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.client.post("/api/v1/cases", data="program_id=1",
                                     headers=clinician.headers)
    assert response.status_code == 415
    broken = clinician.client.post("/api/v1/cases", data="{not json",
                                   content_type="application/json", headers=clinician.headers)
    assert broken.status_code == 400
    listed = clinician.client.post("/api/v1/cases", json=[1, 2], headers=clinician.headers)
    assert listed.status_code == 400


def test_an_oversized_body_is_refused(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    huge = {"program_id": hubs.program_id(), "fields": {"narrative": "x" * 600_000}}
    response = clinician.post("/cases", huge)
    assert response.status_code == 413
    assert _count_cases(clinician) == 0


def test_a_field_over_its_length_limit_is_refused(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.post("/cases", {"program_id": hubs.program_id(),
                                         "fields": {"title": "t" * 201}})
    assert response.status_code == 422
    assert "200" in response.json["error"]["fields"]["title"]


def test_unknown_cases_and_programs_are_404(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    assert clinician.get("/cases/999999").status_code == 404
    other_hub = clinician.post("/cases", {"program_id": hubs.program_id("b"), "fields": {}})
    assert other_hub.status_code == 404


def test_only_clinicians_can_start_cases(api_as: Callable[..., Api], hubs: Hubs):
    response = api_as(Role.EXPERT).post("/cases", {"program_id": hubs.program_id(), "fields": {}})
    assert response.status_code == 403


def test_editing_a_draft_with_a_stale_version_is_409(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    case = clinician.post("/cases", {"program_id": hubs.program_id(),
                                     "fields": IDENTIFIED_CASE}).json
    first = clinician.patch(f"/cases/{case['id']}", {"version": case["version"],
                                                     "fields": {"title": "First edit"}})
    assert first.status_code == 200
    second = clinician.patch(f"/cases/{case['id']}", {"version": case["version"],
                                                      "fields": {"title": "Second edit"}})
    assert second.status_code == 409
    assert clinician.get(f"/cases/{case['id']}").json["title"] == "First edit"


def test_only_drafts_can_be_edited(api_as: Callable[..., Api], submitted_case: dict[str, Any]):
    response = api_as(Role.CLINICIAN).patch(
        f"/cases/{submitted_case['id']}",
        {"version": submitted_case["version"], "fields": {"title": "Changed"}})
    assert response.status_code == 422  # the state forbids it: no reload can help, unlike 409
    assert response.json["error"]["code"] == "wrong_state"


def test_programs_list_their_form(api_as: Callable[..., Api], hubs: Hubs):
    programs = api_as(Role.CLINICIAN).get("/programs").json["items"]
    assert [p["id"] for p in programs] == [hubs.program_id()]
    assert "question" in programs[0]["form"]["properties"]


# --- the body itself: size, encoding, syntax, nesting ------------------------------------

# About 980 levels of lists in a 2 KB body: enough to exhaust a recursive parser's stack.
DEEP = '{"version": 1, "fields": ' + "[" * 980 + "]" * 980 + "}"


def _path_with(op_path: str, ids: dict[str, Any]) -> str:
    return "/".join(str(ids[part[1:-1]]) if part.startswith("{") else part
                    for part in op_path.split("/"))


def test_a_deeply_nested_body_is_refused_by_every_endpoint_that_takes_one(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs, submitted_case: dict[str, Any]
):
    ids = {"case_id": submitted_case["id"], "session_id": schedule_session(app, hubs),
           "hub_id": hubs.hubs["a"].id, "action": "assign_expert", "program_id": hubs.program_id(),
           "user_id": hubs.user(Role.CLINICIAN, "a2").id}
    with_body = [op for op in spec.operations if op.body is not None]
    assert len(with_body) >= 8
    for op in with_body:
        rule = rule_for(f"api.{op.endpoint}")
        assert rule is not None
        role = next(role for role in Role if rule.admits({role}))
        caller = api_as(role)
        response = caller.client.open("/api/v1" + _path_with(op.path, ids), method=op.method,
                                      data=DEEP, content_type="application/json",
                                      headers=caller.headers)
        assert response.status_code == 400, (op.endpoint, response.status_code)
        assert f"{MAX_NESTING} levels" in response.json["error"]["message"], op.endpoint


def test_a_body_nested_within_the_limit_is_judged_by_the_schema(
    api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    nested = "[" * (MAX_NESTING - 2) + "]" * (MAX_NESTING - 2)
    response = clinician.client.post(
        "/api/v1/cases", data=f'{{"program_id": {hubs.program_id()}, "fields": {{"title": '
                              f"{nested}}}}}", content_type="application/json",
        headers=clinician.headers)
    assert response.status_code == 422
    assert "fields.title" in response.json["error"]["fields"]


def test_brackets_inside_strings_are_text_not_nesting(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    title = '\\"' + "[{" * MAX_NESTING + '\\" and more'  # escaped quotes do not end it
    response = clinician.client.post(
        "/api/v1/cases", data=f'{{"program_id": {hubs.program_id()}, "fields": '
                              f'{{"title": "{title}"}}}}', content_type="application/json",
        headers=clinician.headers)
    assert response.status_code == 201, response.json
    assert response.json["title"].startswith('"[{[{')


@pytest.mark.parametrize(("body", "names"), [
    (b'{"program_id": 1, "fields": {"title": "Pap', "cut off"),
    (b'{"program_id": 1, "fields": {', "cut off"),
    (b'{"program_id": 1, "fields": {"title": "Pap \xff\xfe"}}', "UTF-8"),
    (b'{"program_id": 1,, "fields": {}}', "not valid JSON"),
    (b"", "empty"),
    (b'{"program_id": 1' + b"0" * 5000 + b', "fields": {}}', "number"),
])
def test_a_broken_body_gets_a_message_that_names_what_is_wrong(
    api_as: Callable[..., Api], hubs: Hubs, body: bytes, names: str
):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.client.post("/api/v1/cases", data=body,
                                     content_type="application/json", headers=clinician.headers)
    assert response.status_code == 400
    assert names in response.json["error"]["message"]
    assert "Pap" not in response.text  # never an echo of what was sent
    assert _count_cases(clinician) == 0


def _chunked(api: Api, body: bytes) -> Any:
    """POST /cases as a WSGI server hands over a chunked upload: no Content-Length, the
    stream already de-chunked and marked as ending by itself."""
    return api.client.post("/api/v1/cases", input_stream=io.BytesIO(body),
                           content_type="application/json",
                           headers={**api.headers, "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})


def test_a_chunked_body_over_the_size_limit_is_413(
    api_as: Callable[..., Api], hubs: Hubs, settings: Settings
):
    clinician = api_as(Role.CLINICIAN)
    fields = {"narrative": "x" * (settings.max_request_bytes + 1)}
    huge = json.dumps({"program_id": hubs.program_id(), "fields": fields}).encode()
    response = _chunked(clinician, huge)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"
    assert _count_cases(clinician) == 0
    small = json.dumps({"program_id": hubs.program_id(), "fields": {"title": "Chunked"}})
    assert _chunked(clinician, small.encode()).status_code == 201


# --- methods -----------------------------------------------------------------------------


def test_every_api_path_names_its_methods_when_refusing_another(
    api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    declared: dict[str, set[str]] = {}
    for op in spec.operations:
        declared.setdefault(op.path, set()).add(op.method.upper())
    ids = {"case_id": 1, "session_id": 1, "hub_id": 1, "delivery_id": 1, "archive_id": 1,
           "program_id": 1, "user_id": 1, "token_id": 1, "invitation_id": 1, "version": 0,
           "action": "claim"}
    for path, methods in declared.items():
        response = clinician.client.open("/api/v1" + _path_with(path, ids), method="DELETE",
                                         headers=clinician.headers)
        assert response.status_code == 405, path
        assert response.json["error"]["code"] == "method_not_allowed"
        allowed = {m.strip() for m in response.headers.get("Allow", "").split(",")}
        assert methods <= allowed, (path, allowed)
        assert "DELETE" not in allowed


def test_a_page_names_its_methods_when_refusing_another(client: FlaskClient):
    response = client.put("/login")
    assert response.status_code == 405
    allowed = {m.strip() for m in response.headers.get("Allow", "").split(",")}
    assert {"GET", "POST"} <= allowed


# --- PATCH is a JSON Merge Patch on `fields` (RFC 7396) -----------------------------------


def _draft(api: Api, hubs: Hubs) -> dict[str, Any]:
    created = api.post("/cases", {"program_id": hubs.program_id(), "fields": IDENTIFIED_CASE})
    assert created.status_code == 201, created.json
    return created.json


def test_a_patch_keeps_every_field_it_does_not_send(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    case = _draft(clinician, hubs)
    patched = clinician.patch(f"/cases/{case['id']}", {"version": case["version"],
                                                       "fields": {"sex": "female"}})
    assert patched.status_code == 200, patched.json
    assert patched.json["fields"] == {**IDENTIFIED_CASE, "sex": "female"}
    assert patched.json["version"] == case["version"] + 1
    changed = clinician.patch(f"/cases/{case['id']}", {"version": patched.json["version"],
                                                       "fields": {"title": "Abnormal Pap"}})
    assert changed.json["fields"] == {**IDENTIFIED_CASE, "title": "Abnormal Pap"}


def test_a_patch_blanks_a_field_sent_as_null(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    case = _draft(clinician, hubs)
    patched = clinician.patch(f"/cases/{case['id']}", {"version": case["version"],
                                                       "fields": {"history": None}})
    assert patched.status_code == 200, patched.json
    assert patched.json["fields"]["history"] == ""
    assert patched.json["fields"]["question"] == IDENTIFIED_CASE["question"]


def test_a_patch_naming_a_field_the_form_lacks_is_refused_and_changes_nothing(
    api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    case = _draft(clinician, hubs)
    for fields in ({"patient_name": None}, {"patient_name": "Jane Roe"}):
        response = clinician.patch(f"/cases/{case['id']}", {"version": case["version"],
                                                            "fields": fields})
        assert response.status_code == 422
        assert "patient_name" in response.json["error"]["fields"]
    assert clinician.get(f"/cases/{case['id']}").json["fields"] == IDENTIFIED_CASE


def test_the_patch_documents_merge_semantics(client: FlaskClient):
    document = client.get("/api/v1/openapi.json").json
    patch = document["paths"]["/cases/{case_id}"]["patch"]
    assert "RFC 7396" in patch["description"]
    fields = document["components"]["schemas"]["CaseUpdate"]["properties"]["fields"]
    assert {"type": "null"} in fields["additionalProperties"]["anyOf"]


# --- strict types: nothing is coerced -----------------------------------------------------


@pytest.mark.parametrize("program_id", [True, "1", 1.0, [1]])
def test_a_program_id_that_is_not_an_integer_is_refused(
    api_as: Callable[..., Api], hubs: Hubs, program_id: Any
):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.post("/cases", {"program_id": program_id, "fields": {}})
    assert response.status_code == 422
    assert "program_id" in response.json["error"]["fields"]
    assert _count_cases(clinician) == 0


def test_a_version_sent_as_text_is_refused(api_as: Callable[..., Api], hubs: Hubs):
    clinician = api_as(Role.CLINICIAN)
    case = _draft(clinician, hubs)
    response = clinician.patch(f"/cases/{case['id']}", {"version": str(case["version"]),
                                                        "fields": {"title": "Changed"}})
    assert response.status_code == 422
    assert "version" in response.json["error"]["fields"]
    assert clinician.get(f"/cases/{case['id']}").json["title"] == IDENTIFIED_CASE["title"]


def test_an_expert_id_sent_as_text_is_refused(
    api_as: Callable[..., Api], hubs: Hubs, submitted_case: dict[str, Any]
):
    response = api_as(Role.COORDINATOR).post(
        f"/cases/{submitted_case['id']}/actions/assign_expert",
        {"version": submitted_case["version"], "expert_id": str(hubs.user(Role.EXPERT).id)})
    assert response.status_code == 422
    assert "expert_id" in response.json["error"]["fields"]


@pytest.mark.parametrize("present", [[True], ["1"], [1.0]])
def test_attendance_lists_hold_only_integers(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs, present: list[Any]
):
    coordinator = api_as(Role.COORDINATOR)
    session_id = schedule_session(app, hubs)
    response = coordinator.client.put(f"/api/v1/sessions/{session_id}/attendance",
                                      json={"version": 0, "present_ids": present},
                                      headers=coordinator.headers)
    assert response.status_code == 422
    assert "present_ids.0" in response.json["error"]["fields"]
    assert coordinator.get(f"/sessions/{session_id}").json["present_ids"] == []


@pytest.mark.parametrize(("query", "named"), [
    ("?mine_or_open=perhaps", "mine_or_open"),
    ("?mine_or_open=1", "mine_or_open"),
    ("?state=reviwed", "state"),
    ("?state=deidentified&state=nonsense", "state"),
    ("?stat=reviewed", "stat"),
    ("?program_id=1&program_id=2", "program_id"),
])
def test_a_queue_filter_that_cannot_be_read_is_400_naming_it(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], query: str, named: str
):
    response = api_as(Role.EXPERT).get("/queue" + query)
    assert response.status_code == 400
    assert named in response.json["error"]["fields"]


@pytest.mark.parametrize(("role", "path", "named"), [
    (Role.EXPERT, "/queue?program_id=99999999999999999999", "program_id"),
    (Role.EXPERT, "/queue?expert_id=0", "expert_id"),
    (Role.EXPERT, "/queue?waiting_days=-1", "waiting_days"),
    (Role.EXPERT, "/queue?waiting_days=ten", "waiting_days"),
    (Role.COORDINATOR, "/sessions?program_id=2147483648", "program_id"),
    (Role.ADMIN, "/hubs/{hub_id}/activity?before=99999999999999999999", "before"),
    (Role.ADMIN, "/hubs/{hub_id}/activity?before=abc", "before"),
])
def test_a_number_in_the_query_that_cannot_be_used_is_400_naming_it(
    api_as: Callable[..., Api], hubs: Hubs, role: Role, path: str, named: str
):
    # The same answer as any other query string the operation cannot read: a 400 whose
    # fields name the parameter, with the range it takes.
    response = api_as(role).get(path.format(hub_id=hubs.hubs["a"].id))
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"
    assert list(response.json["error"]["fields"]) == [named]


def test_queue_filters_read_strictly_still_filter(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    expert = api_as(Role.EXPERT)
    ids = lambda query: [i["id"] for i in expert.get("/queue" + query).json["items"]]  # noqa: E731
    assert ids("?mine_or_open=true") == [submitted_case["id"]]
    assert ids("?mine_or_open=false&state=deidentified") == [submitted_case["id"]]
    assert ids("?state=reviewed&state=presented") == []


@pytest.mark.parametrize(("role", "path", "named"), [
    (Role.CLINICIAN, "/cases?page=2", "page"),
    (Role.CLINICIAN, "/programs?hub_id=1", "hub_id"),
    (Role.COORDINATOR, "/sessions?upcoming=perhaps", "upcoming"),
    (Role.COORDINATOR, "/sessions?program=1", "program"),
])
def test_every_endpoint_refuses_query_parameters_it_does_not_take(
    api_as: Callable[..., Api], hubs: Hubs, role: Role, path: str, named: str
):
    response = api_as(role).get(path)
    assert response.status_code == 400
    assert named in response.json["error"]["fields"]


def test_the_queue_documents_its_states(client: FlaskClient):
    queue = client.get("/api/v1/openapi.json").json["paths"]["/queue"]["get"]
    state = next(p for p in queue["parameters"] if p["name"] == "state")
    assert state["schema"]["type"] == "array"
    assert "deidentified" in state["schema"]["items"]["enum"]
    assert "400" in queue["responses"]


# --- session times: an offset names an instant --------------------------------------------


def _next_week_at_ten() -> datetime:
    return (datetime.now(UTC) + timedelta(days=7)).replace(hour=10, minute=0, second=0,
                                                             microsecond=0, tzinfo=None)


@pytest.mark.parametrize(("suffix", "utc_hour"), [("Z", 10), ("-07:00", 17), ("+03:00", 7),
                                                 ("", 17)])
def test_a_session_start_with_an_offset_is_that_instant(
    api_as: Callable[..., Api], hubs: Hubs, suffix: str, utc_hour: int
):
    day = _next_week_at_ten()
    response = api_as(Role.COORDINATOR).post("/sessions", {
        "program_id": hubs.program_id(), "starts_at_local": day.isoformat() + suffix,
        "timezone": "America/Denver"})
    assert response.status_code == 201, response.json
    starts = datetime.fromisoformat(response.json["starts_at"].replace("Z", "+00:00"))
    # Denver keeps standard time (UTC-7) from November to March; next week is in it or in
    # summer time (UTC-6) for the local-time case only.
    expected = day.replace(tzinfo=UTC, hour=utc_hour)
    if not suffix and ZoneInfo("America/Denver").dst(day):
        expected -= timedelta(hours=1)
    assert starts == expected
    assert response.json["timezone"] == "America/Denver"


def _next_end_of_denver_summer_time() -> datetime:
    """The next first Sunday of November, when Denver's clocks repeat 01:00 to 02:00."""
    year = datetime.now(UTC).year + 1
    first = datetime(year, 11, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7)


@pytest.mark.parametrize("instant", ["07:30:00Z", "08:30:00Z"])
def test_both_instants_of_an_hour_that_repeats_are_kept_apart(
    api_as: Callable[..., Api], hubs: Hubs, instant: str
):
    day = _next_end_of_denver_summer_time().date().isoformat()
    response = api_as(Role.COORDINATOR).post("/sessions", {
        "program_id": hubs.program_id(), "starts_at_local": f"{day}T{instant}",
        "timezone": "America/Denver"})  # 01:30 in summer time, then 01:30 in standard time
    assert response.status_code == 201, response.json
    assert response.json["starts_at"] == f"{day}T{instant}"


@pytest.mark.parametrize(("name", "why"), [
    ("REDCap\u0000sync", "NUL"),
    ("REDCap \ud86b sync", "surrogate"),
])
def test_text_no_database_can_store_is_refused_naming_where(
    api_as: Callable[..., Api], name: str, why: str
):
    # PostgreSQL refuses NUL and no database can write half a surrogate pair: the same
    # 400 on every database, naming the field, instead of a server error on one of them.
    clinician = api_as(Role.CLINICIAN)
    response = clinician.client.post(
        "/api/v1/me/tokens", data=json.dumps({"name": name, "expires_in_days": 30}),
        content_type="application/json", headers=clinician.headers)
    assert response.status_code == 400
    assert why in response.json["error"]["fields"]["name"]


def test_a_form_or_query_holding_a_nul_is_refused_naming_the_field(
    login_as: Callable[..., FlaskClient]
):
    coordinator = login_as(Role.COORDINATOR)
    page = coordinator.post("/sessions/new", data={"topic": "HPV\u0000", "program_id": "1"})
    assert page.status_code == 400
    assert "topic" in page.text
    assert coordinator.get("/triage?state=\u0000").status_code == 400


def _draft_in_a_program_asking_the_patients_name(
    api: Api, app: Flask, hubs: Hubs
) -> tuple[int, dict[str, Any]]:
    """A program whose form has a field the default form lacks, and a draft written on it."""
    with unit_of_work(app) as db:
        records = accounts.create_program(db, hubs.hubs["a"], "Cervical ECHO records")
        records.extra_fields = [{"name": "patient_name", "label": "Patient name",
                                 "kind": "line", "handling": "remove"}]
        db.add(records)
        db.flush()
        records_id = records.id or 0
    case = api.post("/cases", {"program_id": records_id, "fields": {
        **IDENTIFIED_CASE, "patient_name": "Rosalind Achterberg"}}).json
    return records_id, case


def test_moving_a_draft_to_a_program_whose_form_lacks_some_fields_drops_them(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    records_id, case = _draft_in_a_program_asking_the_patients_name(clinician, app, hubs)
    moved = clinician.patch(f"/cases/{case['id']}", {
        "version": case["version"], "program_id": hubs.program_id(),
        "fields": {"sex": None}})
    assert moved.status_code == 200, moved.json
    assert moved.json["program_id"] == hubs.program_id()
    assert moved.json["fields"] == {**IDENTIFIED_CASE, "sex": ""}, (
        "what the new form asks is kept, what it lacks is dropped, null blanks")
    back = clinician.patch(f"/cases/{case['id']}", {
        "version": moved.json["version"], "program_id": records_id, "fields": {}})
    assert back.json["fields"]["patient_name"] == "", "a dropped value does not come back"


def test_moving_a_draft_may_name_as_null_a_field_the_new_form_lacks(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    _records_id, case = _draft_in_a_program_asking_the_patients_name(clinician, app, hubs)
    moved = clinician.patch(f"/cases/{case['id']}", {
        "version": case["version"], "program_id": hubs.program_id(),
        "fields": {"patient_name": None}})
    assert moved.status_code == 200, moved.json
    assert "patient_name" not in moved.json["fields"]
