"""A transcript for spokes without an account: asked for by address on a public page that
answers the same for every address, and opened by the link e-mailed to an address that
holds credits, for that address's certificates in the period asked, for a day."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import AuditEvent, TranscriptRequest
from tests.mail_server import Inbox, link_in, text_of
from tests.support import Hubs, TestClock
from tests.test_certificates import attended, issue, pdf_text  # noqa: F401 (a fixture)

pytestmark = pytest.mark.mail

AMARA = "amara@spoke.example.org"  # 55 minutes of 60: past the rule, no account
BEN = "ben@spoke.example.org"  # 20 minutes: below the rule, no certificate


def ask(app: Flask, email: str, start: str = "", end: str = "") -> object:
    return app.test_client().post("/certificates/transcript",
                                  data={"email": email, "start": start, "end": end})


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


@pytest.fixture
def issued(app: Flask, attended: int, login_as: Callable[..., FlaskClient],  # noqa: F811
           inbox: Inbox) -> int:
    """The session's certificates issued and e-mailed; the inbox emptied after."""
    issue(app, attended, login_as)
    inbox.messages.clear()
    return attended


def test_a_spoke_without_an_account_gets_the_link_and_opens_their_transcript(
        app: Flask, issued: int, inbox: Inbox):
    page = ask(app, "  Amara@Spoke.Example.org ")
    assert page.status_code == 200
    assert "If we hold credits for this address, we have sent them" in page.text
    [message] = inbox.messages
    assert message["To"] == AMARA
    assert "transcript" in message["Subject"].lower()
    assert "Amara Okafor" in text_of(message)
    path = link_in(message, "certificates/transcript")
    opened = app.test_client().get(path)  # no sign-in: the link is the key
    assert opened.status_code == 200
    assert opened.mimetype == "application/pdf"
    text = pdf_text(opened.data)
    for expected in ("Transcript of CME/CE credits", "Amara Okafor", "Hub A",
                     "Cervical ECHO a: HPV and the cervix", "Total: 1.5 hours"):
        assert expected in text
    # Only hers: the others' certificates of the same session are not on it.
    assert "Clinician A" not in text
    assert "Expert A" not in text


def test_the_answer_is_the_same_for_an_address_without_credits_and_the_same_work_is_done(
        app: Flask, hubs: Hubs, issued: int, inbox: Inbox):
    known, unknown, below = ask(app, AMARA), ask(app, "nobody@example.org"), ask(app, BEN)
    assert known.status_code == unknown.status_code == below.status_code == 200
    assert without_csrf(known.text) == without_csrf(unknown.text) == without_csrf(below.text)
    assert [m["To"] for m in inbox.messages] == [AMARA]
    with unit_of_work(app) as db:
        requests = list(db.exec(select(TranscriptRequest).order_by(TranscriptRequest.id)))
    # A request and its task for each: the task looked at every address, and
    # only Amara's holds credits.
    assert [r.email for r in requests] == [AMARA, "nobody@example.org", BEN]
    assert all(r.looked_at is not None for r in requests)


def test_the_transcript_covers_the_period_asked_and_an_empty_period_sends_nothing(
        app: Flask, issued: int, inbox: Inbox, clock: TestClock):
    today = clock().date()
    before = (today - timedelta(days=30)).isoformat()
    assert ask(app, AMARA, start=before, end=(today - timedelta(days=20)).isoformat()
               ).status_code == 200
    assert inbox.messages == []  # nothing in that period: no link, the same page
    assert ask(app, AMARA, start=before).status_code == 200
    [message] = inbox.messages
    assert "Total: 1.5 hours" in pdf_text(
        app.test_client().get(link_in(message, "certificates/transcript")).data)


def test_a_wrong_period_is_refused_naming_the_date_and_keeping_what_was_typed(
        app: Flask, issued: int, inbox: Inbox):
    page = ask(app, AMARA, start="2026-13-01", end="")
    assert page.status_code == 422
    assert "is not a date like 2026-01-31" in page.text
    assert f'value="{AMARA}"' in page.text
    assert 'value="2026-13-01"' in page.text
    backwards = ask(app, AMARA, start="2026-06-01", end="2026-01-01")
    assert backwards.status_code == 422
    assert "The period ends before it starts." in backwards.text
    assert ask(app, "not an address").status_code == 422
    assert inbox.messages == []


def test_the_link_expires_after_a_day_and_a_made_up_one_opens_nothing(
        app: Flask, issued: int, inbox: Inbox, clock: TestClock):
    ask(app, AMARA)
    path = link_in(inbox.messages[0], "certificates/transcript")
    assert app.test_client().get(path).status_code == 200
    assert app.test_client().get("/certificates/transcript/" + "A" * 43).status_code == 404
    assert app.test_client().get("/certificates/transcript/x").status_code == 404
    clock.move_to(clock() + timedelta(days=1, minutes=1))
    expired = app.test_client().get(path)
    assert expired.status_code == 404
    assert "expired" in expired.text


def test_asking_is_throttled_like_a_password_reset_for_every_address(
        app: Flask, issued: int, inbox: Inbox, clock: TestClock):
    for email in (AMARA, "nobody@example.org"):
        answers = [ask(app, email).status_code for _ in range(6)]
        assert answers == [200] * 5 + [429]
    assert len(inbox.messages) == 5
    clock.move_to(clock() + timedelta(minutes=16))
    assert ask(app, "nobody@example.org").status_code == 200


def test_the_token_and_the_address_stay_out_of_the_trail(app: Flask, issued: int,
                                                        inbox: Inbox):
    ask(app, AMARA)
    path = link_in(inbox.messages[0], "certificates/transcript")
    app.test_client().get(path)
    token = path.rsplit("/", 1)[1]
    with unit_of_work(app) as db:
        stored = db.exec(select(TranscriptRequest)).one()
        events = " ".join(str(e.detail) + e.subject for e in db.exec(select(AuditEvent)))
    assert token not in stored.digest
    assert token not in events
    assert "amara" not in events.lower()


def test_the_verification_page_points_to_the_transcript(client: FlaskClient):
    page = client.get("/certificates/verify")
    assert 'href="/certificates/transcript"' in page.text


def test_a_request_is_deleted_a_week_after_its_link_dies_by_the_daily_purge(
        app: Flask, issued: int, inbox: Inbox, clock: TestClock):
    """A request holds an address that may be nobody's on the hub's records: the daily
    purge (`flask purge-exports`, cron) deletes it once its link has been dead a week."""
    ask(app, "nobody@example.org")
    clock.move_to(clock() + timedelta(days=7))  # the link died six days ago: kept
    ask(app, AMARA)
    kept = app.test_cli_runner().invoke(args=["purge-exports"])
    assert "0 expired transcript request(s)" in kept.output
    clock.move_to(clock() + timedelta(days=1, minutes=1))
    purged = app.test_cli_runner().invoke(args=["purge-exports"])
    assert "1 expired transcript request(s)" in purged.output
    with unit_of_work(app) as db:
        assert [r.email for r in db.exec(select(TranscriptRequest))] == [AMARA]
