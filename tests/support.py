"""Test helpers shared by the suite: invented identifiers, hubs, an API client."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from echo_cases.clock import CLOCK_INFO
from echo_cases.db import unit_of_work
from models import EchoSession, Hub, Program, User, as_utc, utcnow
from workflows import Role

PASSWORD = "correct-horse-battery"
# The machine's Redis (see the `store` fixture), for what web processes and workers share.
REDIS_URL = "redis://127.0.0.1:6379/0"

# An identified case full of invented identifiers: none of them may ever reach staff.
IDENTIFIED_CASE = {
    "title": "Abnormal Pap for Rosalind Achterberg",
    "question": "Should Rosalind Achterberg have LEEP now or wait for colposcopy?",
    "age_band": "30-39",
    "sex": "female",
    "history": "Rosalind Achterberg, MRN 80417733, born 04/12/1989, seen on 03/02/2026 "
               "at Willowmere Community Clinic. HPV 16 positive.",
    "current_treatment": "None.",
    "labs_imaging": "Pap 03/02/2026: ASC-H.",
    "narrative": "Call her on (505) 555-0199 or rosalind.achterberg@example.org. "
                 "Her husband Joaquim Achterberg works at Tallow Creek Mill.",
}
IDENTIFIERS = ["Rosalind", "Achterberg", "80417733", "04/12/1989", "555-0199",
               "rosalind.achterberg@example.org", "Willowmere"]


@dataclass
class Hubs:
    """Two hubs with one person per role each, so every test can try the other hub."""

    users: dict[tuple[str, Role], User] = field(default_factory=dict)
    hubs: dict[str, Hub] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)

    def user(self, role: Role, hub: str = "a") -> User:
        return self.users[(hub, role)]

    def program_id(self, hub: str = "a") -> int:
        program_id = self.programs[hub].id
        assert program_id is not None
        return program_id


class Api:
    """A JSON API client holding one person's bearer token."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get("/api/v1" + path, headers=self.headers, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> TestResponse:
        return self.client.post("/api/v1" + path, json=body if body is not None else {},
                                headers=self.headers, **kwargs)

    def patch(self, path: str, body: Any, **kwargs: Any) -> TestResponse:
        return self.client.patch("/api/v1" + path, json=body, headers=self.headers, **kwargs)

    def put(self, path: str, body: Any, **kwargs: Any) -> TestResponse:
        return self.client.put("/api/v1" + path, json=body, headers=self.headers, **kwargs)


def draft_with_decisions(clinician: Api, program_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A draft whose narrative holds a clinic date worth keeping and an outreach van the
    analyser cannot know; and the decisions that keep the one (with a reason) and redact
    the other."""
    fields = {**IDENTIFIED_CASE, "narrative": "Seen by the Bluebell outreach van on 03/02/2026."}
    case = clinician.post("/cases", {"program_id": program_id, "fields": fields}).json
    preview = clinician.post(f"/cases/{case['id']}/preview", {}).json
    date = next(p for p in preview["proposed"]
                if p["field"] == "narrative" and p["text"] == "03/02/2026")
    decisions = {"restore": [{"field": "narrative", "start": date["start"], "end": date["end"],
                              "reason": "Clinic date needed for the interval."}],
                 "redact": [{"text": "Bluebell", "type": "LOCATION"}]}
    return case, decisions


def assert_no_identifiers(text: str) -> None:
    leaked = [ident for ident in IDENTIFIERS if ident.lower() in text.lower()]
    assert not leaked, f"identified original leaked: {leaked}"


def csrf_token_in(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


class TestClock:
    """The app's clock in tests: the real time, or later when a test moves it on.

    It runs on from where it is moved to, so rows stamped with the real time and
    decisions taken by this clock never meet out of order before a test moves it.
    """

    __test__ = False  # not a test class, whatever its name says

    def __init__(self) -> None:
        self.ahead = timedelta()

    def __call__(self) -> datetime:
        return utcnow() + self.ahead

    def move_to(self, moment: datetime) -> None:
        self.ahead = moment - utcnow()


def clock_of(app: Flask) -> TestClock:
    with unit_of_work(app) as db:
        clock = db.info[CLOCK_INFO]
    assert isinstance(clock, TestClock), "build the app with the tests' clock"
    return clock


def begin_session(app: Flask, session_id: int, minutes_in: int = 5) -> datetime:
    """Move the app's clock to ``minutes_in`` minutes after the session began (never back)."""
    with unit_of_work(app) as db:
        session = db.get(EchoSession, session_id)
        assert session is not None
        during = as_utc(session.starts_at) + timedelta(minutes=minutes_in)
    clock = clock_of(app)
    if clock() < during:
        clock.move_to(during)
    return clock()


def schedule_session(app: Flask, hubs: Hubs, hub: str = "a", days_ahead: int = 7, *,
                     timezone: str = "America/Denver", hour: int = 18,
                     panel_ids: tuple[int, ...] = ()) -> int:
    """A session of hub's program a week ahead of the app's clock, at ``hour`` in
    ``timezone``, with hub's expert on the panel (and ``panel_ids`` besides)."""
    from echo_cases.services import sessions

    with unit_of_work(app) as db:
        coordinator = db.get(User, hubs.user(Role.COORDINATOR, hub).id)
        assert coordinator is not None
        start = (clock_of(app)() + timedelta(days=days_ahead)).replace(
            tzinfo=None, hour=hour, minute=0, second=0, microsecond=0)
        session = sessions.schedule_session(db, coordinator, sessions.SessionPlan(
            program_id=hubs.program_id(hub), local_start=start, timezone=timezone,
            topic="HPV and the cervix",
            panel_ids=(hubs.user(Role.EXPERT, hub).id or 0, *panel_ids)))
        assert session.id is not None
        return session.id


RECOMMENDATIONS = {
    "summary": "The panel agreed that excisional treatment is appropriate.",
    "items": [{"recommendation": "Proceed to LEEP within 4 weeks.",
               "rationale": "ASC-H with HPV 16 carries a high immediate CIN3+ risk.",
               "reference": "ASCCP 2019 risk-based management guidelines"}],
}


def act(api: Api, case: dict[str, Any], action: str, **body: Any) -> TestResponse:
    return api.post(f"/cases/{case['id']}/actions/{action}", {"version": case["version"], **body})


def walk_to(api_as: Any, case: dict[str, Any], state: str, session_id: int) -> dict[str, Any]:
    """Carry a submitted case forward to ``state`` through the workflow, as each role would."""
    expert, coordinator = api_as(Role.EXPERT), api_as(Role.COORDINATOR)
    order = ["deidentified", "reviewed", "presented", "recommendations_sent"]
    while order.index(case["state"]) < order.index(state):
        if case["state"] == "deidentified":
            case = _ok(act(expert, case, "record_pre_review", notes="Ask about vaccination."))
            case = _ok(act(coordinator, case, "schedule", session_id=session_id))
            if state == "reviewed":
                break
        elif case["state"] == "reviewed":
            begin_session(coordinator.client.application, session_id)
            case = _ok(act(coordinator, case, "mark_presented"))
        else:
            case = _ok(expert.client.put(f"/api/v1/cases/{case['id']}/recommendations",
                                         json=RECOMMENDATIONS, headers=expert.headers))
            case = _ok(act(expert, case, "sign_off"))
    return case


def _ok(response: TestResponse) -> dict[str, Any]:
    assert response.status_code == 200, response.json
    return dict(response.json)
