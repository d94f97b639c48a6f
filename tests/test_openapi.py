"""The OpenAPI document is valid and covers every API route."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from echo_cases.api.spec import MAX_NESTING


def test_the_openapi_document_is_valid_openapi_3(client: FlaskClient):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.")
    validate(document)


def test_every_api_route_is_documented(app: Flask, client: FlaskClient):
    documented = {
        (re.sub(r"\{[^}]+\}", "{}", path), method.upper())
        for path, operations in client.get("/api/v1/openapi.json").json["paths"].items()
        for method in operations
    }
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint == "api.openapi":
            continue
        path = re.sub(r"<[^>]+>", "{}", rule.rule.removeprefix("/api/v1"))
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, f"{method} {rule.rule} is undocumented"


def test_every_operation_that_takes_a_body_documents_its_limits(client: FlaskClient):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    with_body = [op for operations in paths.values() for op in operations.values()
                 if "requestBody" in op]
    assert with_body
    for op in with_body:
        assert f"{MAX_NESTING} levels" in op["responses"]["400"]["description"]
        assert "ECHO_MAX_REQUEST_BYTES" in op["responses"]["413"]["description"]


def test_every_operation_documents_that_it_refuses_query_parameters_it_does_not_take(
    client: FlaskClient,
):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path, operations in paths.items():
        for method, op in operations.items():
            assert "query parameter" in op["responses"]["400"]["description"], (method, path)
