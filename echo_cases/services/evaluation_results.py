"""What a hub reads of its evaluations: per session (counts, means, distributions, the
de-identified comments) and per program over time, and the same as CSV rows.

An anonymous session gives aggregates only (counts per option, means, the comments in
the order of their text), never its answers one respondent at a time, in any order: two
views of such a list, before and after someone says they have just answered, differ by
exactly that person's whole answer. And its aggregates and comments are withheld until at
least ``MIN_ANONYMOUS`` people have answered: the coordinator knows who attended, and of
one or two answers could tell whose each is. Only the counts show until then.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, case, cast
from sqlmodel import Session, col, func, select

from echo_cases import zones
from echo_cases.letters.content import label_of, session_label
from echo_cases.services.evaluations import SCALE
from echo_cases.services.exports import safe_cell
from models import (
    EchoSession,
    EvaluationInvite,
    EvaluationResponse,
    Hub,
    Program,
    SessionEvaluation,
    as_utc,
    id_of,
)

MIN_ANONYMOUS = 3


def withheld(anonymous: bool, responses: int) -> bool:
    return anonymous and responses < MIN_ANONYMOUS


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
    day: date  # the day it met in its own zone, as its participants' calendars have it
    label: str
    anonymous: bool
    invited: int
    responses: int
    questions: list[QuestionResult]
    # (name, answers) per answer of a named survey; an anonymous one lists none.
    answers: list[tuple[str, dict[str, Any]]]
    withheld: bool  # anonymous, and too few answers to show any (questions, answers empty)

    def mean_of(self, key: str) -> float | None:
        return next((q.mean for q in self.questions if q.key == key), None)


def session_results(db: Session, session: EchoSession) -> SessionResults | None:
    """The session's figures; None when its evaluation was never sent."""
    return next(iter(_results(db, [session], EchoSession.id == session.id)), None)


def hub_results(db: Session, hub_id: int) -> list[SessionResults]:
    """Every surveyed session of the hub, earliest first."""
    sessions = list(db.exec(
        select(EchoSession).join(SessionEvaluation,
                                 col(SessionEvaluation.session_id) == EchoSession.id)
        .where(EchoSession.hub_id == hub_id).order_by(col(EchoSession.starts_at))))
    return _results(db, sessions, EchoSession.hub_id == hub_id)


def _results(db: Session, sessions: list[EchoSession],
             which: ColumnElement[bool]) -> list[SessionResults]:
    """The results of ``sessions``, which are those ``which`` selects (joined, not listed by
    id: a hub of a thousand sessions would pass SQLite's limit of bound values)."""
    surveys = {s.session_id: s for s in db.exec(
        select(SessionEvaluation)
        .join(EchoSession, col(EchoSession.id) == SessionEvaluation.session_id).where(which))}
    invited = dict(db.exec(select(EvaluationInvite.session_id, func.count())
                           .join(EchoSession, col(EchoSession.id) == EvaluationInvite.session_id)
                           .where(which).group_by(EvaluationInvite.session_id)).all())
    answers: dict[int, list[tuple[dict[str, Any], str | None]]] = {}
    for session_id, given, name in db.exec(
            select(EvaluationResponse.session_id, EvaluationResponse.answers,
                   EvaluationInvite.name)
            .join(EvaluationInvite, col(EvaluationInvite.id) == EvaluationResponse.invite_id,
                  isouter=True)
            .join(EchoSession, col(EchoSession.id) == EvaluationResponse.session_id)
            .where(which)):
        answers.setdefault(session_id, []).append((given, name))
    programs = dict(db.exec(select(Program.id, Program.name).where(
        col(Program.id).in_({s.program_id for s in sessions}))).all())
    results = []
    for session in sessions:
        survey = surveys.get(id_of(session))
        if survey is None:
            continue
        given = sorted(answers.get(id_of(session), []),
                       key=lambda row: sorted((k, str(v)) for k, v in row[0].items()))
        hidden = withheld(survey.anonymous, len(given))
        shown = [] if hidden else given
        results.append(SessionResults(
            session_id=id_of(session), program_id=session.program_id,
            program=programs.get(session.program_id, ""), starts_at=as_utc(session.starts_at),
            day=as_utc(session.starts_at).astimezone(zones.zone(session.timezone)).date(),
            label=session_label(session), anonymous=survey.anonymous,
            invited=invited.get(session.id, 0), responses=len(given),
            questions=[] if hidden else [_question(q, [a for a, _name in given])
                                         for q in survey.questions],
            answers=[] if survey.anonymous else [(name or "", a) for a, name in shown],
            withheld=hidden))
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
class SessionSummary:
    """A surveyed session's counts and, per scale question, the sum and count of answers."""

    session_id: int
    program: str
    starts_at: datetime
    invited: int
    responses: int
    scales: dict[str, tuple[int, int]]  # key -> (sum, answered)
    labels: dict[str, str]  # key -> label, scale questions only
    month: str  # "2026-11": the month of its start on the hub's calendar
    zone: str = "UTC"
    topic: str = ""

    @property
    def label(self) -> str:
        """The session's date and time in its own zone, and its topic: made when shown,
        since the dashboard shows ten of a year's sessions."""
        return label_of(self.starts_at, self.zone, self.topic)

    def mean_of(self, key: str) -> float | None:
        total, answered = self.scales.get(key, (0, 0))
        return round(total / answered, 2) if answered else None


def session_summaries(db: Session, hub_id: int,
                      since: datetime | None = None) -> list[SessionSummary]:
    """Every surveyed session of the hub (from ``since``), earliest first: counts and scale
    sums only, read as columns, so the dashboard stays quick over years of answers. Each is
    counted in the month it started in the hub's time zone, as its staff's calendar has it
    (a Denver session at 18:00 on 30 November is November's, though 01:00 UTC in December)."""
    where = [EchoSession.hub_id == hub_id]
    if since is not None:
        where.append(col(EchoSession.starts_at) >= since)
    read = db.exec(
        select(EchoSession.id, EchoSession.program_id, EchoSession.starts_at,
               EchoSession.timezone, EchoSession.topic,
               # As text, decoded once per distinct survey below: a program's sessions
               # mostly ask the same questions, and decoding each took a fifth of the time.
               cast(SessionEvaluation.questions, String), SessionEvaluation.anonymous)
        .join(SessionEvaluation, col(SessionEvaluation.session_id) == EchoSession.id)
        .where(*where).order_by(col(EchoSession.starts_at))).all()
    seen: dict[str, list[dict[str, Any]]] = {}
    sessions = [(session_id, program_id, starts_at, zone, topic, _decoded(text, seen), anonymous)
                for session_id, program_id, starts_at, zone, topic, text, anonymous in read]
    invited = dict(db.exec(
        select(EvaluationInvite.session_id, func.count())
        .join(EchoSession, col(EchoSession.id) == EvaluationInvite.session_id)
        .where(*where).group_by(EvaluationInvite.session_id)).all())
    # Summed by the database, per session and scale question: a year of answers is never
    # read into Python one JSON document at a time.
    keys = sorted({q["key"] for *_row, questions, _anonymous in sessions for q in questions
                   if q["kind"] == "scale"})
    sums: list[Any] = []
    for key in keys:
        value = col(EvaluationResponse.answers)[key].as_string()
        rated = value.in_(SCALE)
        sums += [func.sum(case((rated, cast(value, Integer)), else_=0)),
                 func.sum(case((rated, 1), else_=0))]
    given = {session_id: figures for session_id, *figures in db.exec(
        select(EvaluationResponse.session_id, func.count(), *sums)
        .join(EchoSession, col(EchoSession.id) == EvaluationResponse.session_id)
        .where(*where).group_by(EvaluationResponse.session_id))}
    programs = dict(db.exec(select(Program.id, Program.name)
                            .where(Program.hub_id == hub_id)).all())
    hub_zone = zones.zone(db.exec(select(Hub.timezone).where(Hub.id == hub_id)).first() or "")
    summaries = []
    for session_id, program_id, starts_at, zone, topic, questions, anonymous in sessions:
        labels = {q["key"]: q["label"] for q in questions if q["kind"] == "scale"}
        figures = given.get(session_id) or [0] * (1 + 2 * len(keys))
        responses = figures[0]
        scales = {}
        # Too few anonymous answers: counted, but adding to no mean (here or in a month's).
        for key in [] if withheld(anonymous, responses) else labels:
            at = 1 + 2 * keys.index(key)
            scales[key] = (int(figures[at] or 0), int(figures[at + 1] or 0))
        starts = as_utc(starts_at)
        summaries.append(SessionSummary(session_id, programs.get(program_id, ""), starts,
                                        invited.get(session_id, 0), responses, scales, labels,
                                        starts.astimezone(hub_zone).strftime("%Y-%m"),
                                        zone, topic))
    return summaries


def _decoded(text: str, seen: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A survey's questions from their JSON text, decoded once however many sessions ask them."""
    if text not in seen:
        seen[text] = json.loads(text)
    return seen[text]


@dataclass(frozen=True)
class Period:
    """A program's answers in one month, its scale questions pooled over its sessions."""

    month: str  # "2026-11"
    sessions: int
    invited: int
    responses: int
    scales: dict[str, tuple[int, int]]

    def mean_of(self, key: str) -> float | None:
        total, answered = self.scales.get(key, (0, 0))
        return round(total / answered, 2) if answered else None


@dataclass(frozen=True)
class ProgramTrend:
    program: str
    questions: list[tuple[str, str]]  # (key, label) of its scale questions
    months: list[Period]  # earliest first


def by_program(summaries: list[SessionSummary]) -> list[ProgramTrend]:
    """Each program's figures month by month: a trend reads better than one bar a week."""
    grouped: dict[str, dict[str, list[SessionSummary]]] = {}
    for s in summaries:
        grouped.setdefault(s.program, {}).setdefault(s.month, []).append(s)
    trends = []
    for program, months in sorted(grouped.items()):
        labels: dict[str, str] = {}
        periods = []
        for month, rows in sorted(months.items()):
            scales: dict[str, tuple[int, int]] = {}
            for s in rows:
                labels.update(s.labels)
                for key, (total, answered) in s.scales.items():
                    before = scales.get(key, (0, 0))
                    scales[key] = (before[0] + total, before[1] + answered)
            periods.append(Period(month, len(rows), sum(s.invited for s in rows),
                                  sum(s.responses for s in rows), scales))
        trends.append(ProgramTrend(program, list(labels.items()), periods))
    return trends


def program_means(summaries: list[SessionSummary]) -> list[ProgramTrend]:
    """Each program's answers pooled over every session of ``summaries``: one period each,
    named by the first and last month it covers."""
    pooled = []
    for trend in by_program(summaries):
        scales: dict[str, tuple[int, int]] = {}
        for period in trend.months:
            for key, (total, answered) in period.scales.items():
                before = scales.get(key, (0, 0))
                scales[key] = (before[0] + total, before[1] + answered)
        first, last = trend.months[0].month, trend.months[-1].month
        pooled.append(ProgramTrend(trend.program, trend.questions, [Period(
            first if first == last else f"{first} to {last}",
            sum(p.sessions for p in trend.months), sum(p.invited for p in trend.months),
            sum(p.responses for p in trend.months), scales)]))
    return pooled


@dataclass(frozen=True)
class MonthlyMean:
    """One program's answers to one scale question in one month."""

    program: str
    month: str
    key: str
    question: str
    answered: int  # n
    mean: float | None


MONTHLY_COLUMNS = ("program", "month", "question_key", "question", "n", "mean")


def monthly_means(summaries: list[SessionSummary]) -> list[MonthlyMean]:
    """Per program, per month, per scale question: how many answered and the mean. A month
    a question went unanswered (or whose answers are withheld) has n 0 and no mean."""
    return [MonthlyMean(trend.program, period.month, key, label,
                        period.scales.get(key, (0, 0))[1], period.mean_of(key))
            for trend in by_program(summaries) for period in trend.months
            for key, label in trend.questions]


def monthly_csv(rows: list[MonthlyMean]) -> str:
    """The monthly means as CSV: short (a row per program, month and question), written
    whole; no cell runs as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(MONTHLY_COLUMNS)
    for r in rows:
        writer.writerow([safe_cell(r.program), r.month, r.key, safe_cell(r.question),
                         r.answered, "" if r.mean is None else f"{r.mean:.2f}"])
    return buffer.getvalue()


def csv_rows(results: list[SessionResults]) -> Iterator[dict[str, Any]]:
    """One row per answer of a named survey: anonymous ones give no rows (their figures
    are in the monthly export), for the reason in this module's docstring."""
    for r in results:
        for name, given in r.answers:
            yield {"program": r.program, "session_id": r.session_id,
                   "session_date": r.day.isoformat(), "respondent": name, **given}


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
