"""No patient identifier reaches a log line, an error page, an export, a letter or an e-mail.

A case seeded with invented identifiers, in forms the de-identifier is built to catch,
travels the whole journey through the API while every log record of every logger is
kept at DEBUG; then error pages are provoked with identifiers in what was sent. Every
log line, every staff-facing body, every error page, every export, the letter PDF and
the e-mail are searched for the identifiers.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable, Iterator
from email.message import Message
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from werkzeug.test import TestResponse

from echo_cases.http import policy
from tests.mail_server import Inbox
from tests.support import RECOMMENDATIONS, Api, Hubs, act, begin_session, schedule_session
from workflows import Role

SEEDED_CASE = {
    "title": "Abnormal Pap for Ms. Philippa Grunewald",
    "question": "Should Ms. Grunewald have LEEP now or wait for colposcopy?",
    "age_band": "40-49",
    "sex": "female",
    "history": "Ms. Philippa Grunewald, MRN 55120987, born 07/23/1978, lives at "
               "1428 Juniper Hollow Road, Taos. HPV 18 positive.",
    "current_treatment": "None.",
    "labs_imaging": "Pap 02/11/2026: HSIL.",
    "narrative": "Reach her on (505) 555-0147 or philippa.grunewald@example.net.",
}
SEEDED = ["Grunewald", "55120987", "07/23/1978", "Juniper Hollow", "555-0147",
          "philippa.grunewald@example.net"]

pytestmark = pytest.mark.mail


def leaked(text: str) -> list[str]:
    return [ident for ident in SEEDED if ident.lower() in text.lower()]


class Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # The formatted line with any traceback: what a log file would hold.
        self.lines.append(logging.Formatter("%(name)s %(message)s").format(record))


@pytest.fixture
def every_log_line() -> Iterator[list[str]]:
    """Every record of every logger, at DEBUG, for the length of the test."""
    keep = Keep()
    loggers = [logging.getLogger()] + [logging.getLogger(name)
                                       for name in list(logging.root.manager.loggerDict)]
    levels = [(lg, lg.level, lg.propagate, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
        lg.addHandler(keep)
        lg.propagate = False  # each record is kept once, by the logger that made it
    yield keep.lines
    for lg, level, propagate, disabled in levels:
        lg.removeHandler(keep)
        lg.setLevel(level)
        lg.propagate, lg.disabled = propagate, disabled


def _ok(response: TestResponse, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.text[:300])
    return dict(response.json)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def _mail_text(message: Message) -> str:
    parts = []
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            parts.append(_pdf_text(payload) if part.get_content_type() == "application/pdf"
                         else payload.decode("utf-8", "replace"))
    return str(message) + "\n".join(parts)


def test_no_identifier_reaches_logs_error_pages_exports_letters_or_mail(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], login_as: Callable[..., FlaskClient],
    inbox: Inbox, every_log_line: list[str], monkeypatch: pytest.MonkeyPatch
):
    secret = "Crash while reading MRN 55120987 of Ms. Philippa Grunewald"

    @app.get("/test-only/boom")
    def boom() -> str:
        raise RuntimeError(secret)

    # Every route needs an access rule (deny by default): this one admits any member.
    monkeypatch.setitem(policy.ROUTES, "boom", policy.MEMBER)

    clinician, expert, coordinator = (api_as(Role.CLINICIAN), api_as(Role.EXPERT),
                                      api_as(Role.COORDINATOR))
    staff_seen: dict[str, str] = {}  # what staff, exports and error pages received, by name

    def seen(name: str, response: TestResponse) -> TestResponse:
        staff_seen[name] = response.get_data(as_text=True) \
            if response.mimetype != "application/pdf" else _pdf_text(response.get_data())
        return response

    case = _ok(clinician.post("/cases", {"program_id": hubs.program_id(),
                                         "fields": SEEDED_CASE}), 201)
    _ok(clinician.post(f"/cases/{case['id']}/preview", {}))
    case = _ok(clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]}))
    assert not leaked(str(case["deidentified_fields"])), \
        "the de-identifier missed a seeded identifier (a de-identifier finding, not a leak)"
    session_id = schedule_session(app, hubs)

    seen("queue", expert.get("/queue"))
    seen("case for expert", expert.get(f"/cases/{case['id']}"))
    case = _ok(seen("pre-review", act(expert, case, "record_pre_review", notes="Ask about HPV.")))
    case = _ok(seen("schedule", act(coordinator, case, "schedule", session_id=session_id)))
    begin_session(app, session_id)
    case = _ok(seen("presented", act(coordinator, case, "mark_presented")))
    case = _ok(seen("recommendations", expert.client.put(
        f"/api/v1/cases/{case['id']}/recommendations", json=RECOMMENDATIONS,
        headers=expert.headers)))
    case = _ok(seen("sign-off", act(expert, case, "sign_off")))
    assert case["state"] == "recommendations_sent"
    hub_id = hubs.hubs["a"].id
    seen("letter.pdf for expert", expert.get(f"/cases/{case['id']}/letter.pdf"))
    seen("history", coordinator.get(f"/cases/{case['id']}/history"))
    seen("session", coordinator.get(f"/sessions/{session_id}"))
    seen("cases.csv", coordinator.get(f"/hubs/{hub_id}/exports/cases.csv"))
    seen("cases.json", coordinator.get(f"/hubs/{hub_id}/exports/cases.json"))
    seen("dashboard", coordinator.get(f"/hubs/{hub_id}/dashboard"))
    letters_zip = coordinator.get(f"/sessions/{session_id}/letters.zip")
    assert letters_zip.status_code == 200
    with zipfile.ZipFile(io.BytesIO(letters_zip.get_data())) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            staff_seen[f"letters.zip/{name}"] = name + (
                _pdf_text(data) if name.endswith(".pdf") else data.decode("utf-8", "replace"))

    # Error pages, each provoked with identifiers in what was sent.
    browser = login_as(Role.COORDINATOR)
    seen("triage page", browser.get("/"))
    errors = {
        "400 query": clinician.get("/cases/987654?who=Grunewald"),
        "404 api": clinician.get("/cases/987654"),
        "404 page": browser.get("/no-such-page/Grunewald-55120987"),
        "405": browser.delete("/?note=Grunewald"),
        "409": act(coordinator, {"id": case["id"], "version": 1}, "mark_presented",
                   comment=secret),
        "413": clinician.post("/cases", {"program_id": hubs.program_id(),
                                         "fields": {"history": secret * 20_000}}),
        "422 api": clinician.post("/cases", {"program_id": hubs.program_id(),
                                             "fields": {"history": secret}, "mrn": secret}),
        "422 action": act(coordinator, case, "schedule", notes=secret,
                          surname="Grunewald"),
        "500": browser.get("/test-only/boom"),
    }
    statuses = {name: r.status_code for name, r in errors.items()}
    assert statuses == {"400 query": 400, "404 api": 404, "404 page": 404, "405": 405,
                        "409": 409, "413": 413, "422 api": 422, "422 action": 422, "500": 500}
    for name, response in errors.items():
        seen(f"error {name}", response)

    assert inbox.messages, "the letter e-mail did not arrive"
    for index, message in enumerate(inbox.messages):
        staff_seen[f"e-mail {index}"] = _mail_text(message)
    assert any(r for r in every_log_line), "no log record was captured at all"
    leaks = {name: leaked(text) for name, text in staff_seen.items() if leaked(text)}
    leaks |= {f"log: {line[:120]}": leaked(line) for line in every_log_line if leaked(line)}
    assert not leaks, leaks
