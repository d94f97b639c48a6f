"""Your time zone and your calendar link; the feed that link serves to calendar apps."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from echo_cases import zones
from echo_cases.db import db_session
from echo_cases.errors import Invalid
from echo_cases.services import calendar
from echo_cases.web.auth import current_user
from echo_cases.web.sessions import session_page_url

bp = Blueprint("calendar", __name__)


@bp.get("/calendar")
def settings() -> str:
    return _page()


def _page(*, new_link: str = "", zone_error: str = "") -> str:
    db, user = db_session(), current_user()
    feed = calendar.live_feed(db, user)
    return render_template(
        "calendar/settings.html", zone_groups=zones.grouped(), chosen=user.timezone or "",
        hub_zone=zones.readable(calendar.home_zone(db, user)),
        zone_error=zone_error, feed=feed, new_link=new_link,
        sessions=len(calendar.sessions_of_person(db, user)))


@bp.post("/calendar/zone")
def choose_zone() -> Response | tuple[str, int]:
    db, user = db_session(), current_user()
    try:
        calendar.set_reader_zone(db, user, request.form.get("timezone", ""))
    except Invalid as exc:
        return _page(zone_error=exc.fields.get("timezone", exc.message)), 422
    flash(f"Times are now shown in {zones.readable(calendar.reader_zone(db, user))}.")
    return redirect(url_for("calendar.settings"))


@bp.post("/calendar/feed")
def new_feed() -> tuple[str, int, dict[str, str]]:
    db, user = db_session(), current_user()
    token = calendar.issue_feed(db, user)
    link = url_for("calendar.feed", token=token, _external=True)
    # Shown once, in this answer only: the server keeps its digest, never the link.
    return _page(new_link=link), 200, {"Cache-Control": "no-store"}


@bp.post("/calendar/feed/revoke")
def revoke_feed() -> Response:
    db, user = db_session(), current_user()
    stopped = calendar.revoke_feeds(db, user)
    flash("Your calendar link no longer works." if stopped else "You had no calendar link.")
    return redirect(url_for("calendar.settings"))


@bp.get("/calendar/<token>.ics")
def feed(token: str) -> Response:
    """The feed a calendar app polls: public, but only with a live link's token."""
    db = db_session()
    person = calendar.person_for_feed(db, token)
    if person is None:
        abort(404)
    body = calendar.calendar_of(db, calendar.sessions_of_person(db, person), session_page_url,
                                name="teleECHO sessions (echo-cases)")
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    return response
