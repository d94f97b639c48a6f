"""After a session, its coordinator sends the evaluation from the session's page; a clinician
who attended opens the e-mailed link on a phone, without signing in, answers once, and the
coordinator reads the figures. Every page goes through ``Tab.arrive`` (axe, weight, phone)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from echo_cases.db import unit_of_work
from echo_cases.services import sessions
from echo_cases.settings import SmtpSettings
from models import EchoSession, User, as_utc
from tests.e2e.conftest import (
    PHONE,
    PROGRAM,
    Journey,
    LiveHub,
    assert_radio_labels_are_touch_targets,
)
from tests.mail_server import Inbox, text_of
from tests.support import clock_of
from workflows import Role

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def e2e_smtp(smtp_port: int, inbox: Inbox) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=smtp_port, starttls=False,
                        sender="echo@mountainwest.test")


def _held_session(live_hub: LiveHub) -> int:
    """A session of yesterday's evening, over, with the clinician and the expert present."""
    app = live_hub.app
    with unit_of_work(app) as db:
        coordinator = db.get(User, live_hub.user_ids[Role.COORDINATOR])
        assert coordinator is not None
        start = (clock_of(app)() + timedelta(days=1)).replace(tzinfo=None, hour=18, minute=0,
                                                              second=0, microsecond=0)
        session = sessions.schedule_session(db, coordinator, sessions.SessionPlan(
            program_id=live_hub.program_ids[PROGRAM], local_start=start, timezone="UTC",
            topic="HPV self-sampling"))
        session_id = session.id or 0
        starts_at = as_utc(session.starts_at)
    clock_of(app).move_to(starts_at + timedelta(minutes=10))
    with unit_of_work(app) as db:
        coordinator = db.get(User, live_hub.user_ids[Role.COORDINATOR])
        session = db.get(EchoSession, session_id)
        assert coordinator is not None
        assert session is not None
        sessions.record_attendance(db, coordinator, session, [
            live_hub.user_ids[Role.CLINICIAN], live_hub.user_ids[Role.EXPERT]],
            expected_version=0)
    clock_of(app).move_to(starts_at + timedelta(minutes=90))
    return session_id


def test_a_coordinator_sends_the_evaluation_and_a_participant_answers_it_once(
        journey: Journey, live_hub: LiveHub, inbox: Inbox):
    session_id = _held_session(live_hub)
    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    page.goto(f"/sessions/{session_id}")
    coordinator.arrive("session")
    page.get_by_role("button", name="Send evaluations").first.click()
    coordinator.arrive("sent")
    assert page.get_by_role("status").inner_text() == "Evaluation e-mailed to 2 participants."

    [message] = [m for m in inbox.messages if m["To"] == "clinician@hub.test"]
    match = re.search(r"https?://[^/\s]+(/evaluations/[A-Za-z0-9_-]+)", text_of(message))
    assert match
    clinician = journey.open_tab("clinician")
    survey = clinician.page
    survey.set_viewport_size(PHONE)
    survey.goto(match.group(1))
    clinician.arrive("survey")
    survey.set_viewport_size(PHONE_390)
    assert_radio_labels_are_touch_targets(survey, "main form")
    # A tap on the far corner of "5", well away from its radio, chooses it.
    five = survey.locator("label[for=q-relevance-5]")
    box = five.bounding_box()
    assert box is not None
    five.click(position={"x": box["width"] - 3, "y": box["height"] - 3})
    assert survey.locator("#q-relevance-5").is_checked()
    survey.locator("#q-relevance-5").check()
    survey.locator("#q-confidence-4").check()
    survey.get_by_label("yes").check()
    survey.get_by_label("Any comment for the hub? (do not name patients)").fill(
        "More time for questions, please.")
    survey.get_by_role("button", name="Send my answers").click()
    clinician.arrive("thanks")
    assert survey.get_by_role("heading", level=1).inner_text() == "Thank you"
    survey.goto(match.group(1))
    clinician.arrive("answered")
    assert survey.get_by_role("heading", level=1).inner_text() == "Already answered"

    page.reload()
    coordinator.arrive("results")
    assert "1 of 2 answered" in page.locator("#response-count").inner_text()
    # Anonymous, and one answer of two: whose it is would be plain, so only counts show.
    assert "appear once 3 people have answered" in page.locator("#withheld").inner_text()
    assert "More time for questions, please." not in page.content()
