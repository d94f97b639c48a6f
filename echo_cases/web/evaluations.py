"""Session evaluation pages: a program's questions (its admin), sending a session's survey
and reading its results (coordinators), the hub's export, and the survey itself, reached by
its e-mailed link alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from sqlmodel import Session
from werkzeug.wrappers import Response

from echo_cases import access, clock
from echo_cases.db import db_session
from echo_cases.errors import Conflict, DomainError, Invalid, NotFound
from echo_cases.http.gate import current_user
from echo_cases.http.links import link_for
from echo_cases.letters.content import session_label
from echo_cases.services import evaluation_results, evaluations, exports, sessions
from echo_cases.web.charts import bar_chart
from echo_cases.web.form_fields import ticked
from echo_cases.web.hub_admin import Page, _hub, _program, _render
from echo_cases.web.participants import verify_url
from models import EchoSession, Program, id_of

bp = Blueprint("evaluations", __name__)


# --- a program's questions ----------------------------------------------------------------


@bp.post("/hubs/<int:hub_id>/programs/<int:program_id>/evaluation")
def program_settings(hub_id: int, program_id: int) -> Page:
    hub, role = _hub(hub_id)
    chosen = _program(hub_id, program_id)
    typed = {"questions": request.form.get("questions", ""),
             "anonymous": "anonymous" in request.form,
             "required_for_certificate": "required_for_certificate" in request.form}
    try:
        for box in ("anonymous", "required_for_certificate"):
            ticked(request.form, box)
        evaluations.save_settings(
            db_session(), current_user(), chosen, str(typed["questions"]),
            anonymous=bool(typed["anonymous"]),
            required_for_certificate=bool(typed["required_for_certificate"]))
    except DomainError as exc:
        # Back to the form alone, with what was typed and each line's problem.
        return _render("evaluations/program_settings.html", hub, role, exc.status,
                       program=chosen, evaluation=typed,
                       evaluation_errors={"form": exc.message, **exc.fields})
    flash("Evaluation saved: sessions surveyed from now on ask these questions.")
    return redirect(url_for("hub_admin.program", hub_id=hub_id, program_id=program_id))


# --- a session's survey and results -------------------------------------------------------


def _organised_session(session_id: int) -> EchoSession:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    access.require_hub_role(db, user, session.hub_id, access.ORGANISERS)
    return session


@bp.post("/sessions/<int:session_id>/evaluations/send")
def send(session_id: int) -> Page:
    session = _organised_session(session_id)
    try:
        sent = evaluations.send_evaluations(db_session(), current_user(), session,
                                            link_for("evaluations.respond"))
    except Invalid as exc:
        return _results_page(session, error=exc.message, status=exc.status)
    flash(f"Evaluation e-mailed to {sent} participant{'s' if sent != 1 else ''}."
          if sent else "Everyone present has been sent the evaluation already.")
    return redirect(url_for("evaluations.session_results", session_id=session_id))


@bp.get("/sessions/<int:session_id>/evaluation")
def session_results(session_id: int) -> Page:
    return _results_page(_organised_session(session_id))


def _results_page(session: EchoSession, *, error: str = "", status: int = 200) -> Page:
    db = db_session()
    program = db.get(Program, session.program_id)
    page = render_template(
        "evaluations/results.html", session=session, program=program, error=error,
        results=evaluation_results.session_results(db, session),
        ended=evaluations.has_ended(db, session),
        undelivered=evaluations.undelivered(db, id_of(session)),
        min_anonymous=evaluation_results.MIN_ANONYMOUS,
        present=len(evaluations.respondents(db, session)))
    return (page, status) if status != 200 else page


# --- the hub's figures --------------------------------------------------------------------


DASHBOARD_MONTHS = 12
RECENT_SESSIONS = 10  # the dashboard's list; each session's page and the export hold all


def dashboard_section(db: Session, hub_id: int) -> dict[str, Any]:
    """The dashboard's evaluation figures over the last year: the latest sessions (each
    linking to its results), each program's means over the year and month by month, and
    a chart per scale question (the export and the API hold every session)."""
    since = clock.now(db) - timedelta(days=31 * DASHBOARD_MONTHS)
    summaries = evaluation_results.session_summaries(db, hub_id, since)
    trends = evaluation_results.by_program(summaries)
    charts: list[Markup] = []
    for program in trends:
        for key, label in program.questions:
            charts.append(bar_chart(f"{program.program}: {label} (mean, 1 to 5)", [
                (p.month, p.mean_of(key) or 0) for p in program.months
                if p.mean_of(key) is not None]))
    return {"trends": trends, "charts": charts, "months": DASHBOARD_MONTHS,
            "min_anonymous": evaluation_results.MIN_ANONYMOUS,
            "recent": summaries[::-1][:RECENT_SESSIONS],
            "program_means": evaluation_results.program_means(summaries),
            # Every scale question asked in the list, in the order first asked.
            "recent_questions": list({key: label for s in summaries[::-1][:RECENT_SESSIONS]
                                      for key, label in s.labels.items()}.items())}


@bp.get("/hubs/<int:hub_id>/exports/evaluations-monthly.csv")
def hub_monthly_csv(hub_id: int) -> Response:
    """Per program, month and scale question: how many answered and the mean."""
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    exports.note_export(db, user.id, hub_id, "evaluations-monthly.csv")
    body = evaluation_results.monthly_csv(evaluation_results.monthly_means(
        evaluation_results.session_summaries(db, hub_id)))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="hub-{hub_id}-evaluations-monthly.csv"',
        "Cache-Control": "private, no-store"})


@bp.get("/hubs/<int:hub_id>/exports/evaluations.csv")
def hub_csv(hub_id: int) -> Response:
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    exports.note_export(db, user.id, hub_id, "evaluations.csv")
    body = evaluation_results.csv_text(evaluation_results.hub_results(db, hub_id))
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="hub-{hub_id}-evaluations.csv"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- the survey, by its link --------------------------------------------------------------


@bp.route("/evaluations/<token>", methods=["GET", "POST"])
def respond(token: str) -> Page:
    """The public survey: its link is the only key, and it opens one answer."""
    db = db_session()
    try:
        invite = evaluations.invite_for_token(db, token)
    except NotFound as exc:
        return render_template("evaluations/closed.html", title="This link does not work",
                               message=exc.message), 404
    survey, session, program, hub = evaluations.survey_page_facts(db, invite)
    if invite.answered:
        return render_template("evaluations/closed.html", title="Already answered",
                               message=evaluations.ANSWERED), 409
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {q["key"]: request.form.get(q["key"], "") for q in survey.questions}
        try:
            evaluations.answer(db, invite, values, verify_url_for=verify_url)
        except Conflict as exc:
            return render_template("evaluations/closed.html", title="Already answered",
                                   message=exc.message), 409
        except Invalid as exc:
            errors, status = {"form": exc.message, **exc.fields}, exc.status
        else:
            return render_template("evaluations/closed.html", title="Thank you",
                                   message="Your answers are saved. Thank you for helping "
                                   f"{hub.name} improve its sessions.")
    page = render_template("evaluations/respond.html", survey=survey, session=session,
                           program=program, hub=hub, values=values, errors=errors,
                           when=session_label(session),
                           scale=evaluations.SCALE)
    return (page, status) if status != 200 else page
