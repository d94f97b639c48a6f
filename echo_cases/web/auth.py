"""Login, logout, and the gate every request passes: login required unless listed public."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import (
    Blueprint,
    Flask,
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
from sqlmodel import select
from werkzeug.wrappers import Response

from echo_cases import settings_of
from echo_cases.db import db_session
from echo_cases.services import accounts, signin
from echo_cases.web.policy import Rule, rule_for
from models import Hub, Membership, User
from workflows import Role

bp = Blueprint("auth", __name__)



def init_app(app: Flask) -> None:
    app.before_request(_require_login)
    app.context_processor(lambda: {"current_user": g.get("user"), "my_roles": my_roles()})


def _require_login() -> Response | None:
    """Sign-in, then the route's rule (deny by default), before any view runs."""
    if request.routing_exception is not None:
        return None  # no such route: Flask answers 404 or 405 itself
    rule = rule_for(request.endpoint)
    if rule is None:
        logging.getLogger("echo_cases").error("route %s has no access rule", request.endpoint)
        abort(403)
    if rule.public:
        return None
    if request.blueprint == "api":
        g.user = _user_from_bearer()
        if g.user is None:
            abort(401)
        _check_roles(rule, g.user)
        return None
    settings = settings_of(current_app)
    user = signin.resume(db_session(), session.get("sid", ""),
                         idle=timedelta(minutes=settings.session_idle_minutes),
                         lifetime=timedelta(hours=settings.session_max_hours))
    if user is None:
        session.clear()
        if request.method != "GET":
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    g.user = user
    _check_roles(rule, user)
    return None


def _check_roles(rule: Rule, user: User) -> None:
    roles = set(db_session().exec(select(Membership.role).where(Membership.user_id == user.id)))
    if not rule.admits(roles):
        abort(403)


def _user_from_bearer() -> User | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    return accounts.user_for_token(db_session(), token.strip())


def current_user() -> User:
    user: User | None = g.get("user")
    if user is None:
        abort(401)
    return user


def my_roles() -> dict[Role, list[Hub]]:
    """The signed-in user's hubs by role, for navigation."""
    user = g.get("user")
    if user is None:
        return {}
    rows = db_session().exec(
        select(Membership, Hub).join(Hub).where(Membership.user_id == user.id)
    )
    roles: dict[Role, list[Hub]] = {}
    for membership, hub in rows:
        roles.setdefault(membership.role, []).append(hub)
    return roles


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    error, status, email = None, 200, ""
    if request.method == "POST":
        email = request.form.get("email", "")
        result = signin.sign_in(db_session(), email, request.form.get("password", ""))
        if result.user is not None:
            # A fresh cookie and a fresh server-side session: nothing from before carries over.
            session.clear()
            session["sid"] = result.token
            session.permanent = False
            return redirect(_safe_next(request.args.get("next")))
        if result.locked_until is not None:
            error, status = ("Too many failed attempts for this address. Try again after "
                             f"{result.locked_until:%H:%M} UTC."), 429
        else:
            error, status = "That e-mail and password do not match an active account.", 401
    return render_template("login.html", error=error, email=email), status


@bp.post("/logout")
def logout() -> Response:
    signin.sign_out(db_session(), session.get("sid", ""))
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our login."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("cases.home")
