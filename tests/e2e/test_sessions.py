"""A coordinator schedules a session from the form, on a desktop and on a phone; each
person then reads its times in their own zone and takes it into their calendar.

Every page reached goes through ``Tab.arrive`` (screenshots at 1280 px and 360 px, axe,
weight, no sideways scrolling).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from echo_cases.db import unit_of_work
from models import Hub
from tests.e2e.conftest import PROGRAM, Journey, LiveHub
from workflows import Role

VIDEO = "https://meet.example.org/j/4455667?pwd=Passc0de"


def test_a_coordinator_schedules_a_session_with_a_zone_from_the_list_and_a_video_link(
    journey: Journey, live_hub: LiveHub,
):
    with unit_of_work(live_hub.app) as db:
        for hub in db.exec(select(Hub)):
            hub.timezone = "America/Denver"
            db.add(hub)

    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    page.goto("/sessions/new")
    coordinator.arrive("schedule")
    zone = page.get_by_label("Time zone")
    assert zone.evaluate("e => e.tagName") == "SELECT"
    assert zone.input_value() == "America/Denver", "the hub's zone comes first"
    page.get_by_label("Program").select_option(label=PROGRAM)
    page.get_by_label("Date").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("Video link (optional)").fill("http://meet.example.org/j/1")
    page.get_by_role("button", name="Schedule").click()

    coordinator.arrive("schedule-video-link-refused")
    video = page.get_by_label("Video link (optional)")
    assert "https://" in page.locator("#e-video").inner_text()
    assert video.get_attribute("aria-invalid") == "true"
    assert video.input_value() == "http://meet.example.org/j/1", "what was typed is kept"
    video.fill(VIDEO)
    page.get_by_role("button", name="Schedule").click()
    coordinator.arrive("session-scheduled")
    header = page.locator("#session-when").inner_text()
    assert "09:00\u201310:00 America/Denver" in header
    assert page.get_by_role("link", name="Join by video").get_attribute("href") == VIDEO
    session_url = page.url

    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    page.goto("/calendar")
    clinician.arrive("calendar-settings")
    page.get_by_label("Show session times in").select_option("Africa/Nairobi")
    page.get_by_role("button", name="Save time zone").click()
    clinician.arrive("zone-chosen")
    page.goto(session_url)
    clinician.arrive("session-in-my-zone")
    header = page.locator("#session-when").inner_text()
    assert "Africa/Nairobi" in header
    assert "(09:00\u201310:00 America/Denver)" in header
    with page.expect_download() as download:
        page.get_by_role("link", name="Add this session to your calendar (.ics file)").click()
    assert download.value.suggested_filename.endswith(".ics")
    assert "BEGIN:VEVENT" in download.value.path().read_text()

    page.goto("/calendar")
    page.get_by_role("button", name="Make a calendar link").click()
    clinician.arrive("calendar-link-made")
    link = page.get_by_label("Your calendar link").input_value()
    assert "/calendar/ecal_" in link


def test_a_coordinator_moves_a_session_and_a_mistake_keeps_what_was_typed(
    journey: Journey, live_hub: LiveHub,
):
    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    page.goto("/sessions/new")
    page.get_by_label("Program").select_option(label=PROGRAM)
    page.get_by_label("Time zone").select_option("America/Denver")
    page.get_by_label("Date").fill((date.today() + timedelta(days=14)).isoformat())
    page.get_by_label("Start time").fill("09:00")
    page.get_by_role("button", name="Schedule").click()
    coordinator.arrive("session-to-move")

    move = page.locator("form.reschedule")
    move.get_by_label("Date").fill((date.today() - timedelta(days=1)).isoformat())
    move.get_by_label("Start time").fill("16:30")
    move.get_by_label("Time zone").select_option("Africa/Nairobi")
    move.get_by_role("button", name="Move the session").click()
    coordinator.arrive("session-move-refused")
    assert "Choose a time in the future." in page.locator("#e-move").inner_text()
    move = page.locator("form.reschedule")
    assert move.get_by_label("Start time").input_value() == "16:30", "what was typed is kept"
    assert move.get_by_label("Time zone").input_value() == "Africa/Nairobi"

    move.get_by_label("Date").fill((date.today() + timedelta(days=21)).isoformat())
    move.get_by_role("button", name="Move the session").click()
    coordinator.arrive("session-moved")
    header = page.locator("#session-when").inner_text()
    assert "16:30\u201317:30 Africa/Nairobi" in header
    assert "Session moved" in page.content()
