"""The engine applies actions all-or-nothing, with optimistic locking and an audit row each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlmodel import select

from echo_cases.access import get_case
from echo_cases.db import unit_of_work
from echo_cases.services import cases as case_ops
from models import Case, CaseTransition
from tests.support import Api, Hubs
from workflows import (
    CaseState,
    GuardRefused,
    IllegalTransition,
    Role,
    RoleNotAllowed,
    StaleVersion,
    UnknownAction,
)


def _transitions(app: Flask, case_id: int) -> list[CaseTransition]:
    with unit_of_work(app) as db:
        return list(db.exec(select(CaseTransition).where(CaseTransition.case_id == case_id)))


def test_a_successful_action_moves_the_state_bumps_the_version_and_appends_one_audit_row(
    app: Flask, hubs: Hubs, submitted_case: dict[str, Any]
):
    before = len(_transitions(app, submitted_case["id"]))
    with unit_of_work(app) as db:
        case, actor = get_case(db, hubs.user(Role.EXPERT), submitted_case["id"])
        case_ops.take_action(db, actor, case, "return_to_clinician",
                             expected_version=case.version, comment="Please add the labs.")
    with unit_of_work(app) as db:
        case = db.get(Case, submitted_case["id"])
        assert case is not None
        assert case.state is CaseState.DRAFT
        assert case.version == submitted_case["version"] + 1
    rows = _transitions(app, submitted_case["id"])
    assert len(rows) == before + 1
    last = rows[-1]
    assert (last.action, last.from_state, last.to_state) == (
        "return_to_clinician", CaseState.DEIDENTIFIED, CaseState.DRAFT)
    assert last.actor_id == hubs.user(Role.EXPERT).id
    assert last.comment == "Please add the labs."


@pytest.mark.parametrize(("role", "action", "error"), [
    (Role.COORDINATOR, "record_pre_review", RoleNotAllowed),
    (Role.EXPERT, "mark_presented", IllegalTransition),
    (Role.EXPERT, "return_to_clinician", GuardRefused),  # no reason given
    (Role.EXPERT, "teleport", UnknownAction),
])
def test_a_refused_action_changes_nothing(
    app: Flask, hubs: Hubs, submitted_case: dict[str, Any], role: Role, action: str,
    error: type[Exception],
):
    before = len(_transitions(app, submitted_case["id"]))
    with unit_of_work(app) as db:
        case, actor = get_case(db, hubs.user(role), submitted_case["id"])
        with pytest.raises(error):
            case_ops.take_action(db, actor, case, action, expected_version=case.version)
    with unit_of_work(app) as db:
        case = db.get(Case, submitted_case["id"])
        assert case is not None
        assert (case.state, case.version) == (CaseState.DEIDENTIFIED, submitted_case["version"])
    assert len(_transitions(app, submitted_case["id"])) == before


def test_a_stale_version_is_refused(app: Flask, hubs: Hubs, submitted_case: dict[str, Any]):
    with unit_of_work(app) as db:
        case, actor = get_case(db, hubs.user(Role.EXPERT), submitted_case["id"])
        with pytest.raises(StaleVersion):
            case_ops.take_action(db, actor, case, "record_pre_review",
                                 expected_version=case.version - 1, payload={"notes": "x"})


def test_two_people_acting_at_once_on_the_same_version_give_one_winner(
    app: Flask, hubs: Hubs, submitted_case: dict[str, Any]
):
    """Both read version N; the second write must lose, not overwrite."""
    with unit_of_work(app) as first, unit_of_work(app) as second:
        case_1, expert = get_case(first, hubs.user(Role.EXPERT), submitted_case["id"])
        case_2, coordinator = get_case(second, hubs.user(Role.COORDINATOR), submitted_case["id"])
        assert case_1.version == case_2.version
        case_ops.take_action(first, expert, case_1, "record_pre_review",
                             expected_version=case_1.version, payload={"notes": "Seen."})
        first.commit()
        with pytest.raises(StaleVersion):
            case_ops.take_action(second, coordinator, case_2, "return_to_clinician",
                                 expected_version=case_2.version, comment="Please add labs.")
    with unit_of_work(app) as db:
        case = db.get(Case, submitted_case["id"])
        assert case is not None
        assert case.state is CaseState.REVIEWED
        assert case.version == submitted_case["version"] + 1
    actions = [t.action for t in _transitions(app, submitted_case["id"])]
    assert actions == ["submit", "record_pre_review"]


def test_submission_goes_through_its_preview_not_the_generic_action(
    api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    case = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {}}).json
    response = clinician.post(f"/cases/{case['id']}/actions/submit", {"version": case["version"]})
    assert response.status_code == 404, "not among the actions the document lists"
    assert clinician.get(f"/cases/{case['id']}").json["state"] == "draft"
