"""What needs each person's action: the short lists at the top of each role's home.

Every list walks an index of the cases it can only be in (a hub and a state, an expert,
an author) and stops after a screenful; the queues and triage hold the rest. Which
states a list reads comes from the workflow definition, found by what an action does
(its effects, where a draft comes back to), not by its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, or_
from sqlmodel import Session, col, select

from echo_cases import clock
from echo_cases.access import ORGANISERS, hubs_where
from echo_cases.services import outcomes
from echo_cases.services.cases import vault_of
from models import (
    AgendaItem,
    Case,
    CaseOriginal,
    CaseTransition,
    Delivery,
    DeliveryStatus,
    Letter,
    PreReview,
    RecommendationSet,
    SessionPanelist,
    User,
    as_utc,
    id_of,
)
from workflows import CASE_WORKFLOW, Action, CaseState, Role

# A screenful: the home page points at what to do first, the queues list everything.
LIMIT = 8
# A letter e-mail waiting this long past its time was not sent: no worker took it.
OVERDUE = timedelta(minutes=15)
_NEVER = datetime.max.replace(tzinfo=UTC)


def _actions_with_effect(effect: str) -> list[Action]:
    return [a for a in CASE_WORKFLOW.actions.values() if effect in a.effects]


def _sources(effect: str) -> frozenset[CaseState]:
    """The states an action doing ``effect`` starts from; a workflow without one is a bug
    here, said at start-up rather than by a list that stays empty."""
    states = frozenset(s for a in _actions_with_effect(effect) for s in a.sources)
    if not states:
        raise LookupError(f"no action of the case workflow has the effect {effect!r}")
    return states


# Where a submitted case is sent back to its author from (the "return to clinician" moves).
RETURNS = frozenset(a.name for a in CASE_WORKFLOW.actions.values()
                    if a.target is CaseState.DRAFT and CaseState.DRAFT not in a.sources)
PRE_REVIEW_FROM = _sources("record_pre_review")
SCHEDULE_FROM = _sources("add_to_agenda")
SIGN_OFF_FROM = _sources("issue_letter")


@dataclass(frozen=True)
class ReturnNote:
    """Who sent a case back to its author, when, and why (in their words)."""

    case_id: int
    by: str
    at: datetime
    reason: str


@dataclass(frozen=True)
class Item:
    """One thing to do about one case, as the home page lists it."""

    case_id: int
    title: str
    todo: str  # what to do, in a few words
    since: datetime | None = None
    since_what: str = ""  # the words before that date: "Submitted", "Letter issued"
    who: str = ""  # who returned it; whom a letter did not reach
    why: str = ""  # the reason given, in the words of who gave it


@dataclass(frozen=True)
class Worklist:
    """One role's list: the first few items, and whether there are more."""

    role: Role
    heading: str
    items: list[Item]
    more: bool = False


# --- the clinician ----------------------------------------------------------------------


def return_notes(db: Session, author: User, *, limit: int | None = None) -> list[ReturnNote]:
    """The author's drafts whose last move was a return to them, latest first."""
    last = (select(col(CaseTransition.case_id), func.max(CaseTransition.id).label("last_id"))
            .join(Case, col(Case.id) == CaseTransition.case_id)
            .where(Case.author_id == author.id, Case.state == CaseState.DRAFT)
            .group_by(col(CaseTransition.case_id)).subquery())
    query = (select(CaseTransition, User.name)
             .join(last, last.c.last_id == CaseTransition.id)
             .join(User, col(User.id) == CaseTransition.actor_id)
             .where(col(CaseTransition.action).in_(RETURNS))
             .order_by(col(CaseTransition.id).desc()))
    if limit is not None:
        query = query.limit(limit)
    return [ReturnNote(t.case_id, name, as_utc(t.at), t.comment) for t, name in db.exec(query)]


def return_note(db: Session, case: Case) -> ReturnNote | None:
    """Why a draft is back with its author, if it was returned; None for a new draft."""
    if case.state is not CaseState.DRAFT:
        return None
    row = db.exec(select(CaseTransition, User.name)
                  .join(User, col(User.id) == CaseTransition.actor_id)
                  .where(CaseTransition.case_id == case.id)
                  .order_by(col(CaseTransition.id).desc()).limit(1)).first()
    if row is None or row[0].action not in RETURNS:
        return None
    transition, name = row
    return ReturnNote(transition.case_id, name, as_utc(transition.at), transition.comment)


def letters_waiting(db: Session, author: User, *,
                    limit: int | None = None) -> list[tuple[int, datetime]]:
    """(case id, issued at) of the author's letters not yet acknowledged, oldest first."""
    query = (select(col(Letter.case_id), col(Letter.created_at))
             .join(Case, col(Case.id) == Letter.case_id)
             .where(Case.author_id == author.id, col(Letter.acknowledged_at).is_(None))
             .order_by(col(Letter.created_at), col(Letter.case_id)))
    if limit is not None:
        query = query.limit(limit)
    return [(case_id, as_utc(at)) for case_id, at in db.exec(query)]


@dataclass(frozen=True)
class CaseFlags:
    """What "My cases" marks beside a case's state."""

    returned: frozenset[int]
    letter_waiting: frozenset[int]


def clinician_worklist(db: Session, clinician: User) -> Worklist:
    """Returned drafts (who, when, why) first, then letters to read and acknowledge, then
    outcomes the hub asked for."""
    return _clinician_worklist(db, return_notes(db, clinician, limit=LIMIT + 1),
                               letters_waiting(db, clinician, limit=LIMIT + 1),
                               outcomes.waiting_for(db, clinician, limit=LIMIT + 1))


def my_cases(db: Session, author: User) -> tuple[Worklist, CaseFlags]:
    """The clinician's worklist and the flags of every case of theirs, read once for both."""
    returned, letters = return_notes(db, author), letters_waiting(db, author)
    flags = CaseFlags(frozenset(n.case_id for n in returned),
                      frozenset(case_id for case_id, _at in letters))
    return _clinician_worklist(db, returned, letters,
                               outcomes.waiting_for(db, author, limit=LIMIT + 1)), flags


def _clinician_worklist(db: Session, returned: list[ReturnNote],
                        letters: list[tuple[int, datetime]],
                        asked: list[tuple[int, datetime]]) -> Worklist:
    titles = _own_titles(db, [n.case_id for n in returned[:LIMIT]]
                         + [case_id for case_id, _at in letters[:LIMIT]]
                         + [case_id for case_id, _at in asked[:LIMIT]])
    items = [Item(n.case_id, titles.get(n.case_id, ""), "Returned to you: revise it and "
                  "submit it again", n.at, who=f"Returned by {n.by}", why=n.reason)
             for n in returned[:LIMIT]]
    items += [Item(case_id, titles.get(case_id, ""), "Read the recommendations and "
                   "acknowledge them", at, since_what="Letter issued")
              for case_id, at in letters[:LIMIT]]
    items += [Item(case_id, titles.get(case_id, ""), "Outcome requested: tell the hub what "
                   "happened", at, since_what="Asked")
              for case_id, at in asked[:LIMIT]]
    return Worklist(Role.CLINICIAN, "Needs your action", items,
                    more=len(returned) > LIMIT or len(letters) > LIMIT or len(asked) > LIMIT)


def _own_titles(db: Session, case_ids: list[int]) -> dict[int, str]:
    """Titles as the author wrote them: the author's own list, opened for them alone."""
    if not case_ids:
        return {}
    vault = vault_of(db)
    rows = db.exec(select(CaseOriginal).where(col(CaseOriginal.case_id).in_(case_ids)))
    return {o.case_id: str(vault.open(o.sealed).get("title", "")) for o in rows}


# --- the expert -------------------------------------------------------------------------


def expert_worklist(db: Session, expert: User) -> Worklist:
    """Cases assigned to the expert to pre-review, presented cases they lead whose
    recommendations are theirs to write and sign off, and presented cases of the sessions
    they sit on the panel of whose recommendations nobody has written yet."""
    me = id_of(expert)
    hub_ids = hubs_where(db, expert, frozenset({Role.EXPERT}))
    reviewed_by_me = exists().where(col(PreReview.case_id) == Case.id,
                                    col(PreReview.expert_id) == me,
                                    col(PreReview.created_at) >= Case.submitted_at)
    to_pre_review = _walk(db, hub_ids, PRE_REVIEW_FROM, Case.assigned_expert_id == me,
                          ~reviewed_by_me)
    items = [Item(r.case_id, r.title, "Pre-review it for the panel", r.since,
                  since_what="Submitted") for r in to_pre_review[:LIMIT]]
    to_sign = _walk(db, hub_ids, SIGN_OFF_FROM, Case.assigned_expert_id == me)
    written = _written(db, [r.case_id for r in to_sign])
    items += [Item(r.case_id, r.title, "Sign off the recommendations" if r.case_id in written
                   else "Write the recommendations, then sign them off", r.since,
                   since_what="Submitted") for r in to_sign[:LIMIT]]
    on_panel = _on_my_panels(db, hub_ids, me)
    written_by_panel = _written(db, [r.case_id for r in on_panel])
    unwritten = [r for r in on_panel if r.case_id not in written_by_panel]
    items += [Item(r.case_id, r.title, "Write the recommendations with the panel", r.since,
                   since_what="Submitted") for r in unwritten[:LIMIT]]
    return Worklist(Role.EXPERT, "Needs your action", items,
                    more=len(to_pre_review) > LIMIT or len(to_sign) > LIMIT
                    or len(on_panel) > LIMIT)


def _on_my_panels(db: Session, hub_ids: Iterable[int], me: int) -> list[_Row]:
    """Presented cases another expert leads, on the agendas of sessions ``me`` sits on the
    panel of: the walk of the hub's few presented cases, each checked against the expert's
    panels (session_panelist's user index), never a walk of every agenda they sat on."""
    on_my_panel = exists().where(col(AgendaItem.case_id) == Case.id,
                                 col(SessionPanelist.session_id) == AgendaItem.session_id,
                                 col(SessionPanelist.user_id) == me)
    led_by_another = or_(col(Case.assigned_expert_id).is_(None), Case.assigned_expert_id != me)
    return _walk(db, hub_ids, SIGN_OFF_FROM, led_by_another, on_my_panel)


def _written(db: Session, case_ids: list[int]) -> set[int]:
    if not case_ids:
        return set()
    rows = db.exec(select(RecommendationSet).where(col(RecommendationSet.case_id).in_(case_ids)))
    return {r.case_id for r in rows if r.items and r.summary.strip()}


# --- the coordinator --------------------------------------------------------------------


def coordinator_worklist(db: Session, organiser: User) -> Worklist:
    """Pre-reviewed cases on no agenda yet, and letters whose e-mail did not go out."""
    hub_ids = hubs_where(db, organiser, ORGANISERS)
    pre_reviewed = exists().where(col(PreReview.case_id) == Case.id,
                                  col(PreReview.created_at) >= Case.submitted_at)
    on_agenda = exists().where(col(AgendaItem.case_id) == Case.id)
    ready = _walk(db, hub_ids, SCHEDULE_FROM, pre_reviewed, ~on_agenda)
    items = [Item(r.case_id, r.title, "Schedule it into a session", r.since,
                  since_what="Submitted") for r in ready[:LIMIT]]
    undelivered = undelivered_letters(db, hub_ids, limit=LIMIT + 1)
    items += [Item(case_id, title, "Its letter was not delivered: send it again", since,
                   since_what="letter issued", who=f"To {name}")
              for case_id, title, name, since in undelivered[:LIMIT]]
    return Worklist(Role.COORDINATOR, "Needs your action", items,
                    more=len(ready) > LIMIT or len(undelivered) > LIMIT)


def undelivered_letters(db: Session, hub_ids: Iterable[int], *,
                        limit: int) -> list[tuple[int, str, str, datetime]]:
    """(case id, title, recipient, letter issued at) of letter e-mails that failed, are
    retrying after a failure, or are overdue (nothing sent them): oldest first."""
    hubs = sorted(hub_ids)
    if not hubs:
        return []
    overdue = clock.now(db) - OVERDUE
    pending = col(Delivery.status) == DeliveryStatus.PENDING
    # "status IN (...)" first: the planner starts from the few undelivered rows by its index.
    rows = db.exec(
        select(col(Letter.case_id), col(Case.deidentified)["title"].as_string(), User.name,
               col(Letter.created_at))
        .select_from(Delivery)
        .join(Letter, col(Letter.id) == Delivery.letter_id)
        .join(Case, col(Case.id) == Letter.case_id)
        .join(User, col(User.id) == Delivery.user_id)
        .where(col(Delivery.status).in_([DeliveryStatus.PENDING, DeliveryStatus.FAILED]),
               or_(col(Delivery.status) == DeliveryStatus.FAILED,
                   and_(pending, col(Delivery.attempts) > 0),
                   and_(pending, col(Delivery.next_attempt_at) <= overdue)),
               col(Case.hub_id).in_(hubs))
        .order_by(col(Delivery.id)).limit(limit))
    return [(case_id, title or "", name, as_utc(at)) for case_id, title, name, at in rows]


# --- the walk ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    case_id: int
    title: str
    since: datetime | None


def _walk(db: Session, hub_ids: Iterable[int], states: frozenset[CaseState],
          *conditions: Any) -> list[_Row]:
    """The first LIMIT + 1 cases of these hubs and states meeting ``conditions``, longest
    waiting first: a walk of the queue index per hub and state, never a sort of them all."""
    found: list[_Row] = []
    for hub_id in sorted(hub_ids):
        for state in sorted(states):
            found += [_Row(case_id, title or "", as_utc(at) if at else None)
                      for case_id, title, at in db.exec(
                          select(col(Case.id), col(Case.deidentified)["title"].as_string(),
                                 col(Case.submitted_at))
                          .where(Case.hub_id == hub_id, Case.state == state, *conditions)
                          .order_by(col(Case.submitted_at), col(Case.id)).limit(LIMIT + 1))]
    found.sort(key=lambda r: (r.since or _NEVER, r.case_id))
    return found[:LIMIT + 1]
