"""API endpoints: parse, authorize, call one operation, shape the answer."""

from __future__ import annotations

import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Blueprint, jsonify, request, url_for
from pydantic import BaseModel
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.api import case_fields, workflow_doc
from echo_cases.api import schemas as s
from echo_cases.api.spec import ApiSpec, PathValues, parse_body
from echo_cases.db import db_session
from echo_cases.errors import Forbidden, Invalid, NotFound
from echo_cases.http.dispatch import build_after_commit
from echo_cases.http.gate import current_user
from echo_cases.http.links import link_for
from echo_cases.http.params import Query, page_request, query_flag, query_int
from echo_cases.http.responses import pdf_response, streamed_cases
from echo_cases.services import (
    archives,
    dashboard,
    draft_decisions,
    exports,
    invitations,
    letters,
    pass_through,
    people,
    review,
    sessions,
)
from echo_cases.services import cases as case_ops
from echo_cases.services.case_dates import dates_note
from echo_cases.services.redaction import AddedRedaction, Decisions, SpanRef
from echo_cases.services.workflow import actions_now
from models import (
    ArchiveStatus,
    Case,
    Delivery,
    EchoSession,
    ExportArchive,
    Hub,
    Invitation,
    User,
    as_utc,
    id_of,
    utcnow,
)
from workflows import CASE_WORKFLOW, Actor, CaseState, Role

bp = Blueprint("api", __name__, url_prefix="/api/v1")
spec = ApiSpec(bp, "echo-cases API", "1.0.0")
ACTIVE = frozenset({CaseState.DEIDENTIFIED, CaseState.REVIEWED, CaseState.PRESENTED})


def _json(model: BaseModel, status: int = 200) -> tuple[Response, int]:
    return jsonify(model.model_dump(mode="json")), status


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(spec.document(request.host_url.rstrip("/") + (bp.url_prefix or "")))


# --- cases --------------------------------------------------------------------------------


@spec.route("/programs", "GET", summary="The programs of your hubs, with their case forms",
            response=s.ProgramList, description=(
                "Every member of a hub reads its programs: clinicians write cases for them, "
                "coordinators schedule sessions of them (`program_id`)."))
def list_programs() -> tuple[Response, int]:
    programs = people.programs_of_member(db_session(), current_user())
    return _json(s.ProgramList(items=[
        s.ProgramOut(id=id_of(p), hub_id=p.hub_id, name=p.name,
                     form=case_ops.form_for(db_session(), p).json_schema()) for p in programs]))


@spec.route("/cases", "GET", summary="Your own cases", response=s.CaseList)
def list_cases() -> tuple[Response, int]:
    db, user = db_session(), current_user()
    items = [case_out(listing.case, user) for listing in case_ops.list_own_cases(db, user)]
    return _json(s.CaseList(items=items))


@spec.route("/cases", "POST", summary="Start a draft case (send an Idempotency-Key to retry "
            "safely)", response=s.CaseOut, status=201, body=s.CaseCreate, errors=(404, 409),
            headers=(("Idempotency-Key", "string"),),
            refusals={409: "The same request (its Idempotency-Key) is being processed at "
                           "this moment: retry in a moment; nothing changed.",
                      422: "`idempotency_key_reused`: the Idempotency-Key was used for a "
                           "different request (send a new key); or `invalid`: `fields` names "
                           "each failing field."})
def create_case() -> tuple[Response, int]:
    body = parse_body(s.CaseCreate)
    user = current_user()
    fields = case_fields.written(
        case_fields.form_to_write(db_session(), user, None, body.program_id), body.fields)
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        case = case_ops.create_case(db_session(), user, body.program_id, fields)
        return _json(case_out(case, user), 201)
    if len(key) > 100:
        raise Invalid("Keep the Idempotency-Key under 100 characters.",
                      {"Idempotency-Key": "Too long."})
    digest = hashlib.sha256(request.get_data()).hexdigest()
    case, created = case_ops.create_case_once(db_session(), user, body.program_id, fields,
                                              key=key, body_digest=digest)
    response, status = _json(case_out(case, user), 201)
    if not created:
        response.headers["Idempotent-Replayed"] = "true"
    return response, status


@spec.route("/cases/{case_id}", "GET", summary="A case, as you may see it", response=s.CaseOut,
            errors=(404,))
def get_case(case_id: int) -> tuple[Response, int]:
    user = current_user()
    case, _actor = access.get_case(db_session(), user, case_id)
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}", "PATCH", summary="Change a draft", response=s.CaseOut,
            body=s.CaseUpdate, errors=(403, 404, 409), description=(
                "`fields` is a JSON Merge Patch (RFC 7396) of the draft's form values: send "
                "only what changed. A field you name is set, a field sent as null is blanked, "
                "a field you leave out keeps its value. With `program_id` the draft moves "
                "to that program's current form: stored values it lacks are dropped (a "
                "null naming one is no error). `version` is the one you read: if "
                "the case changed since, the answer is 409 and nothing changes."))
def update_case(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    body = parse_body(s.CaseUpdate)
    _author_only(case, user)
    # The merge is read against the stored original; update_draft's version check makes
    # sure that is the original the caller read.
    form = case_fields.form_to_write(db, user, case, body.program_id)
    merged = case_fields.merged(case_ops.original_fields(db, case), form, body.fields)
    case_ops.update_draft(db, user, case, merged, expected_version=body.version,
                          program_id=body.program_id)
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}/preview", "POST",
            summary="What experts would read if you submitted with these decisions",
            response=s.PreviewOut, body=s.DecisionsIn, errors=(403, 404, 409))
def preview_case(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    body = parse_body(s.DecisionsIn)
    _author_only(case, user)
    plan = case_ops.preview_case(db, user, case, _decisions(body))
    original = case_ops.read_original(db, user, case)
    restored = {(r.field, r.finding.start, r.finding.end) for r in plan.restored}
    proposed = [
        s.ProposedOut(field=name, start=f.start, end=f.end, type=str(f.entity_type),
                      score=round(f.score, 3), source=f.source,
                      text=original.get(name, "")[f.start:f.end],
                      restored=(name, f.start, f.end) in restored)
        for name, findings in plan.proposed.items() for f in findings
    ]
    as_written = [
        s.AsWrittenOut(field=name, start=f.start, end=f.end, type=str(f.entity_type),
                       score=round(f.score, 3), blocks_submit=pass_through.refused(f))
        for name, findings in plan.as_written.items() for f in findings
    ]
    return _json(s.PreviewOut(fields=case_ops.form_of(db, case).as_lists(plan.fields),
                              proposed=proposed, as_written=as_written,
                              missing=case_ops.missing_fields(db, case),
                              dates_relative_to=plan.dates_relative_to))


@spec.route("/cases/{case_id}/decisions", "GET",
            summary="The redaction decisions saved with your draft (the web preview's too)",
            response=s.SavedDecisionsOut, errors=(403, 404))
def get_decisions(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    _author_only(case, user)
    return _json(_saved_out(draft_decisions.load(db, user.id, case)))


@spec.route("/cases/{case_id}/decisions", "PUT",
            summary="Replace the redaction decisions saved with your draft",
            response=s.SavedDecisionsOut, body=s.DecisionsSaveIn, errors=(403, 404, 409))
def save_decisions(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    body = parse_body(s.DecisionsSaveIn)
    _author_only(case, user)
    current = draft_decisions.load(db, user.id, case)
    looked = [k for i, k in enumerate(current.needs_a_look) if i in set(body.looked_at)]
    # The API does not name kinds: those the author gave on the preview page stand.
    saved = draft_decisions.save(db, user.id, case, _decisions(body), revision=body.revision,
                                 looked_at=looked, keep_kinds=True)
    return _json(_saved_out(saved))


def _saved_out(saved: draft_decisions.SavedDecisions) -> s.SavedDecisionsOut:
    def keep(k: draft_decisions.Keep) -> s.KeepOut:
        return s.KeepOut(field=k.span.field, start=k.span.start, end=k.span.end,
                         text=k.words, reason=k.reason)
    return s.SavedDecisionsOut(
        restore=[keep(k) for k in saved.keep],
        redact=[s.RedactOut(text=a.text, type=a.entity_type) for a in saved.redact],
        revision=saved.revision, needs_a_look=[keep(k) for k in saved.needs_a_look])


@spec.route("/cases/{case_id}/submit", "POST",
            summary="Confirm the de-identification and submit the case to the hub",
            response=s.CaseOut, body=s.SubmitIn, errors=(403, 404, 409))
def submit_case(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, actor = access.get_case(db, user, case_id)
    body = parse_body(s.SubmitIn)
    decisions = draft_decisions.with_saved_redactions(db, user.id, case, _decisions(body))
    case_ops.submit_case(db, actor, case, decisions, expected_version=body.version)
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}/actions/{action}", "POST", summary="Take a workflow action",
            response=s.CaseOut, body=s.ActionIn, errors=(403, 404, 409),
            description="`sign_off` signs the recommendations as saved (write them with PUT "
                        "/cases/{case_id}/recommendations first; nothing in this body is "
                        "signed), renders the letter and queues its e-mails itself.",
            path_values=(PathValues("action", workflow_doc.TAKEN_AS_ACTIONS,
                                    workflow_doc.action_parameter_description()),),
            refusals=workflow_doc.action_refusals())
def act_on_case(case_id: int, action: str) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, actor = access.get_case(db, user, case_id)
    body = parse_body(s.ActionIn)
    takes = CASE_WORKFLOW.actions[action].inputs
    not_taken = sorted(body.model_fields_set - {"version", "comment", *takes})
    if not_taken:
        # Refused, not dropped: a client sending it believes it does something.
        raise Invalid(f"`{action}` does not take " + ", ".join(not_taken) + ".",
                      dict.fromkeys(not_taken, f"Not taken by `{action}`."))
    payload = body.model_dump(exclude={"version", "comment"}, exclude_none=True,
                              exclude_defaults=True)
    case_ops.take_action(db, actor, case, action, expected_version=body.version,
                         comment=body.comment, payload=payload)
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


# --- review -------------------------------------------------------------------------------


@spec.route("/queue", "GET", summary="De-identified cases in your hubs, longest waiting "
            "first, a page at a time (follow `next`)", response=s.QueueOut, errors=(400,),
            query=(Query("state", "string", values=tuple(st.value for st in CaseState),
                         repeatable=True,
                         description="Only cases in these states (repeat for several); "
                         "by default deidentified, reviewed and presented."),
                   Query("program_id", "integer"), Query("expert_id", "integer"),
                   Query("waiting_days", "integer"),
                   Query("mine_or_open", "boolean", description="Only cases assigned to "
                         "you or to no one."),
                   Query("after", "string"), Query("before", "string")))
def queue() -> tuple[Response, int]:
    user = current_user()
    wanted = [CaseState(v) for v in request.args.getlist("state")]
    mine = query_flag("mine_or_open")
    page = review.queue_page(db_session(), user, review.QueueFilter(
        states=frozenset(wanted) or ACTIVE,
        program_id=query_int("program_id"),
        expert_id=query_int("expert_id"),
        waiting_days_at_least=query_int("waiting_days"),
        open_to_panel_or_mine=id_of(user) if mine else None), page_request())
    now = utcnow()
    return _json(s.QueueOut(
        next=page.next.token() if page.next else None,
        previous=page.previous.token() if page.previous else None,
        waiting=page.waiting, waiting_capped=page.waiting_capped, items=[
        s.QueueItem(id=row.case_id, program=row.program, state=row.state,
                    title=row.title, assigned_expert_id=row.assigned_expert_id,
                    submitted_at=as_utc(row.submitted_at) if row.submitted_at else None,
                    waiting_hours=round((now - as_utc(row.submitted_at or now))
                                        .total_seconds() / 3600, 1))
        for row in page.rows]))


@spec.route("/cases/{case_id}/recommendations", "PUT",
            summary="Write the panel's recommendations (experts, before sign-off)",
            response=s.CaseOut, body=s.RecommendationsIn, errors=(403, 404, 409))
def put_recommendations(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    body = parse_body(s.RecommendationsIn)
    review.save_recommendations(db, user, case, summary=body.summary,
                                items=[i.model_dump() for i in body.items],
                                expected_version=body.version)
    return _json(case_out(case, user))


# --- sessions -----------------------------------------------------------------------------


@spec.route("/sessions", "GET", summary="teleECHO sessions of your hubs", response=s.SessionList,
            query=(Query("upcoming", "boolean"), Query("program_id", "integer")))
def list_sessions() -> tuple[Response, int]:
    db, user = db_session(), current_user()
    rows = sessions.sessions_of_hubs(
        db, user, upcoming_only=query_flag("upcoming"),
        program_id=query_int("program_id"))
    return _json(s.SessionList(items=[session_out(row, user) for row in rows]))


@spec.route("/sessions", "POST", summary="Schedule a session (coordinators)",
            response=s.SessionOut, status=201, body=s.SessionIn, errors=(403, 404))
def create_session() -> tuple[Response, int]:
    body = parse_body(s.SessionIn)
    user = current_user()
    session = sessions.schedule_session(db_session(), user, sessions.SessionPlan(
        program_id=body.program_id, local_start=_wall_time(body.starts_at_local, body.timezone),
        timezone=body.timezone, topic=body.topic, duration_minutes=body.duration_minutes,
        facilitator_id=body.facilitator_id, panel_ids=tuple(body.panel_ids),
        video_url=body.video_url))
    return _json(session_out(session, user), 201)


@spec.route("/sessions/{session_id}", "GET", summary="A session with its agenda",
            response=s.SessionOut, errors=(404,))
def get_session(session_id: int) -> tuple[Response, int]:
    user = current_user()
    return _json(session_out(sessions.get_session(db_session(), user, session_id), user))


@spec.route("/sessions/{session_id}/time", "PUT",
            summary="Move a session to another day, time or zone (coordinators)",
            response=s.SessionOut, body=s.SessionTimeIn, errors=(403, 404),
            description="Refused (422, naming `starts_at`) once the session has started or "
                        "presented a case. Its calendar event keeps its UID and takes the "
                        "next SEQUENCE, so calendars move it.")
def reschedule_session(session_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    body = parse_body(s.SessionTimeIn)
    sessions.reschedule_session(db, user, session, sessions.NewTime(
        _wall_time(body.starts_at_local, body.timezone), body.timezone))
    return _json(session_out(session, user))


@spec.route("/sessions/{session_id}/attendance", "PUT",
            summary="Record who attended (coordinators)", response=s.SessionOut,
            body=s.AttendanceIn, errors=(403, 404, 409))
def put_attendance(session_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    body = parse_body(s.AttendanceIn)
    sessions.record_attendance(db, user, session, body.present_ids,
                               expected_version=body.version)
    return _json(session_out(session, user))


@spec.route("/sessions/{session_id}/letters.zip", "GET",
            summary="Every signed letter of the session (coordinators)", response=None,
            media_type="application/zip", errors=(403, 404))
def session_letters(session_id: int) -> Response:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    access.require_hub_role(db, user, session.hub_id, access.ORGANISERS)
    exports.note_export(db, user.id, session.hub_id, f"session:{session_id}:letters.zip")
    return Response(exports.session_letters_zip(db, session), mimetype="application/zip",
                    headers={"Cache-Control": "private, no-store"})


# --- letters ------------------------------------------------------------------------------


@spec.route("/cases/{case_id}/letter.pdf", "GET", summary="The signed letter",
            response=None, media_type="application/pdf", errors=(404,))
def letter_pdf(case_id: int) -> Response:
    return pdf_response(letters.get_letter(db_session(), current_user(), case_id))


@spec.route("/cases/{case_id}/letter/acknowledge", "POST",
            summary="The presenting clinician has read the letter", response=s.CaseOut,
            body=s.AcknowledgeIn, errors=(403, 404, 409))
def acknowledge_letter(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    body = parse_body(s.AcknowledgeIn)
    letters.acknowledge_letter(db, user, case, expected_version=body.version)
    return _json(case_out(case, user))


@spec.route("/cases/{case_id}/follow-up", "POST",
            summary="Start a draft that re-presents the case with follow-up (one open at a "
            "time: asking again gives it back, marked Idempotent-Replayed)",
            response=s.CaseOut, status=201, errors=(403, 404, 409, 422),
            headers=(("Idempotency-Key", "string"),),
            description="Takes no body and no `version`: starting a follow-up changes nothing "
                        "on the case, so there is nothing a stale read could overwrite. It is "
                        "idempotent instead. A case has at most one open follow-up (a draft "
                        "or in review, not yet answered or withdrawn): asking again answers "
                        "201 with that same case and the header `Idempotent-Replayed: true`, "
                        "and two requests at the same moment start one (the other gets 409 "
                        "`conflict`: reload the case). With an `Idempotency-Key` the answer "
                        "is remembered, so a retry names the same follow-up even after it was "
                        "submitted; a key used for another request is refused (422 "
                        "`idempotency_key_reused`). Refused "
                        "(422 `wrong_state`) before the recommendations are sent.",
            refusals={409: "Another request is starting this case's follow-up at this "
                           "moment: reload the case; nothing changed.",
                      422: "`wrong_state`: the case's recommendations are not sent yet; "
                           "`idempotency_key_reused`: the Idempotency-Key was used for a "
                           "different request; or `invalid`: the Idempotency-Key is over 100 "
                           "characters."})
def follow_up(case_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 100:
        raise Invalid("Keep the Idempotency-Key under 100 characters.",
                      {"Idempotency-Key": "Too long."})
    # The path is part of the request: a key spent on another case's follow-up is refused.
    digest = hashlib.sha256(request.path.encode() + b"\n" + request.get_data()).hexdigest()
    follow_up, started = letters.start_follow_up(db, user, case, key=key,
                                                 request_digest=digest)
    response, status = _json(case_out(follow_up, user), 201)
    if not started:
        response.headers["Idempotent-Replayed"] = "true"
    return response, status


@spec.route("/deliveries/{delivery_id}/retry", "POST",
            summary="Send a letter's e-mail again (coordinators)", response=s.DeliveryOut,
            errors=(403, 404, 409))
def retry_delivery(delivery_id: int) -> tuple[Response, int]:
    db = db_session()
    delivery, _case = letters.get_delivery_to_manage(db, current_user(), delivery_id)
    letters.retry_delivery(db, delivery)
    return _json(delivery_out(delivery))


# --- hub reports --------------------------------------------------------------------------


@spec.route("/hubs/{hub_id}/exports/cases.csv", "GET",
            summary="Cases with every transition's time (coordinators)", response=None,
            media_type="text/csv", errors=(403, 404))
def export_csv(hub_id: int) -> Response:
    access.require_hub_role(db_session(), current_user(), hub_id, access.ORGANISERS)
    return streamed_cases(hub_id, "csv", attachment=False)


@spec.route("/hubs/{hub_id}/exports/cases.json", "GET",
            summary="Cases with every transition's time (coordinators)",
            response=s.ExportOut, errors=(403, 404))
def export_json(hub_id: int) -> Response:
    access.require_hub_role(db_session(), current_user(), hub_id, access.ORGANISERS)
    return streamed_cases(hub_id, "json", attachment=False)


@spec.route("/hubs/{hub_id}/archives", "POST",
            summary="Ask for an export ZIP, built in the background (coordinators)",
            response=s.ArchiveOut, status=202, body=s.ArchiveIn, errors=(403, 404))
def request_archive(hub_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    body = parse_body(s.ArchiveIn)
    archive = archives.request_archive(db, user, hub_id, body.kind, session_id=body.session_id)
    build_after_commit(db, archive)
    response, status = _json(archive_out(archive), 202)
    response.headers["Location"] = url_for("api.get_archive", archive_id=archive.id)
    return response, status


@spec.route("/archives/{archive_id}", "GET", summary="An export's progress (coordinators)",
            response=s.ArchiveOut, errors=(404,))
def get_archive(archive_id: int) -> tuple[Response, int]:
    return _json(archive_out(archives.get_archive(db_session(), current_user(), archive_id)))


@spec.route("/archives/{archive_id}/download", "GET", summary="The export's ZIP, once ready",
            response=None, media_type="application/zip", errors=(404, 422),
            refusals={422: "`not_ready`: the export is not ready (its `status` says why); "
                           "download it once it is `ready`."})
def download_archive(archive_id: int) -> Response:
    db, user = db_session(), current_user()
    archive = archives.get_archive(db, user, archive_id)
    return Response(archives.download(db, user, archive), mimetype="application/zip",
                    headers={"Cache-Control": "private, no-store"})


def archive_out(archive: ExportArchive) -> s.ArchiveOut:
    ready = archive.status is ArchiveStatus.READY
    return s.ArchiveOut(
        id=id_of(archive), hub_id=archive.hub_id, kind=archive.kind,
        session_id=archive.session_id, status=archive.status, size_bytes=archive.size_bytes,
        error=archive.error, created_at=as_utc(archive.created_at),
        finished_at=as_utc(archive.finished_at) if archive.finished_at else None,
        expires_at=as_utc(archive.expires_at),
        download_url=url_for("api.download_archive", archive_id=archive.id, _external=True)
        if ready else None)


@spec.route("/hubs/{hub_id}/dashboard", "GET", summary="The hub's figures (coordinators)",
            response=s.DashboardOut, errors=(403, 404))
def hub_dashboard(hub_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    figures = dashboard.hub_dashboard(db, hub_id)
    return _json(s.DashboardOut(
        cases=[s.ProgramStateCount(program_id=p, program=figures.program_names.get(p, ""),
                                   state=state, count=n)
               for p, counts in sorted(figures.by_program_id_state.items())
               for state, n in sorted(counts.items())],
        letters_sent=figures.letters_sent,
        turnaround_days_median=figures.turnaround_days_median,
        turnaround_days_p90=figures.turnaround_days_p90,
        sessions=[s.SessionFiguresOut(session_id=f.session_id, starts_at=f.starts_at,
                                      label=f.label, cases=f.cases, present=f.present)
                  for f in figures.sessions]))


# --- shapes -------------------------------------------------------------------------------


def case_out(case: Case, user: User) -> s.CaseOut:
    """The case as ``user`` may see it: the original only for its author."""
    db = db_session()
    is_author = access.may_read_original(case, user)
    role = access.role_in_hub(db, user, case.hub_id)
    if role is None:
        raise NotFound("No such case.")
    actor = Actor(id_of(user), role)
    # After "return to clinician" the acting expert still gets an answer, but no content.
    visible = access.may_see(case, user, role)
    staff = role in access.STAFF
    deidentified = case.deidentified
    fields = case_ops.read_original(db, user, case) if is_author else None
    shown = fields if fields is not None else (deidentified or {}) if visible else {}
    form = case_ops.form_of(db, case)
    recommendations = review.recommendations_of(db, case) if visible else None
    if recommendations and not staff and case.state is not CaseState.RECOMMENDATIONS_SENT:
        recommendations = None  # the author reads them once signed off
    letter = letters.letter_of(db, case) if visible else None
    placement = sessions.place_on_agenda(db, case) if visible else None
    return s.CaseOut(
        id=id_of(case), hub_id=case.hub_id, program_id=case.program_id, state=case.state,
        version=case.version, form_version=case.form_version,
        title=str(shown.get("title", "")), fields=case_fields.shown(form, fields),
        identified=is_author,
        deidentified_fields=case_fields.shown(form, deidentified) if visible else None,
        dates_relative_to=case.dates_relative_to if is_author or visible else None,
        dates_note=dates_note(case) if is_author or visible else "",
        redactions=[
            s.RedactionOut(field=r.field, start=r.start, end=r.end, type=r.entity_type,
                           score=round(r.score, 3), source=r.source, surrogate=r.surrogate,
                           restored=r.restored, reason=r.reason)
            for r in case_ops.redactions_of(db, case)] if is_author else [],
        assigned_expert_id=case.assigned_expert_id if staff else None,
        follow_up_of_id=case.follow_up_of_id,
        session=s.SessionRef(id=id_of(placement[0]), starts_at=as_utc(placement[0].starts_at),
                             timezone=placement[0].timezone, position=placement[1])
        if placement else None,
        recommendations=s.RecommendationsOut(
            version=recommendations.version, summary=recommendations.summary,
            items=recommendations.items, updated_at=as_utc(recommendations.updated_at))
        if recommendations else None,
        letter=s.LetterOut(
            id=id_of(letter), created_at=as_utc(letter.created_at), sha256=letter.sha256,
            acknowledged_at=as_utc(letter.acknowledged_at) if letter.acknowledged_at else None,
            pdf_url=url_for("api.letter_pdf", case_id=case.id, _external=True),
            deliveries=[delivery_out(d) for d, _u in letters.deliveries_of(db, letter)]
            if staff else [])
        if letter else None,
        actions=[s.ActionName(a.name) for a in actions_now(db, actor, case)],
        created_at=as_utc(case.created_at), updated_at=as_utc(case.updated_at),
        submitted_at=as_utc(case.submitted_at) if case.submitted_at else None,
    )


def delivery_out(delivery: Delivery) -> s.DeliveryOut:
    return s.DeliveryOut(id=id_of(delivery), user_id=delivery.user_id,
                         status=delivery.status.value, attempts=delivery.attempts,
                         last_error=delivery.last_error,
                         sent_at=as_utc(delivery.sent_at) if delivery.sent_at else None)


def session_out(session: EchoSession, user: User) -> s.SessionOut:
    db = db_session()
    role = access.role_in_hub(db, user, session.hub_id)
    staff = role in access.STAFF
    agenda = [
        s.AgendaOut(case_id=id_of(row.case), position=row.item.position,
                    minutes=row.item.minutes, starts_at=row.starts_at,
                    title=row.title if staff or row.case.author_id == user.id else "")
        for row in sessions.agenda(db, session)]
    return s.SessionOut(
        id=id_of(session), hub_id=session.hub_id, program_id=session.program_id,
        starts_at=as_utc(session.starts_at), timezone=session.timezone,
        duration_minutes=session.duration_minutes, topic=session.topic,
        facilitator_id=session.facilitator_id, video_url=session.video_url,
        panel_ids=[id_of(u) for u in sessions.panel_of(db, session)], agenda=agenda,
        present_ids=sessions.attendance_of(db, session) if role in access.ORGANISERS else [],
        attendance_version=session.attendance_version)


def _author_only(case: Case, user: User) -> None:
    if not access.may_read_original(case, user):
        raise Forbidden("Only the case's author can do this.")


def _wall_time(start: datetime, timezone: str) -> datetime:
    """``start`` as a naive wall time in ``timezone``: a time with an offset names an
    instant, so it is moved into the zone (``fold`` keeps an hour that repeats at the end
    of summer time apart); a time without one already is the wall time."""
    if start.tzinfo is None:
        return start
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return start.replace(tzinfo=None)  # scheduling refuses the zone, naming it
    return start.astimezone(zone).replace(tzinfo=None)


def _decisions(body: s.DecisionsIn) -> Decisions:
    return Decisions(
        restore={SpanRef(r.field, r.start, r.end): r.reason for r in body.restore},
        redact=tuple(AddedRedaction(r.text, r.type) for r in body.redact),
    )


# --- who is who ---------------------------------------------------------------------------


@spec.route("/me", "GET", summary="Who you are, and your role in each of your hubs",
            response=s.MeOut)
def me() -> tuple[Response, int]:
    user = current_user()
    return _json(s.MeOut(id=id_of(user), name=user.name, email=user.email,
                         memberships=_hubs_out(user)))


@spec.route("/hubs", "GET", summary="The hubs you belong to, with your role in each",
            response=s.HubList)
def list_hubs() -> tuple[Response, int]:
    return _json(s.HubList(items=_hubs_out(current_user())))


@spec.route("/hubs/{hub_id}/people", "GET",
            summary="The hub's members by role, to assign work (coordinators and admins)",
            response=s.PeopleList, errors=(403, 404), description=(
                "Id, name, role and credentials only: the ids to send as `expert_id`, "
                "`facilitator_id`, `panel_ids` and `present_ids`. Only active members are "
                "listed."),
            query=(Query("role", "string", values=tuple(r.value for r in Role),
                         repeatable=True,
                         description="Only members with these roles (repeat for several); "
                         "by default every role."),))
def hub_people(hub_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    roles = frozenset(Role(v) for v in request.args.getlist("role")) or frozenset(Role)
    return _json(s.PeopleList(items=[
        s.PersonOut(id=m.id, name=m.name, role=m.role, credentials=m.credentials)
        for m in people.members_of_hub(db, hub_id, roles)]))


# --- invitations --------------------------------------------------------------------------

_INVITING = ("Admins invite any role; coordinators invite clinicians and experts, and see and "
             "act on those invitations only. The invitee gets an e-mail whose link works once, "
             f"for {invitations.VALID_FOR.days} days; the token is never shown here.")


@spec.route("/hubs/{hub_id}/invitations", "GET", summary="The hub's pending invitations",
            response=s.InvitationList, errors=(404,), description=_INVITING)
def list_invitations(hub_id: int) -> tuple[Response, int]:
    db = db_session()
    role = access.require_hub_role(db, current_user(), hub_id, access.ORGANISERS)
    return _json(s.InvitationList(items=[
        _invitation_out(i) for i in invitations.pending_of_hub(db, hub_id, role)]))


@spec.route("/hubs/{hub_id}/invitations", "POST", summary="Invite someone by e-mail",
            response=s.InvitationOut, status=201, body=s.InvitationIn, errors=(404,),
            description=_INVITING + " 422 `already_member`: the address is a member "
            "already; `invitation_pending`: it has a pending invitation (send that one again).",
            refusals={422: "`already_member`, `invitation_pending` (see above), or `invalid`: "
                           "`fields` names each failing field."})
def create_invitation(hub_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    role = access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    body = parse_body(s.InvitationIn)
    hub = _hub_row(hub_id)
    invitation = invitations.invite_person(
        db, user, role, hub, invitations.InvitationPlan(
            name=body.name, email=body.email, role=body.role.value, program_id=body.program_id),
        link_for("invitations.accept"))
    return _json(_invitation_out(invitation), 201)


@spec.route("/hubs/{hub_id}/invitations/{invitation_id}/resend", "POST",
            summary="E-mail a new link (the old one stops working)", response=s.InvitationOut,
            errors=(404,), description="Also renews an expired invitation for the full period.")
def resend_invitation(hub_id: int, invitation_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    role = access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    invitation = invitations.get_invitation(db, hub_id, role, invitation_id)
    invitations.resend_invitation(db, user, invitation, link_for("invitations.accept"))
    return _json(_invitation_out(invitation))


@spec.route("/hubs/{hub_id}/invitations/{invitation_id}/revoke", "POST",
            summary="Revoke a pending invitation (its link stops working)",
            response=s.InvitationOut, errors=(404,))
def revoke_invitation(hub_id: int, invitation_id: int) -> tuple[Response, int]:
    db, user = db_session(), current_user()
    role = access.require_hub_role(db, user, hub_id, access.ORGANISERS)
    invitation = invitations.get_invitation(db, hub_id, role, invitation_id)
    invitations.revoke_invitation(db, user, invitation)
    return _json(_invitation_out(invitation))


def _hub_row(hub_id: int) -> Hub:
    hub = db_session().get(Hub, hub_id)
    if hub is None:
        raise NotFound("No such hub.")
    return hub


def _invitation_out(invitation: Invitation) -> s.InvitationOut:
    db = db_session()
    if invitation.accepted_at is not None:
        status = "accepted"
    elif invitation.revoked_at is not None:
        status = "revoked"
    else:
        status = "expired" if invitations.is_expired(db, invitation) else "pending"
    return s.InvitationOut(
        id=id_of(invitation), hub_id=invitation.hub_id, name=invitation.name,
        email=invitation.email, role=invitation.role, program_id=invitation.program_id,
        status=status, created_at=as_utc(invitation.created_at),
        expires_at=as_utc(invitation.expires_at),
        sent_at=as_utc(invitation.sent_at) if invitation.sent_at else None,
        send_error=invitation.send_error)


def _hubs_out(user: User) -> list[s.HubOut]:
    return [s.HubOut(id=id_of(m.hub), slug=m.hub.slug, name=m.hub.name, role=m.role)
            for m in people.memberships_of(db_session(), user)]
