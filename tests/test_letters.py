"""From sign-off to a letter in the clinician's hands: the PDF, the e-mail, the retries."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlmodel import select
from werkzeug.test import TestResponse

from echo_cases.db import unit_of_work
from echo_cases.services import letters
from echo_cases.settings import Settings, SmtpSettings
from models import Case, Delivery, DeliveryStatus, Hub, utcnow
from tests.mail_server import Inbox, free_port, serving
from tests.support import (
    IDENTIFIERS,
    Api,
    Hubs,
    TestClock,
    act,
    schedule_session,
    walk_to,
)
from workflows import Role

pytestmark = pytest.mark.mail


def _pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # justified lines come back with doubled spaces


def _signed_off(api_as: Callable[..., Api], submitted: dict[str, Any], app: Flask,
                hubs: Hubs) -> dict[str, Any]:
    return walk_to(api_as, submitted, "recommendations_sent", schedule_session(app, hubs))


def test_signing_off_produces_a_letter_with_everything_the_clinician_needs(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    response = api_as(Role.CLINICIAN).get(f"/cases/{case['id']}/letter.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = _pdf_text(response.data)
    for expected in ("Hub A", "Cervical ECHO a", "have LEEP now or wait for",
                     "Proceed to LEEP within 4", "ASCCP 2019", "Expert A", "advisory",
                     "responsible for the"):
        assert expected in text, expected
    assert "America/Denver" in text  # the session date, in the session's own zone


def test_the_letter_never_contains_the_identified_original(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    text = _pdf_text(api_as(Role.COORDINATOR).get(f"/cases/{case['id']}/letter.pdf").data)
    leaked = [ident for ident in IDENTIFIERS if ident.lower() in text.lower()]
    assert not leaked


def test_the_clinician_receives_the_letter_by_email(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == hubs.user(Role.CLINICIAN).email
    assert f"case {case['id']}" in message["Subject"]
    attachments = [part for part in message.walk() if part.get_filename()]
    assert len(attachments) == 1
    attached = attachments[0].get_payload(decode=True)
    assert "Proceed to LEEP" in _pdf_text(attached)
    body = message.get_payload()[0].get_payload(decode=True).decode()
    assert all(ident not in body for ident in IDENTIFIERS)
    seen = api_as(Role.COORDINATOR).get(f"/cases/{case['id']}").json
    assert [d["status"] for d in seen["letter"]["deliveries"]] == ["sent"]


def test_attendees_get_the_letter_when_the_hub_asks_for_it(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        hub.letters_to_attendees = True
    session_id = schedule_session(app, hubs)
    case = walk_to(api_as, submitted_case, "presented", session_id)
    coordinator = api_as(Role.COORDINATOR)
    attended = coordinator.client.put(
        f"/api/v1/sessions/{session_id}/attendance", headers=coordinator.headers,
        json={"version": 0,
              "present_ids": [hubs.user(Role.EXPERT).id, hubs.user(Role.ADMIN).id]})
    assert attended.status_code == 200
    walk_to(api_as, case, "recommendations_sent", session_id)
    recipients = sorted(m["To"] for m in inbox.messages)
    assert recipients == sorted([hubs.user(Role.CLINICIAN).email, hubs.user(Role.EXPERT).email,
                                 hubs.user(Role.ADMIN).email])


def test_a_failed_send_keeps_the_letter_and_is_retried_until_it_goes(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    smtp_port: int,
):
    """No SMTP server is listening yet: the letter must survive and go out later, once."""
    case = _signed_off(api_as, submitted_case, app, hubs)
    seen = api_as(Role.COORDINATOR).get(f"/cases/{case['id']}").json
    delivery = seen["letter"]["deliveries"][0]
    assert delivery["status"] == "pending"
    assert delivery["attempts"] == 1
    assert delivery["last_error"]
    assert api_as(Role.CLINICIAN).get(f"/cases/{case['id']}/letter.pdf").status_code == 200

    with serving(Inbox(), smtp_port) as inbox:
        retried = api_as(Role.COORDINATOR).post(f"/deliveries/{delivery['id']}/retry")
        assert retried.status_code == 200
        with unit_of_work(app) as db:  # a periodic sweep must not send it twice
            from echo_cases.mail import SmtpMailer

            letters.deliver_due(db, SmtpMailer(replace(Settings().smtp, host="127.0.0.1",
                                                       port=smtp_port, starttls=False)))
    assert len(inbox.messages) == 1
    seen = api_as(Role.COORDINATOR).get(f"/cases/{case['id']}").json
    assert seen["letter"]["deliveries"][0]["status"] == "sent"


def test_after_the_last_try_a_delivery_fails_visibly_on_triage(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    login_as: Callable[..., Any],
):
    _signed_off(api_as, submitted_case, app, hubs)
    from datetime import timedelta

    from echo_cases.mail import SmtpMailer

    with unit_of_work(app) as db:
        mailer = SmtpMailer(SmtpSettings(host="127.0.0.1", port=free_port(), starttls=False))
        for day in range(1, letters.MAX_ATTEMPTS + 1):
            letters.deliver_due(db, mailer, now=utcnow() + timedelta(days=day))
        delivery = db.exec(select(Delivery)).one()
        assert delivery.status is DeliveryStatus.FAILED
        assert delivery.attempts == letters.MAX_ATTEMPTS
    triage = login_as(Role.COORDINATOR).get("/triage").text
    assert "Letters not yet delivered" in triage
    assert "not delivered: the mail server could not take it" in triage


def test_the_clinician_acknowledges_the_letter_and_can_re_present_with_follow_up(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    clinician = api_as(Role.CLINICIAN)
    acknowledged = clinician.post(f"/cases/{case['id']}/letter/acknowledge",
                                  {"version": case["version"]})
    assert acknowledged.json["letter"]["acknowledged_at"]
    follow_up = clinician.post(f"/cases/{case['id']}/follow-up")
    assert follow_up.status_code == 201
    assert follow_up.json["state"] == "draft"
    assert follow_up.json["follow_up_of_id"] == case["id"]
    assert follow_up.json["fields"]["title"].startswith("Follow-up: ")
    assert api_as(Role.EXPERT).post(f"/cases/{case['id']}/follow-up").status_code == 403


def test_asking_again_for_a_follow_up_gives_back_the_open_one(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox, login_as: Callable[..., FlaskClient],
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    clinician = api_as(Role.CLINICIAN)
    first = clinician.post(f"/cases/{case['id']}/follow-up")
    again = clinician.post(f"/cases/{case['id']}/follow-up")
    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first.headers
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json["id"] == first.json["id"]
    browser = login_as(Role.CLINICIAN).post(f"/cases/{case['id']}/follow-up")
    assert browser.headers["Location"].endswith(f"/cases/{first.json['id']}/edit")
    with unit_of_work(app) as db:
        follow_ups = db.exec(select(Case).where(Case.follow_up_of_id == case["id"])).all()
    assert len(follow_ups) == 1


def _with_key(api: Api, path: str, key: str, body: Any = None) -> TestResponse:
    return api.client.post("/api/v1" + path, json=body if body is not None else {},
                           headers={**api.headers, "Idempotency-Key": key})


def test_a_follow_up_honours_the_idempotency_key(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    clinician = api_as(Role.CLINICIAN)
    url = f"/cases/{case['id']}/follow-up"
    first = _with_key(clinician, url, "fu-1")
    assert first.status_code == 201
    replay = _with_key(clinician, url, "fu-1")
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json["id"] == first.json["id"]
    clinician.post(f"/cases/{first.json['id']}/submit", {"version": first.json["version"]})
    # The first follow-up is submitted: a retry with the key still names it ...
    retried = _with_key(clinician, url, "fu-1")
    assert retried.json["id"] == first.json["id"]
    # ... and a key already spent on another request is refused, not reused.
    created = _with_key(clinician, "/cases", "new-1",
                        {"program_id": hubs.program_id(), "fields": {}})
    assert created.status_code == 201
    reused = _with_key(clinician, url, "new-1")
    assert reused.status_code == 422
    assert reused.json["error"]["code"] == "idempotency_key_reused"


def test_only_the_lead_expert_signs_off(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
):
    case = walk_to(api_as, submitted_case, "presented", schedule_session(app, hubs))
    expert = api_as(Role.EXPERT)
    expert.client.put(f"/api/v1/cases/{case['id']}/recommendations", headers=expert.headers,
                      json={"summary": "Agreed.", "items": [{"recommendation": "Treat."}]})
    case = expert.get(f"/cases/{case['id']}").json
    coordinator_try = act(api_as(Role.COORDINATOR), case, "sign_off")
    assert coordinator_try.status_code == 403


def test_sign_off_needs_recommendations_and_a_summary(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
):
    case = walk_to(api_as, submitted_case, "presented", schedule_session(app, hubs))
    refused = act(api_as(Role.EXPERT), case, "sign_off")
    assert refused.status_code == 422
    assert "recommendation" in refused.json["error"]["message"]


@pytest.mark.parametrize("role", list(Role))
def test_nobody_outside_the_hub_can_fetch_a_letter(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox, role: Role,
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    assert api_as(role, "b").get(f"/cases/{case['id']}/letter.pdf").status_code == 404


def test_another_clinician_of_the_hub_cannot_fetch_the_letter(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    case = _signed_off(api_as, submitted_case, app, hubs)
    colleague = api_as(Role.CLINICIAN, "a2")
    assert colleague.get(f"/cases/{case['id']}/letter.pdf").status_code == 404


def test_the_signer_signs_with_their_credentials_and_the_hubs_address_heads_the_letter(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox,
):
    from models import User

    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert expert is not None
        assert hub is not None
        expert.credentials = "MD, MPH"
        hub.address = "12 Canyon Road, Santa Fe NM"
        hub.contact_email = "echo@hub-a.example.org"
        db.add_all([expert, hub])
    case = _signed_off(api_as, submitted_case, app, hubs)
    text = _pdf_text(api_as(Role.CLINICIAN).get(f"/cases/{case['id']}/letter.pdf").data)
    assert "Signed off by Expert A, MD, MPH" in text
    assert "12 Canyon Road, Santa Fe NM" in text
    assert "echo@hub-a.example.org" in text


def test_the_letter_and_its_acknowledgement_are_dated_by_the_hubs_clock(
    api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
    inbox: Inbox, clock: TestClock,
):
    # The session is a week ahead: presenting it moves the app's clock a week on, and the
    # letter signed then is dated then, after the presentation it follows.
    case = _signed_off(api_as, submitted_case, app, hubs)
    signed = datetime.fromisoformat(case["letter"]["created_at"])
    assert abs(signed - clock()) < timedelta(minutes=1)
    assert signed > utcnow() + timedelta(days=6)

    clock.move_to(clock() + timedelta(days=3))
    acknowledged = api_as(Role.CLINICIAN).post(f"/cases/{case['id']}/letter/acknowledge",
                                               {"version": case["version"]})
    read_at = datetime.fromisoformat(acknowledged.json["letter"]["acknowledged_at"])
    assert abs(read_at - clock()) < timedelta(minutes=1)
    assert read_at - signed > timedelta(days=2, hours=23)
