"""Hub-wide pages for coordinators and admins: the dashboard and the exports."""

from __future__ import annotations

from flask import Blueprint, render_template, stream_with_context
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import closing_after, db_session
from echo_cases.errors import NotFound
from echo_cases.services import archives, dashboard, exports
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
        "sessions": bar_chart("Cases per session", figures.cases_per_session),
        "attendance": bar_chart("Attendance per session", [
            (moment.strftime("%Y-%m-%d"), count) for moment, count in figures.attendance]),
    }
    archive_list = archives.recent_archives(db_session(), current_user(), hub_id)
    return render_template("hubs/dashboard.html", hub=hub, figures=figures, states=states,
                           charts=charts, archives=archive_list)


@bp.get("/hubs/<int:hub_id>/exports/cases.csv")
def cases_csv(hub_id: int) -> Response:
    _hub(hub_id)
    db = db_session()
    exports.note_export(db, current_user().id, hub_id, "cases.csv")
    db.commit()  # the stream below outlives the request's own commit
    body = stream_with_context(closing_after(db, exports.csv_lines(exports.case_rows(db, hub_id))))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="hub-{hub_id}-cases.csv"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/hubs/<int:hub_id>/exports/cases.json")
def cases_json(hub_id: int) -> Response:
    _hub(hub_id)
    db = db_session()
    exports.note_export(db, current_user().id, hub_id, "cases.json")
    db.commit()  # the stream below outlives the request's own commit

    body = stream_with_context(closing_after(db, exports.json_chunks(
        exports.case_rows(db, hub_id))))
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="hub-{hub_id}-cases.json"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
