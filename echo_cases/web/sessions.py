"""teleECHO session pages: schedule, agenda, attendance, the session's letters."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlmodel import Session, select
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from echo_cases import access, zones
from echo_cases.db import db_session
from echo_cases.errors import Conflict, Invalid
from echo_cases.http.params import Query, takes_query
from echo_cases.numbers import whole
from echo_cases.services import calendar, exports, sessions
from echo_cases.services.programs import panel_of
from echo_cases.services.review import experts_of_hub
from echo_cases.web.auth import current_user
from models import EchoSession, Hub, Program, User, as_utc

bp = Blueprint("sessions", __name__)


@bp.get("/sessions")
@takes_query(Query("all", "string", values=("1",)))
def index() -> str:
    db, user = db_session(), current_user()
    upcoming = request.args.get("all") != "1"
    rows = sessions.sessions_of_hubs(db, user, upcoming_only=upcoming)
    programs = {p.id: p for p in _all_programs(db)}
    organiser_hubs = set(access.hubs_where(db, user, access.ORGANISERS))
    return render_template("sessions/index.html", sessions=rows, programs=programs,
                           upcoming=upcoming,
                           when={s.id: calendar.when_for(db, user, s) for s in rows},
                           can_schedule=bool(organiser_hubs))


@bp.route("/sessions/new", methods=["GET", "POST"])
@takes_query(Query("program_id", "integer"))
def new() -> str | Response | tuple[str, int]:
    db, user = db_session(), current_user()
    hub_ids = access.hubs_where(db, user, access.ORGANISERS)
    if not hub_ids:
        return render_template("error.html", status=404,
                               message="Only coordinators schedule sessions.", fields={}), 404
    programs = [p for p in _all_programs(db) if p.hub_id in hub_ids and p.archived_at is None]
    experts = {hub: experts_of_hub(db, hub) for hub in hub_ids}
    # The hub's own zone comes first; the coordinator picks another from the list.
    values = request.form.to_dict() if request.method == "POST" else {
        "timezone": calendar.hub_zone(db, min(hub_ids))}
    panel_ticked = set(request.form.getlist("panel_ids"))
    if request.method == "GET":
        values, panel_ticked = _program_defaults(db, programs, values)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            plan = _plan(request.form)
            session = sessions.schedule_session(db, user, plan)
        except Invalid as exc:
            errors = exc.fields or {"form": exc.message}
        else:
            flash("Session scheduled.")
            return redirect(url_for("sessions.show", session_id=session.id))
    facilitators = {hub: [u for u, _role in sessions.hub_members(db, hub) if u.active]
                    for hub in hub_ids}
    page = render_template("sessions/new.html", programs=programs, experts=experts,
                           facilitators=facilitators, zone_groups=zones.grouped(),
                           values=values, errors=errors, panel=panel_ticked)
    return (page, 422) if errors else page


@bp.get("/sessions/<int:session_id>")
def show(session_id: int) -> str:
    db, user = db_session(), current_user()
    return _session_page(db, user, sessions.get_session(db, user, session_id))


def _session_page(db: Session, user: User, session: EchoSession, *,
                  attendance_error: str = "", ticked: set[int] | None = None,
                  video_error: str = "", video_value: str | None = None,
                  move_errors: dict[str, str] | None = None,
                  move_values: dict[str, str] | None = None) -> str:
    role = access.role_in_hub(db, user, session.hub_id)
    program = db.get(Program, session.program_id)
    reader = calendar.reader_zone(db, user, session.hub_id)
    own = as_utc(session.starts_at).astimezone(zones.zone(session.timezone))
    agenda = sessions.agenda(db, session)
    return render_template(
        "sessions/show.html", session=session, program=program,
        title=calendar.session_title(session, program),
        when=calendar.when_for(db, user, session), reader_zone=zones.readable(reader),
        own_zone=bool(user.timezone),
        agenda=agenda, time_boxes=[zones.shown(row.starts_at, row.item.minutes, reader,
                                               session.timezone, with_day=False)
                                   for row in agenda],
        video_error=video_error,
        video_value=session.video_url if video_value is None else video_value,
        panel=sessions.panel_of(db, session),
        members=sessions.hub_members(db, session.hub_id),
        present=set(sessions.attendance_of(db, session)) if ticked is None else ticked,
        started=sessions.has_started(db, session), attendance_error=attendance_error,
        organiser=role in access.ORGANISERS, staff=role in access.STAFF,
        me=user.id, zone_groups=zones.grouped(), move_errors=move_errors or {},
        move_values=move_values or {"date": f"{own:%Y-%m-%d}", "time": f"{own:%H:%M}",
                                    "timezone": session.timezone})


@bp.post("/sessions/<int:session_id>/attendance")
def attendance(session_id: int) -> Response | tuple[str, int]:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    ticks = request.form.getlist("present")
    read = [whole(v, 1) for v in ticks]
    present = [v for v in read if v is not None]
    version = whole(request.form.get("attendance_version", ""))
    try:
        if version is None:
            raise Invalid("The form is missing its version: reload the page.")
        if len(present) != len(ticks):
            raise Invalid("A ticked person could not be read: reload the page and tick again.",
                          {"present": "Not a person of this hub."})
        count = len(sessions.record_attendance(db, user, session, present,
                                               expected_version=version))
    except (Invalid, Conflict) as exc:
        # Back to the form, with the ticks kept and the reason beside it.
        return _session_page(db, user, session, attendance_error=exc.message,
                             ticked=set(present)), exc.status
    flash(f"Attendance recorded: {count} present.")
    return redirect(url_for("sessions.show", session_id=session_id))


@bp.post("/sessions/<int:session_id>/video-link")
def video_link(session_id: int) -> Response | tuple[str, int]:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    typed = request.form.get("video_url", "")
    try:
        sessions.set_video_link(db, user, session, typed)
    except Invalid as exc:
        return _session_page(db, user, session, video_error=exc.message,
                             video_value=typed), 422
    flash("Video link saved." if session.video_url else "Video link removed.")
    return redirect(url_for("sessions.show", session_id=session_id))


@bp.post("/sessions/<int:session_id>/reschedule")
def reschedule(session_id: int) -> Response | tuple[str, int]:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    typed = {k: request.form.get(k, "").strip() for k in ("date", "time", "timezone")}
    try:
        access.require_hub_role(db, user, session.hub_id, access.ORGANISERS)
        try:
            local_start = datetime.fromisoformat(f"{typed['date']}T{typed['time']}")
        except ValueError:
            raise Invalid("The session needs a few changes.", {
                "starts_at": "Give the date and the time the session starts."}) from None
        sessions.reschedule_session(db, user, session,
                                    sessions.NewTime(local_start, typed["timezone"]))
    except Invalid as exc:
        # The service refuses before it changes anything: the page shows the session as
        # it stands, with what was typed kept beside the reason.
        return _session_page(db, user, session, move_errors=exc.fields or
                             {"starts_at": exc.message}, move_values=typed), 422
    flash("Session moved: its panel and presenters see the new time, and their "
          "calendars update.")
    return redirect(url_for("sessions.show", session_id=session_id))


@bp.get("/sessions/<int:session_id>/session.ics")
def session_ics(session_id: int) -> Response:
    """The session as a calendar file, to add it to any calendar by hand."""
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    body = calendar.calendar_of(db, [session], session_page_url)
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="teleecho-session-{session_id}.ics"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


def session_page_url(session_id: int) -> str:
    return url_for("sessions.show", session_id=session_id, _external=True)


@bp.get("/sessions/<int:session_id>/letters.zip")
def letters_zip(session_id: int) -> Response:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    access.require_hub_role(db, user, session.hub_id, access.ORGANISERS)
    exports.note_export(db, user.id, session.hub_id, f"session:{session_id}:letters.zip")
    response = Response(exports.session_letters_zip(db, session), mimetype="application/zip")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="session-{session_id}-letters.zip"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _plan(form: MultiDict[str, str]) -> sessions.SessionPlan:
    """Read the scheduling form; say what is missing rather than guess."""
    get = form.get
    errors: dict[str, str] = {}
    try:
        local_start = datetime.fromisoformat(f"{get('date', '')}T{get('time', '')}")
    except ValueError:
        errors["starts_at"] = "Give the date and the time the session starts."
        local_start = datetime(2000, 1, 1)
    program_id = whole(get("program_id", ""), 1)
    duration = whole(get("duration_minutes", "60"))
    if program_id is None:
        errors["program_id"] = "Choose a program."
    if duration is None:
        errors["duration_minutes"] = "Give the length in minutes."
    facilitator = get("facilitator_id", "")
    facilitator_id = whole(facilitator, 1) if facilitator else None
    if facilitator and facilitator_id is None:
        errors["facilitator_id"] = "Choose the facilitator from the list."
    panel = [whole(v, 1) for v in form.getlist("panel_ids")]
    if None in panel:
        errors["panel_ids"] = "Choose the panel from the list."
    if errors or program_id is None or duration is None:
        raise Invalid("The session needs a few changes.", errors)
    return sessions.SessionPlan(
        program_id=program_id, local_start=local_start,
        timezone=get("timezone", "UTC").strip() or "UTC", topic=get("topic", ""),
        video_url=get("video_url", ""), duration_minutes=duration,
        facilitator_id=facilitator_id, panel_ids=tuple(v for v in panel if v is not None))


def _program_defaults(db: Session, programs: list[Program],
                      values: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """The form as the chosen program (``?program_id=``) would fill it: its hub's zone, its
    default facilitator and its standing panel, all still changeable."""
    chosen = next((p for p in programs if str(p.id) == request.args.get("program_id")), None)
    if chosen is None:
        return values, set()
    hub = db.get(Hub, chosen.hub_id)
    values = {**values, "program_id": str(chosen.id),
              "timezone": hub.timezone if hub else values["timezone"],
              "facilitator_id": str(chosen.default_facilitator_id or "")}
    return values, {str(u.id) for u in panel_of(db, chosen) if u.active}


def _all_programs(db: Session) -> list[Program]:
    return list(db.exec(select(Program).order_by(Program.name)))
