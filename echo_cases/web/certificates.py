"""Certificates outside a session's page: a program's credit terms (its admin), your own
certificates and transcript, and the public page that checks a code."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.errors import DomainError, NotFound
from echo_cases.http.params import Query, takes_query
from echo_cases.services import credits, transcript_requests, transcripts
from echo_cases.web.auth import current_user
from models import Hub, Program
from workflows import Role

bp = Blueprint("certificates", __name__)
Page = str | Response | tuple[str, int]


# --- a program's terms, for its hub's admins ----------------------------------------------


@bp.route("/hubs/<int:hub_id>/programs/<int:program_id>/credit", methods=["GET", "POST"])
def program_credit(hub_id: int, program_id: int) -> Page:
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, frozenset({Role.ADMIN}))
    program, hub = db.get(Program, program_id), db.get(Hub, hub_id)
    if program is None or hub is None or program.hub_id != hub_id:
        raise NotFound("No such program in this hub.")
    terms = credits.terms_of(db, program_id)
    values = {"hours": credits.hours_text(terms.credit_centihours) if terms else "1",
              "statement": terms.statement if terms else "",
              "attendance_percent": str(terms.attendance_percent if terms
                                        else credits.DEFAULT_PERCENT)}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {name: request.form.get(name, "") for name in values}
        try:
            credits.save_terms(db, user, program, credits.Terms(**values))
        except DomainError as exc:
            errors = {"form": exc.message, **exc.fields}
        else:
            flash("CME/CE credit saved.")
            return redirect(url_for("certificates.program_credit", hub_id=hub_id,
                                    program_id=program_id))
    page = render_template("certificates/program_credit.html", hub=hub, program=program,
                           values=values, errors=errors)
    return (page, 422) if errors else page


# --- your own -----------------------------------------------------------------------------


@bp.get("/account/certificates")
def mine() -> Page:
    db, user = db_session(), current_user()
    return render_template("certificates/mine.html",
                           rows=credits.listed_certificates(db, user), errors={},
                           values={}, hours_text=credits.hours_text,
                           shown_code=credits.shown_code)


@bp.get("/account/certificates/<int:certificate_id>.pdf")
def certificate_pdf(certificate_id: int) -> Response:
    db = db_session()
    certificate = credits.own_certificate(db, current_user(), certificate_id)
    response = Response(credits.pdf_of(db, certificate), mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="certificate-{credits.shown_code(certificate.code)}.pdf"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/account/transcript")
@takes_query(Query("start", "string"), Query("end", "string"),
             Query("format", "string", values=("pdf", "csv")))
def transcript() -> Page:
    db, user = db_session(), current_user()
    values = {name: request.args.get(name, "") for name in ("start", "end", "format")}
    try:
        within = transcripts.period(values["start"], values["end"])
    except DomainError as exc:
        page = render_template("certificates/mine.html", rows=credits.listed_certificates(db, user),
                               errors={"form": exc.message, **exc.fields}, values=values,
                               hours_text=credits.hours_text, shown_code=credits.shown_code)
        return page, exc.status
    if values["format"] == "pdf":
        hub = next(iter(access.hubs_where(db, user, frozenset(Role))), None)
        hub_row = db.get(Hub, hub) if hub is not None else None
        response = Response(transcripts.transcript_pdf(db, user, within,
                                                       hub_row.name if hub_row else ""),
                            mimetype="application/pdf")
        name = "transcript.pdf"
    else:
        response = Response(transcripts.transcript_csv(db, user, within), mimetype="text/csv")
        name = "transcript.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- a transcript by e-mail, for spokes without an account ---------------------------------


TRANSCRIPT_SENT = ("If we hold credits for this address, we have sent them: the e-mail holds "
                   "a link to your transcript, good for a day. Nothing arrived? Check the "
                   "address your certificates were sent to.")


@bp.route("/certificates/transcript", methods=["GET", "POST"])
def ask_transcript() -> Page:
    """Ask for a transcript by address: the answer is the same whatever the address holds."""
    if request.method == "GET":
        return render_template("certificates/ask_transcript.html", values={}, errors={},
                               sent="")
    values = {name: request.form.get(name, "") for name in ("email", "start", "end")}
    errors: dict[str, str] = {}
    if "@" not in values["email"].strip():
        errors["email"] = "Give the e-mail address your certificates were sent to."
    try:
        within = transcripts.period(values["start"], values["end"])
    except DomainError as exc:
        errors.update(exc.fields)
    if errors:
        return render_template("certificates/ask_transcript.html", values=values, sent="",
                               errors={"form": "The request needs a change.", **errors}), 422
    asked = transcript_requests.request_transcript(db_session(), values["email"], within)
    if asked.locked_until is not None:
        return render_template(
            "certificates/ask_transcript.html", values=values, sent="",
            errors={"form": "Too many requests for this address. Try again after "
                            f"{asked.locked_until:%H:%M} UTC."}), 429
    return render_template("certificates/ask_transcript.html", values={}, errors={},
                           sent=TRANSCRIPT_SENT)


@bp.get("/certificates/transcript/<token>")
def transcript_by_link(token: str) -> Page:
    """The e-mailed link: that address's transcript, for the period it asked."""
    try:
        pdf = transcript_requests.transcript_for_token(db_session(), token)
    except NotFound as exc:
        return render_template("invitations/dead.html", message=exc.message), 404
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = 'attachment; filename="transcript.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- the public check ---------------------------------------------------------------------


@bp.get("/certificates/verify")
@takes_query(Query("code", "string"))
def verify() -> Page:
    typed = request.args.get("code", "").strip()
    if typed:
        return redirect(url_for("certificates.verify_code", code=typed[:40]))
    return render_template("certificates/verify.html", typed="", found=None, asked=False)


@bp.get("/certificates/verify/<code>")
def verify_code(code: str) -> Page:
    found = credits.verify(db_session(), code)
    page = render_template("certificates/verify.html", typed=code[:40], found=found,
                           asked=True)
    # Not found is a 404 and revoked a 410 (it was, and is no more), so a checker (or a
    # script) need not read the page to tell.
    if found is None:
        return page, 404
    return (page, 410) if found.revoked else page
