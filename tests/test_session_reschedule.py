"""A coordinator moves a session to another day, time or zone until it starts: audited,
read at once by its panel and its presenters, and updated in their calendars (SEQUENCE)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import AuditEvent, EchoSession, as_utc
from tests.support import Api, Hubs, TestClock, begin_session, schedule_session, walk_to
from workflows import Role

DASH = "\u2013"
NAIROBI = ZoneInfo("Africa/Nairobi")


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def _start(app: Flask, session_id: int) -> datetime:
    with unit_of_work(app) as db:
        session = db.get(EchoSession, session_id)
        assert session is not None
        return as_utc(session.starts_at)


def _move(browser: FlaskClient, session_id: int, day: datetime, time: str,
          zone: str) -> Any:
    return browser.post(f"/sessions/{session_id}/reschedule", data={
        "date": day.strftime("%Y-%m-%d"), "time": time, "timezone": zone})


def _event(body: bytes) -> Any:
    [event] = list(Calendar.from_ical(body).walk("VEVENT"))
    return event


def _feed_path(browser: FlaskClient) -> str:
    match = re.search(r'id="feed-link" readonly value="([^"]+)"',
                      browser.post("/calendar/feed").text)
    assert match, "the new link is shown on the page that made it"
    return match.group(1).replace("http://localhost", "")


def test_a_coordinator_moves_a_session_and_everyone_reads_the_new_time(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient], clock: TestClock,
):
    session_id = schedule_session(app, hubs, timezone="America/Denver", hour=9)
    walk_to(api_as, submitted_case, "reviewed", session_id)
    clinician = login_as(Role.CLINICIAN)
    first = _event(clinician.get(f"/sessions/{session_id}/session.ics").data)
    assert int(first.get("sequence", 0)) == 0
    expert_feed = _feed_path(login_as(Role.EXPERT))  # the panel's subscribed calendar

    new_day = (clock() + timedelta(days=10)).astimezone(NAIROBI)
    moved = _move(login_as(Role.COORDINATOR), session_id, new_day, "16:30", "Africa/Nairobi")
    assert moved.status_code == 302, moved.text
    start = _start(app, session_id)
    assert start.astimezone(NAIROBI).strftime("%Y-%m-%d %H:%M") == (
        f"{new_day:%Y-%m-%d} 16:30")

    # The presenter and the panel read the new time, in their zone and the session's.
    expert = login_as(Role.EXPERT)
    assert expert.post("/calendar/zone", data={"timezone": "Europe/Dublin"}).status_code == 302
    dublin = start.astimezone(ZoneInfo("Europe/Dublin"))
    for browser, zone_shown in ((clinician, "16:30"), (expert, f"{dublin:%H:%M}")):
        line = _text(re.search(r'<p class="panel" id="agenda-line">(.*?)</p>',
                               browser.get(f"/cases/{submitted_case['id']}").text, re.S)[1])
        assert f"{zone_shown}{DASH}" in line
    assert "Africa/Nairobi" in _text(expert.get(f"/sessions/{session_id}").text)

    # Calendars take it as a change of the same event, not a new one.
    again = _event(clinician.get(f"/sessions/{session_id}/session.ics").data)
    assert str(again["uid"]) == str(first["uid"])
    assert int(again["sequence"]) == 1
    assert again.decoded("dtstart").astimezone(NAIROBI).strftime("%H:%M") == "16:30"
    fed = _event(app.test_client().get(expert_feed).data)
    assert (str(fed["uid"]), int(fed["sequence"])) == (str(first["uid"]), 1)
    assert fed.decoded("dtstart") == again.decoded("dtstart")

    with unit_of_work(app) as db:
        [event] = db.exec(select(AuditEvent).where(AuditEvent.kind == "session_rescheduled"))
    assert event.subject == f"session:{session_id}"
    assert event.actor_id == hubs.user(Role.COORDINATOR).id
    assert event.detail["timezone"] == {"before": "America/Denver", "after": "Africa/Nairobi"}


def test_a_time_that_cannot_be_is_refused_naming_it_and_keeping_what_was_typed(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], clock: TestClock,
):
    session_id = schedule_session(app, hubs)
    before = _start(app, session_id)
    coordinator = login_as(Role.COORDINATOR)
    past = clock() - timedelta(days=2)
    refused = _move(coordinator, session_id, past, "10:15", "Europe/Dublin")
    assert refused.status_code == 422
    assert "Choose a time in the future." in refused.text
    assert 'value="10:15"' in refused.text
    assert 'value="Europe/Dublin" selected' in refused.text
    nowhere = _move(coordinator, session_id, clock() + timedelta(days=3), "10:15", "Mars/Base")
    assert nowhere.status_code == 422
    assert "Choose a time zone from the list" in nowhere.text
    assert _start(app, session_id) == before


def test_a_session_that_has_started_or_presented_a_case_keeps_its_time(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient], clock: TestClock,
):
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    later = clock() + timedelta(days=3)
    refused = _move(login_as(Role.COORDINATOR), session_id, later, "09:00", "America/Denver")
    assert refused.status_code == 422
    assert "has started" in refused.text

    presented = schedule_session(app, hubs, days_ahead=2)
    walk_to(api_as, submitted_case, "presented", presented)
    later = clock() + timedelta(days=3)
    refused = _move(login_as(Role.COORDINATOR), presented, later, "09:00", "America/Denver")
    assert refused.status_code == 422
    assert "already presented" in refused.text


def test_only_the_hubs_coordinators_move_a_session(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], clock: TestClock,
):
    session_id = schedule_session(app, hubs)
    later = clock() + timedelta(days=3)
    for role in (Role.EXPERT, Role.CLINICIAN):
        assert _move(login_as(role), session_id, later, "09:00", "UTC").status_code == 403
    assert _move(login_as(Role.COORDINATOR, "b"), session_id, later, "09:00",
                 "UTC").status_code in (403, 404)


def test_the_api_moves_a_session_for_coordinators_until_it_starts(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], clock: TestClock,
):
    session_id = schedule_session(app, hubs)
    url = f"/sessions/{session_id}/time"
    wall = (clock() + timedelta(days=4)).strftime("%Y-%m-%dT11:45:00")
    body = {"starts_at_local": wall, "timezone": "Africa/Nairobi"}
    assert api_as(Role.EXPERT).put(url, body).status_code == 403
    moved = api_as(Role.COORDINATOR).put(url, body)
    assert moved.status_code == 200, moved.json
    assert moved.json["timezone"] == "Africa/Nairobi"
    assert _start(app, session_id).astimezone(NAIROBI).strftime("%H:%M") == "11:45"

    begin_session(app, session_id)
    late = {"starts_at_local": (clock() + timedelta(days=4)).strftime("%Y-%m-%dT11:45:00"),
            "timezone": "Africa/Nairobi"}
    refused = api_as(Role.COORDINATOR).put(url, late)
    assert refused.status_code == 422
    assert "starts_at" in str(refused.json["error"])
