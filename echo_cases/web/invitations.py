"""Invitations: a hub's organisers invite people and manage pending invitations; the
invited open their link to accept."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from echo_cases import access, settings_of
from echo_cases.db import db_session
from echo_cases.errors import DomainError, Invalid, NotFound
from echo_cases.http.links import link_for
from echo_cases.numbers import whole
from echo_cases.services import invitations, programs, signin
from echo_cases.services.invitations import InvitationPlan
from echo_cases.web.auth import current_user
from echo_cases.web.hub_admin import Page, _hub, _render
from models import Hub, Invitation, User

bp = Blueprint("invitations", __name__)
MAX_CSV_BYTES = 256 * 1024


@bp.route("/hubs/<int:hub_id>/invitations", methods=["GET", "POST"])
def index(hub_id: int) -> Page:
    """The pending invitations, and a form to invite one more person."""
    hub, role = _hub(hub_id, access.ORGANISERS)
    db, errors, status = db_session(), {}, 200
    values = {"name": "", "email": "", "role": "", "program_id": ""}
    if request.method == "POST":
        values = {k: request.form.get(k, "") for k in values}
        try:
            plan = InvitationPlan(name=values["name"], email=values["email"],
                                  role=values["role"],
                                  program_id=_program_id(values["program_id"]))
            invitations.invite_person(db, current_user(), role, hub, plan,
                                      link_for("invitations.accept"))
        except DomainError as exc:
            errors, status = {"form": exc.message, **exc.fields}, exc.status
        else:
            flash(f"Invitation e-mailed to {plan.email.strip()}.")
            return redirect(url_for("invitations.index", hub_id=hub_id))
    return _page(hub, role, status, values=values, errors=errors)


@bp.post("/hubs/<int:hub_id>/invitations/upload")
def upload(hub_id: int) -> Page:
    """Invite everyone in a CSV file, or nobody if any row needs a change."""
    hub, role = _hub(hub_id, access.ORGANISERS)
    file = request.files.get("file")
    raw = file.read(MAX_CSV_BYTES + 1) if file else b""
    errors: dict[str, str] = {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        errors = {"form": "Nothing was imported: save the file as CSV in UTF-8 and try again."}
    if not raw:
        errors = {"form": "Choose a CSV file to upload."}
    elif len(raw) > MAX_CSV_BYTES:
        errors = {"form": "Nothing was imported: the file is too large; split it."}
    if errors:
        return _page(hub, role, 422, csv_errors=errors)
    try:
        made = invitations.invite_many(db_session(), current_user(), role, hub, text,
                                       link_for("invitations.accept"))
    except DomainError as exc:
        return _page(hub, role, exc.status, csv_errors={"form": exc.message, **exc.fields})
    flash(f"{len(made)} invitation{'s' if len(made) != 1 else ''} e-mailed.")
    return redirect(url_for("invitations.index", hub_id=hub_id))


@bp.post("/hubs/<int:hub_id>/invitations/<int:invitation_id>/resend")
def resend(hub_id: int, invitation_id: int) -> Response:
    _unused, role = _hub(hub_id, access.ORGANISERS)
    db = db_session()
    invitation = invitations.get_invitation(db, hub_id, role, invitation_id)
    invitations.resend_invitation(db, current_user(), invitation,
                                  link_for("invitations.accept"))
    flash(f"A new link was e-mailed to {invitation.email}; the old one no longer works.")
    return redirect(url_for("invitations.index", hub_id=hub_id))


@bp.post("/hubs/<int:hub_id>/invitations/<int:invitation_id>/revoke")
def revoke(hub_id: int, invitation_id: int) -> Response:
    _unused, role = _hub(hub_id, access.ORGANISERS)
    db = db_session()
    invitation = invitations.get_invitation(db, hub_id, role, invitation_id)
    invitations.revoke_invitation(db, current_user(), invitation)
    flash(f"Invitation to {invitation.email} revoked: its link no longer works.")
    return redirect(url_for("invitations.index", hub_id=hub_id))


def _page(hub: Hub, role: access.Role, status: int = 200, **context: object) -> Page:
    db = db_session()
    context.setdefault("values", {"name": "", "email": "", "role": "", "program_id": ""})
    context.setdefault("errors", {})
    context.setdefault("csv_errors", {})
    running = [p for p in programs.programs_of_hub(db, hub.id or 0) if p.archived_at is None]
    return _render("hub_admin/invitations.html", hub, role, status,
                   pending=invitations.pending_of_hub(db, hub.id or 0, role),
                   expired=lambda i: invitations.is_expired(db, i),
                   roles=invitations.roles_to_invite(role), programs=running,
                   valid_days=invitations.VALID_FOR.days, **context)


def _program_id(raw: str) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    program_id = whole(raw, 1)
    if program_id is None:
        raise Invalid("The invitation needs a change.",
                      {"program": "Choose a program from the list."})
    return program_id


# --- accepting ----------------------------------------------------------------------------


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept(token: str) -> Page:
    """The invitation's link: choose a password, or join with the account you have."""
    db = db_session()
    try:
        invitation = invitations.invitation_for_token(db, token)
    except NotFound as exc:
        return render_template("invitations/dead.html", message=exc.message), 404
    hub = db.get(Hub, invitation.hub_id)
    if hub is None:
        abort(404)
    account = invitations.account_for(db, invitation)
    user = _signed_in()
    if account is not None:
        return _join_existing(invitation, hub, user, token)
    errors: dict[str, str] = {}
    status, name = 200, invitation.name
    if request.method == "POST":
        name = request.form.get("name", "")
        try:
            if request.form.get("password", "") != request.form.get("confirm", ""):
                errors = {"confirm": "The two passwords differ: type the same one twice."}
                raise _Retry
            user = invitations.accept_with_password(db, invitation, name,
                                                    request.form.get("password", ""))
        except DomainError as exc:
            errors, status = {"form": exc.message, **exc.fields}, exc.status
        except _Retry:
            status = 422
        else:
            session.clear()
            session["sid"] = signin.start_session(db, user)
            flash(f"Welcome to {hub.name}.")
            # The gate sends anyone who owes a second factor to set it up first.
            return redirect(url_for("cases.home"))
    return render_template("invitations/accept.html", invitation=invitation, hub=hub,
                           name=name, errors=errors), status


class _Retry(Exception):
    """The form is sent back with its errors, before any operation ran."""


def _join_existing(invitation: Invitation, hub: Hub, user: User | None, token: str) -> Page:
    db = db_session()
    if user is None or user.email != invitation.email:
        # Sign in as the invited address, then come back here.
        return render_template("invitations/sign_in_first.html", invitation=invitation,
                               hub=hub, other=user,
                               next=url_for("invitations.accept", token=token))
    if request.method == "POST":
        invitations.accept_as_member(db, invitation, user)
        flash(f"You joined {hub.name} as {invitation.role.value}.")
        return redirect(url_for("cases.home"))
    return render_template("invitations/join.html", invitation=invitation, hub=hub)


def _signed_in() -> User | None:
    """Who is signed in on this browser, if anyone (the link is public)."""
    if "sid" not in session:
        return None
    settings = settings_of(current_app)
    user = signin.resume(db_session(), session.get("sid", ""),
                         idle=timedelta(minutes=settings.session_idle_minutes),
                         lifetime=timedelta(hours=settings.session_max_hours))
    g.user = user  # the navigation shows who is signed in
    return user
