"""CME/CE credit a hub issued, as its coordinators see it: certificates and credit hours
per program and month on the dashboard (chart and table) and in the API, and the hub's
record of who earned credit as CSV, with nothing of the cases presented."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from echo_cases.services.evaluations import DEFAULT_QUESTIONS
from tests.mail_server import Inbox, link_in, text_of
from tests.support import Api, Hubs, TestClock, begin_session, schedule_session
from tests.test_outcomes import _known_outcomes
from tests.test_participants import local_day, zoom_report
from workflows import Role

pytestmark = pytest.mark.mail

EARNED = ["amara@spoke.example.org", "clinician-a@example.org", "expert-a@example.org"]


def credited(app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]) -> int:
    """A session of hub A worth 1.5 hours, over, whose three participants past the 80% rule
    (Amara, Expert A from Zoom's report; Clinician A ticked present) have certificates."""
    admin = login_as(Role.ADMIN)
    saved = admin.post(f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/credit",
                       data={"hours": "1.5", "statement": "Accredited by the ACCME.",
                             "attendance_percent": "80"})
    assert saved.status_code == 302, saved.text
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id, minutes_in=30)
    coordinator = login_as(Role.COORDINATOR)
    coordinator.post(f"/sessions/{session_id}/participants/import",
                     data={"report": zoom_report(local_day(app, session_id)[0])})
    coordinator.post(f"/sessions/{session_id}/attendance", data={
        "attendance_version": "0", "present": [str(hubs.user(Role.CLINICIAN).id)]})
    begin_session(app, session_id, minutes_in=65)
    issued = login_as(Role.COORDINATOR).post(f"/sessions/{session_id}/certificates")
    assert issued.status_code == 302, issued.text
    return session_id


def chart_titles(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<svg[^>]*><title[^>]*>([^<]*)</title>", page)]


def words_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_dashboard_and_the_api_count_certificates_and_hours_per_program_and_month(
        app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
        api_as: Callable[..., Api]):
    credited(app, hubs, login_as)
    hub_id = hubs.hubs["a"].id
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/credits").json
    this_month = figures["months"][-1]
    assert len(figures["months"]) == 12
    assert figures["programs"] == [{
        "program": "Cervical ECHO a", "certificates": 3, "hours": 4.5,
        "months": [{"month": this_month, "certificates": 3, "hours": 4.5}]}]
    assert [m["certificates"] for m in figures["total"]] == [0] * 11 + [3]

    page = login_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/dashboard").text
    assert re.search(r'id="certificates-issued">3<', page)
    assert re.search(r'id="credit-hours">4.5<', page)
    assert "Certificates issued per month" in chart_titles(page)
    assert "Credit hours per program, last 12 months" in chart_titles(page)
    table = words_of(page.split('id="credits-by-program"')[1].split("</table>")[0])
    assert f"Cervical ECHO a {this_month} 3 4.5" in table
    # Hub B issued nothing, and never sees hub A's figures.
    assert api_as(Role.COORDINATOR, "b").get(f"/hubs/{hub_id}/credits").status_code == 404
    assert api_as(Role.EXPERT).get(f"/hubs/{hub_id}/credits").status_code == 403
    empty = api_as(Role.COORDINATOR, "b").get(f"/hubs/{hubs.hubs['b'].id}/credits").json
    assert empty["programs"] == []


def test_a_hub_without_credit_is_told_once_what_will_show_there_and_when(
        hubs: Hubs, login_as: Callable[..., FlaskClient]):
    page = login_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text
    section = words_of(page.split('<section id="credits"')[1].split("</section>")[0])
    assert "No data yet" not in section
    assert section.count("No certificate issued in the last 12 months.") == 1
    assert ("the certificates of each month and the credit hours of each program show here"
            in section)
    assert "participants page" in section  # where issuing them happens


def test_the_csv_is_the_hubs_record_of_who_earned_credit_and_nothing_of_the_cases(
        app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient]):
    session_id = credited(app, hubs, login_as)
    coordinator = login_as(Role.COORDINATOR)
    exported = coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/credits.csv")
    assert exported.status_code == 200
    assert exported.headers["Content-Disposition"].endswith('-credits.csv"')
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert list(rows[0]) == ["certificate_id", "session_id", "session_date", "program",
                             "hours", "issued_at", "name", "email", "revoked_at"]
    assert sorted(r["email"] for r in rows) == EARNED
    assert {(r["session_id"], r["program"], r["hours"]) for r in rows} == {
        (str(session_id), "Cervical ECHO a", "1.5")}
    assert "Amara Okafor" in {r["name"] for r in rows}
    assert "HPV" not in exported.text  # not even the session's topic, let alone a case
    assert login_as(Role.EXPERT).get(
        f"/hubs/{hubs.hubs['a'].id}/exports/credits.csv").status_code == 403
    assert login_as(Role.COORDINATOR, "b").get(
        f"/hubs/{hubs.hubs['a'].id}/exports/credits.csv").status_code == 404


def test_a_certificate_leaves_the_figures_after_twelve_months_but_stays_in_the_record(
        app: Flask, hubs: Hubs, inbox: Inbox, clock: TestClock,
        login_as: Callable[..., FlaskClient], api_as: Callable[..., Api]):
    credited(app, hubs, login_as)
    hub_id = hubs.hubs["a"].id
    clock.move_to(clock() + timedelta(days=366))
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/credits").json
    assert figures["programs"] == []
    assert sum(m["certificates"] for m in figures["total"]) == 0
    coordinator = login_as(Role.COORDINATOR)  # signed in again at the new time
    assert re.search(r'id="certificates-issued">0<', coordinator.get(
        f"/hubs/{hub_id}/dashboard").text)
    exported = coordinator.get(f"/hubs/{hub_id}/exports/credits.csv").text
    assert len(list(csv.DictReader(io.StringIO(exported)))) == 3


def test_the_dashboard_draws_each_figure_by_its_title(
        app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient],
        api_as: Callable[..., Api]):
    session_id = credited(app, hubs, login_as)
    coordinator = login_as(Role.COORDINATOR)
    sent = coordinator.post(f"/sessions/{session_id}/evaluations/send")
    assert sent.status_code == 302, sent.text
    # Three answers: an anonymous session's answers show once three have answered.
    for message in [m for m in inbox.messages
                    if not m.is_multipart() and "/evaluations/" in text_of(m)]:
        answered = app.test_client().post(link_in(message, "evaluations"), data={
            "relevance": "4", "confidence": "5", "intention": "yes"})
        assert answered.status_code in (200, 302), answered.text
    _known_outcomes(app, hubs, api_as)
    titles = chart_titles(login_as(Role.COORDINATOR).get(
        f"/hubs/{hubs.hubs['a'].id}/dashboard").text)
    for title in ("Cases per program", "Cases per session", "Attendance per session",
                  "Recommendations followed in full, of those rated",
                  "Certificates issued per month", "Credit hours per program, last 12 months"):
        assert title in titles, titles
    for question in DEFAULT_QUESTIONS:
        if question["kind"] == "scale":
            assert f"Cervical ECHO a: {question['label']} (mean, 1 to 5)" in titles, titles
