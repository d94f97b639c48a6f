"""Error responses: JSON under /api, a plain page elsewhere; never an echo of the input."""

from __future__ import annotations

import logging
import traceback
from urllib.parse import urlsplit

from flask import Flask, jsonify, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from echo_cases.errors import DomainError
from echo_cases.vault import VaultLocked
from workflows import (
    GuardRefused,
    IllegalTransition,
    RoleNotAllowed,
    StaleVersion,
    UnknownAction,
    WorkflowError,
)

# A stale version is the only 409: reload and retry. A move the state or a guard forbids
# is a 422 with the engine's code (illegal_transition, or the guard's), as retrying the same
# request cannot succeed.
WORKFLOW_STATUS: dict[type[WorkflowError], int] = {
    StaleVersion: 409,
    IllegalTransition: 422,
    RoleNotAllowed: 403,
    GuardRefused: 422,
    UnknownAction: 404,
}
WORKFLOW_CODES = frozenset({IllegalTransition, GuardRefused})

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 410: "gone", 413: "too_large",
         415: "unsupported_media_type", 422: "invalid", 429: "too_many_requests",
         500: "server_error", 503: "unavailable"}


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(WorkflowError, _workflow_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(VaultLocked, _vault_locked)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def error_response(status: int, message: str, fields: dict[str, str] | None = None, *,
                   onward: tuple[str, str] | None = None, code: str | None = None) -> Response:
    """The error as JSON for the API, or a page; ``onward`` is the page's way on (address,
    words), "Back to the start" if none; ``code`` a more precise code than the status's."""
    if request.blueprint == "api" or request.path.startswith("/api/"):
        body = {"error": {"code": code or CODES.get(status, "error"), "message": message,
                          "fields": fields or {}}}
        response = jsonify(body)
    else:
        response = Response(render_template("error.html", status=status, message=message,
                                            fields=fields or {}, onward=onward),
                            mimetype="text/html")
    response.status_code = status
    if status == 401 and request.blueprint == "api":
        response.headers["WWW-Authenticate"] = 'Bearer realm="echo-cases"'
    return response


def _domain_error(exc: DomainError) -> Response:
    return error_response(exc.status, exc.message, exc.fields, code=exc.code)


def _workflow_error(exc: WorkflowError) -> Response:
    return error_response(WORKFLOW_STATUS.get(type(exc), 409), str(exc), dict(exc.fields),
                          code=exc.code if type(exc) in WORKFLOW_CODES else None)


def _vault_locked(_exc: VaultLocked) -> Response:
    return error_response(503, "The identified original cannot be opened: its key is not "
                               "configured on this server. The de-identified case is unaffected.")


def _csrf_error(_exc: CSRFError) -> Response:
    form = _form_page()
    if form:
        # The page's script kept what was typed in this tab; opening the form gives it back.
        return error_response(400, "This form expired before it was sent. What you typed is "
                                   "kept in this browser tab.",
                              onward=(form, "Open the form again to carry on"))
    return error_response(400, "This form expired. Go back, reload the page and try again.")


def _form_page() -> str:
    """The page a refused form post came from (by its Referer, which our pages send us, or
    else its own address), if that page can be opened again; else ""."""
    if request.method == "GET" or request.blueprint == "api" or request.url_rule is None:
        return ""
    came_from = urlsplit(request.referrer or "")
    candidates = [came_from.path] if came_from.netloc == request.host else []
    for path in [*candidates, request.path]:
        try:
            request.url_rule.map.bind("").match(path, method="GET")
        except HTTPException:
            continue
        return path
    return ""


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    messages = {
        401: "Sign in first." if request.blueprint != "api"
        else "Send a valid bearer token in the Authorization header.",
        403: "Your role does not include this.",
        404: "There is nothing here, or it is not yours to see.",
        413: "That request is too large.",
    }
    form = _form_page() if status == 401 else ""
    if form:
        return error_response(401, "Your sign-in has expired, so this was not saved. What "
                                   "you typed is kept in this browser tab.",
                              onward=(url_for("auth.login", next=form),
                                      "Sign in again to carry on"))
    response = error_response(status, messages.get(status, exc.description or exc.name))
    # What the exception says in headers stays said: a 405's Allow, for one.
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _unexpected(exc: Exception) -> Response:
    # Where it broke, never what it said: an exception's message or locals can hold case text.
    frames = traceback.extract_tb(exc.__traceback__)[-6:]
    where = " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
                       for f in reversed(frames))
    logging.getLogger("echo_cases").error(
        "unhandled %s at %s %s: %s", type(exc).__name__, request.method, request.url_rule, where)
    return error_response(500, "Something went wrong on our side. Nothing was saved.")
