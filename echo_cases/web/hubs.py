"""Hub-wide pages for coordinators and admins: the dashboard and the exports."""

from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.errors import NotFound
from echo_cases.http.responses import streamed_cases
from echo_cases.services import archives, credit_figures, dashboard, exports, outcome_figures
from echo_cases.services.credits import hours_text
from echo_cases.services.outcomes import STATUS_WORDS
from echo_cases.web.auth import current_user
from echo_cases.web.charts import bar_chart
from echo_cases.web.evaluations import dashboard_section
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
    # The page charts the last year's sessions (the API answers for all of them): a hub's
    # years of weekly sessions made a thousand bars nobody reads, and most of the time.
    figures = dashboard.hub_dashboard(db_session(), hub_id,
                                      since=dashboard.chart_window_start(db_session()))
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
    # Patients' status by program: a chart per program under its name, the table below it
    # the same figures.
    charts["statuses"] = [(p.program, bar_chart(f"{p.program}: patients' status when told", [
        (word, p.patients.get(status, 0)) for status, word in STATUS_WORDS.items()]))
        for p in outcomes.programs if p.answered]
    credits = credit_figures.hub_credits(db_session(), hub_id)
    # No credit in the window: the section says once what will show there, not twice
    # "no data" (and twelve empty months would say nothing more).
    if credits.certificates:
        charts["certificates"] = bar_chart("Certificates issued per month", [
            (m.month, m.certificates) for m in credits.per_month])
        charts["credit_hours"] = bar_chart("Credit hours per program, last 12 months", [
            (p.program, p.hours) for p in credits.programs], unit=" h")
    archive_list = archives.recent_archives(db_session(), current_user(), hub_id)
    return render_template("hubs/dashboard.html", hub=hub, figures=figures, states=states,
                           charts=charts, archives=archive_list,
                           evaluation=dashboard_section(db_session(), hub_id),
                           outcomes=outcomes, patient_statuses=STATUS_WORDS,
                           credits=credits, hours_text=hours_text)


@bp.get("/hubs/<int:hub_id>/exports/cases.csv")
def cases_csv(hub_id: int) -> Response:
    _hub(hub_id)
    return streamed_cases(hub_id, "csv", attachment=True)


@bp.get("/hubs/<int:hub_id>/exports/cases.json")
def cases_json(hub_id: int) -> Response:
    _hub(hub_id)
    return streamed_cases(hub_id, "json", attachment=True)


@bp.get("/hubs/<int:hub_id>/exports/credits.csv")
def credits_csv(hub_id: int) -> Response:
    """Every certificate the hub issued, with who earned it: never a case's content."""
    _hub(hub_id)
    db = db_session()
    exports.note_export(db, current_user().id, hub_id, "credits.csv")
    # Read whole: a hub's certificates are a few thousand short rows, not its cases.
    body = "".join(credit_figures.csv_lines(db, hub_id))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="hub-{hub_id}-credits.csv"',
        "Cache-Control": "private, no-store"})
