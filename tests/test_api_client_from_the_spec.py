"""Issue 13's acceptance: a client written only from the OpenAPI document takes cases through
every state on a brand-new hub, knowing nothing but what the document and the responses say.

The hub and its people are made the way an operator makes them, with the shell commands
(``create-hub``, ``create-program``, ``create-user``, ``create-token``); from there on every
request goes through ``SpecClient``, which finds operations by ``operationId`` in the
document, builds URLs from ``servers[0].url``, refuses a path value the document does not
allow, and checks every response against the status codes and schemas the document gives."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from pypdf import PdfReader
from werkzeug.test import TestResponse

from tests.support import (
    IDENTIFIED_CASE,
    PASSWORD,
    RECOMMENDATIONS,
    TestClock,
    assert_no_identifiers,
)

pytestmark = pytest.mark.mail  # sign-off e-mails the letter: let it reach a real inbox

SPEC_URL = "/api/v1/openapi.json"  # the one address a client is given


class SpecClient:
    """An API client that knows operations only by what the OpenAPI document says."""

    def __init__(self, http: FlaskClient, token: str, *, staff: bool) -> None:
        self.http = http
        self.staff = staff  # the hub's staff never read the identified original
        self.headers = {"Authorization": f"Bearer {token}"}
        self.document: dict[str, Any] = http.get(SPEC_URL).json
        self.server = self.document["servers"][0]["url"].rstrip("/")
        self.operations = {op["operationId"]: (path, method, op)
                           for path, methods in self.document["paths"].items()
                           for method, op in methods.items()}

    def schema(self, name: str) -> dict[str, Any]:
        return dict(self.document["components"]["schemas"][name])

    def parameter(self, operation_id: str, name: str) -> dict[str, Any]:
        _path, _method, op = self.operations[operation_id]
        return next(p for p in op.get("parameters", []) if p["name"] == name)

    def call(self, operation_id: str, body: dict[str, Any] | None = None, *,
             query: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
             **path_values: Any) -> TestResponse:
        path, method, op = self.operations[operation_id]
        for parameter in op.get("parameters", []):
            if parameter["in"] != "path":
                continue
            value = path_values.pop(parameter["name"])
            allowed = parameter["schema"].get("enum")
            assert allowed is None or value in allowed, (operation_id, parameter["name"], value)
            path = path.replace("{" + parameter["name"] + "}", str(value))
        assert not path_values, f"{operation_id} takes no path values {sorted(path_values)}"
        if body is not None:
            assert "requestBody" in op, f"{operation_id} takes no body"
        response = self.http.open(self.server + path, method=method.upper(), json=body,
                                  query_string=query, headers={**self.headers, **(headers or {})})
        documented = op["responses"].get(str(response.status_code))
        assert documented is not None, (
            f"{method.upper()} {path} answered {response.status_code}, which the document "
            f"does not list: {response.get_data(as_text=True)[:300]}")
        if self.staff and response.mimetype == "application/json":
            assert_no_identifiers(response.get_data(as_text=True))
        media = documented.get("content", {}).get("application/json")
        if media is not None:
            self._conforms(response.json, media["schema"], operation_id)
        return response

    def follow(self, url: str) -> TestResponse:
        """GET a URL a response gave, as it is: the document says such URLs are absolute."""
        assert url.startswith(self.server + "/"), url
        return self.http.get(url, headers=self.headers)

    def ok(self, operation_id: str, body: dict[str, Any] | None = None, *,
           status: int = 200, **kwargs: Any) -> dict[str, Any]:
        response = self.call(operation_id, body, **kwargs)
        assert response.status_code == status, (operation_id, response.json)
        return dict(response.json)

    def _conforms(self, instance: Any, schema: dict[str, Any], operation_id: str) -> None:
        root = {**schema, "components": self.document["components"]}
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in Draft202012Validator(root).iter_errors(instance)]
        assert not errors, (operation_id, errors)


def _run(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return str(result.output)


@pytest.fixture
def new_hub(app: Flask) -> dict[str, SpecClient]:
    """A hub with no history, made from the shell; each person holds only a token."""
    _run(app, "create-hub", "north", "--name", "North Valley ECHO", "--timezone",
         "America/Denver", "--admin", "ada@north.example.org", "--admin-name", "Ada Lovelace",
         "--password", PASSWORD)
    _run(app, "create-program", "north", "Hepatitis C ECHO")
    people = {"admin": "ada@north.example.org"}
    for role, name in (("coordinator", "Cora Ortiz"), ("expert", "Lucia Ferreira"),
                       ("clinician", "Kwame Mensah")):
        email = f"{role}@north.example.org"
        _run(app, "create-user", email, "--name", name, "--hub", "north", "--role", role,
             "--password", PASSWORD)
        people[role] = email
    return {role: SpecClient(app.test_client(), _run(app, "create-token", email).strip(),
                             staff=role != "clinician")
            for role, email in people.items()}


def _assert_case_as_documented(api: SpecClient, case: dict[str, Any], state: str,
                               actions: list[str]) -> None:
    """The state and actions are what we expect, and each is a name the document gives."""
    assert (case["state"], case["actions"]) == (state, actions)
    states = api.schema("CaseState")["enum"]
    names = api.schema("ActionName")["enum"]
    assert case["state"] in states
    assert set(case["actions"]) <= set(names)
    # Every action offered can be taken: at the actions endpoint, or (submit) at its own.
    taken_there = api.parameter("act_on_case", "action")["schema"]["enum"]
    for action in case["actions"]:
        assert action in taken_there or api.operations.get(f"{action}_case"), action


def _read(api: SpecClient, case: dict[str, Any]) -> dict[str, Any]:
    return api.ok("get_case", case_id=case["id"])


def _act(api: SpecClient, case: dict[str, Any], action: str, **body: Any) -> dict[str, Any]:
    return api.ok("act_on_case", {"version": case["version"], **body},
                  case_id=case["id"], action=action)


def _draft(clinician: SpecClient) -> dict[str, Any]:
    """A complete draft on the clinician's program, filled from the program's form schema."""
    program = clinician.ok("list_programs")["items"][0]
    form = program["form"]
    fields = {name: IDENTIFIED_CASE[name] for name in form["properties"]
              if name in IDENTIFIED_CASE}
    assert set(form.get("required", [])) <= set(fields), "the form asks for more than we typed"
    return clinician.ok("create_case", {"program_id": program["id"], "fields": fields},
                        status=201)


def _submit(clinician: SpecClient, case: dict[str, Any]) -> dict[str, Any]:
    clinician.ok("preview_case", {}, case_id=case["id"])
    return clinician.ok("submit_case", {"version": case["version"]}, case_id=case["id"])


def _at_the_start_of(session: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(session["starts_at"]) + timedelta(minutes=5)


def test_one_case_goes_from_draft_to_recommendations_sent_with_the_document_alone(
    new_hub: dict[str, SpecClient], clock: TestClock, inbox: Any,
):
    clinician, coordinator, expert = (new_hub["clinician"], new_hub["coordinator"],
                                      new_hub["expert"])

    case = _draft(clinician)
    _assert_case_as_documented(clinician, case, "draft", ["submit", "withdraw"])
    case = _submit(clinician, case)
    _assert_case_as_documented(clinician, case, "deidentified", ["withdraw"])

    # Who is who comes from /me and the hub's directory: nothing known in advance.
    me = coordinator.ok("me")
    hub_id = me["memberships"][0]["id"]
    expert_id = coordinator.ok("hub_people", hub_id=hub_id,
                               query={"role": "expert"})["items"][0]["id"]
    case = _read(coordinator, case)
    _assert_case_as_documented(coordinator, case, "deidentified",
                               ["return_to_clinician", "assign_expert"])
    case = _act(coordinator, case, "assign_expert", expert_id=expert_id)
    assert case["assigned_expert_id"] == expert_id

    case = _read(expert, case)
    _assert_case_as_documented(expert, case, "deidentified",
                               ["return_to_clinician", "record_pre_review"])
    case = _act(expert, case, "record_pre_review", notes="Ask about genotype and fibrosis.")
    _assert_case_as_documented(expert, case, "reviewed", ["return_to_clinician"])

    starts = (clock() + timedelta(days=7)).replace(hour=11, minute=0, second=0,
                                                  microsecond=0, tzinfo=None)
    session = coordinator.ok("create_session", {
        "program_id": case["program_id"], "starts_at_local": starts.isoformat(),
        "timezone": "America/Denver", "topic": "Treating HCV in primary care",
        "facilitator_id": me["id"], "panel_ids": [expert_id]}, status=201)
    case = _read(coordinator, case)
    _assert_case_as_documented(coordinator, case, "reviewed",
                               ["return_to_clinician", "assign_expert", "schedule"])
    case = _act(coordinator, case, "schedule", session_id=session["id"])
    assert case["session"]["id"] == session["id"]
    _assert_case_as_documented(coordinator, case, "reviewed", ["assign_expert", "schedule"])
    agenda = coordinator.ok("get_session", session_id=session["id"])
    assert [item["case_id"] for item in agenda["agenda"]] == [case["id"]]

    # The session begins: only then can the case be presented.
    clock.move_to(_at_the_start_of(session))
    case = _read(coordinator, case)
    _assert_case_as_documented(coordinator, case, "reviewed",
                               ["assign_expert", "schedule", "mark_presented"])
    case = _act(coordinator, case, "mark_presented")
    _assert_case_as_documented(coordinator, case, "presented", [])

    case = _read(expert, case)
    _assert_case_as_documented(expert, case, "presented", [])
    assert case["recommendations"] is None, "none written yet: the first is sent without a version"
    case = expert.ok("put_recommendations", RECOMMENDATIONS, case_id=case["id"])
    _assert_case_as_documented(expert, case, "presented", ["sign_off"])
    # A revision names the recommendations' own version, as the document says.
    revised = {**RECOMMENDATIONS, "summary": "Treat with 8 weeks of glecaprevir/pibrentasvir."}
    case = expert.ok("put_recommendations",
                     {"version": case["recommendations"]["version"], **revised},
                     case_id=case["id"])
    case = _act(expert, case, "sign_off",
                recommendations_version=case["recommendations"]["version"])
    _assert_case_as_documented(expert, case, "recommendations_sent", [])
    assert [m["To"] for m in inbox.messages] == ["clinician@north.example.org"]
    letter_out = coordinator.ok("get_case", case_id=case["id"])["letter"]
    assert [d["status"] for d in letter_out["deliveries"]] == ["sent"]

    # The clinician reads and acknowledges the letter, then asks for a follow-up once.
    case = _read(clinician, case)
    _assert_case_as_documented(clinician, case, "recommendations_sent", [])
    letter = clinician.follow(case["letter"]["pdf_url"])
    assert (letter.status_code, letter.mimetype) == (200, "application/pdf")
    text = " ".join(" ".join(page.extract_text() for page in
                             PdfReader(io.BytesIO(letter.data)).pages).split())
    assert "8 weeks of glecaprevir/pibrentasvir" in text
    assert_no_identifiers(text)
    case = clinician.ok("acknowledge_letter", {"version": case["version"]}, case_id=case["id"])
    key = {"Idempotency-Key": "follow-up-of-the-first-case"}
    first = clinician.call("follow_up", case_id=case["id"], headers=key)
    again = clinician.call("follow_up", case_id=case["id"], headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json["id"] == first.json["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    _assert_case_as_documented(clinician, first.json, "draft", ["submit", "withdraw"])
    assert first.json["follow_up_of_id"] == case["id"]


def test_the_document_says_why_follow_up_takes_no_version_but_is_idempotent(
    new_hub: dict[str, SpecClient],
):
    _path, _method, operation = new_hub["clinician"].operations["follow_up"]
    assert "no `version`" in operation["description"]
    assert "Idempotent-Replayed" in operation["description"]
    assert [p["name"] for p in operation["parameters"] if p["in"] == "header"] == [
        "Idempotency-Key"]


def test_a_case_is_returned_to_draft_and_back_and_another_withdrawn_with_the_document_alone(
    new_hub: dict[str, SpecClient],
):
    clinician, coordinator, expert = (new_hub["clinician"], new_hub["coordinator"],
                                      new_hub["expert"])

    case = _submit(clinician, _draft(clinician))
    case = _read(expert, case)
    case = _act(expert, case, "return_to_clinician",
                comment="Say which genotype, please.")
    _assert_case_as_documented(expert, case, "draft", [])
    case = _read(clinician, case)
    _assert_case_as_documented(clinician, case, "draft", ["submit", "withdraw"])
    history = clinician.ok("case_history", case_id=case["id"])
    assert "Say which genotype, please." in {t["comment"] for t in history["items"]}
    case = clinician.ok("update_case", {"version": case["version"],
                                        "fields": {"labs_imaging": "HCV genotype 1a."}},
                        case_id=case["id"])
    case = _submit(clinician, case)
    _assert_case_as_documented(clinician, case, "deidentified", ["withdraw"])

    # Reviewed, then returned from there too, and back again.
    case = _act(expert, _read(expert, case), "record_pre_review", notes="Fine now.")
    case = _act(coordinator, _read(coordinator, case), "return_to_clinician",
                comment="The panel is full this month.")
    _assert_case_as_documented(coordinator, case, "draft", [])
    case = _submit(clinician, _read(clinician, case))
    _assert_case_as_documented(clinician, case, "deidentified", ["withdraw"])

    case = _act(clinician, case, "withdraw", comment="The patient moved away.")
    _assert_case_as_documented(clinician, case, "withdrawn", [])
    assert _read(coordinator, case)["actions"] == []

    draft = _draft(clinician)
    draft = _act(clinician, draft, "withdraw", comment="Written by mistake.")
    _assert_case_as_documented(clinician, draft, "withdrawn", [])

    # Only an answered case is followed up: the refusal is one the document lists.
    refused = clinician.call("follow_up", case_id=case["id"])
    assert (refused.status_code, refused.json["error"]["code"]) == (422, "wrong_state")


def test_the_admin_of_the_new_hub_can_withdraw_a_case_in_review(
    new_hub: dict[str, SpecClient],
):
    clinician, admin = new_hub["clinician"], new_hub["admin"]
    case = _submit(clinician, _draft(clinician))
    case = _read(admin, case)
    assert "withdraw" in case["actions"]
    case = _act(admin, case, "withdraw", comment="A duplicate of another case.")
    _assert_case_as_documented(admin, case, "withdrawn", [])
