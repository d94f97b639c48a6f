"""A session's participants beyond the hub: a Zoom report imported (previewed, then saved),
matched to members and earlier participants, and edits by hand that say why."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services.participant_report import read_report
from models import AuditEvent, EchoSession, SessionParticipant, as_utc
from tests.support import Hubs, begin_session, schedule_session
from workflows import Role

# A window wide enough that only the report's own times matter.
ALL_OF_2026 = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def local_day(app: Flask, session_id: int) -> tuple[str, str]:
    """The session's day as Zoom writes it in the US (11/29/2026) and elsewhere (2026-11-29)."""
    with unit_of_work(app) as db:
        session = db.get(EchoSession, session_id)
        assert session is not None
        local = as_utc(session.starts_at).astimezone(ZoneInfo(session.timezone))
    return local.strftime("%m/%d/%Y"), local.strftime("%Y-%m-%d")


def zoom_report(day: str) -> str:
    """Zoom's participant report as downloaded: the meeting above, then one row per join."""
    return (
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
        f"81234567890,HPV and the cervix,{day} 05:55:02 PM,{day} 07:01:10 PM,"
        "hub@example.org,66,4\n"
        "\n"
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        f"Amara Okafor,Amara@Spoke.example.org,{day} 05:58:00 PM,{day} 06:30:00 PM,33,Yes\n"
        f"Amara Okafor (phone),amara@spoke.example.org,{day} 06:35:00 PM,{day} 07:00:00 PM,25,Yes\n"
        f"Expert A,expert-a@example.org,{day} 06:00:00 PM,{day} 07:00:00 PM,60,No\n"
        f"Ben Short,ben@spoke.example.org,{day} 06:00:00 PM,{day} 06:20:00 PM,20,Yes\n"
        f"Call-in user,,{day} 06:10:00 PM,{day} 06:50:00 PM,40,Yes\n"
    )


@pytest.fixture
def started(app: Flask, hubs: Hubs) -> int:
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id, minutes_in=61)
    return session_id


def rows_of(app: Flask, session_id: int) -> dict[str, SessionParticipant]:
    with unit_of_work(app) as db:
        rows = db.exec(select(SessionParticipant)
                       .where(SessionParticipant.session_id == session_id)).all()
        return {r.email: r for r in rows}


def test_a_zoom_report_is_previewed_then_saved_with_repeated_rows_summed(
        app: Flask, hubs: Hubs, started: int, login_as: Callable[..., FlaskClient]):
    us_day, _ = local_day(app, started)
    report = zoom_report(us_day)
    coordinator = login_as(Role.COORDINATOR)
    preview = coordinator.post(f"/sessions/{started}/participants/preview", data={
        "file": (BytesIO(report.encode()), "participants_81234567890.csv")},
        content_type="multipart/form-data")
    assert preview.status_code == 200, preview.text
    shown = preview.text
    # Amara joined twice (17:58-18:30 and 18:35-19:00, Denver time) to an 18:00 session:
    # 30 + 25 minutes, the two before it began not counted.
    assert "amara@spoke.example.org" in shown
    assert ">55" in shown
    assert "hub member: Expert A" in shown
    assert "new participant" in shown
    assert "Line 9 (Call-in user): No e-mail address" in shown
    assert rows_of(app, started) == {}, "a preview saves nothing"

    saved = coordinator.post(f"/sessions/{started}/participants/import",
                             data={"report": report})
    assert saved.status_code == 302
    rows = rows_of(app, started)
    assert {e: r.minutes for e, r in rows.items()} == {
        "amara@spoke.example.org": 55, "expert-a@example.org": 60, "ben@spoke.example.org": 20}
    assert rows["expert-a@example.org"].user_id == hubs.user(Role.EXPERT).id
    assert rows["amara@spoke.example.org"].user_id is None
    page = coordinator.get(f"/sessions/{started}/participants").text
    assert "Amara Okafor" in page
    assert "Ben Short" in page


def test_a_person_seen_at_an_earlier_session_is_matched_and_keeps_what_was_known(
        app: Flask, hubs: Hubs, started: int, login_as: Callable[..., FlaskClient]):
    coordinator = login_as(Role.COORDINATOR)
    added = coordinator.post(f"/sessions/{started}/participants", data={
        "name": "Amara Okafor", "email": "amara@spoke.example.org", "profession": "Nurse",
        "organisation": "Riverbend Clinic", "minutes": "55", "reason": "Joined by phone"})
    assert added.status_code == 302, added.text
    later = schedule_session(app, hubs, days_ahead=14)
    begin_session(app, later, minutes_in=61)
    coordinator = login_as(Role.COORDINATOR)  # the clock moved a week
    _, iso_day = local_day(app, later)
    report = ("name,email,join time,leave time\n"
              f"A. Okafor,amara@spoke.example.org,{iso_day} 18:00,{iso_day} 19:00\n")
    preview = coordinator.post(f"/sessions/{later}/participants/preview",
                               data={"report": report})
    assert "earlier participant: Amara Okafor" in preview.text
    coordinator.post(f"/sessions/{later}/participants/import", data={"report": report})
    row = rows_of(app, later)["amara@spoke.example.org"]
    assert (row.minutes, row.profession, row.organisation) == (60, "Nurse", "Riverbend Clinic")


def test_a_report_that_cannot_be_read_names_its_line_and_keeps_what_was_sent(
        app: Flask, started: int, login_as: Callable[..., FlaskClient]):
    us_day, _ = local_day(app, started)
    report = zoom_report(us_day).replace(f"{us_day} 06:20:00 PM", "twenty past six")
    page = login_as(Role.COORDINATOR).post(f"/sessions/{started}/participants/preview",
                                           data={"report": report})
    assert page.status_code == 422
    assert "line 8" in page.text
    assert "&#39;twenty past six&#39; is not a time" in page.text
    assert "twenty past six" in page.text.split('id="report"')[1], "the report is kept"
    assert rows_of(app, started) == {}


def test_a_report_without_a_header_is_refused_plainly(app: Flask, started: int,
                                                      login_as: Callable[..., FlaskClient]):
    page = login_as(Role.COORDINATOR).post(f"/sessions/{started}/participants/preview",
                                           data={"report": "Amara,amara@spoke.example.org,40\n"})
    assert page.status_code == 422
    assert "no header row names the columns" in page.text


def test_times_without_a_zone_are_read_in_the_sessions_zone():
    report = read_report("name,email,join time,leave time\n"
                         "A,a@x.org,2026-03-08 01:30,2026-03-08 03:30\n", "America/Denver",
                         ALL_OF_2026)
    # Clocks in Denver jump from 02:00 to 03:00 that night: two hours on the wall, one real.
    assert report.people[0].minutes(cap=480) == 60


def test_overlapping_devices_count_once_and_never_more_than_the_session():
    report = read_report("name,email,join time,leave time\n"
                         "A,a@x.org,2026-01-05 10:00,2026-01-05 11:00\n"
                         "A,a@x.org,2026-01-05 10:30,2026-01-05 11:30\n", "UTC",
                         ALL_OF_2026)
    assert report.people[0].minutes(cap=480) == 90
    assert report.people[0].minutes(cap=60) == 60


def test_edits_by_hand_need_a_reason_and_are_audited(
        app: Flask, hubs: Hubs, started: int, login_as: Callable[..., FlaskClient]):
    coordinator = login_as(Role.COORDINATOR)
    typed = {"name": "Ben Short", "email": "ben@spoke.example.org", "profession": "GP",
             "organisation": "Hilltop", "minutes": "50", "reason": ""}
    refused = coordinator.post(f"/sessions/{started}/participants", data=typed)
    assert refused.status_code == 422
    assert "Say why" in refused.text
    assert 'value="Hilltop"' in refused.text
    assert coordinator.post(f"/sessions/{started}/participants",
                            data={**typed, "reason": "Zoom lost his first half hour"}
                            ).status_code == 302
    row = rows_of(app, started)["ben@spoke.example.org"]
    changed = coordinator.post(f"/sessions/{started}/participants", data={
        **typed, "minutes": "20", "reason": "He left early after all"})
    assert changed.status_code == 302
    remove = f"/sessions/{started}/participants/remove"
    assert coordinator.post(remove, data={"participant_id": row.id,
                                          "reason": ""}).status_code == 422
    assert coordinator.post(remove, data={"participant_id": "someone",
                                          "reason": "Registered twice"}).status_code == 422
    assert coordinator.post(remove, data={"participant_id": row.id,
                                          "reason": "Registered twice"}).status_code == 302
    assert rows_of(app, started) == {}
    with unit_of_work(app) as db:
        events = db.exec(select(AuditEvent).where(AuditEvent.subject == f"session:{started}")
                         .order_by(AuditEvent.id)).all()
        trail = [(e.kind, e.detail.get("minutes_before"), e.detail.get("reason")) for e in events]
    assert trail == [("participant_added", None, "Zoom lost his first half hour"),
                     ("participant_changed", 50, "He left early after all"),
                     ("participant_removed", 20, "Registered twice")]


def test_participants_are_recorded_once_the_session_has_started_by_its_coordinators(
        app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]):
    session_id = schedule_session(app, hubs)
    typed = {"name": "Ben", "email": "ben@spoke.example.org", "minutes": "50",
             "reason": "Early"}
    coordinator = login_as(Role.COORDINATOR)
    assert coordinator.post(f"/sessions/{session_id}/participants",
                            data=typed).status_code == 422
    begin_session(app, session_id, minutes_in=10)
    assert login_as(Role.EXPERT).post(f"/sessions/{session_id}/participants",
                                      data=typed).status_code == 403
    assert login_as(Role.COORDINATOR, "b").post(f"/sessions/{session_id}/participants",
                                                data=typed).status_code == 404
    assert login_as(Role.COORDINATOR).post(f"/sessions/{session_id}/participants",
                                           data=typed).status_code == 302


def test_a_plain_report_with_durations_only_adds_them_up_per_person():
    report = read_report("Name,Email,Duration\n"
                         "Ben Short,ben@spoke.example.org,20\n"
                         "Ben Short,BEN@spoke.example.org,25\n"
                         "Amara Okafor,amara@spoke.example.org,55\n", "UTC",
                         ALL_OF_2026)
    assert {p.email: (p.lines, p.minutes(cap=60)) for p in report.people} == {
        "ben@spoke.example.org": ([2, 3], 45), "amara@spoke.example.org": ([4], 55)}


def test_a_report_of_another_days_meeting_is_refused_and_kept(
        app: Flask, started: int, login_as: Callable[..., FlaskClient]):
    us_day, _ = local_day(app, started)
    day_before = datetime.strptime(us_day, "%m/%d/%Y") - timedelta(days=1)
    report = zoom_report(day_before.strftime("%m/%d/%Y"))
    page = login_as(Role.COORDINATOR).post(f"/sessions/{started}/participants/preview",
                                           data={"report": report})
    assert page.status_code == 422
    assert "do not overlap the session" in page.text
    assert "is it the right meeting?" in page.text
    assert "Amara@Spoke.example.org" in page.text.split('id="report"')[1], "the report is kept"
    assert rows_of(app, started) == {}


def test_rows_outside_the_session_count_nothing():
    session = (datetime(2026, 1, 5, 18, 0, tzinfo=UTC), datetime(2026, 1, 5, 19, 0, tzinfo=UTC))
    report = read_report("name,email,join time,leave time\n"
                         "A,a@x.org,2026-01-05 17:15,2026-01-05 18:05\n"
                         "B,b@x.org,2026-01-04 18:00,2026-01-04 19:00\n"
                         "C,c@x.org,2026-01-05 18:50,2026-01-05 20:00\n", "UTC", session)
    assert {p.email: p.minutes(cap=60) for p in report.people} == {
        "a@x.org": 5, "b@x.org": 0, "c@x.org": 10}
