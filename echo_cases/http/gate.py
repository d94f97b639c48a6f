"""The gate every request passes, web or API: sign-in (a session cookie for pages, a bearer
token for the API), then the route's rule from the policy table, deny by default."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for
from sqlmodel import select
from werkzeug.wrappers import Response

from echo_cases import settings_of
from echo_cases.db import db_session
from echo_cases.http.params import MAX_ID
from echo_cases.http.policy import Rule, rule_for
from echo_cases.services import accounts, signin, two_factor
from models import Hub, Membership, User
from workflows import Role


def init_app(app: Flask) -> None:
    app.before_request(_require_login)
    app.context_processor(lambda: {"current_user": g.get("user"), "my_roles": my_roles()})


def _require_login() -> Response | None:
    """Sign-in, then the route's rule (deny by default), before any view runs."""
    if request.routing_exception is not None:
        _recognise()  # no such route: Flask answers 404 or 405 itself, with the navigation
        return None
    if any(isinstance(v, int) and not 0 < v <= MAX_ID for v in (request.view_args or {}).values()):
        _recognise()
        abort(404)  # no row has such an id, and the database cannot even compare it
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
        # Forget a dead session; but someone who never signed in keeps the sign-in form's
        # CSRF token (another tab or a favicon request must not break their first sign-in).
        if "sid" in session:
            session.clear()
        if request.method != "GET":
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    g.user = user
    _check_roles(rule, user)
    if request.endpoint not in SECOND_FACTOR_SETUP and not two_factor.enabled(user) \
            and two_factor.required_for(db_session(), user):
        flash("Your hub asks coordinators and admins to sign in with a second factor. "
              "Set it up to continue.")
        return redirect(url_for("auth.two_factor_setup"))
    return None


def _recognise() -> None:
    """Know who is signed in, for an error page's navigation; let nobody in by it."""
    if request.path.startswith("/api/") or "sid" not in session:
        return
    settings = settings_of(current_app)
    g.user = signin.resume(db_session(), session.get("sid", ""),
                           idle=timedelta(minutes=settings.session_idle_minutes),
                           lifetime=timedelta(hours=settings.session_max_hours))


# What a person who owes a second factor may still reach: setting it up, or leaving.
SECOND_FACTOR_SETUP = frozenset({"auth.two_factor_setup", "auth.logout"})


def _check_roles(rule: Rule, user: User) -> None:
    if not rule.admits(set(my_roles())):
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
    """The signed-in user's hubs by role: read once a request, for the gate and navigation."""
    user = g.get("user")
    if user is None:
        return {}
    if "my_roles" not in g:
        rows = db_session().exec(
            select(Membership, Hub).join(Hub).where(Membership.user_id == user.id)
        )
        roles: dict[Role, list[Hub]] = {}
        for membership, hub in rows:
            roles.setdefault(membership.role, []).append(hub)
        g.my_roles = roles
    return dict(g.my_roles)
