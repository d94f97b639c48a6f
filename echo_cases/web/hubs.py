"""Hub-wide pages for coordinators and admins: the dashboard and the exports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flask import Blueprint, render_template, stream_with_context
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import closing_after, db_session
from echo_cases.errors import NotFound
from echo_cases.services import archives, dashboard, exports, outcome_figures
from echo_cases.services.outcomes import STATUS_WORDS
from echo_cases.web.auth import current_user
from echo_cases.web.charts import bar_chart
from models import Hub
from workflows import CaseState

bp = Blueprint("hubs", __name__)


def _hub(hub_id: int) -> Hub:
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    hub = db.get(Hub, hub_id)
    if hub is None:
        raise NotFound("No such hub.")
    return hub


@bp.get("/hubs/<int:hub_id>/dashboard")
def show_dashboard(hub_id: int) -> str:
    hub = _hub(hub_id)
    figures = dashboard.hub_dashboard(db_session(), hub_id)
    states = list(CaseState)
    charts = {
        "programs": bar_chart("Cases per program", [
            (program, sum(counts.values())) for program, counts in
            sorted(figures.by_program_state.items())]),
        "sessions": bar_chart("Cases per session",
                              [(s.label, s.cases) for s in figures.sessions]),
        "attendance": bar_chart("Attendance per session", [
            (s.starts_at.strftime("%Y-%m-%d"), s.present) for s in figures.sessions
            if s.present is not None]),
    }
    outcomes = outcome_figures.hub_outcomes(db_session(), hub_id)
    charts["followed"] = bar_chart("Recommendations followed in full, of those rated", [
        (p.program, round(100 * p.share_followed)) for p in outcomes.programs
        if p.share_followed is not None], unit="%")
    archive_list = archives.recent_archives(db_session(), current_user(), hub_id)
    return render_template("hubs/dashboard.html", hub=hub, figures=figures, states=states,
                           charts=charts, archives=archive_list, outcomes=outcomes,
                           patient_statuses=STATUS_WORDS)


@bp.get("/hubs/<int:hub_id>/exports/cases.csv")
def cases_csv(hub_id: int) -> Response:
    _hub(hub_id)
    return streamed_cases(hub_id, "csv", attachment=True)


@bp.get("/hubs/<int:hub_id>/exports/cases.json")
def cases_json(hub_id: int) -> Response:
    _hub(hub_id)
    return streamed_cases(hub_id, "json", attachment=True)


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
