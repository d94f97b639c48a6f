"""What a hub reads of its evaluations: per session (counts, means, distributions, the
de-identified comments) and per program over time, and the same as CSV rows.

Anonymous answers are listed in an order of their content, not of their arrival: the order
answers came in, set beside who said they had just answered, would otherwise name them.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from echo_cases.letters.content import session_label
from echo_cases.services.evaluations import SCALE
from echo_cases.services.exports import safe_cell
from models import (
    EchoSession,
    EvaluationInvite,
    EvaluationResponse,
    Program,
    SessionEvaluation,
    as_utc,
    id_of,
)


@dataclass(frozen=True)
class QuestionResult:
    key: str
    label: str
    kind: str
    answered: int
    mean: float | None  # scale questions only
    distribution: list[tuple[str, int]]  # each value offered, with how many chose it
    comments: list[str]  # text questions only, de-identified


@dataclass(frozen=True)
class SessionResults:
    session_id: int
    program_id: int
    program: str
    starts_at: datetime
    label: str
    anonymous: bool
    invited: int
    responses: int
    questions: list[QuestionResult]
    # (name, answers) per answer; the name is "" when the survey was anonymous.
    answers: list[tuple[str, dict[str, Any]]]

    def mean_of(self, key: str) -> float | None:
        return next((q.mean for q in self.questions if q.key == key), None)


def session_results(db: Session, session: EchoSession) -> SessionResults | None:
    """The session's figures; None when its evaluation was never sent."""
    return next(iter(_results(db, [session])), None)


def hub_results(db: Session, hub_id: int) -> list[SessionResults]:
    """Every surveyed session of the hub, earliest first."""
    sessions = list(db.exec(
        select(EchoSession).join(SessionEvaluation,
                                 col(SessionEvaluation.session_id) == EchoSession.id)
        .where(EchoSession.hub_id == hub_id).order_by(col(EchoSession.starts_at))))
    return _results(db, sessions)


def _results(db: Session, sessions: list[EchoSession]) -> list[SessionResults]:
    ids = [id_of(s) for s in sessions]
    surveys = {s.session_id: s for s in db.exec(
        select(SessionEvaluation).where(col(SessionEvaluation.session_id).in_(ids)))}
    invited = dict(db.exec(select(EvaluationInvite.session_id, func.count())
                           .where(col(EvaluationInvite.session_id).in_(ids))
                           .group_by(EvaluationInvite.session_id)).all())
    answers: dict[int, list[tuple[dict[str, Any], str | None]]] = {}
    for session_id, given, name in db.exec(
            select(EvaluationResponse.session_id, EvaluationResponse.answers,
                   EvaluationInvite.name)
            .join(EvaluationInvite, col(EvaluationInvite.id) == EvaluationResponse.invite_id,
                  isouter=True)
            .where(col(EvaluationResponse.session_id).in_(ids))):
        answers.setdefault(session_id, []).append((given, name))
    programs = {p.id: p.name for p in db.exec(
        select(Program).where(col(Program.id).in_({s.program_id for s in sessions})))}
    results = []
    for session in sessions:
        survey = surveys.get(id_of(session))
        if survey is None:
            continue
        given = sorted(answers.get(id_of(session), []),
                       key=lambda row: json.dumps(row[0], sort_keys=True))
        results.append(SessionResults(
            session_id=id_of(session), program_id=session.program_id,
            program=programs.get(session.program_id, ""), starts_at=as_utc(session.starts_at),
            label=session_label(session), anonymous=survey.anonymous,
            invited=invited.get(session.id, 0), responses=len(given),
            questions=[_question(q, [a for a, _name in given]) for q in survey.questions],
            answers=[("" if survey.anonymous else name or "", a) for a, name in given]))
    return results


def _question(q: dict[str, Any], given: list[dict[str, Any]]) -> QuestionResult:
    values = [str(a[q["key"]]) for a in given if q["key"] in a]
    counts = Counter(values)
    offered = SCALE if q["kind"] == "scale" else tuple(q.get("options") or ())
    mean = (round(sum(int(v) for v in values) / len(values), 2)
            if q["kind"] == "scale" and values else None)
    return QuestionResult(
        key=q["key"], label=q["label"], kind=q["kind"], answered=len(values), mean=mean,
        distribution=[(v, counts.get(v, 0)) for v in offered],
        comments=sorted(values) if q["kind"] == "text" else [])


@dataclass(frozen=True)
class ProgramSeries:
    """A program's scale questions over its surveyed sessions, earliest first."""

    program: str
    questions: list[tuple[str, str]]  # (key, label) of its scale questions
    sessions: list[SessionResults]


def by_program(results: list[SessionResults]) -> list[ProgramSeries]:
    grouped: dict[str, list[SessionResults]] = {}
    for r in results:
        grouped.setdefault(r.program, []).append(r)
    series = []
    for program, rows in sorted(grouped.items()):
        keys: dict[str, str] = {}
        for r in rows:
            keys.update({q.key: q.label for q in r.questions if q.kind == "scale"})
        series.append(ProgramSeries(program, list(keys.items()), rows))
    return series


def csv_rows(results: list[SessionResults]) -> Iterator[dict[str, Any]]:
    """One row per answer: its session, and the respondent only for named surveys."""
    for r in results:
        for name, given in r.answers:
            yield {"program": r.program, "session_id": r.session_id,
                   "session_date": r.starts_at.date().isoformat(), "respondent": name, **given}


def csv_columns(results: list[SessionResults]) -> list[str]:
    """The fixed columns, then every question key in the order first asked."""
    keys: dict[str, None] = {}
    for r in results:
        keys.update({q.key: None for q in r.questions})
    fixed = ["program", "session_id", "session_date", "respondent"]
    return fixed + [k for k in keys if k not in fixed]


def csv_text(results: list[SessionResults]) -> str:
    """The export: small (a row per answer), so written whole; no cell runs as a formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(results), extrasaction="ignore")
    writer.writeheader()
    for row in csv_rows(results):
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return buffer.getvalue()
