"""The figures a hub reports on, computed from its cases, letters and sessions.

Every figure is a grouped query or a short read, whatever the hub's age: the turnaround's
median and 90th percentile are picked by the database from the letters in order, and only
the rows picked are read, so a hub of 10,000 letters costs one query returning three rows,
not 10,000 rows turned into Python dates.
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
    for program_id, state, count in counts:
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

    One query over the turnaround each letter stored when it was sent: the database
    numbers the letters in order from the index of (case, turnaround) and returns only the
    rows at the median and 90th-percentile ranks."""
    ranked = (
        select(col(Letter.turnaround_days).label("days"),
               func.row_number().over(order_by=(col(Letter.turnaround_days),
                                                col(Letter.id))).label("rank"),
               func.count().over().label("letters"))
        .join(Case, col(Case.id) == Letter.case_id)
        .where(Case.hub_id == hub_id, col(Letter.turnaround_days).is_not(None))
        .subquery())
    n = ranked.c.letters
    rows = db.exec(select(ranked.c.rank, ranked.c.letters, ranked.c.days)
                   .where(ranked.c.rank.in_([(n - 1) // 2 + 1, n // 2 + 1,
                                             (P90 * n + 99) // 100]))).all()
    if not rows:
        return _Turnaround(0, None, None)
    letters = rows[0].letters
    days = {rank: float(value) for rank, _n, value in rows}
    # As statistics.median has it: halfway between the two middle ones when they are two.
    median = (days[(letters - 1) // 2 + 1] + days[letters // 2 + 1]) / 2
    return _Turnaround(letters, round(median, 1),
                       round(days[(P90 * letters + 99) // 100], 1))
