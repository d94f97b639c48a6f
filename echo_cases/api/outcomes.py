"""API endpoints for outcomes: a case's outcome for whoever may read the case, and a hub's
outcome figures for its organisers. Registered on the API's blueprint and in its OpenAPI
document. Answering stays on the page, where the clinician previews the de-identified text."""

from __future__ import annotations

from datetime import datetime

from flask import jsonify
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.api import outcome_schemas as o
from echo_cases.api.views import spec
from echo_cases.db import db_session
from echo_cases.http.gate import current_user
from echo_cases.services import outcome_figures, outcomes
from echo_cases.services.outcome_figures import ProgramOutcomes
from models import Outcome, PatientStatus, as_utc, id_of


@spec.route("/cases/{case_id}/outcome", "GET",
            summary="What happened after the panel's advice, de-identified",
            response=o.OutcomeOut, errors=(404,))
def case_outcome(case_id: int) -> tuple[Response, int]:
    case, outcome = outcomes.outcome_for_reader(db_session(), current_user(), case_id)
    return jsonify(outcome_out(id_of(case), outcome).model_dump(mode="json")), 200


@spec.route("/hubs/{hub_id}/outcomes", "GET",
            summary="The hub's outcome figures by program, and what awaits an answer "
            "(coordinators)", response=o.HubOutcomesOut, errors=(403, 404))
def hub_outcomes(hub_id: int) -> tuple[Response, int]:
    db = db_session()
    access.require_hub_role(db, current_user(), hub_id, access.ORGANISERS)
    figures = outcome_figures.hub_outcomes(db, hub_id)
    body = o.HubOutcomesOut(
        programs=[program_out(p) for p in figures.programs], total=program_out(figures.total),
        awaiting=[o.AwaitingOut(case_id=a.case_id, title=a.title, program=a.program,
                                requested_at=a.requested_at, reminders_sent=a.reminders_sent)
                  for a in figures.awaiting])
    return jsonify(body.model_dump(mode="json")), 200


def outcome_out(case_id: int, outcome: Outcome | None) -> o.OutcomeOut:
    if outcome is None:
        return o.OutcomeOut(case_id=case_id, status=None, requested_at=None, reminders_sent=0,
                            items=[], patient_status=None, narrative="", decline_reason="",
                            answered_at=None, declined_at=None)
    return o.OutcomeOut(
        case_id=case_id, status=outcome.status, requested_at=_utc(outcome.requested_at),
        reminders_sent=outcome.reminders_sent,
        items=[o.OutcomeItemOut(recommendation=i["recommendation"], adherence=i["adherence"],
                                why=i["why"]) for i in outcome.items],
        patient_status=outcome.patient_status, narrative=outcome.narrative,
        decline_reason=outcome.decline_reason, answered_at=_utc(outcome.answered_at),
        declined_at=_utc(outcome.declined_at))


def _utc(moment: datetime | None) -> datetime | None:
    return as_utc(moment) if moment is not None else None


def program_out(p: ProgramOutcomes) -> o.ProgramOutcomesOut:
    return o.ProgramOutcomesOut(
        program=p.program, answered=p.answered, declined=p.declined, awaiting=p.awaiting,
        recommendations_rated=p.rated, followed=p.followed, partly=p.partly,
        not_followed=p.not_followed, share_followed=p.share_followed,
        patients={s: p.patients.get(s, 0) for s in PatientStatus})
