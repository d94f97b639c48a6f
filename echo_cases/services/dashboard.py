"""The figures a hub reports on, computed from its cases, letters and sessions.

Every figure is a grouped query or a short read, whatever the hub's age: the turnaround's
median and 90th percentile are read at their ranks from an index of the hub's letters in
order of the turnaround each stored when sent, so a hub of 10,000 letters costs a few index
steps, not 10,000 rows sorted and turned into Python dates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from echo_cases import clock
from echo_cases.letters.content import label_of
from models import AgendaItem, Attendance, Case, EchoSession, Letter, Program, as_utc
from workflows import CaseState

P90 = 90  # the turnaround's upper figure, in percent
CHART_DAYS = 366  # the page's per-session charts: the last twelve months


def chart_window_start(db: Session) -> datetime:
    """Where the dashboard page's per-session charts begin: twelve months ago."""
    return clock.now(db) - timedelta(days=CHART_DAYS)


@dataclass(frozen=True)
class SessionFigures:
    session_id: int
    starts_at: datetime
    label: str
    cases: int
    present: int | None  # None: no attendance recorded


@dataclass(frozen=True)
class Dashboard:
    by_program_state: dict[str, Counter[CaseState]]
    # Keyed by id for the API: two programs may share a name, and a client joins by id.
    by_program_id_state: dict[int, Counter[CaseState]]
    program_names: dict[int, str]
    turnaround_days_median: float | None
    turnaround_days_p90: float | None
    letters_sent: int
    sessions: list[SessionFigures]


def hub_dashboard(db: Session, hub_id: int, since: datetime | None = None) -> Dashboard:
    """The hub's figures; its sessions (and their cases and attendance) from ``since`` only,
    when given: the page charts the last year, the API answers for every session."""
    # Counted from the index of (hub, program, state) alone; the few names joined after.
    counts = db.exec(select(Case.program_id, Case.state, func.count())
                     .where(Case.hub_id == hub_id)
                     .group_by(Case.program_id, Case.state)).all()
    names = dict(db.exec(select(Program.id, Program.name)
                         .where(col(Program.id).in_({p for p, _s, _n in counts}))).all())
    by_program: dict[str, Counter[CaseState]] = {}
    by_program_id: dict[int, Counter[CaseState]] = {}
    for program_id, state, count in counts:
        by_program_id.setdefault(program_id, Counter())[state] += count
        if program_id in names:  # programs of one name are counted as one, as they show
            by_program.setdefault(names[program_id], Counter())[state] += count
    turnaround = _turnaround(db, hub_id)
    # Read as columns: a hub's years of weekly sessions need five of them each, not rows.
    within = [EchoSession.hub_id == hub_id]
    if since is not None:
        within.append(col(EchoSession.starts_at) >= since)
    sessions = db.exec(select(EchoSession.id, EchoSession.starts_at, EchoSession.timezone,
                              EchoSession.topic, EchoSession.attendance_version)
                       .where(*within)
                       .order_by(col(EchoSession.starts_at))).all()
    # Joined to the hub's sessions, not listed by id: years of weekly sessions would pass
    # SQLite's limit of bound values, and a join lets the index do the work.
    per_session = dict(db.exec(select(AgendaItem.session_id, func.count())
                               .join(EchoSession, col(EchoSession.id) == AgendaItem.session_id)
                               .where(*within)
                               .group_by(AgendaItem.session_id)).all())
    present = dict(db.exec(select(Attendance.session_id, func.count())
                           .join(EchoSession, col(EchoSession.id) == Attendance.session_id)
                           .where(*within)
                           .group_by(Attendance.session_id)).all())
    return Dashboard(
        by_program_state=by_program,
        by_program_id_state=by_program_id,
        program_names=names,
        turnaround_days_median=turnaround.median,
        turnaround_days_p90=turnaround.p90,
        letters_sent=turnaround.letters,
        # A recorded list of nobody is 0 present; a session never recorded has no figure.
        sessions=[SessionFigures(session_id, at, label_of(at, zone, topic),
                                 per_session.get(session_id, 0),
                                 present.get(session_id, 0 if version else None))
                  for session_id, starts_at, zone, topic, version in sessions
                  for at in (as_utc(starts_at),)],
    )


@dataclass(frozen=True)
class _Turnaround:
    letters: int
    median: float | None
    p90: float | None


def _turnaround(db: Session, hub_id: int) -> _Turnaround:
    """Days from submission to letter, over the hub's letters of submitted cases: the
    median and the nearest-rank 90th percentile (a value that actually occurred).

    Each letter stored its turnaround when it was sent; the index of (hub, turnaround)
    holds them in order, so the count and each rank needed are read from it without a
    row, a join or a sort: a few index steps, not the hub's letters sorted per view."""
    theirs = select(Letter.turnaround_days).where(
        Letter.hub_id == hub_id, col(Letter.turnaround_days).is_not(None))
    letters = db.exec(select(func.count()).select_from(theirs.subquery())).one()
    if not letters:
        return _Turnaround(0, None, None)

    def at(rank: int) -> float:  # 1-based, in order of turnaround
        return float(db.exec(theirs.order_by(col(Letter.turnaround_days))
                             .offset(rank - 1).limit(1)).one() or 0)

    days = {rank: at(rank) for rank in {(letters - 1) // 2 + 1, letters // 2 + 1,
                                        (P90 * letters + 99) // 100}}
    # As statistics.median has it: halfway between the two middle ones when they are two.
    median = (days[(letters - 1) // 2 + 1] + days[letters // 2 + 1]) / 2
    return _Turnaround(letters, round(median, 1),
                       round(days[(P90 * letters + 99) // 100], 1))
