"""Signing in and out, and a second factor; the gate itself is ``echo_cases.http.gate``."""

from __future__ import annotations

import re
import time
from urllib.parse import unquote, urlsplit, urlunsplit

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlmodel import select
from werkzeug.wrappers import Response

from echo_cases.db import db_session
from echo_cases.errors import Invalid

# current_user and my_roles are read by every page module from here.
from echo_cases.http.gate import current_user, my_roles  # noqa: F401
from echo_cases.http.params import Query, takes_query
from echo_cases.services import hubs, signin, two_factor
from models import Hub, User

bp = Blueprint("auth", __name__)

# How long the code step may follow the password step.
PENDING_SECONDS = 300


@bp.route("/login", methods=["GET", "POST"])
@takes_query(Query("next", "string"), Query("hub", "string"))
def login() -> str | Response:
    error, status, email = None, 200, ""
    if request.method == "POST":
        email = request.form.get("email", "")
        result = signin.sign_in(db_session(), email, request.form.get("password", ""))
        if result.needs_code and result.user is not None:
            session.clear()
            session["pending_uid"] = result.user.id
            session["pending_at"] = int(time.time())
            return redirect(url_for("auth.login_code", next=request.args.get("next")))
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
    return render_template("login.html", error=error, email=email,
                           hub=_hub_named(request.args.get("hub", ""))), status


@bp.get("/h/<slug>/login")
def hub_login(slug: str) -> Response:
    """A hub's short link to its sign-in page, for its invitations and web site."""
    if not hubs.SLUG.fullmatch(slug):
        abort(404)
    return redirect(url_for("auth.login", hub=slug))


def _hub_named(slug: str) -> Hub | None:
    """The hub a sign-in link names, to greet its people by it; None for no such hub."""
    if not slug or not hubs.SLUG.fullmatch(slug):
        return None
    return db_session().exec(select(Hub).where(Hub.slug == slug)).first()


@bp.route("/login/code", methods=["GET", "POST"])
@takes_query(Query("next", "string"))
def login_code() -> str | Response | tuple[str, int]:
    """The second step of signing in, for people with a second factor."""
    user_id, started = session.get("pending_uid"), int(session.get("pending_at", 0))
    user = db_session().get(User, user_id) if user_id else None
    if user is None or time.time() - started > PENDING_SECONDS:
        session.clear()
        flash("Sign in again: the code step timed out.")
        return redirect(url_for("auth.login"))
    error, status = None, 200
    if request.method == "POST":
        result = signin.finish_with_code(db_session(), user, request.form.get("code", ""))
        if result.user is not None:
            session.clear()
            session["sid"] = result.token
            return redirect(_safe_next(request.args.get("next")))
        error, status = "That code is not right, or was used already. Try the next one.", 401
        if result.locked_until is not None:
            session.clear()
            error, status = "Too many failed attempts. Try again later.", 429
    return render_template("login_code.html", error=error), status


@bp.route("/account/two-factor", methods=["GET", "POST"])
def two_factor_setup() -> str | Response | tuple[str, int]:
    """Set up an authenticator app: show the key, confirm one code, switch it on."""
    user = current_user()
    if two_factor.enabled(user):
        return render_template("two_factor.html", enabled=True)
    secret = session.get("totp_setup") or two_factor.new_secret()
    session["totp_setup"] = secret
    error, status = None, 200
    if request.method == "POST":
        try:
            two_factor.enrol(db_session(), user, secret, request.form.get("code", ""))
        except Invalid as exc:
            error, status = exc.fields.get("code", exc.message), 422
        else:
            session.pop("totp_setup", None)
            flash("Second factor on: from now on you sign in with a code from your app.")
            return redirect(url_for("cases.home"))
    return render_template("two_factor.html", enabled=False, secret=secret, error=error,
                           uri=two_factor.provisioning_uri(user, secret)), status


@bp.post("/logout")
def logout() -> Response:
    signin.sign_out(db_session(), session.get("sid", ""))
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our login.

    The check is made on ``target`` as a browser will read it (the URL standard trims
    spaces and controls, drops tabs and newlines anywhere and reads a backslash as a slash),
    and what is sent is rebuilt from the checked parts, so nothing unchecked rides along."""
    home = url_for("cases.home")
    if not target:
        return home
    seen = _BROWSER_IGNORES.sub("", target.strip(_BROWSER_TRIMS)).replace("\\", "/")
    parts = urlsplit(seen)
    path = parts.path
    # One slash, then not another, even once percent-decoded: anything else names a host.
    if parts.scheme or parts.netloc or not seen.startswith("/") or seen.startswith("//") \
            or unquote(path).replace("\\", "/").startswith("//") or _CONTROLS.search(seen):
        return home
    return urlunsplit(("", "", path, parts.query, parts.fragment))


_BROWSER_TRIMS = "".join(map(chr, range(0x21)))  # C0 controls and space
_BROWSER_IGNORES = re.compile(r"[\t\n\r]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
