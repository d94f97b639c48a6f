"""Forgot your password: ask for a link on the sign-in page, then choose a new password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from echo_cases.db import db_session
from echo_cases.errors import DomainError, NotFound
from echo_cases.services import password_reset

bp = Blueprint("password_reset", __name__)
Page = str | Response | tuple[str, int]
SENT = ("If an active account uses that address, we have e-mailed it a link to choose a new "
        "password. The link works once, for an hour.")


@bp.route("/login/forgot", methods=["GET", "POST"])
def forgot() -> Page:
    """Ask for a link: the answer is the same whether or not the address has an account."""
    if request.method == "GET":
        return render_template("password_reset/forgot.html", email="", error=None)
    email = request.form.get("email", "")
    asked = password_reset.request_reset(db_session(), email)
    if asked.locked_until is not None:
        return render_template(
            "password_reset/forgot.html", email=email,
            error=("Too many requests for this address. Try again after "
                   f"{asked.locked_until:%H:%M} UTC.")), 429
    flash(SENT)
    return redirect(url_for("auth.login"))


@bp.route("/login/reset/<token>", methods=["GET", "POST"])
def choose(token: str) -> Page:
    """The e-mailed link: choose the new password (this signs you out everywhere)."""
    db = db_session()
    try:
        _reset, user = password_reset.reset_for_token(db, token)
    except NotFound as exc:
        return render_template("invitations/dead.html", message=exc.message), 404
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        if request.form.get("password", "") != request.form.get("confirm", ""):
            errors, status = {"confirm": "The two passwords differ: type the same one twice."}, 422
        else:
            try:
                password_reset.reset_password(db, token, request.form.get("password", ""))
            except DomainError as exc:
                errors, status = {"form": exc.message, **exc.fields}, exc.status
            else:
                session.clear()
                flash("Password changed, and every other browser signed out. Sign in with "
                      "your new password.")
                return redirect(url_for("auth.login"))
    return render_template("password_reset/choose.html", email=user.email,
                           errors=errors), status
