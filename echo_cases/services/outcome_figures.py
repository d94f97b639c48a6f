"""A hub's outcome figures: how many recommendations were followed, how patients fared by
program, and which cases still await their clinician's answer.

Shares count rated recommendations: "followed" is the share rated followed in full;
"partly" and "not followed" are reported beside it, never folded into it.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, func, select

from echo_cases.services.exports import safe_cell
from models import Case, Outcome, OutcomeStatus, PatientStatus, Program, as_utc

# The dashboard lists the longest-waiting few; the count says how many there are.
AWAITING_SHOWN = 20


@dataclass
class ProgramOutcomes:
    program: str
    answered: int = 0
    declined: int = 0
    awaiting: int = 0
    followed: int = 0
    partly: int = 0
    not_followed: int = 0
    patients: Counter[PatientStatus] = field(default_factory=Counter)

    @property
    def rated(self) -> int:
        return self.followed + self.partly + self.not_followed

    @property
    def share_followed(self) -> float | None:
        """Followed in full, of the recommendations rated; None before any is rated."""
        return round(self.followed / self.rated, 3) if self.rated else None

    def add(self, other: ProgramOutcomes) -> None:
        for name in ("answered", "declined", "awaiting", "followed", "partly", "not_followed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.patients.update(other.patients)


@dataclass(frozen=True)
class Awaiting:
    case_id: int
    title: str  # de-identified
    program: str
    requested_at: datetime
    reminders_sent: int


@dataclass(frozen=True)
class OutcomeFigures:
    programs: list[ProgramOutcomes]
    total: ProgramOutcomes
    awaiting: list[Awaiting]


def hub_outcomes(db: Session, hub_id: int) -> OutcomeFigures:
    """Two grouped queries and one short list, whatever the number of cases."""
    by_program: dict[str, ProgramOutcomes] = {}
    # Grouped by program id from the index of the figures alone (ix_outcome_hub_figures);
    # the few names joined after. Programs of one name are counted as one, as they show.
    counts = db.exec(
        select(Outcome.program_id, Outcome.status, Outcome.patient_status, func.count(),
               func.sum(Outcome.followed), func.sum(Outcome.partly),
               func.sum(Outcome.not_followed))
        .where(Outcome.hub_id == hub_id,
               # Asked, or told without being asked: a row made only to decline counts too.
               (col(Outcome.requested_at).is_not(None))
               | (Outcome.status != OutcomeStatus.REQUESTED))
        .group_by(Outcome.program_id, Outcome.status, Outcome.patient_status)).all()
    names = dict(db.exec(select(Program.id, Program.name)
                         .where(col(Program.id).in_({row[0] for row in counts}))).all())
    for program_id, status, patient, n, followed, partly, not_followed in counts:
        if program_id not in names:
            continue
        name = names[program_id]
        figures = by_program.setdefault(name, ProgramOutcomes(name))
        if status is OutcomeStatus.ANSWERED:
            figures.answered += n
            figures.followed += followed or 0
            figures.partly += partly or 0
            figures.not_followed += not_followed or 0
            if patient is not None:
                figures.patients[patient] += n
        elif status is OutcomeStatus.DECLINED:
            figures.declined += n
        else:
            figures.awaiting += n
    total = ProgramOutcomes("All programs")
    for figures in by_program.values():
        total.add(figures)
    return OutcomeFigures(sorted(by_program.values(), key=lambda p: p.program), total,
                          _awaiting(db, hub_id))


def _awaiting(db: Session, hub_id: int) -> list[Awaiting]:
    rows = db.exec(
        select(Outcome.case_id, col(Case.deidentified)["title"].as_string(), Program.name,
               Outcome.requested_at, Outcome.reminders_sent)
        .join(Case, col(Case.id) == Outcome.case_id)
        .join(Program, col(Program.id) == Outcome.program_id)
        .where(Outcome.hub_id == hub_id, Outcome.status == OutcomeStatus.REQUESTED,
               col(Outcome.requested_at).is_not(None))
        .order_by(col(Outcome.requested_at), col(Outcome.id)).limit(AWAITING_SHOWN))
    return [Awaiting(case_id, title or "", program, as_utc(at), reminders)
            for case_id, title, program, at, reminders in rows]


CSV_COLUMNS = ("program", "answered", "declined", "awaiting", "recommendations_rated",
               "followed", "partly", "not_followed", "share_followed",
               *(f"patients_{s.value}" for s in PatientStatus))


def csv_lines(figures: OutcomeFigures) -> Iterator[str]:
    """One row per program and one for the hub: figures only, never a case's text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in [*figures.programs, figures.total]:
        writer.writerow([safe_cell(row.program), row.answered, row.declined, row.awaiting,
                         row.rated, row.followed, row.partly, row.not_followed,
                         "" if row.share_followed is None else row.share_followed,
                         *(row.patients.get(s, 0) for s in PatientStatus)])
    yield buffer.getvalue()
