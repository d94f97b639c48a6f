"""Bad input gets a clear 4xx and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.support import IDENTIFIED_CASE, Api, Hubs
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
    ({"program_id": 1, "fields": {"title": 7}}, "fields.title"),
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
    assert response.status_code == 409


def test_programs_list_their_form(api_as: Callable[..., Api], hubs: Hubs):
    programs = api_as(Role.CLINICIAN).get("/programs").json["items"]
    assert [p["id"] for p in programs] == [hubs.program_id()]
    assert "question" in programs[0]["form"]["properties"]
