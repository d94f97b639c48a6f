"""Expert review: the queue, pre-review notes, and the panel's recommendations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, exists, func, literal, tuple_, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from echo_cases.access import STAFF, hubs_where, may_write_recommendations
from echo_cases.errors import Conflict, DomainError, Forbidden, Invalid, WrongState
from echo_cases.numbers import whole
from echo_cases.services.workflow_store import flush_or_conflict, insert_or_conflict
from models import (
    AgendaItem,
    Case,
    Membership,
    PreReview,
    Program,
    RecommendationSet,
    User,
    as_utc,
    id_of,
    utcnow,
)
from models.base import timestamp_type
from workflows import CaseState, Role

MAX_ITEMS = 30
# A screenful or two: longer pages cost every reader more than the odd click on Next.
PAGE_SIZE = 50
# Counting every waiting case would cost as much as reading them: beyond this, "1,000+".
WAITING_COUNT_CAP = 1_000
# Ids are INTEGER columns (32-bit on PostgreSQL).

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EDITABLE = frozenset({CaseState.REVIEWED, CaseState.PRESENTED})


@dataclass(frozen=True)
class QueueFilter:
    """What a triage or review queue shows; every field narrows it."""

    states: frozenset[CaseState]
    program_id: int | None = None
    expert_id: int | None = None
    open_to_panel_or_mine: int | None = None  # an expert's own view
    waiting_days_at_least: int | None = None


@dataclass(frozen=True)
class QueueRow:
    """A waiting case as a queue lists it: no more of the case than the list shows."""

    case_id: int
    state: CaseState
    submitted_at: datetime | None
    program: str
    title: str
    assigned_expert_id: int | None = None
    expert: str | None = None  # the lead expert's name; None while open to the panel
    # On a session's agenda: a reviewed case that is not is waiting to be scheduled.
    on_agenda: bool = False


class BrokenPageLink(DomainError):
    """A page link whose position cannot be read: tampered with, or cut short."""

    status = 400


@dataclass(frozen=True)
class Cursor:
    """A position in a queue: just after (or before) the case submitted then, with that id.

    Only a position, never a permission: every filter and hub check still applies to the
    page read from it, so a made-up cursor shows nothing a person could not page to.
    """

    submitted_at: datetime
    case_id: int

    @classmethod
    def of(cls, row: QueueRow) -> Cursor:
        return cls(as_utc(row.submitted_at or _EPOCH), row.case_id)

    def token(self) -> str:
        """Microseconds since 1970 and the case id: short, and safe in a query string."""
        micros = (self.submitted_at - _EPOCH) // timedelta(microseconds=1)
        return f"{micros}-{self.case_id}"

    @classmethod
    def parse(cls, token: str) -> Cursor:
        micros, _dash, case_id = token.strip().partition("-")
        at, case = whole(micros, high=10**17 - 1), whole(case_id, 1)
        if at is None or case is None:
            raise BrokenPageLink("This page link is broken: start again from the first page.")
        return cls(_EPOCH + timedelta(microseconds=at), case)


@dataclass(frozen=True)
class PageRequest:
    """Which page of a queue: the first, the one after ``after``, or the one before ``before``."""

    after: Cursor | None = None
    before: Cursor | None = None
    size: int = PAGE_SIZE


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    next: Cursor | None  # read the next page after this; None on the last page
    previous: Cursor | None  # read the previous page before this; None on the first page
    # How many cases match in all, counted no further than WAITING_COUNT_CAP.
    waiting: int
    waiting_capped: bool
    # False on any later page, even one left empty because its cases moved on.
    is_first: bool = True


def queue_page(db: Session, user: User, wanted: QueueFilter, page: PageRequest) -> QueuePage:
    """One page of the queue, longest waiting first, found by position, not by counting.

    Reading any page costs about as much as reading the first, however long the queue.
    """
    arms = _arms(db, user, wanted)
    if not arms:
        return QueuePage([], None, None, 0, waiting_capped=False)
    backwards = page.before is not None and page.after is None
    position = page.before if backwards else page.after
    direction = _BACKWARD if backwards else _FORWARD
    found = _rows(db, _ordered(arms, page.size + 1, direction, position), page.size + 1)
    more = len(found) > page.size
    rows = found[:page.size]
    if backwards:
        rows.reverse()
        if not more:
            # Back at the start: show the first page as it is now, full, not a remainder.
            return queue_page(db, user, wanted, PageRequest(size=page.size))
    waiting, capped = _bounded_count(db, arms)
    has_next = more or (backwards and bool(rows))
    has_previous = (more if backwards else position is not None) and bool(rows)
    return QueuePage(rows,
                     next=Cursor.of(rows[-1]) if has_next else None,
                     previous=Cursor.of(rows[0]) if has_previous else None,
                     waiting=waiting, waiting_capped=capped, is_first=position is None)


def expert_queue_page(db: Session, expert: User, states: frozenset[CaseState],
                      page: PageRequest) -> QueuePage:
    """Cases an expert may work on: assigned to them, or open to the whole panel."""
    return queue_page(db, expert, expert_filter(expert, states), page)


def expert_filter(expert: User, states: frozenset[CaseState]) -> QueueFilter:
    return QueueFilter(states=states, open_to_panel_or_mine=id_of(expert))


# Sort orders: longest waiting first, and its reverse for reading a previous page.
_FORWARD, _BACKWARD = "forward", "backward"


def _arms(db: Session, user: User, wanted: QueueFilter) -> list[Select[Any]]:
    """One query per hub and state (and expert), each walking its index in submission order.

    A single query over several states cannot read that index in submission order, so it
    would sort every matching case to find the oldest few; one walk per state and a merge
    of their first rows read only what the page shows.
    """
    hub_ids = hubs_where(db, user, STAFF)
    states = wanted.states - {CaseState.DRAFT}
    filters: list[Any] = [col(Case.submitted_at).is_not(None)]
    if wanted.program_id:
        filters.append(Case.program_id == wanted.program_id)
    if wanted.waiting_days_at_least:
        cutoff = utcnow() - timedelta(days=wanted.waiting_days_at_least)
        filters.append(col(Case.submitted_at) <= cutoff)
    # Whose cases: each choice is an arm of its own on the index that begins (hub, state,
    # expert), so an expert with few cases is not found by reading everyone else's.
    experts: list[Any] = [None]
    if wanted.expert_id:
        experts = [Case.assigned_expert_id == wanted.expert_id]
    elif wanted.open_to_panel_or_mine:
        experts = [col(Case.assigned_expert_id).is_(None),
                   Case.assigned_expert_id == wanted.open_to_panel_or_mine]
    return [select(col(Case.id), col(Case.submitted_at))
            .where(Case.hub_id == hub_id, Case.state == state, *filters,
                   *([] if whose is None else [whose]))
            for hub_id in sorted(hub_ids) for state in sorted(states) for whose in experts]


def _ordered(arms: list[Select[Any]], limit: int, direction: str,
             position: Cursor | None = None) -> Select[Any]:
    """The first ``limit`` (id, submitted_at) of all arms together, past ``position``."""
    key = tuple_(col(Case.submitted_at), col(Case.id))
    forward = direction == _FORWARD
    walked = []
    for arm in arms:
        if position is not None:
            mark = tuple_(literal(position.submitted_at, timestamp_type()),
                          literal(position.case_id))
            arm = arm.where(key > mark if forward else key < mark)
        order = ((col(Case.submitted_at).asc(), col(Case.id).asc()) if forward
                 else (col(Case.submitted_at).desc(), col(Case.id).desc()))
        walked.append(arm.order_by(*order).limit(limit).subquery())
    parts = [select(part.c.id, part.c.submitted_at) for part in walked]
    merged = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery()
    order = ((merged.c.submitted_at.asc(), merged.c.id.asc()) if forward
             else (merged.c.submitted_at.desc(), merged.c.id.desc()))
    return select(merged.c.id, merged.c.submitted_at).order_by(*order).limit(limit)


def _rows(db: Session, ordered: Select[Any], limit: int) -> list[QueueRow]:
    """What the list shows of the cases behind the ordered ids, in that order.

    Columns, not whole cases: the title alone is read out of the de-identified case in
    SQL, because loading and parsing a hundred whole cases was most of a page's cost.
    """
    ids = [case_id for case_id, _at in db.exec(ordered)][:limit]
    if not ids:
        return []
    lead = aliased(User)
    on_agenda = exists().where(col(AgendaItem.case_id) == Case.id)
    found = {row[0]: row for row in db.exec(
        select(col(Case.id), col(Case.state), col(Case.submitted_at), col(Program.name),
               col(Case.deidentified)["title"].as_string(), col(Case.assigned_expert_id),
               col(lead.name), on_agenda)
        .join(Program, col(Program.id) == Case.program_id)
        .outerjoin(lead, col(lead.id) == Case.assigned_expert_id)
        .where(col(Case.id).in_(ids)))}
    return [QueueRow(case_id, state, submitted_at, program, title or "", expert_id, expert,
                     bool(booked))
            for case_id, state, submitted_at, program, title, expert_id, expert, booked
            in (found[i] for i in ids if i in found)]


def _bounded_count(db: Session, arms: list[Select[Any]]) -> tuple[int, bool]:
    """How many cases match, reading at most WAITING_COUNT_CAP + 1 of them in all."""
    enough = WAITING_COUNT_CAP + 1
    capped = [select(arm.limit(enough).subquery().c.id) for arm in arms]
    matching = (capped[0] if len(capped) == 1 else union_all(*capped)).limit(enough).subquery()
    total = db.exec(select(func.count()).select_from(matching)).one()
    return min(total, WAITING_COUNT_CAP), total > WAITING_COUNT_CAP


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
    if not may_write_recommendations(db, expert, case):
        raise Forbidden("Only the case's lead expert and the panel of its session write "
                        "its recommendations.")
    if case.state not in EDITABLE:
        raise WrongState("Recommendations are written once a case is reviewed, "
                       "and frozen when they are signed off.")
    clean = _clean_items(items)
    existing = db.get(RecommendationSet, case.id)
    if existing is None:
        if expected_version not in (None, 0):
            raise Conflict("These recommendations were removed: reload the case.")
        row = RecommendationSet(case_id=id_of(case), summary=summary.strip(), items=clean,
                                updated_by_id=id_of(expert))
        db.add(row)
        insert_or_conflict(db, "Someone else wrote these recommendations at the same moment: "
                               "reload and try again.")
        return row
    if expected_version != existing.version:
        raise Conflict("Someone else changed these recommendations: reload and try again.")
    existing.summary, existing.items = summary.strip(), clean
    existing.updated_by_id, existing.updated_at = id_of(expert), utcnow()
    existing.version += 1
    db.add(existing)
    flush_or_conflict(db, "Someone else changed these recommendations: reload and try again.")
    return existing


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
