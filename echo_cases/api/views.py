"""API endpoints: parse, authorize, call one operation, shape the answer."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from pydantic import BaseModel
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.api import schemas as s
from echo_cases.api.spec import ApiSpec, parse_body
from echo_cases.db import db_session
from echo_cases.errors import Forbidden, NotFound
from echo_cases.services import cases as case_ops
from echo_cases.services.redaction import AddedRedaction, Decisions, SpanRef
from echo_cases.web.auth import current_user
from models import Case, User, as_utc, id_of, utcnow
from workflows import Actor, CaseState

bp = Blueprint("api", __name__, url_prefix="/api/v1")
spec = ApiSpec(bp, "echo-cases API", "1.0.0")


def _json(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    return jsonify(model.model_dump(mode="json")), status


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(spec.document(request.host_url.rstrip("/") + bp.url_prefix))


@spec.route("/programs", "GET", summary="Programs you can write cases for, with their forms",
            response=s.ProgramList)
def list_programs() -> tuple[Response, int]:
    programs = access.programs_for_author(db_session(), current_user())
    return _json(s.ProgramList(items=[
        s.ProgramOut(id=p.id or 0, hub_id=p.hub_id, name=p.name,
                     form=case_ops.form_for(p).json_schema()) for p in programs]))


@spec.route("/cases", "GET", summary="Your own cases", response=s.CaseList)
def list_cases() -> tuple[Response, int]:
    db, user = db_session(), current_user()
    items = [case_out(listing.case, user) for listing in case_ops.list_own_cases(db, user)]
    return _json(s.CaseList(items=items))


@spec.route("/cases", "POST", summary="Start a draft case", response=s.CaseOut, status=201,
            body=s.CaseCreate, errors=(404,))
def create_case() -> tuple[Response, int]:
    body = parse_body(s.CaseCreate)
    user = current_user()
    case = case_ops.create_case(db_session(), user, body.program_id, body.fields)
    return _json(case_out(case, user), 201)


@spec.route("/cases/{case_id}", "GET", summary="A case, as you may see it", response=s.CaseOut,
            errors=(404,))
def get_case(case_id: int) -> tuple[Response, int]:
    user = current_user()
    case, _actor = access.get_case(db_session(), user, case_id)
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}", "PATCH", summary="Change a draft", response=s.CaseOut,
            body=s.CaseUpdate, errors=(403, 404, 409))
def update_case(case_id: int) -> tuple[Response, int]:
    body = parse_body(s.CaseUpdate)
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    case_ops.update_draft(db, user, case, body.fields, expected_version=body.version)
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}/preview", "POST",
            summary="What experts would read if you submitted with these decisions",
            response=s.PreviewOut, body=s.DecisionsIn, errors=(403, 404, 409))
def preview_case(case_id: int) -> tuple[Response, int]:
    body = parse_body(s.DecisionsIn)
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    _author_only(case, user)
    plan = case_ops.preview_case(db, user, case, _decisions(body))
    original = case_ops.original_fields(db, case)
    restored = {(r.field, r.finding.start, r.finding.end) for r in plan.restored}
    proposed = [
        s.ProposedOut(field=name, start=f.start, end=f.end, type=str(f.entity_type),
                      score=round(f.score, 3), source=f.source,
                      text=original.get(name, "")[f.start:f.end],
                      restored=(name, f.start, f.end) in restored)
        for name, findings in plan.proposed.items() for f in findings
    ]
    return _json(s.PreviewOut(fields=plan.fields, proposed=proposed,
                              missing=case_ops.missing_fields(db, case)))


@spec.route("/cases/{case_id}/submit", "POST",
            summary="Confirm the de-identification and submit the case to the hub",
            response=s.CaseOut, body=s.SubmitIn, errors=(403, 404, 409))
def submit_case(case_id: int) -> tuple[Response, int]:
    body = parse_body(s.SubmitIn)
    db, user = db_session(), current_user()
    case, actor = access.get_case(db, user, case_id)
    case_ops.submit_case(db, actor, case, _decisions(body), expected_version=body.version)
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}/actions/{action}", "POST", summary="Take a workflow action",
            response=s.CaseOut, body=s.ActionIn, errors=(403, 404, 409))
def act_on_case(case_id: int, action: str) -> tuple[Response, int]:
    body = parse_body(s.ActionIn)
    db, user = db_session(), current_user()
    case, actor = access.get_case(db, user, case_id)
    case_ops.take_action(db, actor, case, action, expected_version=body.version,
                         comment=body.comment,
                         payload={"recommendations": body.recommendations})
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}/history", "GET", summary="Every action taken on the case",
            response=s.HistoryOut, errors=(404,))
def case_history(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    return _json(s.HistoryOut(items=[
        s.TransitionOut(action=t.action, from_state=t.from_state, to_state=t.to_state,
                        actor_id=t.actor_id, comment=t.comment, at=as_utc(t.at))
        for t in case_ops.case_history(db, case)]))


@spec.route("/queue", "GET", summary="De-identified cases in your hubs, oldest first",
            response=s.QueueOut)
def queue() -> tuple[Response, int]:
    wanted = request.args.getlist("state") or ["deidentified", "reviewed", "presented"]
    states = frozenset(CaseState(v) for v in wanted if v in CaseState.__members__.values())
    now = utcnow()
    listings = case_ops.list_queue(db_session(), current_user(),
                                   states - {CaseState.DRAFT})
    return _json(s.QueueOut(items=[
        s.QueueItem(id=item.case.id or 0, program=item.program.name, state=item.case.state,
                    title=item.title,
                    submitted_at=as_utc(item.case.submitted_at) if item.case.submitted_at else None,
                    waiting_hours=round((now - as_utc(item.case.submitted_at or now))
                                        .total_seconds() / 3600, 1))
        for item in listings]))


def case_out(case: Case, user: User) -> s.CaseOut:
    """The case as ``user`` may see it: the original only for its author."""
    db = db_session()
    is_author = access.may_read_original(case, user)
    role = access.role_in_hub(db, user, case.hub_id)
    if role is None:
        raise NotFound("No such case.")
    actor = Actor(id_of(user), role)
    deidentified = case.deidentified
    # After "return to clinician" the acting expert still gets an answer, but no content.
    visible = access.may_see(case, user, role)
    fields = (case_ops.original_fields(db, case) if is_author
              else (deidentified or {}) if visible else {})
    redactions = [
        s.RedactionOut(field=r.field, start=r.start, end=r.end, type=r.entity_type,
                       score=round(r.score, 3), source=r.source, surrogate=r.surrogate,
                       restored=r.restored, reason=r.reason)
        for r in case_ops.redactions_of(db, case)] if is_author else []
    return s.CaseOut(
        id=id_of(case), hub_id=case.hub_id, program_id=case.program_id, state=case.state,
        version=case.version, title=str(fields.get("title", "")), fields=fields,
        identified=is_author, deidentified_fields=deidentified if is_author else None,
        redactions=redactions,
        recommendations=[r.text for r in case_ops.recommendations_of(db, case)] if visible else [],
        actions=[a.name for a in case_ops.ENGINE.allowed(case, actor)],
        created_at=as_utc(case.created_at), updated_at=as_utc(case.updated_at),
        submitted_at=as_utc(case.submitted_at) if case.submitted_at else None,
    )


def _author_only(case: Case, user: User) -> None:
    if not access.may_read_original(case, user):
        raise Forbidden("Only the case's author can do this.")


def _decisions(body: s.DecisionsIn) -> Decisions:
    return Decisions(
        restore={SpanRef(r.field, r.start, r.end): r.reason for r in body.restore},
        redact=tuple(AddedRedaction(r.text, r.type) for r in body.redact),
    )

