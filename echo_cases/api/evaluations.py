"""API endpoints for session evaluations (a hub's organisers): send a session's survey,
read its results, and read the hub's figures over time. Registered on the API's blueprint
and described in its OpenAPI document. Anonymous surveys carry no respondent here either."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import jsonify
from pydantic import BaseModel, Field
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.api.schemas import Out
from echo_cases.api.views import spec
from echo_cases.db import db_session
from echo_cases.http.gate import current_user
from echo_cases.http.links import link_for
from echo_cases.services import evaluation_results, evaluations, sessions
from echo_cases.services.evaluation_results import SessionResults
from models import EchoSession


class CountOut(Out):
    value: str
    count: int


class QuestionResultOut(Out):
    key: str
    label: str
    kind: str = Field(description="scale (1 to 5), choice, or text (a de-identified comment).")
    answered: int
    mean: float | None = Field(description="Scale questions only.")
    distribution: list[CountOut] = Field(description="Each value offered, with how many "
                                         "chose it (scale and choice questions).")
    comments: list[str] = Field(description="Text questions only, de-identified.")


class AnswerOut(Out):
    respondent: str | None = Field(description="Null when the survey was anonymous.")
    answers: dict[str, Any]


class SessionEvaluationOut(Out):
    session_id: int
    sent: bool = Field(description="False until a coordinator sends the evaluation; "
                       "the figures below are then empty.")
    program: str | None = None
    starts_at: datetime | None = None
    anonymous: bool | None = None
    invited: int = 0
    responses: int = 0
    withheld: bool = Field(default=False, description=(
        "True while an anonymous survey has fewer than 3 answers: only the counts are "
        "given, so that no answer can be told apart."))
    questions: list[QuestionResultOut] = []
    answers: list[AnswerOut] = Field(default=[], description=(
        "One per response of a named survey, in an order that is not the order of "
        "answering; always empty for an anonymous one, which gives aggregates only."))


class SessionEvaluationSummaryOut(Out):
    session_id: int
    program: str
    starts_at: datetime
    invited: int
    responses: int
    means: dict[str, float | None] = Field(description="The mean of each scale question, "
                                           "by its key.")


class PeriodOut(Out):
    month: str = Field(description="YYYY-MM, by the session's start in UTC.")
    sessions: int
    invited: int
    responses: int
    means: dict[str, float | None] = Field(description="Each scale question's mean over "
                                           "the month's answers, by its key.")


class ProgramTrendOut(Out):
    program: str
    months: list[PeriodOut]


class HubEvaluationsOut(Out):
    sessions: list[SessionEvaluationSummaryOut] = Field(
        description="Each surveyed session of the hub, earliest first.")
    programs: list[ProgramTrendOut] = Field(description="Each program over time, by month.")


class MonthlyMeanOut(Out):
    program: str
    month: str = Field(description="YYYY-MM, by the session's start in UTC.")
    question_key: str
    question: str = Field(description="The question's label, as last asked.")
    n: int = Field(description="Answers to the question that month (anonymous sessions "
                   "with fewer than 3 answers add none).")
    mean: float | None = Field(description="The mean of those answers, 1 to 5; null when "
                               "n is 0.")


class HubMonthlyMeansOut(Out):
    rows: list[MonthlyMeanOut] = Field(description=(
        "One per program, month and scale question, by program then month; the same rows "
        "as the hub's evaluations-monthly.csv export."))


class SentOut(Out):
    sent: int = Field(description="Participants e-mailed now (not those sent one before).")


def _json(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    return jsonify(model.model_dump(mode="json")), status


def _organised_session(session_id: int) -> EchoSession:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    access.require_hub_role(db, user, session.hub_id, access.ORGANISERS)
    return session


@spec.route("/sessions/{session_id}/evaluations/send", "POST",
            summary="E-mail the session's evaluation to its participants (coordinators)",
            response=SentOut, errors=(403, 404, 422), description=(
                "Once the session has ended and its attendance is recorded (422 otherwise). "
                "Sending again reaches only participants added since."))
def send_evaluations(session_id: int) -> tuple[Response, int]:
    session = _organised_session(session_id)
    sent = evaluations.send_evaluations(db_session(), current_user(), session,
                                        link_for("evaluations.respond"))
    return _json(SentOut(sent=sent))


@spec.route("/sessions/{session_id}/evaluation", "GET",
            summary="A session's evaluation results (coordinators)",
            response=SessionEvaluationOut, errors=(403, 404))
def session_evaluation(session_id: int) -> tuple[Response, int]:
    session = _organised_session(session_id)
    results = evaluation_results.session_results(db_session(), session)
    if results is None:
        return _json(SessionEvaluationOut(session_id=session_id, sent=False))
    return _json(_session_out(results))


@spec.route("/hubs/{hub_id}/evaluations", "GET",
            summary="Evaluation figures of every surveyed session (coordinators)",
            response=HubEvaluationsOut, errors=(403, 404))
def hub_evaluations(hub_id: int) -> tuple[Response, int]:
    db = db_session()
    access.require_hub_role(db, current_user(), hub_id, access.ORGANISERS)
    summaries = evaluation_results.session_summaries(db, hub_id)
    return _json(HubEvaluationsOut(
        sessions=[SessionEvaluationSummaryOut(
            session_id=r.session_id, program=r.program, starts_at=r.starts_at,
            invited=r.invited, responses=r.responses,
            means={key: r.mean_of(key) for key in r.labels}) for r in summaries],
        programs=[ProgramTrendOut(program=t.program, months=[PeriodOut(
            month=p.month, sessions=p.sessions, invited=p.invited, responses=p.responses,
            means={key: p.mean_of(key) for key, _label in t.questions}) for p in t.months])
            for t in evaluation_results.by_program(summaries)]))


@spec.route("/hubs/{hub_id}/evaluations/monthly", "GET",
            summary="Evaluation means per program, month and question, with how many "
            "answered (coordinators)", response=HubMonthlyMeansOut, errors=(403, 404))
def hub_evaluations_monthly(hub_id: int) -> tuple[Response, int]:
    db = db_session()
    access.require_hub_role(db, current_user(), hub_id, access.ORGANISERS)
    rows = evaluation_results.monthly_means(evaluation_results.session_summaries(db, hub_id))
    return _json(HubMonthlyMeansOut(rows=[MonthlyMeanOut(
        program=r.program, month=r.month, question_key=r.key, question=r.question,
        n=r.answered, mean=r.mean) for r in rows]))


def _session_out(r: SessionResults) -> SessionEvaluationOut:
    return SessionEvaluationOut(
        session_id=r.session_id, sent=True, program=r.program, starts_at=r.starts_at,
        anonymous=r.anonymous, invited=r.invited, responses=r.responses, withheld=r.withheld,
        questions=[QuestionResultOut(
            key=q.key, label=q.label, kind=q.kind, answered=q.answered, mean=q.mean,
            distribution=[CountOut(value=v, count=n) for v, n in q.distribution],
            comments=q.comments) for q in r.questions],
        answers=[AnswerOut(respondent=None if r.anonymous else name, answers=given)
                 for name, given in r.answers])
