"""Declare API routes once: the same declaration validates bodies and builds OpenAPI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Blueprint, request
from pydantic import BaseModel, ValidationError

from echo_cases.api.schemas import ErrorOut
from echo_cases.errors import DomainError, Invalid

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    summary: str
    response: type[BaseModel] | None  # None: a file (``media_type``), not JSON
    status: int
    body: type[BaseModel] | None
    errors: tuple[int, ...]
    endpoint: str
    media_type: str = "application/json"
    query: tuple[tuple[str, str], ...] = ()  # (name, JSON-schema type) of query parameters
    headers: tuple[tuple[str, str], ...] = ()  # optional request headers, likewise


class UnsupportedMediaType(DomainError):
    status = 415


class ApiSpec:
    def __init__(self, blueprint: Blueprint, title: str, version: str) -> None:
        self.blueprint = blueprint
        self.title = title
        self.version = version
        self.operations: list[Operation] = []

    def route(self, path: str, method: str, *, summary: str,
              response: type[BaseModel] | None, status: int = 200,
              body: type[BaseModel] | None = None, errors: tuple[int, ...] = (),
              media_type: str = "application/json",
              query: tuple[tuple[str, str], ...] = (),
              headers: tuple[tuple[str, str], ...] = ()) -> Callable[[F], F]:
        def register(view: F) -> F:
            self.operations.append(Operation(path, method.lower(), summary, response, status,
                                             body, errors, view.__name__, media_type, query,
                                             headers))
            self.blueprint.add_url_rule(_flask_path(path), view.__name__, view, methods=[method])
            return view
        return register

    def document(self, server_url: str) -> dict[str, Any]:
        models: dict[str, type[BaseModel]] = {"ErrorOut": ErrorOut}
        paths: dict[str, dict[str, Any]] = {}
        for op in self.operations:
            if op.response is not None:
                models[op.response.__name__] = op.response
                success = _content(op.response, op.summary)
            else:
                success = {"description": op.summary, "content": {
                    op.media_type: {"schema": {"type": "string", "format": "binary"}}}}
            responses: dict[str, Any] = {
                str(op.status): success,
                "401": _content(ErrorOut, "No valid bearer token."),
                # The access table (echo_cases/web/policy.py) may refuse any operation by role.
                "403": _content(ErrorOut, "Your role does not include this."),
            }
            for code in (*op.errors, *((400, 413, 415, 422) if op.body else ())):
                responses[str(code)] = _content(ErrorOut, "Refused; nothing changed.")
            entry: dict[str, Any] = {
                "operationId": op.endpoint, "summary": op.summary, "responses": responses,
                "security": [{"bearer": []}],
            }
            params = [{"name": name, "in": "path", "required": True,
                       "schema": {"type": "integer", "minimum": 1} if name.endswith("id")
                       else {"type": "string"}}
                      for name in _path_params(op.path)]
            params += [{"name": name, "in": "query", "required": False,
                        "schema": _query_schema(name, kind)} for name, kind in op.query]
            params += [{"name": name, "in": "header", "required": False,
                        "schema": {"type": kind, "maxLength": 100}}
                       for name, kind in op.headers]
            if params:
                entry["parameters"] = params
            if op.body is not None:
                models[op.body.__name__] = op.body
                entry["requestBody"] = {"required": True, "content": {
                    "application/json": {"schema": _ref(op.body)}}}
            paths.setdefault(op.path, {})[op.method] = entry
        schemas: dict[str, Any] = {}
        for model in models.values():
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))
            schemas[model.__name__] = schema
        return {
            "openapi": "3.1.0",
            "info": {"title": self.title, "version": self.version},
            "servers": [{"url": server_url}],
            "paths": paths,
            "components": {"schemas": schemas, "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer",
                           "description": "flask --app wsgi create-token EMAIL"}}},
        }


def parse_body(model: type[BaseModel]) -> Any:
    """The request's JSON body as ``model``, or a 4xx that names each bad field."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as application/json.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise DomainError("The body must be a JSON object.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # Only locations and messages: pydantic's "input" would echo what was sent.
        fields = {".".join(str(p) for p in err["loc"]) or "body": err["msg"]
                  for err in exc.errors(include_input=False, include_url=False)}
        raise Invalid("The body does not match the schema.", fields) from None


def _query_schema(name: str, kind: str) -> dict[str, Any]:
    from echo_cases.web.params import BOUNDS

    schema: dict[str, Any] = {"type": kind}
    if kind == "integer" and name in BOUNDS:
        schema["minimum"], schema["maximum"] = BOUNDS[name]
    return schema


def _content(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": _ref(model)}}}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _path_params(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def _flask_path(path: str) -> str:
    return "/".join(
        f"<int:{part[1:-1]}>" if part.startswith("{") and part.endswith("id}")
        else f"<{part[1:-1]}>" if part.startswith("{") else part
        for part in path.split("/")
    )
