"""From a session to a certificate: the coordinator imports the video platform's report,
checks the preview, saves it and issues certificates; a participant without an account
receives hers by e-mail, anyone checks its code on the public page, and a hub member
finds theirs on their account page."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts, credits, sessions
from echo_cases.settings import SmtpSettings
from models import Hub, Program, User, as_utc
from tests.e2e.conftest import PEOPLE, PROGRAM, Journey, LiveHub
from tests.mail_server import Inbox, text_of
from tests.support import PASSWORD, begin_session, clock_of
from workflows import Role

STATEMENT = "Mountain West Cancer ECHO is accredited by the ACCME."


@pytest.fixture
def e2e_smtp(smtp_port: int, inbox: Inbox) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=smtp_port, starttls=False,
                        sender="echo@mountainwest.test")


def _ended_session(live_hub: LiveHub) -> tuple[int, datetime]:
    """A 60-minute session at 18:00 in Denver, its program giving 1 hour at 80%; the
    clock then 65 minutes after its start. Returns its id and its start in Denver."""
    app = live_hub.app
    with unit_of_work(app) as db:
        hub = db.exec(select(Hub).where(Hub.slug == "mountain-west")).one()
        admin = accounts.create_user(db, "admin@hub.test", "Ada Admin", PASSWORD)
        accounts.add_member(db, admin, hub, Role.ADMIN)
        program = db.get(Program, live_hub.program_ids[PROGRAM])
        coordinator = db.get(User, live_hub.user_ids[Role.COORDINATOR])
        assert program is not None
        assert coordinator is not None
        credits.save_terms(db, admin, program, credits.Terms("1", STATEMENT))
        start = (clock_of(app)() + timedelta(days=7)).replace(
            tzinfo=None, hour=18, minute=0, second=0, microsecond=0)
        session = sessions.schedule_session(db, coordinator, sessions.SessionPlan(
            program_id=live_hub.program_ids[PROGRAM], local_start=start,
            timezone="America/Denver", topic="Follow-up after an abnormal Pap"))
        session_id = session.id or 0
        day = as_utc(session.starts_at).astimezone(ZoneInfo("America/Denver"))
    begin_session(app, session_id, minutes_in=65)
    return session_id, day


def test_from_a_zoom_report_to_a_checked_certificate(
        journey: Journey, live_hub: LiveHub, inbox: Inbox):
    session_id, start = _ended_session(live_hub)
    day = start.strftime("%m/%d/%Y")  # as Zoom writes it in the United States
    expert = PEOPLE[Role.EXPERT]
    report = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        f"Amara Okafor,amara@spoke.test,{day} 05:58:00 PM,{day} 06:30:00 PM,33,Yes\n"
        f"Amara Okafor,amara@spoke.test,{day} 06:33:00 PM,{day} 07:00:00 PM,27,Yes\n"
        f"Ben Short,ben@spoke.test,{day} 06:00:00 PM,{day} 06:15:00 PM,15,Yes\n"
        f"{expert.name},{expert.email},{day} 06:00:00 PM,{day} 07:00:00 PM,60,No\n")

    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    page.goto(f"/sessions/{session_id}")
    page.get_by_role("link", name=re.compile("Participants beyond the hub")).click()
    coordinator.arrive("participants-empty")
    page.get_by_label("or paste it").fill(report)
    page.get_by_role("button", name="Preview the import").click()
    coordinator.arrive("participants-preview")
    preview = page.locator("#preview").inner_text()
    assert "Amara Okafor" in preview
    assert "hub member: " + expert.name in preview
    page.get_by_role("button", name="Save these 3 participants").click()
    coordinator.arrive("participants-saved")
    listed = page.locator("#participants").inner_text()
    assert "57" in listed  # Amara's two joins: 30 (from the start, not 17:58) + 27
    page.get_by_role("button", name="Issue certificates").click()
    coordinator.arrive("certificates-issued")
    assert "Certificates issued: 2 new" in page.locator("body").inner_text()

    assert sorted(m["To"] for m in inbox.messages) == sorted([expert.email, "amara@spoke.test"])
    [amara] = [m for m in inbox.messages if m["To"] == "amara@spoke.test"]
    body = text_of(amara.get_payload()[0])  # type: ignore[index, arg-type]
    code = re.search(r"code is ([0-9A-Z-]{19})", body)
    assert code, body

    checker = journey.open_tab("anyone")
    page = checker.page
    page.goto("/certificates/verify")
    checker.arrive("verify-form")
    page.get_by_label("Verification code").fill(code.group(1).lower())
    page.get_by_role("button", name="Check").click()
    checker.arrive("verify-answer")
    assert page.locator("#verified dd").all_inner_texts() == [
        "Amara Okafor", f"{PROGRAM}: Follow-up after an abnormal Pap",
        start.strftime("%d %B %Y"), "1"]
    assert "amara@spoke.test" not in page.content()

    member = journey.sign_in(Role.EXPERT)
    page = member.page
    page.goto("/account")
    member.arrive("account-with-certificate")
    assert "Follow-up after an abnormal Pap" in page.locator("body").inner_text()
    page.get_by_role("link", name="Your certificates and a transcript of your credits").click()
    member.arrive("my-certificates")
    assert page.locator("#my-certificates tbody tr").count() == 1
    # Each column is named for a screen reader, the PDF links' one too.
    assert page.locator("#my-certificates th").all_inner_texts() == [
        "Date", "Session", "Hours", "Code", "Certificate"]
