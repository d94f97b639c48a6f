"""The workflow follows time: nothing is presented, attended or signed before its session.

The app reads the time from the clock it was built with; these tests move that clock
(``begin_session``) instead of waiting or patching ``datetime``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from echo_cases.db import unit_of_work
from models import Case, EchoSession, as_utc
from tests.support import (
    RECOMMENDATIONS,
    Api,
    Hubs,
    TestClock,
    act,
    begin_session,
    schedule_session,
    walk_to,
)
from workflows import CaseState, Role
from workflows.definition import Actor, Attempt, session_has_started

NOT_STARTED = "The session has not started yet"


def _reviewed(api_as: Callable[..., Api], case: dict[str, Any], app: Flask, hubs: Hubs,
              **where: Any) -> tuple[dict[str, Any], int]:
    session_id = schedule_session(app, hubs, **where)
    return walk_to(api_as, case, "reviewed", session_id), session_id


def test_the_api_refuses_to_mark_a_case_presented_before_its_session_starts(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    case, session_id = _reviewed(api_as, submitted_case, app, hubs)
    coordinator = api_as(Role.COORDINATOR)
    early = act(coordinator, case, "mark_presented")
    assert early.status_code == 422
    message = early.json["error"]["message"]
    assert NOT_STARTED in message
    assert "America/Denver" in message, "the refusal says when the session starts"
    assert coordinator.get(f"/cases/{case['id']}").json["state"] == "reviewed"

    begin_session(app, session_id)
    presented = act(coordinator, case, "mark_presented")
    assert presented.status_code == 200, presented.json
    assert presented.json["state"] == "presented"


def test_the_case_page_refuses_to_mark_a_case_presented_before_its_session_starts(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    case, session_id = _reviewed(api_as, submitted_case, app, hubs)
    browser = login_as(Role.COORDINATOR)
    url = f"/cases/{case['id']}/actions/mark_presented"
    early = browser.post(url, data={"version": case["version"]})
    assert early.status_code == 422
    assert NOT_STARTED in early.text

    begin_session(app, session_id)
    browser = login_as(Role.COORDINATOR)  # a week on: the sign-in idled out long ago
    presented = browser.post(url, data={"version": case["version"]})
    assert presented.status_code == 302
    assert "Presented" in browser.get(presented.headers["Location"]).text


def test_the_api_refuses_attendance_before_the_session_starts(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    session_id = schedule_session(app, hubs)
    coordinator = api_as(Role.COORDINATOR)
    url = f"/api/v1/sessions/{session_id}/attendance"
    present = {"present_ids": [hubs.user(Role.EXPERT).id]}
    early = coordinator.client.put(url, json=present, headers=coordinator.headers)
    assert early.status_code == 422
    assert NOT_STARTED in early.json["error"]["message"]
    assert "present_ids" in early.json["error"]["fields"]

    begin_session(app, session_id)
    recorded = coordinator.client.put(url, json=present, headers=coordinator.headers)
    assert recorded.status_code == 200, recorded.json
    assert recorded.json["present_ids"] == present["present_ids"]


def test_the_session_page_says_attendance_waits_for_the_start_and_keeps_the_ticks(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    session_id = schedule_session(app, hubs)
    browser = login_as(Role.COORDINATOR)
    assert "Attendance is recorded once the session has started" in \
        browser.get(f"/sessions/{session_id}").text
    expert_id = hubs.user(Role.EXPERT).id
    early = browser.post(f"/sessions/{session_id}/attendance", data={"present": [expert_id]})
    assert early.status_code == 422
    assert NOT_STARTED in early.text
    assert re.search(rf'id="p-{expert_id}"[^>]*checked', early.text), "the tick was kept"

    begin_session(app, session_id)
    browser = login_as(Role.COORDINATOR)  # a week on: the sign-in idled out long ago
    recorded = browser.post(f"/sessions/{session_id}/attendance", data={"present": [expert_id]})
    assert recorded.status_code == 302
    assert "Attendance recorded: 1 present." in browser.get(recorded.headers["Location"]).text


def _pdf_text(pdf: bytes) -> str:
    return " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_letter_is_issued_on_the_day_it_was_presented_in_the_sessions_zone(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    # 09:00 in Auckland is the evening before in UTC: a UTC date would read a day too early.
    case, session_id = _reviewed(api_as, submitted_case, app, hubs,
                                 timezone="Pacific/Auckland", hour=9)
    case = walk_to(api_as, case, "recommendations_sent", session_id)
    with unit_of_work(app) as db:
        session = db.get(EchoSession, session_id)
        assert session is not None
        local_day = as_utc(session.starts_at).astimezone(ZoneInfo("Pacific/Auckland"))
    assert local_day.date() != as_utc(session.starts_at).date(), "the example needs two days"
    text = _pdf_text(api_as(Role.CLINICIAN).get(f"/cases/{case['id']}/letter.pdf").data)
    presented = re.search(r"Presented \w+ (\d\d \w+ \d{4})", text)
    issued = re.search(r"Issued (\d\d \w+ \d{4})", text)
    assert presented, text[:300]
    assert issued, text[:300]
    assert presented.group(1) == local_day.strftime("%d %B %Y")
    assert _day(issued.group(1)) >= _day(presented.group(1))
    assert issued.group(1) == local_day.strftime("%d %B %Y")


def _day(text: str) -> datetime:
    return datetime.strptime(text, "%d %B %Y")


def test_a_case_marked_presented_before_its_session_cannot_be_signed_off_until_it_starts(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs
):
    """A case presented early under the old rules still gets no letter dated before it."""
    case, session_id = _reviewed(api_as, submitted_case, app, hubs)
    with unit_of_work(app) as db:
        row = db.get(Case, case["id"])
        assert row is not None
        row.state, row.version = CaseState.PRESENTED, row.version + 1
        db.add(row)
    expert = api_as(Role.EXPERT)
    saved = expert.client.put(f"/api/v1/cases/{case['id']}/recommendations",
                              json=RECOMMENDATIONS, headers=expert.headers).json
    early = act(expert, saved, "sign_off")
    assert early.status_code == 422
    assert NOT_STARTED in early.json["error"]["message"]

    begin_session(app, session_id)
    assert act(expert, saved, "sign_off").json["state"] == "recommendations_sent"


class _Booked:
    state, author_id, assigned_expert_id = CaseState.REVIEWED, 1, None


def test_the_guard_compares_the_attempts_moment_and_reads_no_clock():
    starts = datetime(2026, 12, 3, 1, 0, tzinfo=ZoneInfo("UTC"))

    def attempt(at: datetime, **payload: Any) -> Attempt:
        return Attempt(subject=_Booked(), actor=Actor(3, Role.COORDINATOR), comment="",
                       payload=payload, at=at)

    label = "Wednesday 02 December 2026, 18:00 America/Denver"
    early = session_has_started(attempt(starts - timedelta(minutes=1),
                                        session_starts_at=starts, session_label=label))
    assert early is not None
    assert label in early
    assert session_has_started(attempt(starts, session_starts_at=starts)) is None
    unbooked = session_has_started(attempt(starts))
    assert unbooked is not None
    assert "agenda" in unbooked
    assert session_has_started(attempt(starts, session_starts_at=starts.isoformat())) \
        is not None, "a start the caller typed is no start"


def test_the_tests_clock_only_moves_when_told(clock: TestClock, app: Flask, hubs: Hubs):
    session_id = schedule_session(app, hubs)
    before = clock()
    moved_to = begin_session(app, session_id)
    assert moved_to - before > timedelta(days=6)
    assert begin_session(app, session_id) >= moved_to, "beginning again never goes back"
