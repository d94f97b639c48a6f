"""Readiness: the database answers and the de-identifier is loaded."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from echo_cases import deid
from echo_cases.db import db_session

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    try:
        db_session().exec(text("SELECT 1"))  # type: ignore[call-overload]
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready", reported as such
        database = "unavailable"
    deidentifier = "ok" if deid.is_ready() else "loading"
    ready = database == "ok" and deidentifier == "ok"
    body = {"status": "ok" if ready else "starting", "database": database,
            "deidentifier": deidentifier}
    return jsonify(body), 200 if ready else 503
