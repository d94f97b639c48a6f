"""Simultaneous writers on one case, each on its own connection: one wins, none is lost.

This runs on whichever database the suite runs on (SQLite, or PostgreSQL with
ECHO_TEST_DATABASE set), so the optimistic lock is shown to hold on both.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlmodel import Session, select

from echo_cases.access import get_case
from echo_cases.db import unit_of_work
from echo_cases.errors import Conflict
from echo_cases.services import accounts, letters, review
from echo_cases.services import cases as case_ops
from models import Case, CaseTransition, Hub, RecommendationSet, User
from tests.support import PASSWORD, Api, Hubs, schedule_session, walk_to
from workflows import CaseState, Role, StaleVersion

EXPERTS = 8


def _experts_of_hub_a(app: Flask, hubs: Hubs) -> list[int]:
    ids = [hubs.user(Role.EXPERT).id]
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        for n in range(2, EXPERTS + 1):
            expert = accounts.create_user(db, f"expert{n}-a@example.org", f"Expert {n}", PASSWORD)
            accounts.add_member(db, expert, hub, Role.EXPERT)
            db.flush()
            ids.append(expert.id)
    return [int(i) for i in ids if i is not None]


def _return_at_once(app: Flask, case_id: int, expert_ids: list[int]) -> list[str]:
    """Every expert reads the case; only when all have read it does anyone write."""
    all_have_read = threading.Barrier(len(expert_ids), timeout=30)

    def attempt(expert_id: int) -> str:
        try:
            with unit_of_work(app) as db:
                expert = db.get(User, expert_id)
                assert expert is not None
                case, actor = get_case(db, expert, case_id)
                all_have_read.wait()
                case_ops.take_action(db, actor, case, "return_to_clinician",
                                     expected_version=case.version,
                                     comment=f"Please add the labs ({expert_id}).")
        except StaleVersion:
            return "stale"
        return "returned"

    with ThreadPoolExecutor(max_workers=len(expert_ids)) as pool:
        return list(pool.map(attempt, expert_ids))


def test_eight_experts_returning_the_same_case_at_once_give_one_success_and_one_audit_row(
    app: Flask, hubs: Hubs, submitted_case: dict[str, Any]
):
    experts = _experts_of_hub_a(app, hubs)
    assert len(experts) == EXPERTS

    outcomes = _return_at_once(app, submitted_case["id"], experts)

    assert sorted(outcomes) == ["returned"] + ["stale"] * (EXPERTS - 1)
    with unit_of_work(app) as db:
        case = db.get(Case, submitted_case["id"])
        assert case is not None
        assert case.state is CaseState.DRAFT
        assert case.version == submitted_case["version"] + 1, "exactly one write, none lost"
        returns = list(db.exec(select(CaseTransition).where(
            CaseTransition.case_id == submitted_case["id"],
            CaseTransition.action == "return_to_clinician")))
    assert len(returns) == 1
    assert returns[0].actor_id in experts
    assert returns[0].comment == f"Please add the labs ({returns[0].actor_id})."


def _write_first_recommendations_at_once(app: Flask, case_id: int,
                                         expert_ids: list[int]) -> list[str]:
    """Every expert finds no recommendations yet; only when all have, does anyone insert."""
    all_found_none = threading.Barrier(len(expert_ids), timeout=30)

    def wait_for_the_others(db: Session, *_: Any) -> None:
        if any(isinstance(row, RecommendationSet) for row in db.new):
            all_found_none.wait()

    def attempt(expert_id: int) -> str:
        try:
            with unit_of_work(app) as db:
                event.listen(db, "before_flush", wait_for_the_others)
                expert = db.get(User, expert_id)
                assert expert is not None
                case, _actor = get_case(db, expert, case_id)
                review.save_recommendations(
                    db, expert, case, summary=f"Written by {expert_id}.",
                    items=[{"recommendation": "Proceed to LEEP."}], expected_version=None)
        except Conflict:
            return "conflict"
        return "saved"

    with ThreadPoolExecutor(max_workers=len(expert_ids)) as pool:
        return list(pool.map(attempt, expert_ids))


def test_the_panel_writing_the_first_recommendations_at_once_gives_one_set_and_409s(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    experts = _experts_of_hub_a(app, hubs)
    session_id = schedule_session(app, hubs, panel_ids=tuple(experts[1:]))
    case = walk_to(api_as, submitted_case, "presented", session_id)

    outcomes = _write_first_recommendations_at_once(app, case["id"], experts)

    assert sorted(outcomes) == ["conflict"] * (EXPERTS - 1) + ["saved"]
    with unit_of_work(app) as db:
        written = db.get(RecommendationSet, case["id"])
        assert written is not None
        assert written.version == 1
        assert written.summary == f"Written by {written.updated_by_id}."


def test_a_clinician_starting_a_follow_up_many_times_at_once_gets_one_draft(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    case = walk_to(api_as, submitted_case, "recommendations_sent", schedule_session(app, hubs))
    clinician_id = hubs.user(Role.CLINICIAN).id
    attempts = 6
    all_found_none = threading.Barrier(attempts, timeout=30)

    def wait_for_the_others(db: Session, *_: Any) -> None:
        if any(isinstance(row, Case) for row in db.new):
            all_found_none.wait()

    def attempt(_n: int) -> str:
        try:
            with unit_of_work(app) as db:
                event.listen(db, "before_flush", wait_for_the_others)
                clinician = db.get(User, clinician_id)
                assert clinician is not None
                original, _actor = get_case(db, clinician, case["id"])
                letters.start_follow_up(db, clinician, original)
        except Conflict:
            return "conflict"
        return "started"

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        outcomes = list(pool.map(attempt, range(attempts)))

    assert sorted(outcomes) == ["conflict"] * (attempts - 1) + ["started"]
    with unit_of_work(app) as db:
        follow_ups = db.exec(select(Case).where(Case.follow_up_of_id == case["id"])).all()
    assert len(follow_ups) == 1
