"""Responses web pages and the API send alike: a letter's PDF, a hub's cases streamed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flask import stream_with_context
from werkzeug.wrappers import Response

from echo_cases.db import closing_after, db_session
from echo_cases.http.gate import current_user
from echo_cases.services import exports
from models import Letter


def pdf_response(letter: Letter) -> Response:
    response = Response(letter.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="echo-recommendations-case-{letter.case_id}.pdf"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


_FORMATS: dict[str, tuple[Callable[[Iterable[dict[str, Any]]], Iterator[str]], str]] = {
    "csv": (exports.csv_lines, "text/csv"), "json": (exports.json_chunks, "application/json"),
}


def streamed_cases(hub_id: int, fmt: str, *, attachment: bool) -> Response:
    """The hub's cases as CSV or JSON, audited as an export and streamed row by row: a hub
    of 100,000 cases is never one list in memory.

    The caller has checked that the user organises the hub.
    """
    db = db_session()
    exports.note_export(db, current_user().id, hub_id, f"cases.{fmt}")
    db.commit()  # the stream below outlives the request's own commit
    chunks, mimetype = _FORMATS[fmt]
    body = stream_with_context(closing_after(db, chunks(exports.case_rows(db, hub_id))))
    response = Response(body, mimetype=mimetype)
    if attachment:
        response.headers["Content-Disposition"] = (
            f'attachment; filename="hub-{hub_id}-cases.{fmt}"')
    response.headers["Cache-Control"] = "private, no-store"
    return response
