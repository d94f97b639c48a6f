"""Fuzz every JSON API operation from the OpenAPI document the app publishes.

Schemathesis reads /api/v1/openapi.json from the app itself (WSGI, no network),
generates requests that fit each operation's parameters and body, sends them with
a bearer token of each role, and checks that the answer is never a 5xx and always
one the document promises: a documented status code, content type, headers and body (a
405 with its Allow header). Data that breaks the document must be refused with a 4xx.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import checks as st_checks
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi import checks as openapi_checks

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import User
from tests.support import Api, Hubs, schedule_session, walk_to
from workflows import Role

EXAMPLES_PER_OPERATION = 12
INT64_MAX = 2**63 - 1


def negative_data_refused(ctx: Any, response: Any, case: Any) -> bool | None:
    """Input the document forbids is refused; a body too large to read (413) is refused
    before it is read, which the stock check does not count as a refusal."""
    if response.status_code == 413:
        return None
    return openapi_checks.negative_data_rejection(ctx, response, case)


CHECKS = [
    st_checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.allow_header_conformance,
    negative_data_refused,
    openapi_checks.ignored_auth,
]


@pytest.fixture
def api_schema(app: Flask, hubs: Hubs, api_as: Callable[..., Api],
               submitted_case: dict[str, Any]) -> Any:
    """The document exactly as published, with something behind the small ids tried first."""
    walk_to(api_as, submitted_case, "recommendations_sent", schedule_session(app, hubs))
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def fuzz(operation: Any, headers: dict[str, str],
         mode: GenerationMode = GenerationMode.POSITIVE) -> str | None:
    """Run one operation's bounded examples; the shrunk failure's report, or None.

    Positive examples fit the document and must be answered as it promises; negative ones
    break it (a wrong type, a value out of range, a missing field) and must be refused."""

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    # Schemathesis reports its findings as a BaseExceptionGroup; each one is a finding to list.
    except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001
        return f"{operation.method.upper()} {operation.path}: {_summary(failure)}"
    return None


def _summary(failure: BaseException) -> str:
    """The check names and the reproducing request: enough to file the bug."""
    found = getattr(failure, "exceptions", [failure])
    return "; ".join(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
                     for e in found) + "\n" + str(failure)[:1500]


@pytest.mark.parametrize("role", [Role.CLINICIAN, Role.EXPERT, Role.COORDINATOR, Role.ADMIN],
                         ids=str)
def test_every_api_operation_answers_as_documented_and_never_with_a_5xx(
    app: Flask, hubs: Hubs, api_schema: Any, role: Role
):
    with unit_of_work(app) as db:
        user = db.get(User, hubs.user(role).id)
        assert user is not None
        headers = {"Authorization": f"Bearer {accounts.issue_token(db, user, 'fuzz')}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20, "the document lost operations"
    failures = [f for f in (fuzz(op, headers) for op in operations) if f]
    assert not failures, "\n\n".join(failures)


def test_every_api_operation_refuses_input_its_document_forbids(
    app: Flask, hubs: Hubs, api_schema: Any
):
    with unit_of_work(app) as db:
        user = db.get(User, hubs.user(Role.COORDINATOR).id)
        assert user is not None
        headers = {"Authorization": f"Bearer {accounts.issue_token(db, user, 'fuzz')}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    failures = [f for f in (fuzz(op, headers, GenerationMode.NEGATIVE) for op in operations)
                if f]
    assert not failures, "\n\n".join(failures)


ID_ROUTES = [
    ("get", "/cases/{id}", None), ("post", "/cases/{id}/preview", {}),
    ("get", "/cases/{id}/history", None),
    ("post", "/cases/{id}/actions/withdraw", {"version": 1, "comment": "x"}),
    ("get", "/sessions/{id}", None), ("put", "/sessions/{id}/attendance",
                                             {"version": 0, "present_ids": []}),
    ("get", "/hubs/{id}/dashboard", None), ("post", "/deliveries/{id}/retry", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ID_ROUTES)
def test_an_id_beyond_the_databases_range_is_not_found(
    api_as: Callable[..., Api], method: str, path: str, body: dict[str, Any] | None
):
    coordinator = api_as(Role.COORDINATOR)
    response = coordinator.client.open(
        "/api/v1" + path.format(id=INT64_MAX + 1), method=method.upper(), json=body,
        headers=coordinator.headers)
    assert response.status_code == 404, response.status_code


def test_an_id_in_a_body_beyond_the_databases_range_is_refused(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    coordinator = api_as(Role.COORDINATOR)
    response = coordinator.post(
        f"/cases/{submitted_case['id']}/actions/schedule",
        {"version": submitted_case["version"], "session_id": INT64_MAX + 1})
    assert response.status_code == 422, response.status_code


def test_a_wrong_method_on_the_api_answers_405_in_json(
    api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.client.delete(f"/api/v1/cases/{submitted_case['id']}",
                                       headers=clinician.headers)
    assert response.status_code == 405, response.status_code
    assert response.json["error"]["code"] == "method_not_allowed"


def test_an_unknown_api_url_answers_404_in_json(api_as: Callable[..., Api]):
    clinician = api_as(Role.CLINICIAN)
    response = clinician.get("/no-such-thing")
    assert response.status_code == 404, response.status_code
    assert response.json["error"]["code"] == "not_found"


ROLE_LIMITED = [(Role.EXPERT, "post", "/sessions"), (Role.EXPERT, "get", "/cases"),
                (Role.EXPERT, "post", "/cases"), (Role.CLINICIAN, "get", "/queue")]


def test_operations_that_refuse_a_role_document_403(app: Flask, api_as: Callable[..., Api]):
    document = app.test_client().get("/api/v1/openapi.json").json
    undocumented = []
    for role, method, path in ROLE_LIMITED:
        api = api_as(role)
        status = api.client.open("/api/v1" + path, method=method.upper(), json={},
                                 headers=api.headers).status_code
        if str(status) not in document["paths"][path][method]["responses"]:
            undocumented.append(f"{role} {method.upper()} {path} -> {status}")
    assert not undocumented, undocumented
