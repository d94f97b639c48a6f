"""The figures a hub reports on, computed from its cases, letters and sessions.

Every figure is a grouped query or a short read, whatever the hub's age: the turnaround's
median and 90th percentile are picked by the database from the letters in order, and only
the rows picked are read, so a hub of 10,000 letters costs three small queries, not 10,000
rows turned into Python dates.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, func, select

from echo_cases.letters.content import session_label
from models import AgendaItem, Attendance, Case, EchoSession, Letter, Program, as_utc, id_of
from workflows import CaseState


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


def hub_dashboard(db: Session, hub_id: int) -> Dashboard:
    by_program: dict[str, Counter[CaseState]] = {}
    for program, state, count in db.exec(
        select(Program.name, Case.state, func.count())
        .join(Program, col(Program.id) == Case.program_id)
        .where(Case.hub_id == hub_id).group_by(Program.name, Case.state)
    ):
        by_program.setdefault(program, Counter())[state] = count
    turnaround = _Turnaround(db, hub_id)
    sessions = list(db.exec(select(EchoSession).where(EchoSession.hub_id == hub_id)
                            .order_by(col(EchoSession.starts_at))))
    # Joined to the hub's sessions, not listed by id: years of weekly sessions would pass
    # SQLite's limit of bound values, and a join lets the index do the work.
    per_session = dict(db.exec(select(AgendaItem.session_id, func.count())
                               .join(EchoSession, col(EchoSession.id) == AgendaItem.session_id)
                               .where(EchoSession.hub_id == hub_id)
                               .group_by(AgendaItem.session_id)).all())
    present = dict(db.exec(select(Attendance.session_id, func.count())
                           .join(EchoSession, col(EchoSession.id) == Attendance.session_id)
                           .where(EchoSession.hub_id == hub_id)
                           .group_by(Attendance.session_id)).all())
    return Dashboard(
        by_program_state=by_program,
        turnaround_days_median=turnaround.median(),
        turnaround_days_p90=turnaround.percentile(0.9),
        letters_sent=turnaround.letters,
        # A recorded list of nobody is 0 present; a session never recorded has no figure.
        sessions=[SessionFigures(id_of(s), as_utc(s.starts_at), session_label(s),
                                 per_session.get(s.id, 0),
                                 present.get(s.id, 0 if s.attendance_version else None))
                  for s in sessions],
    )


class _Turnaround:
    """Days from submission to letter, for the hub's letters of submitted cases."""

    def __init__(self, db: Session, hub_id: int) -> None:
        self.db = db
        self.where = (Case.hub_id == hub_id, col(Case.submitted_at).is_not(None))
        self.letters = db.exec(select(func.count()).select_from(Letter)
                               .join(Case, col(Case.id) == Letter.case_id)
                               .where(*self.where)).one()

    def median(self) -> float | None:
        if not self.letters:
            return None
        middle = self._days((self.letters - 1) // 2, 2 - self.letters % 2)
        return round(statistics.median(middle), 1)

    def percentile(self, fraction: float) -> float | None:
        """Nearest rank: a value that actually occurred."""
        if not self.letters:
            return None
        rank = max(1, -(-int(fraction * 100) * self.letters // 100))
        return round(self._days(min(rank, self.letters) - 1, 1)[0], 1)

    def _days(self, offset: int, count: int) -> list[float]:
        """The turnarounds at ``offset`` in ascending order. The database orders by its own
        arithmetic; the figure itself is computed here from the two moments, as ever."""
        rows = self.db.exec(select(Case.submitted_at, Letter.created_at)
                            .join(Letter, col(Letter.case_id) == Case.id).where(*self.where)
                            .order_by(_DaysBetween(Case.submitted_at, Letter.created_at),
                                      col(Letter.id))
                            .offset(offset).limit(count))
        return [(as_utc(sent) - as_utc(submitted)).total_seconds() / 86400
                for submitted, sent in rows if submitted is not None]


class _DaysBetween(FunctionElement[float]):
    """Days from the first moment to the second, in the database's own arithmetic."""

    type = Float()
    inherit_cache = True


@compiles(_DaysBetween)
def _days_between(element: _DaysBetween, compiler: SQLCompiler, **kw: object) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"


@compiles(_DaysBetween, "sqlite")
def _days_between_sqlite(element: _DaysBetween, compiler: SQLCompiler, **kw: object) -> str:
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(julianday({end}) - julianday({start}))"
