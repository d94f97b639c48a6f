"""The answers a page's autosave script reads: when it was saved, or why it was not.

Autosave posts the same form, through the same operation and validation, as the form's own
button; only the answer differs (JSON, never an echo of what was typed).
"""

from __future__ import annotations

from flask import Flask, g, jsonify, session
from werkzeug.wrappers import Response

from echo_cases import clock
from echo_cases.db import db_session
from echo_cases.errors import DomainError


def autosave_answer(fields: dict[str, str], *, url: str = "", saved_to: str = "",
                    key: str = "") -> tuple[Response, int]:
    """Saved: the hidden ``fields`` the page must now carry (versions), the time, and, for a
    draft just created, the ``url`` of its own form, its ``saved_to`` autosave address and
    the ``key`` its typing is kept under from now on."""
    body: dict[str, object] = {"saved_at": clock.now(db_session()).isoformat(),
                               "fields": fields}
    if url:
        body.update(url=url, autosave=saved_to, key=key)
    return jsonify(body), 200


def autosave_refused(exc: DomainError) -> tuple[Response, int]:
    return jsonify({"error": exc.message, "fields": exc.fields}), exc.status


# A form's typing is kept in the browser's sessionStorage under a key the page names (never
# in a cookie, a URL or a log). Once that form is saved for good, the next page tells the
# browser to drop it, by key: the key, not the text, passes through the session cookie.
_FORGET = "forget_typed"


def forget_typed(key: str) -> None:
    """Have the next page drop what the browser kept of form ``key`` for this person."""
    session[_FORGET] = f"u{g.user.id}:{key}"


def init_app(app: Flask) -> None:
    app.context_processor(lambda: {"forget_typed": session.pop(_FORGET, "")
                                   if _FORGET in session else ""})
