"""A session's participants and certificates, for its hub's coordinators: import a
participant report (preview, then confirm), edit by hand with a reason, issue certificates."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.errors import DomainError, Invalid
from echo_cases.numbers import whole
from echo_cases.services import credits, participants, sessions
from echo_cases.services.calendar import session_title
from echo_cases.services.participant_report import MAX_BYTES
from echo_cases.web.auth import current_user
from models import EchoSession, Program

bp = Blueprint("participants", __name__)
Page = str | Response | tuple[str, int]


def _session(session_id: int) -> EchoSession:
    db, user = db_session(), current_user()
    session = sessions.get_session(db, user, session_id)
    access.require_hub_role(db, user, session.hub_id, access.ORGANISERS)
    return session


def _page(session: EchoSession, status: int = 200, *, errors: dict[str, str] | None = None,
          report: str = "", entry: dict[str, str] | None = None,
          revoking: str | None = None,
          preview: participants.ImportPreview | None = None) -> Page:
    db = db_session()
    program = db.get(Program, session.program_id)
    terms = credits.terms_of(db, session.program_id)
    people = participants.participants_of(db, session)
    page = render_template(
        "sessions/participants.html", session=session, program=program,
        title=session_title(session, program), people=people, errors=errors or {},
        report=report, entry=entry or {}, preview=preview, terms=terms, revoking=revoking,
        hours=credits.hours_phrase(terms.credit_centihours) if terms else "",
        eligible={p.email for p in people
                  if terms is not None and credits.eligible(db, session, p, terms)},
        certificates=credits.certificates_of_session(db, session),
        started=sessions.has_started(db, session), ended=credits.has_ended(db, session),
        shown_code=credits.shown_code)
    return (page, status) if status != 200 else page


def _failed(session: EchoSession, exc: DomainError, **kept: object) -> Page:
    return _page(session, exc.status, errors={"form": exc.message, **exc.fields},
                 **kept)  # type: ignore[arg-type]


@bp.get("/sessions/<int:session_id>/participants")
def index(session_id: int) -> Page:
    return _page(_session(session_id))


def _report_text() -> str:
    """The report as uploaded, or as pasted (or sent back from the preview)."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        raw = upload.read(MAX_BYTES + 1)
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return request.form.get("report", "")


@bp.post("/sessions/<int:session_id>/participants/preview")
def preview(session_id: int) -> Page:
    session, text = _session(session_id), _report_text()
    try:
        shown = participants.preview_import(db_session(), current_user(), session, text)
    except DomainError as exc:
        return _failed(session, exc, report=text)
    return _page(session, report=text, preview=shown)


@bp.post("/sessions/<int:session_id>/participants/import")
def confirm_import(session_id: int) -> Page:
    session, text = _session(session_id), request.form.get("report", "")
    try:
        saved = participants.import_report(db_session(), current_user(), session, text)
    except DomainError as exc:
        return _failed(session, exc, report=text)
    flash(f"Participant report imported: {len(saved.rows)} people"
          + (f", {len(saved.skipped)} rows left out." if saved.skipped else "."))
    return redirect(url_for("participants.index", session_id=session_id))


@bp.post("/sessions/<int:session_id>/participants")
def save(session_id: int) -> Page:
    session = _session(session_id)
    entry = {name: request.form.get(name, "")
             for name in ("name", "email", "profession", "organisation", "minutes", "reason")}
    try:
        participants.set_participant(
            db_session(), current_user(), session,
            participants.Entry(entry["name"], entry["email"], entry["profession"],
                               entry["organisation"], entry["minutes"]), entry["reason"])
    except DomainError as exc:
        return _failed(session, exc, entry=entry)
    flash("Participant saved.")
    return redirect(url_for("participants.index", session_id=session_id))


@bp.post("/sessions/<int:session_id>/participants/remove")
def remove(session_id: int) -> Page:
    session = _session(session_id)
    chosen = whole(request.form.get("participant_id", ""), 1)
    try:
        if chosen is None:
            raise Invalid("Choose whom to remove.", {"participant_id": "Choose from the list."})
        participants.remove_participant(db_session(), current_user(), session,
                                        chosen, request.form.get("reason", ""))
    except DomainError as exc:
        return _failed(session, exc)
    flash("Participant removed.")
    return redirect(url_for("participants.index", session_id=session_id))


@bp.post("/sessions/<int:session_id>/certificates")
def issue(session_id: int) -> Page:
    session = _session(session_id)
    try:
        outcome = credits.issue_certificates(db_session(), current_user(), session,
                                             verify_url)
    except DomainError as exc:
        return _failed(session, exc)
    flash(f"Certificates issued: {len(outcome.issued)} new, {outcome.already} issued before, "
          f"{outcome.below_rule} below the attendance rule"
          + (f", {outcome.awaiting_evaluation} waiting for their evaluation of the session."
             if outcome.awaiting_evaluation else "."))
    return redirect(url_for("participants.index", session_id=session_id))


@bp.post("/sessions/<int:session_id>/certificates/revoke")
def revoke(session_id: int) -> Page:
    session = _session(session_id)
    chosen = whole(request.form.get("certificate_id", ""), 1)
    try:
        if chosen is None:
            raise Invalid("Choose which certificate to revoke.",
                          {"certificate_id": "Choose from the list."})
        credits.revoke_certificate(db_session(), current_user(), session, chosen,
                                   request.form.get("reason", ""))
    except DomainError as exc:
        return _failed(session, exc, revoking=request.form.get("reason", ""))
    flash("Certificate revoked: its public check now says so.")
    return redirect(url_for("participants.index", session_id=session_id))


def verify_url(code: str) -> str:
    return url_for("certificates.verify_code", code=credits.shown_code(code), _external=True)
