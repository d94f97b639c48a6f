"""The figures a hub reports on, computed from its cases, letters and sessions."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

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
    days = sorted(
        (as_utc(sent) - as_utc(submitted)).total_seconds() / 86400
        for submitted, sent in db.exec(
            select(Case.submitted_at, Letter.created_at)
            .join(Letter, col(Letter.case_id) == Case.id).where(Case.hub_id == hub_id))
        if submitted is not None)
    sessions = list(db.exec(select(EchoSession).where(EchoSession.hub_id == hub_id)
                            .order_by(col(EchoSession.starts_at))))
    hub_sessions = [s.id for s in sessions]
    per_session = dict(db.exec(select(AgendaItem.session_id, func.count())
                               .where(col(AgendaItem.session_id).in_(hub_sessions))
                               .group_by(AgendaItem.session_id)).all())
    present = dict(db.exec(select(Attendance.session_id, func.count())
                           .where(col(Attendance.session_id).in_(hub_sessions))
                           .group_by(Attendance.session_id)).all())
    return Dashboard(
        by_program_state=by_program,
        turnaround_days_median=round(statistics.median(days), 1) if days else None,
        turnaround_days_p90=round(_percentile(days, 0.9), 1) if days else None,
        letters_sent=len(days),
        # A recorded list of nobody is 0 present; a session never recorded has no figure.
        sessions=[SessionFigures(id_of(s), as_utc(s.starts_at), session_label(s),
                                 per_session.get(s.id, 0),
                                 present.get(s.id, 0 if s.attendance_version else None))
                  for s in sessions],
    )


def _percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile: a value that actually occurred."""
    rank = max(1, -(-int(fraction * 100) * len(ordered) // 100))
    return ordered[min(rank, len(ordered)) - 1]
