"""Sessions in each person's zone, a video link, a calendar file per session and a
personal calendar feed that a revoked link stops at once; never any case in a calendar."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import AuditEvent, CalendarFeed, EchoSession, Hub, User, as_utc
from tests.support import (
    IDENTIFIED_CASE,
    PASSWORD,
    Api,
    Hubs,
    assert_no_identifiers,
    schedule_session,
    walk_to,
)
from workflows import Role

DASH = "\u2013"
VIDEO = "https://meet.example.org/j/8812345?pwd=Secr3tPass"
NAIROBI, DENVER = ZoneInfo("Africa/Nairobi"), ZoneInfo("America/Denver")


def _text(page: str) -> str:
    """What a reader sees of ``page``: its words, spaced as a browser would show them."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def _start(app: Flask, session_id: int) -> Any:
    with unit_of_work(app) as db:
        session = db.get(EchoSession, session_id)
        assert session is not None
        return as_utc(session.starts_at)


def _set_hub_zone(app: Flask, hubs: Hubs, name: str, hub: str = "a") -> None:
    with unit_of_work(app) as db:
        row = db.get(Hub, hubs.hubs[hub].id)
        assert row is not None
        row.timezone = name
        db.add(row)


def _feed_link(browser: FlaskClient) -> str:
    page = browser.post("/calendar/feed")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    match = re.search(r'id="feed-link" readonly value="([^"]+)"', page.text)
    assert match, "the new link is shown once, on the page that made it"
    return match.group(1).replace("http://localhost", "")


def _events(body: bytes) -> list[Any]:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_header_and_agenda_show_the_same_times_in_the_readers_zone_with_the_sessions_beside(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    session_id = schedule_session(app, hubs, timezone="America/Denver", hour=9)
    walk_to(api_as, submitted_case, "reviewed", session_id)
    expert = login_as(Role.EXPERT)
    assert expert.post("/calendar/zone", data={"timezone": "Africa/Nairobi"}).status_code == 302

    page = expert.get(f"/sessions/{session_id}").text
    start = _start(app, session_id)
    mine, theirs = start.astimezone(NAIROBI), start.astimezone(DENVER)
    header = _text(re.search(r'<p class="when" id="session-when">(.*?)</p>', page, re.S)[1])
    assert f"{mine:%A} {mine.day} {mine:%B %Y}, {mine:%H:%M}{DASH}" in header
    assert f"Africa/Nairobi ({theirs:%H:%M}{DASH}" in header
    assert "America/Denver" in header
    first_row = _text(re.search(r"<tbody>(.*?)</tr>", page, re.S)[1])
    box_end = mine + timedelta(minutes=15)
    assert f"{mine:%H:%M}{DASH}{box_end:%H:%M} Africa/Nairobi" in first_row
    assert f"({theirs:%H:%M}{DASH}" in first_row
    assert "America/Denver" in first_row
    assert " UTC" not in _text(page), "no part of the page is in UTC any more"

    listed = _text(login_as(Role.COORDINATOR).get("/sessions").text)
    assert f"{theirs:%H:%M}{DASH}" in listed, "the coordinator reads it in the hub's zone"


def test_the_case_pages_agenda_line_reads_as_the_session_pages_header(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    session_id = schedule_session(app, hubs, timezone="America/Denver", hour=9)
    walk_to(api_as, submitted_case, "reviewed", session_id)
    expert = login_as(Role.EXPERT)
    assert expert.post("/calendar/zone", data={"timezone": "Africa/Nairobi"}).status_code == 302
    start = _start(app, session_id)
    mine, theirs = start.astimezone(NAIROBI), start.astimezone(DENVER)

    session_page = expert.get(f"/sessions/{session_id}").text
    header = _text(re.search(r'<p class="when" id="session-when">(.*?) ·', session_page, re.S)[1])
    case_page = expert.get(f"/cases/{submitted_case['id']}").text
    line = _text(re.search(r'<p class="panel" id="agenda-line">(.*?)</p>', case_page, re.S)[1])
    assert header in line, "the same words in the case page as in the session's header"
    assert f"{mine:%A} {mine.day} {mine:%B %Y}, {mine:%H:%M}{DASH}" in line
    assert f"({theirs:%H:%M}{DASH}" in line
    assert "number 1 on the agenda" in line

    # A clinician who chose no zone reads it in their hub's, the session's zone beside it.
    _set_hub_zone(app, hubs, "Europe/Dublin")
    dublin = start.astimezone(ZoneInfo("Europe/Dublin"))
    clinician = _text(login_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").text)
    assert f"{dublin:%H:%M}{DASH}" in clinician
    assert "Europe/Dublin" in clinician


def test_without_a_zone_of_their_own_a_person_reads_times_in_their_hubs_zone(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    _set_hub_zone(app, hubs, "Europe/Dublin")
    session_id = schedule_session(app, hubs, timezone="America/Denver", hour=9)
    start = _start(app, session_id).astimezone(ZoneInfo("Europe/Dublin"))
    page = _text(login_as(Role.CLINICIAN).get(f"/sessions/{session_id}").text)
    assert f"{start:%H:%M}{DASH}" in page
    assert "Europe/Dublin" in page
    assert "your hub's zone until you choose yours" in page


def test_the_scheduling_form_offers_a_list_of_zones_with_the_hubs_chosen(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    _set_hub_zone(app, hubs, "Africa/Nairobi")
    browser = login_as(Role.COORDINATOR)
    form = browser.get("/sessions/new").text
    assert '<select id="timezone" name="timezone"' in form
    assert '<option value="Africa/Nairobi" selected>Africa/Nairobi</option>' in form
    refused = browser.post("/sessions/new", data={
        "program_id": hubs.program_id(), "date": "2099-01-05", "time": "10:00",
        "timezone": "Mars/Olympus", "video_url": "http://meet.example.org/j/1"})
    assert refused.status_code == 422
    assert "Choose a time zone from the list" in refused.text
    assert "Give the https:// address" in refused.text
    assert 'value="http://meet.example.org/j/1"' in refused.text, "what was typed is kept"


def test_participants_see_the_video_link_and_the_audit_trail_never_holds_it(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    coordinator = login_as(Role.COORDINATOR)
    made = coordinator.post("/sessions/new", data={
        "program_id": hubs.program_id(), "date": "2099-01-05", "time": "10:00",
        "timezone": "America/Denver", "video_url": VIDEO})
    assert made.status_code == 302, made.text
    session_url = made.headers["Location"]
    clinician_page = login_as(Role.CLINICIAN).get(session_url).text
    assert f'href="{html.escape(VIDEO)}"' in clinician_page
    assert "Join by video" in clinician_page

    session_id = int(session_url.rsplit("/", 1)[-1])
    bad = coordinator.post(f"/sessions/{session_id}/video-link",
                           data={"video_url": "javascript:alert(1)"})
    assert bad.status_code == 422
    assert 'id="e-video"' in bad.text
    assert 'value="javascript:alert(1)"' in bad.text
    cleared = coordinator.post(f"/sessions/{session_id}/video-link", data={"video_url": ""})
    assert cleared.status_code == 302
    assert "Join by video" not in login_as(Role.CLINICIAN).get(session_url).text
    again = coordinator.post(f"/sessions/{session_id}/video-link", data={"video_url": VIDEO})
    assert again.status_code == 302
    assert login_as(Role.EXPERT).post(f"/sessions/{session_id}/video-link",
                                      data={"video_url": ""}).status_code == 403

    with unit_of_work(app) as db:
        events = list(db.exec(select(AuditEvent)))
        assert any(e.kind == "session_video_link_set" for e in events)
        trail = " ".join(f"{e.subject} {e.detail}" for e in events)
    assert "meet.example.org" not in trail
    assert "Secr3tPass" not in trail


def test_a_session_downloads_as_a_calendar_file_with_the_session_and_no_case(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    session_id = schedule_session(app, hubs, timezone="America/Denver", hour=9)
    walk_to(api_as, submitted_case, "reviewed", session_id)
    assert login_as(Role.COORDINATOR).post(f"/sessions/{session_id}/video-link",
                                           data={"video_url": VIDEO}).status_code == 302
    response = login_as(Role.CLINICIAN).get(f"/sessions/{session_id}/session.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]

    calendar = Calendar.from_ical(response.data)
    [event] = _events(response.data)
    start = _start(app, session_id)
    assert event.decoded("dtstart") == start
    assert str(event.decoded("dtstart").tzinfo) == "America/Denver", "in the session's zone"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Denver"]
    assert str(event["summary"]) == "Cervical ECHO a: HPV and the cervix"
    assert str(event["location"]) == VIDEO
    assert VIDEO in str(event["description"])
    assert str(event["url"]).endswith(f"/sessions/{session_id}")

    text = response.data.decode()
    assert_no_identifiers(text)
    deidentified_title = api_as(Role.EXPERT).get(f"/cases/{submitted_case['id']}").json[
        "deidentified_fields"]["title"]
    assert deidentified_title not in text, "not even the de-identified case title"
    assert "Abnormal Pap" not in text
    assert not re.search(r"\bcase\b", text, re.IGNORECASE), "no case is named at all"
    assert login_as(Role.CLINICIAN, "b").get(
        f"/sessions/{session_id}/session.ics").status_code == 404


def _second_expert(app: Flask, hubs: Hubs) -> tuple[FlaskClient, int]:
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        other = accounts.create_user(db, "expert2-a@example.org", "Other Expert", PASSWORD)
        accounts.add_member(db, other, hub, Role.EXPERT)
        other_id = other.id or 0
    browser = app.test_client()
    browser.post("/login", data={"email": "expert2-a@example.org", "password": PASSWORD})
    return browser, other_id


def test_each_persons_feed_lists_their_sessions_only(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    other_browser, other_id = _second_expert(app, hubs)
    theirs = schedule_session(app, hubs, days_ahead=8, panel_ids=(other_id,))
    with unit_of_work(app) as db:  # a session without hub A's first expert on its panel
        session = db.get(EchoSession, theirs)
        assert session is not None
        from models import SessionPanelist
        db.delete(db.exec(select(SessionPanelist).where(
            SessionPanelist.session_id == theirs,
            SessionPanelist.user_id == hubs.user(Role.EXPERT).id)).one())
    mine = schedule_session(app, hubs, days_ahead=9)
    presented = schedule_session(app, hubs, days_ahead=10)
    walk_to(api_as, submitted_case, "reviewed", presented)
    schedule_session(app, hubs, hub="b")

    anonymous = app.test_client()

    def uids(link: str) -> set[str]:
        response = anonymous.get(link)
        assert response.status_code == 200, response.text
        assert response.mimetype == "text/calendar"
        return {str(e["uid"]) for e in _events(response.data)}

    def uid(session_id: int) -> str:
        return f"echo-session-{session_id}@echo-cases"

    assert uids(_feed_link(login_as(Role.EXPERT))) == {uid(mine), uid(presented)}
    assert uids(_feed_link(other_browser)) == {uid(theirs)}
    assert uids(_feed_link(login_as(Role.CLINICIAN))) == {uid(presented)}, "where they present"
    assert uids(_feed_link(login_as(Role.COORDINATOR))) == {uid(theirs), uid(mine),
                                                            uid(presented)}
    assert uids(_feed_link(login_as(Role.COORDINATOR, "b"))) == {
        uid(s) for s in _sessions_of_hub(app, hubs, "b")}

    feed = anonymous.get(_feed_link(login_as(Role.CLINICIAN))).data.decode()
    assert_no_identifiers(feed)
    assert "Abnormal Pap" not in feed


def _sessions_of_hub(app: Flask, hubs: Hubs, hub: str) -> list[int]:
    with unit_of_work(app) as db:
        return [s.id or 0 for s in db.exec(select(EchoSession).where(
            EchoSession.hub_id == hubs.hubs[hub].id))]


def test_a_revoked_or_replaced_link_stops_at_once_and_only_its_digest_is_kept(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    schedule_session(app, hubs)
    expert = login_as(Role.EXPERT)
    anonymous = app.test_client()
    first = _feed_link(expert)
    assert anonymous.get(first).status_code == 200
    token = first.rsplit("/", 1)[-1].removesuffix(".ics")
    with unit_of_work(app) as db:
        stored = db.exec(select(CalendarFeed)).all()
        assert [f.user_id for f in stored] == [hubs.user(Role.EXPERT).id]
        assert token not in {f.digest for f in stored}

    second = _feed_link(expert)
    assert anonymous.get(first).status_code == 404, "a new link stops the old one"
    assert anonymous.get(second).status_code == 200
    assert "is working" in expert.get("/calendar").text
    assert token not in expert.get("/calendar").text, "the link is never shown again"

    revoked = expert.post("/calendar/feed/revoke")
    assert revoked.status_code == 302
    assert anonymous.get(second).status_code == 404
    assert "You have no calendar link" in expert.get("/calendar").text
    for guess in ("/calendar/ecal_nothing.ics", "/calendar/ec_x.ics", "/calendar/.ics"):
        assert anonymous.get(guess).status_code == 404


def test_a_disabled_person_s_link_stops(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    link = _feed_link(login_as(Role.EXPERT))
    with unit_of_work(app) as db:
        user = db.get(User, hubs.user(Role.EXPERT).id)
        assert user is not None
        user.active = False
        db.add(user)
    assert app.test_client().get(link).status_code == 404


def test_a_person_chooses_their_zone_from_the_list_or_goes_back_to_the_hubs(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    _set_hub_zone(app, hubs, "America/Denver")
    browser = login_as(Role.CLINICIAN)
    page = browser.get("/calendar").text
    assert "My hub&#39;s zone (America/Denver)" in page
    refused = browser.post("/calendar/zone", data={"timezone": "Mars/Olympus"})
    assert refused.status_code == 422
    assert 'id="e-timezone"' in refused.text
    assert browser.post("/calendar/zone", data={"timezone": "Asia/Kolkata"}).status_code == 302
    assert '<option value="Asia/Kolkata" selected>' in browser.get("/calendar").text
    assert browser.post("/calendar/zone", data={"timezone": ""}).status_code == 302
    with unit_of_work(app) as db:
        user = db.get(User, hubs.user(Role.CLINICIAN).id)
        assert user is not None
        assert user.timezone is None


def test_the_api_takes_and_gives_the_video_link(api_as: Callable[..., Api], hubs: Hubs):
    coordinator = api_as(Role.COORDINATOR)
    body = {"program_id": hubs.program_id(), "starts_at_local": "2099-01-05T10:00:00",
            "timezone": "America/Denver"}
    created = coordinator.post("/sessions", {**body, "video_url": VIDEO})
    assert created.status_code == 201, created.json
    assert created.json["video_url"] == VIDEO
    refused = coordinator.post("/sessions", {**body, "video_url": "http://x.org/"})
    assert refused.status_code == 422
    assert "video_url" in refused.json["error"]["fields"]
    assert IDENTIFIED_CASE  # the case fixture's identifiers are what the calendar tests look for


def test_a_calendar_app_that_adds_its_own_query_parameters_still_gets_the_feed(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    """Pages refuse query parameters they do not know; the feed reads none, and calendar
    apps poll it with their own (cache-busting, client names), so it must not refuse them."""
    mine = schedule_session(app, hubs, days_ahead=9)
    link = _feed_link(login_as(Role.EXPERT))
    response = app.test_client().get(f"{link}?nocache=1732900000&client=outlook")
    assert response.status_code == 200, response.text
    assert f"echo-session-{mine}@echo-cases" in {str(e["uid"]) for e in _events(response.data)}
