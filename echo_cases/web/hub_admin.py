"""A hub's own pages for its admin: programs, people and settings; coordinators read the
people. Each view loads the hub with the caller's role in it first (outsiders: not found),
then calls one operation."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.case_form import KIND_WORDS
from echo_cases.db import db_session
from echo_cases.errors import DomainError, Invalid, NotFound
from echo_cases.http.params import Query, query_int, takes_query
from echo_cases.numbers import whole
from echo_cases.services import activity as hub_activity
from echo_cases.services import hubs, members, program_forms, programs
from echo_cases.services.evaluations import program_section
from echo_cases.services.review import experts_of_hub
from echo_cases.services.sessions import hub_members
from echo_cases.web import form_editor
from echo_cases.web.auth import current_user, my_roles
from echo_cases.web.form_fields import ticked
from models import Hub, Program
from workflows import Role

bp = Blueprint("hub_admin", __name__)
ADMINS = frozenset({Role.ADMIN})
Page = str | Response | tuple[str, int]


def _hub(hub_id: int, roles: frozenset[Role] = ADMINS) -> tuple[Hub, Role]:
    db = db_session()
    role = access.require_hub_role(db, current_user(), hub_id, roles)
    hub = db.get(Hub, hub_id)
    if hub is None:
        raise NotFound("No such hub.")
    return hub, role


def _render(template: str, hub: Hub, role: Role, status: int = 200, **context: object) -> Page:
    organised = sorted({h.id: h for r in (Role.COORDINATOR, Role.ADMIN)
                        for h in my_roles().get(r, [])}.values(), key=lambda h: h.name)
    page = render_template(template, hub=hub, role=role, other_hubs=[
        h for h in organised if h.id != hub.id], **context)
    return (page, status) if status != 200 else page


# --- programs -----------------------------------------------------------------------------


@bp.route("/hubs/<int:hub_id>/programs", methods=["GET", "POST"])
def program_list(hub_id: int) -> Page:
    hub, role = _hub(hub_id)
    db, values, errors, status = db_session(), {"name": "", "description": ""}, {}, 200
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in values}
        try:
            program = programs.create_program(db, current_user(), hub, values["name"],
                                              values["description"])
        except DomainError as exc:
            errors, status = {"form": exc.message, **exc.fields}, exc.status
        else:
            flash(f"Program {program.name!r} created. Choose its panel and facilitator below.")
            return redirect(url_for("hub_admin.program", hub_id=hub_id, program_id=program.id))
    return _render("hub_admin/programs.html", hub, role, status,
                   programs=programs.programs_of_hub(db, hub_id), values=values, errors=errors)


@bp.route("/hubs/<int:hub_id>/programs/<int:program_id>", methods=["GET", "POST"])
def program(hub_id: int, program_id: int) -> Page:
    hub, role = _hub(hub_id)
    db, chosen = db_session(), _program(hub_id, program_id)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            plan = _program_plan(request.form)
            programs.update_program(db, current_user(), chosen, plan)
        except DomainError as exc:
            errors, status = {"form": exc.message, **exc.fields}, exc.status
        else:
            flash("Program saved.")
            return redirect(url_for("hub_admin.program_list", hub_id=hub_id))
    if errors:
        values = request.form.to_dict()
        panel = set(request.form.getlist("panel_ids"))
    else:
        values = {"name": chosen.name, "description": chosen.description,
                  "default_facilitator_id": str(chosen.default_facilitator_id or "")}
        panel = {str(u.id) for u in programs.panel_of(db, chosen)}
    return _render("hub_admin/program.html", hub, role, status, program=chosen, values=values,
                   panel=panel, errors=errors, experts=experts_of_hub(db, hub_id),
                   members=hub_members(db, hub_id), evaluation=program_section(db, chosen))


@bp.post("/hubs/<int:hub_id>/programs/<int:program_id>/archive")
def archive_program(hub_id: int, program_id: int) -> Response:
    _hub(hub_id)
    chosen = _program(hub_id, program_id)
    programs.archive_program(db_session(), current_user(), chosen)
    flash(f"{chosen.name} archived: its cases stay; it takes no new cases or sessions.")
    return redirect(url_for("hub_admin.program_list", hub_id=hub_id))


@bp.post("/hubs/<int:hub_id>/programs/<int:program_id>/restore")
def restore_program(hub_id: int, program_id: int) -> Response:
    _hub(hub_id)
    chosen = _program(hub_id, program_id)
    programs.restore_program(db_session(), current_user(), chosen)
    flash(f"{chosen.name} is running again.")
    return redirect(url_for("hub_admin.program_list", hub_id=hub_id))


@bp.route("/hubs/<int:hub_id>/programs/<int:program_id>/form", methods=["GET", "POST"])
def program_form(hub_id: int, program_id: int) -> Page:
    """The program's case form, edited as a whole; saving a change makes a new version."""
    hub, role = _hub(hub_id)
    db, chosen = db_session(), _program(hub_id, program_id)
    current = program_forms.current_form(db, chosen)
    errors: dict[str, str] = {}
    status = 200
    saved = form_editor.rows_of(current)
    rows = saved
    if request.method == "POST":
        rows = form_editor.posted_rows(request.form)
        if "add" in request.form:  # one more empty row; nothing is saved yet
            if len(rows) < form_editor.MAX_ROWS:
                rows.append({**form_editor.blank_row(len(rows)), "added": True})
            form_editor.mark_open(rows, saved, errors)
            return _render("hub_admin/program_form.html", hub, role, program=chosen,
                           form=current, rows=rows, errors=errors, kind_words=KIND_WORDS,
                           based_on=request.form.get("based_on", ""),
                           versions=program_forms.versions_of(db, chosen))
        row_of: list[int] = []
        try:
            drafts, row_of = form_editor.drafts_of(rows)
            saved = program_forms.save_form(db, current_user(), chosen, drafts,
                                            based_on=_based_on(request.form))
        except DomainError as exc:
            errors, status = {"form": exc.message,
                              **form_editor.errors_by_row(exc.fields, row_of)}, exc.status
        else:
            flash(f"Form saved as version {saved.version}: new cases are written on it; "
                  "cases already started keep their own version." if saved.version !=
                  current.version else "Nothing changed: the form stays as it was.")
            return redirect(url_for("hub_admin.program_form", hub_id=hub_id,
                                    program_id=program_id))
    else:
        rows = [*saved, form_editor.blank_row(len(saved))]
    form_editor.mark_open(rows, saved, errors)
    return _render("hub_admin/program_form.html", hub, role, status, program=chosen,
                   form=current, rows=rows, errors=errors, kind_words=KIND_WORDS,
                   based_on=request.form.get("based_on", str(current.version)),
                   versions=program_forms.versions_of(db, chosen))


def _based_on(form: MultiDict[str, str]) -> int:
    based_on = whole(form.get("based_on", ""))
    if based_on is None:
        raise Invalid("The form is missing its version: reload the page.")
    return based_on


def _program(hub_id: int, program_id: int) -> Program:
    program = db_session().get(Program, program_id)
    if program is None or program.hub_id != hub_id:
        raise NotFound("No such program in this hub.")
    return program


def _program_plan(form: MultiDict[str, str]) -> programs.ProgramPlan:
    facilitator = form.get("default_facilitator_id", "")
    facilitator_id = whole(facilitator, 1) if facilitator else None
    panel = [whole(v, 1) for v in form.getlist("panel_ids")]
    errors = {}
    if None in panel:
        errors["panel_ids"] = "Choose from the list."
    if facilitator and facilitator_id is None:
        errors["default_facilitator_id"] = "Choose from the list."
    if errors:
        raise Invalid("Choose people from the lists.", errors)
    return programs.ProgramPlan(
        name=form.get("name", ""), description=form.get("description", ""),
        panel_ids=tuple(v for v in panel if v is not None),
        default_facilitator_id=facilitator_id)


# --- people -------------------------------------------------------------------------------


@bp.get("/hubs/<int:hub_id>/people")
def people(hub_id: int) -> Page:
    hub, role = _hub(hub_id, access.ORGANISERS)
    return _render("hub_admin/people.html", hub, role,
                   people=members.people_of_hub(db_session(), hub_id), roles=list(Role))


@bp.route("/hubs/<int:hub_id>/people/<int:user_id>", methods=["GET", "POST"])
def person(hub_id: int, user_id: int) -> Page:
    hub, role = _hub(hub_id)
    db = db_session()
    user, membership = members.member_of_hub(db, hub_id, user_id)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            members.update_profile(db, current_user(), hub_id, user_id,
                                   credentials=request.form.get("credentials", ""),
                                   profession=request.form.get("profession", ""),
                                   organisation=request.form.get("organisation", ""))
        except DomainError as exc:
            errors, status = {"form": exc.message, **exc.fields}, exc.status
        else:
            flash(f"{user.name}'s profile saved.")
            return redirect(url_for("hub_admin.person", hub_id=hub_id, user_id=user_id))
    values = request.form.to_dict() if errors else {
        "credentials": user.credentials, "profession": user.profession,
        "organisation": user.organisation}
    return _render("hub_admin/person.html", hub, role, status, person=user,
                   membership=membership, values=values, errors=errors, roles=list(Role),
                   me=current_user().id)


@bp.post("/hubs/<int:hub_id>/people/<int:user_id>/role")
def change_role(hub_id: int, user_id: int) -> Response:
    _hub(hub_id)
    raw = request.form.get("role", "")
    if raw not in {r.value for r in Role}:
        raise Invalid("Choose a role from the list.", {
            "role": "Use one of: " + ", ".join(r.value for r in Role) + "."})
    members.change_role(db_session(), current_user(), hub_id, user_id, Role(raw))
    flash(f"Role changed to {raw}.")
    return redirect(url_for("hub_admin.person", hub_id=hub_id, user_id=user_id))


@bp.post("/hubs/<int:hub_id>/people/<int:user_id>/deactivate")
def deactivate(hub_id: int, user_id: int) -> Response:
    _hub(hub_id)
    members.deactivate(db_session(), current_user(), hub_id, user_id)
    flash("Deactivated: they are signed out everywhere and their API tokens are revoked.")
    return redirect(url_for("hub_admin.person", hub_id=hub_id, user_id=user_id))


@bp.post("/hubs/<int:hub_id>/people/<int:user_id>/reactivate")
def reactivate(hub_id: int, user_id: int) -> Response:
    _hub(hub_id)
    members.reactivate(db_session(), current_user(), hub_id, user_id)
    flash("Reactivated: they sign in with their password again (old API tokens stay revoked).")
    return redirect(url_for("hub_admin.person", hub_id=hub_id, user_id=user_id))


# --- settings -----------------------------------------------------------------------------


@bp.route("/hubs/<int:hub_id>/settings", methods=["GET", "POST"])
def settings(hub_id: int) -> Page:
    hub, role = _hub(hub_id)
    db = db_session()
    errors: dict[str, str] = {}
    status = 200
    values = hubs.HubSettings.of(hub)
    if request.method == "POST":
        values, errors = _settings_form(request.form)
        try:
            if errors:  # say everything wrong at once, not what could not be read first
                raise Invalid("The settings need a few changes.",
                              {**hubs.settings_errors(values), **errors})
            changed = hubs.update_settings(db, current_user(), hub, values)
        except DomainError as exc:
            errors, status = {"form": exc.message, **exc.fields}, exc.status
        else:
            flash("Settings saved." if changed else "Nothing changed.")
            return redirect(url_for("hub_admin.settings", hub_id=hub_id))
    return _render("hub_admin/settings.html", hub, role, status, values=values, errors=errors,
                   timezones=hubs.timezones(), locales=hubs.LOCALES,
                   date_orders=hubs.DATE_ORDERS)


def _settings_form(form: MultiDict[str, str]) -> tuple[hubs.HubSettings, dict[str, str]]:
    """The form as settings, and what could not even be read (a retention that is no number)."""
    errors: dict[str, str] = {}
    raw_days = form.get("retention_days", "").strip()
    days: int | None = None
    if raw_days:
        days = whole(raw_days, high=999_999)
        if days is None:
            errors["retention_days"] = "Use a whole number of days, or leave it empty."
    text = {name: form.get(name, "") for name in (
        "name", "letterhead", "address", "contact_email", "timezone", "locale", "date_order")}
    boxes = {}
    for box in ("require_two_factor", "letters_to_attendees"):
        try:
            boxes[box] = ticked(form, box)
        except Invalid as exc:
            errors.update(exc.fields)
            boxes[box] = True  # shown ticked as it was sent, with what to fix beside it
    return hubs.HubSettings(**text, **boxes, retention_days=days), errors


# --- activity -----------------------------------------------------------------------------


@bp.get("/hubs/<int:hub_id>/activity")
@takes_query(Query("before", "integer"))
def activity(hub_id: int) -> Page:
    hub, role = _hub(hub_id, access.ORGANISERS)
    before = query_int("before")
    page = hub_activity.activity_of_hub(db_session(), hub_id, before=before)
    return _render("hub_admin/activity.html", hub, role, page=page, first=before is None)
