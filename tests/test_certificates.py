"""CME/CE certificates: a program's terms, issued after the session to those past the
attendance rule only, e-mailed through the outbox, kept on the account page, and checked
by anyone on a public page that tells four facts and nothing more."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from email.message import Message
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import credits
from models import AuditEvent, Certificate, Hub, as_utc
from tests.mail_server import Inbox, link_in, text_of
from tests.support import Api, Hubs, assert_no_identifiers, begin_session, schedule_session
from tests.test_participants import local_day, zoom_report
from workflows import Role

pytestmark = pytest.mark.mail

STATEMENT = ("The Mountain Health Alliance is accredited by the ACCME to provide continuing "
             "medical education for physicians.")


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def attachment_of(message: Message) -> bytes:
    parts = [part for part in message.walk() if part.get_filename()]
    assert len(parts) == 1
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload


def body_of(message: Message) -> str:
    first = message.get_payload()[0]
    assert isinstance(first, Message)
    return text_of(first)


@pytest.fixture
def attended(app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient]) -> int:
    """A 60-minute session in Denver with 1.5 hours of credit at the default 80% rule:
    Amara (55 minutes, two joins) and Expert A (60) imported, Ben (20) below the rule,
    and Clinician A ticked present by the coordinator."""
    admin = login_as(Role.ADMIN)
    saved = admin.post(f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/credit",
                       data={"hours": "1.5", "statement": STATEMENT,
                             "attendance_percent": "80"})
    assert saved.status_code == 302, saved.text
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id, minutes_in=30)
    coordinator = login_as(Role.COORDINATOR)
    us_day, _ = local_day(app, session_id)
    coordinator.post(f"/sessions/{session_id}/participants/import",
                     data={"report": zoom_report(us_day)})
    recorded = coordinator.post(f"/sessions/{session_id}/attendance", data={
        "attendance_version": "0", "present": [str(hubs.user(Role.CLINICIAN).id)]})
    assert recorded.status_code == 302
    return session_id


def issue(app: Flask, session_id: int, login_as: Callable[..., FlaskClient]) -> str:
    begin_session(app, session_id, minutes_in=65)
    issued = login_as(Role.COORDINATOR).post(f"/sessions/{session_id}/certificates")
    assert issued.status_code == 302, issued.text
    return login_as(Role.COORDINATOR).get(f"/sessions/{session_id}/participants").text


def test_certificates_go_to_those_past_the_rule_only_and_read_back_as_pdf(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    too_early = login_as(Role.COORDINATOR).post(f"/sessions/{attended}/certificates")
    assert too_early.status_code == 422
    assert "once the session has ended" in too_early.text
    issue(app, attended, login_as)
    received = {m["To"]: m for m in inbox.messages}
    assert sorted(received) == ["amara@spoke.example.org", "clinician-a@example.org",
                                "expert-a@example.org"]  # Ben's 20 minutes are below 48
    # 18:00 in Denver is 01:00 UTC the next day: the certificate gives Denver's day.
    denver_day = date.fromisoformat(local_day(app, attended)[1]).strftime("%d %B %Y")
    message = received["amara@spoke.example.org"]
    text = pdf_text(attachment_of(message))
    code = re.search(r"Verification code: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})", text)
    assert code, text
    for expected in ("Hub A", "Certificate of participation", "Amara Okafor",
                     "Cervical ECHO a: HPV and the cervix", "1.5 hours", "ACCME", denver_day,
                     f"/certificates/verify/{code.group(1)}"):
        assert expected in text
    assert code.group(1) in body_of(message)


def test_issuing_again_issues_only_what_is_missing(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    issue(app, attended, login_as)
    assert len(inbox.messages) == 3
    coordinator = login_as(Role.COORDINATOR)
    coordinator.post(f"/sessions/{attended}/certificates")
    assert len(inbox.messages) == 3
    # Ben's minutes corrected by hand: the next issue adds his certificate alone.
    coordinator.post(f"/sessions/{attended}/participants", data={
        "name": "Ben Short", "email": "ben@spoke.example.org", "minutes": "55",
        "reason": "Stayed on by phone; Zoom lost him"})
    coordinator.post(f"/sessions/{attended}/certificates")
    assert [m["To"] for m in inbox.messages[3:]] == ["ben@spoke.example.org"]
    with unit_of_work(app) as db:
        codes = list(db.exec(select(Certificate.code)))
    assert len(codes) == len(set(codes)) == 4


def test_no_certificate_without_the_programs_terms(
        app: Flask, hubs: Hubs, inbox: Inbox, login_as: Callable[..., FlaskClient]):
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id, minutes_in=65)
    refused = login_as(Role.COORDINATOR).post(f"/sessions/{session_id}/certificates")
    assert refused.status_code == 422
    assert "has no CME/CE credit set" in refused.text
    assert inbox.messages == []


def test_the_verification_page_tells_name_session_date_and_hours_only(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox, client: FlaskClient,
        login_as: Callable[..., FlaskClient]):
    issue(app, attended, login_as)
    with unit_of_work(app) as db:
        certificate = db.exec(select(Certificate).where(
            Certificate.email == "amara@spoke.example.org")).one()
        code, printed = certificate.code, certificate.session_date
    typed = f"{code[:4].lower()} {code[4:8]}-{code[8:]}"  # as someone might type it
    asked = client.get("/certificates/verify", query_string={"code": typed})
    assert asked.status_code == 302
    page = client.get(asked.headers["Location"])
    assert page.status_code == 200
    answer = page.text.split('<dl id="verified">')[1].split("</dl>")[0]
    assert re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", answer) == [
        ("Name", "Amara Okafor"), ("Session", "Cervical ECHO a: HPV and the cervix"),
        ("Date", printed), ("Hours", "1.5")]
    for private in ("amara@spoke.example.org", "spoke.example.org", "ACCME",
                    "Expert A", "Coordinator A", "Hub A"):
        assert private not in page.text
    # Her 55 minutes are not told either (the random code itself may hold a "55").
    assert not re.search(r"(?<![\w-])55(?![\w-])", page.text), "minutes attended shown"
    unknown = client.get("/certificates/verify/ABCD-EFGH-JKMN-PQRS")
    assert unknown.status_code == 404
    assert "No certificate has this code" in unknown.text


def test_members_find_their_certificates_and_transcript_on_their_account(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    issue(app, attended, login_as)
    expert = login_as(Role.EXPERT)
    account = expert.get("/account").text
    assert "Cervical ECHO a: HPV and the cervix" in account
    with unit_of_work(app) as db:
        mine = db.exec(select(Certificate).where(
            Certificate.email == "expert-a@example.org")).one()
        theirs = db.exec(select(Certificate).where(
            Certificate.email == "amara@spoke.example.org")).one()
        mine_id, theirs_id, printed = mine.id, theirs.id, mine.session_date
    pdf = expert.get(f"/account/certificates/{mine_id}.pdf")
    assert pdf.status_code == 200
    assert "Expert A" in pdf_text(pdf.data)
    assert expert.get(f"/account/certificates/{theirs_id}.pdf").status_code == 404
    rows = list(csv.reader(io.StringIO(expert.get(
        "/account/transcript", query_string={"format": "csv"}).text)))
    assert rows[0] == ["session_date", "session", "hours", "verification_code"]
    assert [r[:3] for r in rows[1:]] == [[printed, "Cervical ECHO a: HPV and the cervix", "1.5"]]
    _, iso_day = local_day(app, attended)
    transcript = expert.get("/account/transcript", query_string={
        "format": "pdf", "start": iso_day, "end": iso_day})
    assert "Total: 1.5 hours" in pdf_text(transcript.data)
    before = expert.get("/account/transcript", query_string={
        "format": "csv", "end": "2000-01-01"}).text
    assert before.strip().splitlines()[1:] == []
    bad = expert.get("/account/transcript", query_string={"start": "last spring"})
    assert bad.status_code == 422
    assert "is not a date like 2026-01-31" in bad.text


def test_a_programs_terms_are_its_admins_and_say_what_is_wrong(
        hubs: Hubs, login_as: Callable[..., FlaskClient]):
    url = f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/credit"
    assert login_as(Role.COORDINATOR).get(url).status_code == 403
    assert login_as(Role.ADMIN, "b").get(url).status_code == 404
    page = login_as(Role.ADMIN).post(url, data={"hours": "1.3", "statement": STATEMENT,
                                                "attendance_percent": "120"})
    assert page.status_code == 422
    assert "quarter hours" in page.text
    assert "from 1 to 100" in page.text
    assert "ACCME" in page.text, "the statement typed is kept"


def test_a_refused_certificate_e_mail_waits_in_the_outbox_and_goes_on_the_next_run(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    inbox.refuse_first = 1  # the mail server is busy for the first message
    page = issue(app, attended, login_as)
    assert len(inbox.messages) == 2
    assert "not sent yet (SMTPDataError: 451)" in page
    begin_session(app, attended, minutes_in=80)  # past the retry's time
    result = app.test_cli_runner().invoke(args=["deliver-letters"])
    assert "and 1 certificate e-mail(s)" in result.output
    assert len(inbox.messages) == 3
    assert len({m["To"] for m in inbox.messages}) == 3


def test_a_certificate_carries_nothing_of_the_cases_presented(
        app: Flask, hubs: Hubs, finished_case: dict[str, object], inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    """The finished case was presented at this session, and its expert attended."""
    login_as(Role.ADMIN).post(f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/credit",
                              data={"hours": "1", "statement": STATEMENT})
    issue(app, int(str(finished_case["session_id"])), login_as)
    assert [m["To"] for m in inbox.messages] == ["expert-a@example.org"]
    text = pdf_text(attachment_of(inbox.messages[0])) + body_of(inbox.messages[0])
    assert_no_identifiers(text)
    for case_words in ("Abnormal Pap", "LEEP", "Case", "HPV 16", "colposcopy"):
        assert case_words not in text


def test_spokes_without_an_account_are_asked_to_evaluate_and_where_the_program_requires_it_the_certificate_follows_their_answer(  # noqa: E501
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    admin = login_as(Role.ADMIN)
    admin.post(f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/evaluation",
               data={"questions": "Useful? | scale", "anonymous": "on",
                     "required_for_certificate": "on"})
    begin_session(app, attended, minutes_in=65)
    coordinator = login_as(Role.COORDINATOR)
    assert coordinator.post(f"/sessions/{attended}/evaluations/send").status_code == 302
    surveys = {str(m["To"]): link_in(m, "evaluations") for m in inbox.messages}
    # Everyone who took part is asked, Ben (below the credit rule) and Amara (no account)
    # included: the evaluation is of the session, not of the credit.
    assert sorted(surveys) == ["amara@spoke.example.org", "ben@spoke.example.org",
                               "clinician-a@example.org", "expert-a@example.org"]
    inbox.messages.clear()

    assert coordinator.post(f"/sessions/{attended}/certificates").status_code == 302
    page = coordinator.get(f"/sessions/{attended}/participants").text
    assert "3 waiting for their evaluation of the session" in page
    assert inbox.messages == []

    answered = app.test_client().post(surveys["amara@spoke.example.org"], data={"useful": "5"})
    assert answered.status_code == 200, answered.text
    coordinator.post(f"/sessions/{attended}/certificates")
    assert [m["To"] for m in inbox.messages] == ["amara@spoke.example.org"]


def test_a_certificate_waiting_for_the_evaluation_is_mailed_once_it_is_answered(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    admin = login_as(Role.ADMIN)
    admin.post(f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/evaluation",
               data={"questions": "Useful? | scale", "anonymous": "on",
                     "required_for_certificate": "on"})
    issue(app, attended, login_as)
    assert inbox.messages == []  # all three wait for their evaluation
    assert "3 waiting for their evaluation" in login_as(Role.COORDINATOR).post(
        f"/sessions/{attended}/certificates", follow_redirects=True).text
    sent = login_as(Role.COORDINATOR).post(f"/sessions/{attended}/evaluations/send")
    assert sent.status_code == 302, sent.text
    survey = link_in(next(m for m in inbox.messages if m["To"] == "amara@spoke.example.org"),
                     "evaluations")
    before = len(inbox.messages)
    answered = app.test_client().post(survey, data={"useful": "5"})
    assert answered.status_code == 200, answered.text
    arrived = inbox.messages[before:]
    assert [m["To"] for m in arrived] == ["amara@spoke.example.org"]
    text = pdf_text(attachment_of(arrived[0]))
    assert "Amara Okafor" in text
    assert "1.5 hours" in text
    # Nobody else's certificate came with it, and issuing again sends none twice.
    login_as(Role.COORDINATOR).post(f"/sessions/{attended}/certificates")
    assert len(inbox.messages) == before + 1


def test_an_answer_before_any_issue_leaves_the_certificate_to_the_coordinator(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    admin = login_as(Role.ADMIN)
    admin.post(f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/evaluation",
               data={"questions": "Useful? | scale", "anonymous": "on",
                     "required_for_certificate": "on"})
    begin_session(app, attended, minutes_in=65)
    login_as(Role.COORDINATOR).post(f"/sessions/{attended}/evaluations/send")
    survey = link_in(next(m for m in inbox.messages if m["To"] == "amara@spoke.example.org"),
                     "evaluations")
    before = len(inbox.messages)
    assert app.test_client().post(survey, data={"useful": "5"}).status_code == 200
    assert len(inbox.messages) == before  # attendance is not final until they issue
    login_as(Role.COORDINATOR).post(f"/sessions/{attended}/certificates")
    assert [m["To"] for m in inbox.messages[before:]] == ["amara@spoke.example.org"]


def test_minutes_before_the_session_began_earn_nothing(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    us_day, _ = local_day(app, attended)  # an 18:00-19:00 session, Denver time
    early = ("Name (Original Name),User Email,Join Time,Leave Time\n"
             f"Eve Early,eve@spoke.example.org,{us_day} 05:15:00 PM,{us_day} 06:05:00 PM\n")
    coordinator = login_as(Role.COORDINATOR)
    preview = coordinator.post(f"/sessions/{attended}/participants/preview",
                               data={"report": early})
    assert preview.status_code == 200, preview.text
    assert re.search(r">\s*5\s*<", preview.text), "50 minutes in the room, 5 of the session"
    coordinator.post(f"/sessions/{attended}/participants/import", data={"report": early})
    issue(app, attended, login_as)
    assert "eve@spoke.example.org" not in [m["To"] for m in inbox.messages]
    assert len(inbox.messages) == 3


def test_a_revoked_certificate_says_so_on_the_public_check_and_nothing_more(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient], api_as: Callable[..., Api]):
    issue(app, attended, login_as)
    amara = next(m for m in inbox.messages if m["To"] == "amara@spoke.example.org")
    code = re.search(r"([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})", body_of(amara))
    assert code
    with unit_of_work(app) as db:
        certificate = db.exec(select(Certificate).where(
            Certificate.email == "amara@spoke.example.org")).one()
    coordinator = login_as(Role.COORDINATOR)
    revoke = f"/sessions/{attended}/certificates/revoke"
    unexplained = coordinator.post(revoke, data={"certificate_id": certificate.id,
                                                 "reason": " "})
    assert unexplained.status_code == 422
    assert "Say why the certificate is revoked" in unexplained.text
    assert login_as(Role.EXPERT).post(revoke, data={
        "certificate_id": certificate.id, "reason": "Wrong person"}).status_code == 403
    reason = "Her minutes were another Amara's; corrected from the sign-in sheet"
    done = coordinator.post(revoke, data={"certificate_id": certificate.id, "reason": reason})
    assert done.status_code == 302, done.text
    again = coordinator.post(revoke, data={"certificate_id": certificate.id, "reason": reason})
    assert again.status_code == 422  # a rule, not a stale read: retrying cannot help

    checked = app.test_client().get(f"/certificates/verify/{code.group(1)}")
    assert checked.status_code == 410
    answer = checked.text.split('<dl id="verified">')[1].split("</dl>")[0]
    assert [dt for dt, _dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", answer)] == [
        "Name", "Session", "Date", "Hours"]
    assert "This certificate was revoked." in checked.text
    for private in (reason, "another Amara", "Coordinator A", "amara@spoke.example.org"):
        assert private not in checked.text
    with unit_of_work(app) as db:
        [event] = db.exec(select(AuditEvent).where(AuditEvent.kind == "certificate_revoked"))
        assert (event.actor_id, event.detail) == (
            hubs.user(Role.COORDINATOR).id,
            {"certificate_id": certificate.id, "reason": reason})
    # Issuing again does not issue her another one.
    sent = len(inbox.messages)
    coordinator.post(f"/sessions/{attended}/certificates")
    assert len(inbox.messages) == sent
    assert "revoked" in coordinator.get(f"/sessions/{attended}/participants").text
    # And the hub's figures count the two certificates that stand.
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/credits").json
    assert sum(m["certificates"] for m in figures["total"]) == 2
    # The hub's record keeps it, as issued, marked with when it was revoked.
    record = coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/credits.csv").text
    rows = {row["email"]: row for row in csv.DictReader(io.StringIO(record))}
    assert rows["amara@spoke.example.org"]["revoked_at"]
    assert all(not row["revoked_at"] for email, row in rows.items()
               if email != "amara@spoke.example.org")


def test_a_revoked_certificate_stays_on_its_holders_account_marked_revoked_without_a_download(
        app: Flask, hubs: Hubs, attended: int, inbox: Inbox,
        login_as: Callable[..., FlaskClient]):
    issue(app, attended, login_as)
    with unit_of_work(app) as db:
        certificate = db.exec(select(Certificate).where(
            Certificate.user_id == hubs.user(Role.CLINICIAN).id)).one()
        cert_id, title = certificate.id, certificate.session_title
        shown = credits.shown_code(certificate.code)
    pdf = f"/account/certificates/{cert_id}.pdf"
    clinician = login_as(Role.CLINICIAN)
    assert f'href="{pdf}"' in clinician.get("/account").text
    assert clinician.get(pdf).status_code == 200
    done = login_as(Role.COORDINATOR).post(f"/sessions/{attended}/certificates/revoke", data={
        "certificate_id": cert_id, "reason": "Ticked present by mistake"})
    assert done.status_code == 302, done.text
    with unit_of_work(app) as db:
        revoked = db.get(Certificate, cert_id)
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert revoked is not None
        assert revoked.revoked_at is not None
        assert hub is not None
        day = as_utc(revoked.revoked_at).astimezone(ZoneInfo(hub.timezone))
    revoked_on = day.strftime("%d %B %Y")  # the day in the hub's zone, her zone too

    account = clinician.get("/account").text
    listing = account.split('id="account-certificates"')[1].split("</ul>")[0]
    assert title in listing
    assert f"revoked on {revoked_on}" in listing
    assert pdf not in account
    mine = clinician.get("/account/certificates").text
    row = next(r for r in mine.split("<tr>") if title in r)
    assert f"Revoked on {revoked_on}" in row
    assert pdf not in mine
    assert "earns no credit" in mine  # and what revoked means, once
    # The address typed in by hand finds it no longer, and her transcript leaves it out.
    gone = clinician.get(pdf)
    assert gone.status_code == 410
    assert "This certificate was revoked" in gone.text
    transcript = clinician.get("/account/transcript?format=csv").text
    assert transcript.startswith("session_date,")
    assert shown not in transcript
