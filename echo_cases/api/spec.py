"""Declare API routes once: the same declaration validates bodies and builds OpenAPI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, TypeVar

from flask import Blueprint, g, request
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from echo_cases.api.schemas import ErrorOut
from echo_cases.errors import DomainError, Invalid, NotFound
from echo_cases.http.params import Query, bounds, check_query
from echo_cases.http.text_input import first_unstorable, refuse

F = TypeVar("F", bound=Callable[..., Any])

# How deep objects and lists may nest in a body: ours need 3; a parser recursing 1,000 levels
# deep would fail with a server error, so deeper bodies are refused before parsing.
MAX_NESTING = 32
BODY_REFUSALS = {
    400: f"The body is empty, not UTF-8, not JSON, cut off, not an object, or nests objects "
         f"and lists more than {MAX_NESTING} levels deep; nothing changed.",
    413: "The body is larger than the server's limit (ECHO_MAX_REQUEST_BYTES, 512 KB by "
         "default), sent chunked or not; nothing changed.",
    415: "The body is not application/json; nothing changed.",
    422: "Invalid: `fields` names each failing field; nothing changed.",
}
# A 409 means only this, so a client may always reload and retry on it. A rule that refuses
# the request as sent (the last admin, a name taken) is a 422 with its own code.
STALE = ("Stale: what you read (its `version` or `revision`) changed since, or the same "
         "change is being made at this moment by another request. Reload and try again; "
         "nothing changed.")


@dataclass(frozen=True)
class PathValues:
    """A string path parameter that takes only these values (a 404 for any other)."""

    name: str
    values: tuple[str, ...]
    description: str = ""


QUERY_REFUSAL = ("A query parameter this operation does not take, given twice, or with a "
                 "value it does not allow: `fields` names each; nothing changed.")


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
    description: str = ""
    media_type: str = "application/json"
    query: tuple[Query, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()  # optional request headers, likewise
    path_values: tuple[PathValues, ...] = ()
    refusals: tuple[tuple[int, str], ...] = ()  # what an error status means here


class UnsupportedMediaType(DomainError):
    status = 415


class ApiSpec:
    def __init__(self, blueprint: Blueprint, title: str, version: str) -> None:
        self.blueprint = blueprint
        self.title = title
        self.version = version
        self.operations: list[Operation] = []
        self._endpoints_with_body: set[str] = set()
        self._query_of: dict[str, tuple[Query, ...]] = {}
        self._path_values_of: dict[str, tuple[PathValues, ...]] = {}
        blueprint.before_request(self._check_declared_input)

    def route(self, path: str, method: str, *, summary: str,
              response: type[BaseModel] | None, status: int = 200,
              body: type[BaseModel] | None = None, errors: tuple[int, ...] = (),
              media_type: str = "application/json",
              query: tuple[Query, ...] = (),
              headers: tuple[tuple[str, str], ...] = (),
              description: str = "", path_values: tuple[PathValues, ...] = (),
              refusals: Mapping[int, str] | None = None) -> Callable[[F], F]:
        def register(view: F) -> F:
            self.operations.append(Operation(path, method.lower(), summary, response, status,
                                             body, errors, view.__name__, description,
                                             media_type, query, headers, path_values,
                                             tuple((refusals or {}).items())))
            self.blueprint.add_url_rule(_flask_path(path), view.__name__, view, methods=[method])
            endpoint = f"{self.blueprint.name}.{view.__name__}"
            self._query_of[endpoint] = query
            if path_values:
                self._path_values_of[endpoint] = path_values
            if body is not None:
                self._endpoints_with_body.add(endpoint)
            return view
        return register

    def _check_declared_input(self) -> None:
        """Every declared operation has its query string, and its body if it takes one,
        checked here, after the sign-in gate and before its view: no view can meet a body
        that breaks the parser, and no typo in a filter is silently dropped. A path value
        outside its declared enum is a 404 first, as the document promises."""
        for declared in self._path_values_of.get(request.endpoint or "", ()):
            if (request.view_args or {}).get(declared.name) not in declared.values:
                raise NotFound(f"No such {declared.name}: see the document's list.")
        if request.endpoint in self._query_of:
            check_query(self._query_of[request.endpoint])
        if request.endpoint in self._endpoints_with_body:
            json_body()

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
                # The access table (echo_cases/http/policy.py) may refuse any operation by role.
                "403": _content(ErrorOut, "Your role does not include this."),
            }
            refusals = {**(BODY_REFUSALS if op.body else {}), 409: STALE, **dict(op.refusals)}
            for code in (*op.errors, *((400, 413, 415, 422) if op.body else ())):
                responses[str(code)] = _content(
                    ErrorOut, refusals.get(code, "Refused; nothing changed."))
            # Any operation refuses a query string it does not take.
            responses["400"] = _content(ErrorOut, " ".join(
                [refusals[400], "Or: " + QUERY_REFUSAL] if 400 in refusals
                else [QUERY_REFUSAL]))
            entry: dict[str, Any] = {
                "operationId": op.endpoint, "summary": op.summary, "responses": responses,
                "security": [{"bearer": []}],
            }
            if op.description:
                entry["description"] = op.description
            params = [_path_parameter(name, {v.name: v for v in op.path_values}.get(name))
                      for name in _path_params(op.path)]
            params += [_query_parameter(q) for q in op.query]
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
    data = json_body()
    if not isinstance(data, dict):
        raise DomainError("The body must be a JSON object.")
    try:
        # Validated as JSON, not as the parsed dict: in strict mode that is what lets a
        # date-time or an enum arrive as a string while "1" and true never pass for 1.
        return model.model_validate_json(g.json_text)
    except ValidationError as exc:
        # Only locations and messages: pydantic's "input" would echo what was sent.
        fields = {".".join(str(p) for p in err["loc"]) or "body": err["msg"]
                  for err in exc.errors(include_input=False, include_url=False)}
        raise Invalid("The body does not match the schema.", fields) from None


def json_body() -> Any:
    """The request's body as JSON, read once; or a 4xx that says what is wrong with it.

    JSON is read as the RFC says it is sent (UTF-8), and its nesting is measured before it
    is parsed: the parser recurses once per level."""
    if "json_body" in g:
        return g.json_body
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as application/json.")
    raw = _body_bytes()
    if not raw.strip():
        raise DomainError("The body is empty: send a JSON object.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DomainError(f"The body is not valid UTF-8 text (byte {exc.start + 1}).") from None
    if _nests_deeper_than(text, MAX_NESTING):
        raise DomainError(f"The body nests objects and lists more than {MAX_NESTING} levels "
                          "deep.")
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        # Where and what, never the text around it: that would echo what was sent.
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise DomainError("The body ends before its JSON does: was it cut off?") from None
        raise DomainError(f"The body is not valid JSON: {exc.msg} (line {exc.lineno}, "
                          f"column {exc.colno}).") from None
    except ValueError:
        # Python refuses to read integers of thousands of digits (a denial-of-service guard).
        raise DomainError("The body holds a number too long to read.") from None
    if found := first_unstorable(parsed):
        raise refuse(*found)
    g.json_body, g.json_text = parsed, text
    return g.json_body


def _body_bytes() -> bytes:
    data = request.get_data(cache=True)
    limit = request.max_content_length
    # A chunked body has no Content-Length to refuse up front, and Werkzeug stops reading it
    # at the limit without a word, leaving JSON that looks cut off: one more byte tells.
    if request.content_length is None and limit is not None and len(data) >= limit \
            and request.environ["wsgi.input"].read(1):
        raise RequestEntityTooLarge()
    return data


# A string, closed or running to the end: every quote that opens one matches at once, so
# the scan stays linear even on a body of escaped quotes.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _nests_deeper_than(text: str, limit: int) -> bool:
    """Whether objects and lists outside strings open more than ``limit`` deep."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > limit


def _query_parameter(query: Query) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": query.type}
    if query.type == "integer":
        schema["minimum"], schema["maximum"] = bounds(query.name)
    if query.values:
        schema["enum"] = list(query.values)
    if query.repeatable:
        schema = {"type": "array", "items": schema}
    parameter: dict[str, Any] = {"name": query.name, "in": "query", "required": False,
                                 "schema": schema}
    if query.repeatable:
        parameter |= {"style": "form", "explode": True}
    if query.description:
        parameter["description"] = query.description
    return parameter


def _path_parameter(name: str, values: PathValues | None) -> dict[str, Any]:
    parameter: dict[str, Any] = {"name": name, "in": "path", "required": True, "schema": (
        {"type": "integer", "minimum": 1} if name.endswith("id")
        else {"type": "string", "enum": list(values.values)} if values
        else {"type": "string"})}
    if values is not None and values.description:
        parameter["description"] = values.description
    return parameter


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
