"""Session evaluations: after a session, each participant is e-mailed a link to a short
survey, answers it once without signing in, and the hub reads the figures without learning
who said what (unless the program asks for named answers)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import evaluations
from models import EchoSession, EvaluationResponse, User
from tests.mail_server import Inbox, link_in, serving, text_of
from tests.support import Api, Hubs, begin_session, clock_of, schedule_session
from workflows import Role

pytestmark = pytest.mark.mail

# Hub A's clinician, expert and second clinician attend.
PRESENT = (("a", Role.CLINICIAN), ("a", Role.EXPERT), ("a2", Role.CLINICIAN))
ADDRESSES = ["clinician-a@example.org", "clinician2-a@example.org", "expert-a@example.org"]
NAMES = ("Clinician A", "Expert A", "Other Clinician", *ADDRESSES)


@dataclass
class Held:
    """A session of hub A that has ended, with its attendance recorded."""

    session_id: int
    coordinator: FlaskClient


@pytest.fixture
def held(app: Flask, hubs: Hubs, api_as: Callable[..., Api],
         login_as: Callable[..., FlaskClient]) -> Held:
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    coordinator = api_as(Role.COORDINATOR)
    recorded = coordinator.put(f"/sessions/{session_id}/attendance", {
        "version": 0, "present_ids": [hubs.user(role, hub).id for hub, role in PRESENT]})
    assert recorded.status_code == 200, recorded.json
    begin_session(app, session_id, minutes_in=65)  # it lasts an hour: now it is over
    return Held(session_id, login_as(Role.COORDINATOR))  # signed in at the new time


def send(held: Held) -> None:
    assert "Send evaluations" in held.coordinator.get(f"/sessions/{held.session_id}").text
    sent = held.coordinator.post(f"/sessions/{held.session_id}/evaluations/send")
    assert sent.status_code == 302, sent.text


def links_by_address(inbox: Inbox) -> dict[str, str]:
    return {str(m["To"]): link_in(m, "evaluations") for m in inbox.messages}


def answer(app: Flask, link: str, **answers: str) -> tuple[int, str]:
    response = app.test_client().post(link, data=answers)
    return response.status_code, response.text


def test_each_participant_is_emailed_a_link_and_answers_it_once(
        app: Flask, held: Held, inbox: Inbox):
    send(held)
    assert sorted(str(m["To"]) for m in inbox.messages) == ADDRESSES
    letter = text_of(inbox.messages[0])
    assert "Cervical ECHO a" in letter
    assert "anonymous" in letter
    link = links_by_address(inbox)["clinician-a@example.org"]

    stranger = app.test_client()  # nobody signed in
    survey = stranger.get(link)
    assert survey.status_code == 200
    assert "How relevant was this session to your practice?" in survey.text
    assert "Do you intend to change your practice after this session?" in survey.text

    status, page = answer(app, link, relevance="4", confidence="5", intention="yes")
    assert status == 200
    assert "Your answers are saved" in page

    status, page = answer(app, link, relevance="1")
    assert status == 409
    assert "You have answered this evaluation already" in page
    assert stranger.get(link).status_code == 409
    with unit_of_work(app) as db:
        assert len(list(db.exec(select(EvaluationResponse)))) == 1


def test_sending_again_reaches_only_those_added_to_the_attendance_since(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox, api_as: Callable[..., Api]):
    send(held)
    assert len(inbox.messages) == 3
    added = api_as(Role.COORDINATOR).put(f"/sessions/{held.session_id}/attendance", {
        "version": 1, "present_ids": [hubs.user(role, hub).id for hub, role in (
            *PRESENT, ("a", Role.ADMIN))]})
    assert added.status_code == 200, added.json
    send(held)
    assert [str(m["To"]) for m in inbox.messages[3:]] == ["admin-a@example.org"]


def test_an_e_mail_the_server_refused_is_named_and_sent_again(held: Held, smtp_port: int):
    with serving(Inbox(refuse_first=1), smtp_port) as busy:
        send(held)
        assert len(busy.messages) == 2
        page = held.coordinator.get(f"/sessions/{held.session_id}/evaluation").text
        assert "1 e-mail could not be sent" in page
        [refused] = set(ADDRESSES) - {str(m["To"]) for m in busy.messages}
        assert refused in page
        send(held)
        assert [str(m["To"]) for m in busy.messages[2:]] == [refused]
    page = held.coordinator.get(f"/sessions/{held.session_id}/evaluation").text
    assert "could not be sent" not in page


def test_a_link_that_was_never_sent_opens_nothing(app: Flask, held: Held, inbox: Inbox):
    send(held)
    browser = app.test_client()
    for token in ("x" * 43, "not-a-token", "A" * 20 + "!"):
        page = browser.get(f"/evaluations/{token}")
        assert page.status_code == 404
        assert "This evaluation link does not work" in page.text
    assert browser.post("/evaluations/" + "x" * 43, data={"relevance": "5"}).status_code == 404


def test_a_link_expires_after_thirty_days(app: Flask, held: Held, inbox: Inbox):
    send(held)
    link = links_by_address(inbox)["expert-a@example.org"]
    clock_of(app).move_to(clock_of(app)() + timedelta(days=31))
    page = app.test_client().get(link)
    assert page.status_code == 404
    assert "it expired" in page.text


def test_an_answer_out_of_range_is_named_and_nothing_typed_is_lost(
        app: Flask, held: Held, inbox: Inbox):
    send(held)
    link = links_by_address(inbox)["expert-a@example.org"]
    status, page = answer(app, link, relevance="7", comment="The pacing was good.")
    assert status == 422
    assert "Choose a number from 1 to 5." in page
    assert "The pacing was good." in page
    status, page = answer(app, link)
    assert status == 422
    assert "Answer at least one question." in page
    assert answer(app, link, relevance="5")[0] == 200  # the link still works


def test_sending_before_the_session_ends_is_refused_with_the_reason(
        app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], inbox: Inbox):
    session_id = schedule_session(app, hubs)
    page = login_as(Role.COORDINATOR).post(f"/sessions/{session_id}/evaluations/send")
    assert page.status_code == 422
    assert "The session has not ended yet" in page.text
    assert not inbox.messages


def test_anonymous_answers_reach_the_hub_without_any_respondent(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox, api_as: Callable[..., Api]):
    send(held)
    links = links_by_address(inbox)
    answer(app, links["clinician-a@example.org"], relevance="4", confidence="3",
           intention="yes")
    answer(app, links["expert-a@example.org"], relevance="5", confidence="5",
           intention="unsure")
    answer(app, links["clinician2-a@example.org"], relevance="5", confidence="4",
           intention="yes")
    page = held.coordinator.get(f"/sessions/{held.session_id}/evaluation").text
    exported = held.coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/evaluations.csv")
    api = api_as(Role.COORDINATOR).get(f"/sessions/{held.session_id}/evaluation").json
    assert "3 of 3 answered" in re.sub(r"<[^>]+>", "", page)
    # Aggregates only: no respondent's answers together, named or not.
    assert list(csv.DictReader(io.StringIO(exported.text))) == []
    assert api["answers"] == []
    assert "Answers by respondent" not in page
    relevance = next(q for q in api["questions"] if q["key"] == "relevance")
    assert (relevance["mean"], {d["value"]: d["count"] for d in relevance["distribution"]}) \
        == (4.67, {"1": 0, "2": 0, "3": 0, "4": 1, "5": 2})
    for seen in (page, exported.text, str(api)):
        for name in NAMES:
            assert name not in seen
    with unit_of_work(app) as db:
        assert [r.invite_id for r in db.exec(select(EvaluationResponse))] == [None] * 3


def test_an_anonymous_sessions_answers_wait_until_three_have_answered(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox, api_as: Callable[..., Api]):
    send(held)
    links = links_by_address(inbox)
    answer(app, links["clinician-a@example.org"], relevance="1", comment="Too fast.")
    answer(app, links["expert-a@example.org"], relevance="5")
    page = held.coordinator.get(f"/sessions/{held.session_id}/evaluation").text
    assert "2 of 3 answered" in re.sub(r"<[^>]+>", "", page)
    assert "The answers appear once 3 people have answered" in page
    assert "Too fast." not in page
    api = api_as(Role.COORDINATOR)
    session = api.get(f"/sessions/{held.session_id}/evaluation").json
    assert (session["withheld"], session["questions"], session["answers"]) == (True, [], [])
    figures = api.get(f"/hubs/{hubs.hubs['a'].id}/evaluations").json
    assert figures["sessions"][0]["means"] == {"relevance": None, "confidence": None}
    exported = held.coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/evaluations.csv").text
    assert list(csv.DictReader(io.StringIO(exported))) == []


def test_a_fourth_anonymous_answer_cannot_be_picked_out_of_the_results(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox, api_as: Callable[..., Api]):
    added = held.coordinator.post(f"/sessions/{held.session_id}/participants", data={
        "name": "Ben Short", "email": "ben@spoke.example.org", "minutes": "60",
        "reason": "Joined by phone"})
    assert added.status_code == 302, added.text
    send(held)
    links = links_by_address(inbox)
    for address, given in (("clinician-a@example.org", ("4", "yes", "Clear.")),
                           ("expert-a@example.org", ("5", "no", "Too fast.")),
                           ("clinician2-a@example.org", ("4", "unsure", "More cases."))):
        answer(app, links[address], relevance=given[0], intention=given[1], comment=given[2])
    api, hub_id = api_as(Role.COORDINATOR), hubs.hubs["a"].id

    def seen() -> tuple[dict, str, str]:
        return (api.get(f"/sessions/{held.session_id}/evaluation").json,
                held.coordinator.get(f"/sessions/{held.session_id}/evaluation").text,
                held.coordinator.get(f"/hubs/{hub_id}/exports/evaluations.csv").text)

    before = seen()
    # The coordinator then hears Ben say "I have just answered", and looks again.
    answer(app, links["ben@spoke.example.org"], relevance="1", intention="yes",
           comment="Audio kept dropping.")
    after = seen()
    for results, page, exported in (before, after):
        assert results["answers"] == []  # no list of whole answers to set side by side
        assert "Answers by respondent" not in page
        assert list(csv.DictReader(io.StringIO(exported))) == []
    assert (before[0]["responses"], after[0]["responses"]) == (3, 4)
    by_key = {q["key"]: q for q in after[0]["questions"]}
    assert {d["value"]: d["count"] for d in by_key["intention"]["distribution"]} == {
        "yes": 2, "no": 1, "unsure": 1}
    assert by_key["relevance"]["mean"] == 3.5
    # Comments, once three have answered, in the order of their text, not of arrival.
    assert by_key["comment"]["comments"] == sorted(
        ["Clear.", "Too fast.", "More cases.", "Audio kept dropping."])


def test_a_program_that_asks_for_named_answers_shows_who_answered(
        app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], held: Held,
        inbox: Inbox):
    admin = login_as(Role.ADMIN)
    program_page = f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}"
    form = admin.get(program_page).text
    questions = re.search(r'<textarea id="questions"[^>]*>([^<]*)</textarea>', form)
    assert questions
    saved = admin.post(program_page + "/evaluation",
                       data={"questions": questions.group(1)})  # anonymous left unticked
    assert saved.status_code == 302
    send(held)
    assert "seen by the hub with your name" in text_of(inbox.messages[0])
    answer(app, links_by_address(inbox)["expert-a@example.org"], relevance="2")
    page = held.coordinator.get(f"/sessions/{held.session_id}/evaluation").text
    assert "Expert A" in page
    rows = list(csv.DictReader(io.StringIO(held.coordinator.get(
        f"/hubs/{hubs.hubs['a'].id}/exports/evaluations.csv").text)))
    assert [(r["respondent"], r["relevance"]) for r in rows] == [("Expert A", "2")]
    # The session met at 18:00 in Denver, already the next day in UTC: the export dates it
    # by the day its participants met, not by the server's calendar.
    began = clock_of(app)() - timedelta(minutes=65)
    met_on = began.astimezone(ZoneInfo("America/Denver")).date()
    assert met_on != began.astimezone(UTC).date()
    assert rows[0]["session_date"] == met_on.isoformat()


def test_a_free_comment_is_de_identified_before_staff_read_it(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox, api_as: Callable[..., Api]):
    send(held)
    comment = ("The LEEP advice helped with Mrs Grace Atieno, MRN 44881207, "
               "whom I saw on 03/11/2026.")
    links = links_by_address(inbox)
    status, _page = answer(app, links["clinician-a@example.org"], relevance="5",
                           comment=comment)
    assert status == 200
    answer(app, links["expert-a@example.org"], relevance="4")
    answer(app, links["clinician2-a@example.org"], relevance="4")
    page = held.coordinator.get(f"/sessions/{held.session_id}/evaluation").text
    api = api_as(Role.COORDINATOR).get(f"/sessions/{held.session_id}/evaluation").json
    exported = held.coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/evaluations.csv").text
    assert "The LEEP advice helped" in page
    for seen in (page, str(api), exported):
        for identifier in ("Grace", "Atieno", "44881207", "03/11/2026"):
            assert identifier not in seen
    with unit_of_work(app) as db:
        stored = str([r.answers for r in db.exec(select(EvaluationResponse))])
    assert "Atieno" not in stored
    assert "44881207" not in stored


def test_the_dashboard_and_the_api_give_the_figures_of_known_answers(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox, api_as: Callable[..., Api]):
    send(held)
    links = links_by_address(inbox)
    answer(app, links["clinician-a@example.org"], relevance="4", confidence="3",
           intention="yes")
    answer(app, links["expert-a@example.org"], relevance="5", confidence="5",
           intention="unsure")
    answer(app, links["clinician2-a@example.org"], relevance="5", confidence="4",
           intention="yes")
    hub_id = hubs.hubs["a"].id
    dashboard = held.coordinator.get(f"/hubs/{hub_id}/dashboard").text
    table = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", dashboard))
    assert "3 of 3" in table
    assert "4.67" in table  # relevance: (4 + 5 + 5) / 3
    assert "4.00" in table  # confidence: (3 + 5 + 4) / 3
    api = api_as(Role.COORDINATOR)
    figures = api.get(f"/hubs/{hub_id}/evaluations").json
    assert [(f["session_id"], f["invited"], f["responses"], f["means"])
            for f in figures["sessions"]] == [
        (held.session_id, 3, 3, {"relevance": 4.67, "confidence": 4.0})]
    assert [(t["program"], [(m["sessions"], m["responses"], m["means"]) for m in t["months"]])
            for t in figures["programs"]] == [
        ("Cervical ECHO a", [(1, 3, {"relevance": 4.67, "confidence": 4.0})])]
    session = api.get(f"/sessions/{held.session_id}/evaluation").json
    by_key = {q["key"]: q for q in session["questions"]}
    assert {d["value"]: d["count"] for d in by_key["relevance"]["distribution"]} == {
        "1": 0, "2": 0, "3": 0, "4": 1, "5": 2}
    assert {d["value"]: d["count"] for d in by_key["intention"]["distribution"]} == {
        "yes": 2, "no": 0, "unsure": 1}


def test_an_admin_edits_the_programs_questions_and_a_bad_line_is_named(
        app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], held: Held,
        inbox: Inbox):
    admin = login_as(Role.ADMIN)
    url = f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/evaluation"
    typed = "Was the case discussion useful? | scale\nWhich part helped most\n"
    refused = admin.post(url, data={"questions": typed, "anonymous": "on"})
    assert refused.status_code == 422
    assert "line 2" in refused.text
    assert "Which part helped most" in refused.text
    saved = admin.post(url, data={"questions": "Was the case discussion useful? | scale\n"
                                  "Which part helped most? | didactic, cases, both",
                                  "anonymous": "on", "required_for_certificate": "on"})
    assert saved.status_code == 302
    activity = admin.get(f"/hubs/{hubs.hubs['a'].id}/activity").text
    assert "Changed a program&#39;s session evaluation" in activity
    send(held)
    survey = app.test_client().get(links_by_address(inbox)["expert-a@example.org"]).text
    assert "Was the case discussion useful?" in survey
    assert "How relevant was this session" not in survey


def test_the_certificate_waits_for_the_evaluation_where_the_program_requires_it(
        app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], held: Held,
        inbox: Inbox):
    admin = login_as(Role.ADMIN)
    url = f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/evaluation"
    admin.post(url, data={"questions": "Useful? | scale", "anonymous": "on",
                          "required_for_certificate": "on"})
    send(held)
    expert = hubs.user(Role.EXPERT)

    def waits() -> tuple[bool, bool, bool]:
        with unit_of_work(app) as db:
            session = db.get(EchoSession, held.session_id)
            user = db.get(User, expert.id)
            assert session is not None
            assert user is not None
            return (evaluations.certificate_waits_for_evaluation(db, session, user),
                    evaluations.evaluation_done(db, held.session_id, expert.email),
                    evaluations.evaluation_done(db, held.session_id, user))

    assert waits() == (True, False, False)
    answer(app, links_by_address(inbox)["expert-a@example.org"], useful="4")
    assert waits() == (False, True, True)
