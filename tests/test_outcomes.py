"""What happened after the panel's advice: asked by e-mail a set time after the letter,
reminded until answered or declined, told through the case's de-identification, and
counted on the hub's dashboard."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import Message
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import (
    Adherence,
    Hub,
    Letter,
    Outcome,
    OutcomeStatus,
    PatientStatus,
    User,
    as_utc,
)
from tests.mail_server import Inbox, text_of
from tests.support import IDENTIFIED_CASE, Api, Hubs, TestClock, assert_no_identifiers
from workflows import Role

pytestmark = pytest.mark.mail

# Identifiers of the case, and some new ones only the outcome holds ("Kestrel Bay" is a
# place the clinician adds to the words to remove).
NARRATIVE = ("Rosalind Achterberg had her LEEP at Willowmere Community Clinic. Her husband "
             "Joaquim Achterberg drove her to Kestrel Bay for the follow-up colposcopy.")
WHY = "Rosalind Achterberg asked to wait until after her exams."
NEW_IDENTIFIERS = ["Kestrel Bay"]
ANSWER = {"adherence_0": "partly", "why_0": WHY, "patient_status": "in_treatment",
          "narrative": NARRATIVE, "redact": "Kestrel Bay"}


def _remind(app: Flask) -> str:
    """The cron job: ``flask --app wsgi outcomes remind``."""
    result = app.test_cli_runner().invoke(args=["outcomes", "remind"])
    assert result.exit_code == 0, result.output
    return result.output


def _outcome_mail(inbox: Inbox) -> list[Message]:
    return [m for m in inbox.messages if "What happened" in str(m["Subject"])]


def _link(message: Message) -> str:
    match = re.search(r"http://localhost(/cases/\d+/outcome)\b", text_of(message))
    assert match, text_of(message)
    return match.group(1)


def _signed_at(app: Flask, case_id: int) -> datetime:
    with unit_of_work(app) as db:
        letter = db.exec(select(Letter).where(Letter.case_id == case_id)).one()
        return as_utc(letter.created_at)


def _asked(app: Flask, clock: TestClock, case: dict[str, Any], inbox: Inbox) -> str:
    """Move to eight weeks and an hour after the letter and run the job: the request goes."""
    clock.move_to(_signed_at(app, case["id"]) + timedelta(weeks=8, hours=1))
    assert "Sent 1 outcome request(s)" in _remind(app)
    [request] = _outcome_mail(inbox)
    return _link(request)


def _previewed(client: FlaskClient, path: str, answer: dict[str, str]) -> str:
    page = client.post(f"{path}/preview", data=answer)
    assert page.status_code == 200, page.text
    match = re.search(r'name="previewed" value="([0-9a-f]{64})"', page.text)
    assert match, "the preview offers nothing to send"
    return match.group(1)


def _without_identifiers(text: str) -> None:
    assert_no_identifiers(text)
    assert not [i for i in NEW_IDENTIFIERS if i.lower() in text.lower()]


def test_the_clinician_is_asked_eight_weeks_after_the_letter_and_answers_through_its_link(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
):
    signed = _signed_at(app, finished_case["id"])
    clock.move_to(signed + timedelta(weeks=8) - timedelta(hours=1))
    assert "Sent 0 outcome request(s)" in _remind(app)
    assert not _outcome_mail(inbox)

    path = _asked(app, clock, finished_case, inbox)
    [request] = _outcome_mail(inbox)
    assert request["To"] == "clinician-a@example.org"
    assert f"case {finished_case['id']}" in request["Subject"]
    _without_identifiers(text_of(request))
    _remind(app)
    assert len(_outcome_mail(inbox)) == 1, "asked twice"

    clinician = login_as(Role.CLINICIAN)  # the clock moved eight weeks: sign in again
    assert "Outcome requested" in clinician.get("/cases").text
    page = clinician.get(path)
    assert page.status_code == 200
    assert "Proceed to LEEP within 4 weeks." in page.text

    preview = clinician.post(f"{path}/preview", data=ANSWER)
    shown = preview.text.split('id="outcome-preview"')[1].split("</section>")[0]
    _without_identifiers(shown)
    # The patient keeps the placeholder the case gave her ("[PERSON 1], MRN ...").
    history = api_as(Role.COORDINATOR).get(f"/cases/{finished_case['id']}").json[
        "deidentified_fields"]["history"]
    assert history.split(",")[0] in shown
    assert "Partly followed" in shown
    assert "LEEP" in shown
    sent = clinician.post(path, data={**ANSWER, "previewed": _previewed(clinician, path, ANSWER)})
    assert sent.status_code == 302
    assert "Outcome requested" not in clinician.get("/cases").text

    for role in (Role.COORDINATOR, Role.EXPERT):
        case_page = login_as(role).get(f"/cases/{finished_case['id']}").text
        told = case_page.split('id="outcome"')[1].split("</section>")[0]
        assert "In treatment" in told
        assert "Partly followed" in told
        assert "LEEP" in told
        _without_identifiers(told)


def test_staff_read_the_outcome_de_identified_on_the_page_in_the_api_and_in_the_export(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock, hubs: Hubs,
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
):
    path = _asked(app, clock, finished_case, inbox)
    clinician = login_as(Role.CLINICIAN)
    clinician.post(path, data={**ANSWER, "previewed": _previewed(clinician, path, ANSWER)})

    for role in (Role.COORDINATOR, Role.EXPERT, Role.ADMIN):
        told = api_as(role).get(f"/cases/{finished_case['id']}/outcome")
        assert told.status_code == 200
        assert told.json["status"] == "answered"
        assert told.json["patient_status"] == "in_treatment"
        assert told.json["items"][0]["adherence"] == "partly"
        assert told.json["narrative"]
        assert told.json["items"][0]["why"]
        _without_identifiers(told.text)
    hub_id = hubs.hubs["a"].id
    coordinator = login_as(Role.COORDINATOR)
    for page in (coordinator.get(f"/hubs/{hub_id}/dashboard"),
                 coordinator.get(f"/hubs/{hub_id}/exports/outcomes.csv"),
                 coordinator.get(f"/hubs/{hub_id}/exports/cases.csv"),
                 api_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/outcomes")):
        assert page.status_code == 200
        _without_identifiers(page.text)
    # Another hub's coordinator learns nothing of it.
    assert api_as(Role.COORDINATOR, "b").get(
        f"/cases/{finished_case['id']}/outcome").status_code == 404


def test_what_is_sent_is_what_was_previewed_and_nothing_typed_is_lost(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
    login_as: Callable[..., FlaskClient],
):
    path = _asked(app, clock, finished_case, inbox)
    clinician = login_as(Role.CLINICIAN)
    digest = _previewed(clinician, path, ANSWER)
    changed = {**ANSWER, "narrative": NARRATIVE + " She is well."}
    refused = clinician.post(path, data={**changed, "previewed": digest})
    assert refused.status_code == 422
    assert "changed since its preview" in refused.text
    assert "She is well." in refused.text  # typed text comes back, for the author alone

    unrated = clinician.post(f"{path}/preview", data={**ANSWER, "adherence_0": ""})
    assert unrated.status_code == 422
    assert "Say whether this recommendation was followed" in unrated.text
    assert "exams" in unrated.text
    with unit_of_work(app) as db:
        outcome = db.exec(select(Outcome)).one()
        assert outcome.status is OutcomeStatus.REQUESTED


def test_reminders_come_one_and_three_weeks_after_the_request_then_every_four_until_answered(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
    login_as: Callable[..., FlaskClient],
):
    path = _asked(app, clock, finished_case, inbox)
    asked = clock()
    clock.move_to(asked + timedelta(days=6))
    _remind(app)
    assert len(_outcome_mail(inbox)) == 1
    clock.move_to(asked + timedelta(weeks=1, minutes=1))
    assert "and 1 reminder(s)" in _remind(app)
    assert "and 0 reminder(s)" in _remind(app)  # never twice in one interval
    [_request, reminder] = _outcome_mail(inbox)
    assert " ".join(str(reminder["Subject"]).split()).startswith("Reminder:")
    assert _link(reminder) == path
    clock.move_to(asked + timedelta(weeks=3, minutes=1))
    _remind(app)
    assert len(_outcome_mail(inbox)) == 3
    clock.move_to(asked + timedelta(weeks=6, days=6))
    _remind(app)
    assert len(_outcome_mail(inbox)) == 3, "the third reminder is four weeks after the second"
    for weeks, mails in ((7, 4), (11, 5)):
        clock.move_to(asked + timedelta(weeks=weeks, hours=weeks))  # cron a little late
        _remind(app)
        _remind(app)
        assert len(_outcome_mail(inbox)) == mails, weeks

    clinician = login_as(Role.CLINICIAN)  # signed in at the new time
    clinician.post(path, data={**ANSWER, "previewed": _previewed(clinician, path, ANSWER)})
    for weeks in (15, 19, 40):
        clock.move_to(asked + timedelta(weeks=weeks, minutes=1))
        _remind(app)
    assert len(_outcome_mail(inbox)) == 5, "reminded after the answer"


def test_a_cron_that_was_off_sends_one_reminder_not_a_burst(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
):
    _asked(app, clock, finished_case, inbox)
    asked = clock()
    clock.move_to(asked + timedelta(weeks=4))
    _remind(app)
    _remind(app)
    assert len(_outcome_mail(inbox)) == 2
    # Off for half a year: the second reminder, once, then one every four weeks after it;
    # the six missed in between are not caught up.
    clock.move_to(asked + timedelta(weeks=30))
    _remind(app)
    _remind(app)
    assert len(_outcome_mail(inbox)) == 3
    for weeks, mails in ((31, 3), (34, 4), (37, 4), (38, 5)):
        clock.move_to(asked + timedelta(weeks=weeks, hours=weeks))  # cron a little late
        _remind(app)
        assert len(_outcome_mail(inbox)) == mails, weeks


def test_reminders_stop_when_the_clinician_leaves_the_hub(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock, hubs: Hubs,
):
    _asked(app, clock, finished_case, inbox)
    asked = clock()
    clock.move_to(asked + timedelta(weeks=3, minutes=1))
    _remind(app)
    _remind(app)  # a week apart is not yet
    assert len(_outcome_mail(inbox)) == 2
    with unit_of_work(app) as db:
        clinician = db.get(User, hubs.user(Role.CLINICIAN).id)
        assert clinician is not None
        clinician.active = False
        db.add(clinician)
    for weeks in (4, 7, 11, 15):
        clock.move_to(asked + timedelta(weeks=weeks, minutes=1))
        assert "and 0 reminder(s)" in _remind(app)
    assert len(_outcome_mail(inbox)) == 2


def test_declining_stops_the_reminders_and_staff_read_the_reason_de_identified(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
):
    path = _asked(app, clock, finished_case, inbox)
    asked = clock()
    clinician = login_as(Role.CLINICIAN)
    declined = clinician.post(f"{path}/decline",
                              data={"reason": "Rosalind Achterberg moved to Kestrel Bay."})
    assert declined.status_code == 302
    assert "Outcome requested" not in clinician.get("/cases").text
    assert "you will not be asked again" in clinician.get(path).text
    clock.move_to(asked + timedelta(weeks=4))
    _remind(app)
    assert len(_outcome_mail(inbox)) == 1
    told = api_as(Role.COORDINATOR).get(f"/cases/{finished_case['id']}/outcome").json
    assert told["status"] == "declined"
    assert "moved to" in told["decline_reason"]
    _without_identifiers(told["decline_reason"])
    # Answering after declining is refused, and says why.
    late = login_as(Role.CLINICIAN).post(f"{path}/preview", data=ANSWER)
    assert late.status_code == 422
    assert "declined" in late.text


def test_a_program_may_ask_sooner(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock, hubs: Hubs,
):
    result = app.test_cli_runner().invoke(
        args=["outcomes", "ask-after", str(hubs.program_id()), "14"])
    assert result.exit_code == 0, result.output
    clock.move_to(_signed_at(app, finished_case["id"]) + timedelta(days=14, hours=1))
    _remind(app)
    assert len(_outcome_mail(inbox)) == 1


def test_an_admin_chooses_in_the_browser_when_a_program_asks(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock, hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    admin = login_as(Role.ADMIN)
    url = f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/outcomes"
    assert 'value="56"' in admin.get(url).text
    refused = admin.post(url, data={"ask_after_days": "two weeks"})
    assert refused.status_code == 422
    assert 'value="two weeks"' in refused.text
    assert admin.post(url, data={"ask_after_days": "999"}).status_code == 422
    assert admin.post(url, data={"ask_after_days": "21"}).status_code == 302
    assert 'value="21"' in admin.get(url).text
    signed = _signed_at(app, finished_case["id"])
    clock.move_to(signed + timedelta(days=20))
    _remind(app)
    assert not _outcome_mail(inbox)
    clock.move_to(signed + timedelta(days=21, hours=1))
    _remind(app)
    assert len(_outcome_mail(inbox)) == 1
    assert login_as(Role.ADMIN, "b").get(url).status_code == 404


def test_only_the_presenting_clinician_tells_the_outcome(
    app: Flask, finished_case: dict[str, Any], hubs: Hubs,
    login_as: Callable[..., FlaskClient],
):
    other = app.test_client()
    other.post("/login", data={"email": "clinician2-a@example.org",
                               "password": "correct-horse-battery"})
    path = f"/cases/{finished_case['id']}/outcome"
    assert other.get(path).status_code == 404
    assert other.post(f"{path}/decline", data={}).status_code == 404
    assert login_as(Role.COORDINATOR).get(path).status_code == 403


# --- the figures --------------------------------------------------------------------------


def _known_outcomes(app: Flask, hubs: Hubs, api_as: Callable[..., Api]) -> None:
    """Hub A: Cervical (two told: 2 of 3 followed, 1 partly; and 0 of 1, not followed;
    one declined; one awaiting) and Myeloma (one told: 1 of 1 followed; one asked of
    nobody yet, which is not counted). Hub B: one told, which hub A never counts."""
    with unit_of_work(app) as db:
        hub_a = db.get(Hub, hubs.hubs["a"].id)
        assert hub_a is not None
        myeloma_id = accounts.create_program(db, hub_a, "Myeloma ECHO").id
    rows: list[tuple[str, int | None, dict[str, Any]]] = [
        ("a", None, {"status": OutcomeStatus.ANSWERED, "followed": 2, "partly": 1,
                     "patient_status": PatientStatus.ALIVE_NO_EVIDENCE_OF_DISEASE}),
        ("a", None, {"status": OutcomeStatus.ANSWERED, "not_followed": 1,
                     "patient_status": PatientStatus.DIED}),
        ("a", None, {"status": OutcomeStatus.DECLINED}),
        ("a", None, {"status": OutcomeStatus.REQUESTED}),
        ("a", myeloma_id, {"status": OutcomeStatus.ANSWERED, "followed": 1,
                           "patient_status": PatientStatus.IN_TREATMENT}),
        ("a", myeloma_id, {"status": OutcomeStatus.REQUESTED, "requested_at": None}),
        ("b", None, {"status": OutcomeStatus.ANSWERED, "not_followed": 5,
                     "patient_status": PatientStatus.DIED}),
    ]
    for hub, program_id, values in rows:
        case = api_as(Role.CLINICIAN, hub).post("/cases", {
            "program_id": program_id or hubs.program_id(hub), "fields": IDENTIFIED_CASE}).json
        with unit_of_work(app) as db:
            now = as_utc(datetime.now().astimezone())
            answered = values["status"] is OutcomeStatus.ANSWERED
            db.add(Outcome(**{"case_id": case["id"], "hub_id": hubs.hubs[hub].id,
                              "program_id": program_id or hubs.program_id(hub),
                              "clinician_id": hubs.user(Role.CLINICIAN, hub).id,
                              "requested_at": now, "answered_at": now if answered else None,
                              **values}))


def test_the_dashboard_counts_outcomes_by_program_from_known_answers(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], login_as: Callable[..., FlaskClient],
):
    _known_outcomes(app, hubs, api_as)
    hub_id = hubs.hubs["a"].id
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/outcomes").json
    by_program = {p["program"]: p for p in figures["programs"]}
    cervical, myeloma = by_program["Cervical ECHO a"], by_program["Myeloma ECHO"]
    assert (cervical["answered"], cervical["declined"], cervical["awaiting"]) == (2, 1, 1)
    assert (cervical["followed"], cervical["partly"], cervical["not_followed"]) == (2, 1, 1)
    assert cervical["share_followed"] == 0.5
    assert cervical["patients"]["died"] == 1
    assert (myeloma["answered"], myeloma["awaiting"], myeloma["share_followed"]) == (1, 0, 1.0)
    total = figures["total"]
    assert total["recommendations_rated"] == 5
    assert total["share_followed"] == 0.6
    assert total["awaiting"] == 1
    assert len(figures["awaiting"]) == 1
    assert total["patients"]["died"] == 1  # hub B's death is not hub A's

    page = login_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/dashboard").text
    assert re.search(r'id="share-followed">60%<', page)
    assert re.search(r'id="awaiting-count">1<', page)
    assert "Myeloma ECHO" in page.split('id="outcomes-by-program"')[1]

    exported = login_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/exports/outcomes.csv")
    rows = {r["program"]: r for r in csv.DictReader(io.StringIO(exported.text))}
    assert rows["Cervical ECHO a"]["share_followed"] == "0.5"
    assert rows["All programs"]["recommendations_rated"] == "5"
    assert rows["Myeloma ECHO"]["patients_in_treatment"] == "1"
    assert api_as(Role.EXPERT).get(f"/hubs/{hub_id}/outcomes").status_code == 403
    assert api_as(Role.COORDINATOR, "b").get(f"/hubs/{hub_id}/outcomes").status_code == 404


def test_the_dashboard_says_one_outcome_and_many_outcomes(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], login_as: Callable[..., FlaskClient],
):
    _known_outcomes(app, hubs, api_as)
    many = _words(login_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text)
    assert "60% of 5 rated recommendations followed in full" in many
    assert "3 outcomes told, 1 declined, 1 awaiting an answer" in many
    one = _words(login_as(Role.COORDINATOR, "b").get(
        f"/hubs/{hubs.hubs['b'].id}/dashboard").text)
    assert "1 outcome told, 0 declined, 0 awaiting an answer" in one
    assert "outcomes told" not in one


def _words(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace(" ,", ",")


def test_the_adherence_words_cover_every_choice():
    from echo_cases.services.outcomes import ADHERENCE_WORDS, STATUS_WORDS

    assert set(ADHERENCE_WORDS) == set(Adherence)
    assert set(STATUS_WORDS) == set(PatientStatus)


def test_an_outcome_is_told_and_de_identified_after_retention_deleted_the_original(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
):
    from echo_cases.services import retention

    path = _asked(app, clock, finished_case, inbox)
    with unit_of_work(app) as db:
        assert retention.purge_originals(db, after_days=0) == [finished_case["id"]]
    clinician = login_as(Role.CLINICIAN)
    sent = clinician.post(path, data={**ANSWER, "previewed": _previewed(clinician, path, ANSWER)})
    assert sent.status_code == 302
    told = api_as(Role.COORDINATOR).get(f"/cases/{finished_case['id']}/outcome")
    assert told.json["status"] == "answered"
    _without_identifiers(told.text)


def test_the_clinician_keeps_a_proposed_redaction_as_in_the_cases_preview(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
):
    path = _asked(app, clock, finished_case, inbox)
    clinician = login_as(Role.CLINICIAN)
    answer = {**ANSWER, "redact": "",
              "narrative": "She took the ferry from Kestrel Bay to her colposcopy."}
    page = clinician.post(f"{path}/preview", data=answer).text
    row = re.search(r'<tr><td>Kestrel Bay</td><td>[^<]*</td><td>(\w+)</td>\s*'
                    r'<td><input type="checkbox" id="keep-[^"]+" name="keep" '
                    r'value="(narrative:\d+:\d+)"', page)
    assert row, "the place is not offered to keep"
    confidence, key = row.groups()
    unexplained = clinician.post(f"{path}/preview", data={**answer, "keep": key})
    if confidence == "high":
        assert unexplained.status_code == 422
        assert "say why it is not" in unexplained.text
        assert f'value="{key}" checked' in unexplained.text  # the tick is not lost
    else:
        assert unexplained.status_code == 200
    kept = {**answer, "keep": key, f"reason:{key}": "A ferry terminal's name, not hers."}
    sent = clinician.post(path, data={**kept, "previewed": _previewed(clinician, path, kept)})
    assert sent.status_code == 302
    told = api_as(Role.COORDINATOR).get(f"/cases/{finished_case['id']}/outcome").json
    assert "Kestrel Bay" in told["narrative"]


def test_a_clinician_who_left_the_hub_is_not_asked(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock, hubs: Hubs,
):
    with unit_of_work(app) as db:
        clinician = db.get(User, hubs.user(Role.CLINICIAN).id)
        assert clinician is not None
        clinician.active = False
        db.add(clinician)
    clock.move_to(_signed_at(app, finished_case["id"]) + timedelta(weeks=8, hours=1))
    assert "Sent 0 outcome request(s)" in _remind(app)
    assert not _outcome_mail(inbox)


def test_a_kept_phrase_the_form_names_unreadably_is_refused_not_dropped(
    app: Flask, finished_case: dict[str, Any], inbox: Inbox, clock: TestClock,
    login_as: Callable[..., FlaskClient],
):
    path = _asked(app, clock, finished_case, inbox)
    clinician = login_as(Role.CLINICIAN)
    page = clinician.post(f"{path}/preview", data={**ANSWER, "keep": "narrative:²:9"})
    assert page.status_code == 422
    assert "A kept phrase on the form could not be read" in page.text
    assert "exams" in page.text  # what was typed comes back
