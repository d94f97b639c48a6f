"""Expert review: the queue, pre-review notes, and the panel's recommendations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, or_, select

from echo_cases.access import STAFF, hubs_where, role_in_hub
from echo_cases.errors import Conflict, Forbidden, Invalid
from echo_cases.services.workflow_store import flush_or_conflict
from models import (
    Case,
    Membership,
    PreReview,
    Program,
    RecommendationSet,
    User,
    id_of,
    utcnow,
)
from workflows import CaseState, Role

MAX_ITEMS = 30
EDITABLE = frozenset({CaseState.REVIEWED, CaseState.PRESENTED})


@dataclass(frozen=True)
class QueueFilter:
    """What a triage or review queue shows; every field narrows it."""

    states: frozenset[CaseState]
    program_id: int | None = None
    expert_id: int | None = None
    open_to_panel_or_mine: int | None = None  # an expert's own view
    waiting_days_at_least: int | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class QueueRow:
    case: Case
    program: Program
    title: str
    expert: User | None
    # An expert has written pre-review notes: the coordinator may accept it into a session.
    pre_reviewed: bool = False


def queue(db: Session, user: User, wanted: QueueFilter) -> list[QueueRow]:
    """De-identified cases in the user's hubs, longest waiting first."""
    hub_ids = hubs_where(db, user, STAFF)
    states = wanted.states - {CaseState.DRAFT}
    if not hub_ids or not states:
        return []
    query = (
        select(Case, Program).join(Program, col(Program.id) == Case.program_id)
        .where(col(Case.hub_id).in_(hub_ids), col(Case.state).in_(states))
    )
    if wanted.program_id:
        query = query.where(Case.program_id == wanted.program_id)
    if wanted.expert_id:
        query = query.where(Case.assigned_expert_id == wanted.expert_id)
    if wanted.open_to_panel_or_mine:
        query = query.where(or_(col(Case.assigned_expert_id).is_(None),
                                Case.assigned_expert_id == wanted.open_to_panel_or_mine))
    if wanted.waiting_days_at_least:
        cutoff = utcnow() - timedelta(days=wanted.waiting_days_at_least)
        query = query.where(col(Case.submitted_at) <= cutoff)
    query = (query.order_by(col(Case.submitted_at).asc(), col(Case.id).asc())
             .limit(wanted.limit).offset(wanted.offset))
    rows = list(db.exec(query))
    expert_ids = {c.assigned_expert_id for c, _p in rows if c.assigned_expert_id}
    experts = {u.id: u for u in db.exec(select(User).where(col(User.id).in_(expert_ids)))} \
        if expert_ids else {}
    reviewed = set(db.exec(select(PreReview.case_id).where(
        col(PreReview.case_id).in_([c.id for c, _p in rows])))) if rows else set()
    return [QueueRow(c, p, str((c.deidentified or {}).get("title", "")),
                     experts.get(c.assigned_expert_id), c.id in reviewed) for c, p in rows]


def expert_queue(db: Session, expert: User, states: frozenset[CaseState]) -> list[QueueRow]:
    """Cases an expert may work on: assigned to them, or open to the whole panel."""
    return queue(db, expert, QueueFilter(states=states, open_to_panel_or_mine=id_of(expert)))


def experts_of_hub(db: Session, hub_id: int) -> list[User]:
    return list(db.exec(
        select(User).join(Membership, col(Membership.user_id) == User.id)
        .where(Membership.hub_id == hub_id, Membership.role == Role.EXPERT)
        .order_by(User.name)))


def pre_reviews_of(db: Session, case: Case) -> list[tuple[PreReview, User]]:
    return list(db.exec(
        select(PreReview, User).join(User, col(User.id) == PreReview.expert_id)
        .where(PreReview.case_id == case.id).order_by(col(PreReview.id))))


def recommendations_of(db: Session, case: Case) -> RecommendationSet | None:
    return db.get(RecommendationSet, case.id)


def save_recommendations(
    db: Session, expert: User, case: Case, *, summary: str,
    items: Sequence[Mapping[str, Any]], expected_version: int | None,
) -> RecommendationSet:
    """Write the panel's recommendations; the lead signs them off separately.

    ``expected_version`` is None only when the caller believes none exist yet.
    """
    if role_in_hub(db, expert, case.hub_id) is not Role.EXPERT:
        raise Forbidden("Only the hub's experts write recommendations.")
    if case.state not in EDITABLE:
        raise Conflict("Recommendations are written once a case is accepted into a session, "
                       "and frozen when they are signed off.")
    clean = _clean_items(items)
    existing = db.get(RecommendationSet, case.id)
    if existing is None:
        if expected_version not in (None, 0):
            raise Conflict("These recommendations were removed: reload the case.")
        row = RecommendationSet(case_id=id_of(case), summary=summary.strip(), items=clean,
                                updated_by_id=id_of(expert))
    else:
        if expected_version != existing.version:
            raise Conflict("Someone else changed these recommendations: reload and try again.")
        row = existing
        row.summary, row.items = summary.strip(), clean
        row.updated_by_id, row.updated_at = id_of(expert), utcnow()
        row.version += 1
    db.add(row)
    flush_or_conflict(db, "Someone else changed these recommendations: reload and try again.")
    return row


def _clean_items(items: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    clean: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    for index, item in enumerate(items):
        recommendation = str(item.get("recommendation", "")).strip()
        rationale = str(item.get("rationale", "")).strip()
        reference = str(item.get("reference", "")).strip()
        if not recommendation:
            if rationale or reference:
                errors[f"items.{index}.recommendation"] = "Write the recommendation itself."
            continue
        if len(recommendation) > 2000 or len(rationale) > 4000 or len(reference) > 500:
            errors[f"items.{index}"] = "Keep each recommendation shorter."
            continue
        clean.append({"recommendation": recommendation, "rationale": rationale,
                      "reference": reference})
    if len(clean) > MAX_ITEMS:
        errors["items"] = f"At most {MAX_ITEMS} recommendations."
    if errors:
        raise Invalid("Some recommendations need attention.", errors)
    return clean
