"""A process killed in the middle of a transition leaves the case fully before it.

Each test brings a case to just before an action, then runs the action in a separate
process (tests/security/crash_midway.py) that sends itself SIGKILL once the action's
rows (state, version, effect rows and the audit row) are flushed but not committed.
The database must then read exactly as before. The control runs the same process
without the kill and must read exactly as after.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlmodel import Session, col, func, select

from echo_cases.db import engine_of, unit_of_work
from echo_cases.settings import Settings
from models import AgendaItem, Case, CaseTransition, Delivery, Letter, PreReview
from tests.support import RECOMMENDATIONS, Api, Hubs, act, clock_of, schedule_session, walk_to
from workflows import Role

HELPER = Path(__file__).with_name("crash_midway.py")
ROOT = Path(__file__).resolve().parents[2]


def _count(db: Session, model: Any, case_id: int) -> int:
    return int(db.exec(select(func.count()).select_from(model)
                       .where(model.case_id == case_id)).one())


def snapshot(app: Flask, case_id: int) -> dict[str, Any]:
    """Everything a transition may write, as the database holds it."""
    with unit_of_work(app) as db:
        case = db.get(Case, case_id)
        assert case is not None
        deliveries = int(db.exec(select(func.count()).select_from(Delivery)
                                 .join(Letter, col(Letter.id) == Delivery.letter_id)
                                 .where(Letter.case_id == case_id)).one())
        return {"state": case.state, "version": case.version,
                "assigned_expert_id": case.assigned_expert_id,
                "audit": _count(db, CaseTransition, case_id),
                "pre_reviews": _count(db, PreReview, case_id),
                "agenda_items": _count(db, AgendaItem, case_id),
                "letters": _count(db, Letter, case_id), "deliveries": deliveries}


def run_action(app: Flask, settings: Settings, tmp_path: Path, case_id: int, user_id: int,
               action: str, payload: dict[str, Any],
               mode: str) -> subprocess.CompletedProcess[str]:
    settings_file = tmp_path / "settings.pickle"
    settings_file.write_bytes(pickle.dumps(settings))
    # The child must find the database unlocked: close every connection this process holds.
    engine_of(app).dispose()
    return subprocess.run(  # noqa: S603 - our own interpreter and helper, fixed arguments
        [sys.executable, str(HELPER), str(settings_file), str(case_id), str(user_id), action,
         json.dumps(payload), mode, clock_of(app)().isoformat()],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=120, check=False)


def _to_pre_review(api_as: Callable[..., Api], case: dict[str, Any], _sid: int) -> None:
    del api_as, case, _sid  # a submitted case is already there


def _to_schedule(api_as: Callable[..., Api], case: dict[str, Any], _sid: int) -> None:
    response = act(api_as(Role.EXPERT), case, "record_pre_review", notes="Ask about HPV.")
    assert response.status_code == 200, response.json


def _to_sign_off(api_as: Callable[..., Api], case: dict[str, Any], sid: int) -> None:
    case = walk_to(api_as, case, "presented", sid)
    expert = api_as(Role.EXPERT)
    response = expert.client.put(f"/api/v1/cases/{case['id']}/recommendations",
                                 json=RECOMMENDATIONS, headers=expert.headers)
    assert response.status_code == 200, response.json


TRANSITIONS = {
    # action: (who takes it, how to get there, payload; "session" stands for the session id)
    "record_pre_review": (Role.EXPERT, _to_pre_review, {"notes": "Ask about vaccination."}),
    "schedule": (Role.COORDINATOR, _to_schedule, {"session_id": "session"}),
    "sign_off": (Role.EXPERT, _to_sign_off, {}),
}


def prepare(app: Flask, hubs: Hubs, api_as: Callable[..., Api], case: dict[str, Any],
            action: str) -> tuple[int, dict[str, Any]]:
    role, walk, payload = TRANSITIONS[action]
    session_id = schedule_session(app, hubs)
    walk(api_as, case, session_id)
    resolved = {k: session_id if v == "session" else v for k, v in payload.items()}
    user_id = hubs.user(role).id
    assert user_id is not None
    return user_id, resolved


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_a_process_killed_mid_transition_leaves_the_case_fully_before_it(
    app: Flask, hubs: Hubs, settings: Settings, tmp_path: Path,
    api_as: Callable[..., Api], submitted_case: dict[str, Any], action: str
):
    user_id, payload = prepare(app, hubs, api_as, submitted_case, action)
    before = snapshot(app, submitted_case["id"])
    died = run_action(app, settings, tmp_path, submitted_case["id"], user_id, action, payload,
                      "kill")
    assert died.returncode == -signal.SIGKILL, (died.returncode, died.stdout, died.stderr)
    assert "committed" not in died.stdout
    assert snapshot(app, submitted_case["id"]) == before


# One control is enough to show the helper otherwise commits: sign-off writes the most rows.
@pytest.mark.parametrize("action", ["sign_off"])
def test_the_same_process_left_alone_commits_the_whole_transition(
    app: Flask, hubs: Hubs, settings: Settings, tmp_path: Path,
    api_as: Callable[..., Api], submitted_case: dict[str, Any], action: str
):
    user_id, payload = prepare(app, hubs, api_as, submitted_case, action)
    before = snapshot(app, submitted_case["id"])
    finished = run_action(app, settings, tmp_path, submitted_case["id"], user_id, action, payload,
                          "finish")
    assert finished.returncode == 0, finished.stderr
    after = snapshot(app, submitted_case["id"])
    assert after["version"] == before["version"] + 1
    assert after["audit"] == before["audit"] + 1
    expected_rows = {"record_pre_review": "pre_reviews", "schedule": "agenda_items",
                     "sign_off": "letters"}[action]
    assert after[expected_rows] == before[expected_rows] + 1
    if action == "sign_off":
        assert after["state"] != before["state"]
        assert after["deliveries"] >= 1
    if action == "record_pre_review":
        assert after["state"] != before["state"]
