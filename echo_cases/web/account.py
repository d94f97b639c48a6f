"""Your own account: profile, password, second factor, personal API tokens. Your time zone
and calendar link stay on the calendar page, which this page links to."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from echo_cases import zones
from echo_cases.db import db_session
from echo_cases.errors import DomainError
from echo_cases.numbers import whole
from echo_cases.services import calendar, credits, my_account, two_factor
from echo_cases.web.auth import current_user
from models import User

bp = Blueprint("account", __name__)
Page = str | Response | tuple[str, int] | tuple[str, int, dict[str, str]]


@bp.get("/account")
def show() -> Page:
    return _page()


def _page(status: int = 200, *, errors: dict[str, str] | None = None,
          values: dict[str, str] | None = None, new_token: str = "") -> Page:
    db, user = db_session(), current_user()
    tokens = my_account.tokens_of(db, user)
    page = render_template(
        "account/show.html", errors=errors or {},
        values=values or _profile_values(user),
        zone=zones.readable(calendar.reader_zone(db, user)), own_zone=bool(user.timezone),
        two_factor_on=two_factor.enabled(user),
        two_factor_required=two_factor.required_for(db, user),
        tokens=[(t, my_account.token_status(db, t)) for t in tokens],
        lifetimes=my_account.TOKEN_LIFETIMES, new_token=new_token,
        certificates=credits.listed_certificates(db, user))
    if new_token:
        # Shown once, in this answer only: the server keeps its digest, never the token.
        return page, status, {"Cache-Control": "no-store"}
    return (page, status) if status != 200 else page


def _failed(exc: DomainError, values: dict[str, str] | None = None, prefix: str = "") -> Page:
    """The page again with what to fix; ``prefix`` keeps one form's fields apart from
    another's of the same name (a token's name is not the person's)."""
    fields = {prefix + name: message for name, message in exc.fields.items()}
    return _page(exc.status, errors={"form": exc.message, **fields}, values=values)


@bp.post("/account/profile")
def save_profile() -> Page:
    values = {name: request.form.get(name, "")
              for name in ("name", "credentials", "profession", "organisation")}
    try:
        changed = my_account.update_own_profile(db_session(), current_user(),
                                                my_account.Profile(**values))
    except DomainError as exc:
        return _failed(exc, values)
    flash("Profile saved." if changed else "Nothing changed.")
    return redirect(url_for("account.show"))


@bp.post("/account/password")
def change_password() -> Page:
    try:
        ended = my_account.change_password(
            db_session(), current_user(), request.form.get("current_password", ""),
            request.form.get("password", ""), keeping_session=session.get("sid", ""))
    except DomainError as exc:
        return _failed(exc)
    flash("Password changed." + (f" {ended} other sign-in{'s' if ended != 1 else ''} ended."
                                 if ended else ""))
    return redirect(url_for("account.show"))


@bp.post("/account/tokens")
def create_token() -> Page:
    raw_days = request.form.get("expires_in_days", "").strip()
    typed = {"token_name": request.form.get("name", ""), "token_expires_in_days": raw_days}
    # A number of days that cannot be read is none at all: the service names the field.
    days = whole(raw_days, high=99_999) or 0
    try:
        _row, token = my_account.create_token(db_session(), current_user(),
                                              typed["token_name"], days)
    except DomainError as exc:
        return _failed(exc, {**_profile_values(current_user()), **typed}, prefix="token_")
    return _page(new_token=token)


def _profile_values(user: User) -> dict[str, str]:
    return vars(my_account.Profile.of(user))


@bp.post("/account/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int) -> Response:
    token = my_account.revoke_token(db_session(), current_user(), token_id)
    flash(f"Token {token.label!r} revoked: it no longer works.")
    return redirect(url_for("account.show"))


@bp.post("/account/two-factor/disable")
def disable_two_factor() -> Page:
    try:
        two_factor.disable(db_session(), current_user(), request.form.get("code", ""))
    except DomainError as exc:
        return _failed(exc)
    flash("Second factor off: you sign in with your password alone.")
    return redirect(url_for("account.show"))
