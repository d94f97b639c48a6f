"""Pages for recommendations, the signed letter, and what happens to it afterwards."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.errors import Conflict, DomainError, Invalid
from echo_cases.http.responses import pdf_response
from echo_cases.letters.pdf import render_letter
from echo_cases.numbers import whole
from echo_cases.services import letters, review
from echo_cases.web.auth import current_user
from echo_cases.web.autosave import autosave_answer, autosave_refused
from echo_cases.web.cases import TypedRecommendations, refusal, render_case
from models import Case, RecommendationSet
from workflows import CaseState, WorkflowError

bp = Blueprint("letters", __name__)
ITEM_ROWS = 30


@bp.post("/cases/<int:case_id>/recommendations")
def save_recommendations(case_id: int) -> Response | tuple[str, int]:
    """Save what was typed; "Save and read the letter" then shows the letter to confirm.
    A refusal shows the form again as typed, with what to fix."""
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    typed = _typed_recommendations()
    try:
        _save(case, typed)
    except (Invalid, Conflict) as exc:
        db.rollback()
        status, message, fields = refusal(exc)
        return render_case(case_id, failed="recommendations", message=message, fields=fields,
                           typed=typed), status
    if request.form.get("next") == "sign_off":
        return redirect(url_for("letters.sign_off", case_id=case_id))
    flash("Recommendations saved. The lead expert signs them off when the panel agrees.")
    return redirect(url_for("cases.show", case_id=case_id, _anchor="recommendations"))


@bp.post("/cases/<int:case_id>/recommendations/autosave")
def autosave_recommendations(case_id: int) -> tuple[Response, int]:
    """Save the recommendations form as it stands, for the page's autosave (JSON)."""
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    try:
        saved = _save(case, _typed_recommendations())
    except (Invalid, Conflict) as exc:
        db.rollback()
        return autosave_refused(exc)
    return autosave_answer({"recommendations_version": str(saved.version)})


def _typed_recommendations() -> TypedRecommendations:
    rows = [{"recommendation": request.form.get(f"recommendation-{i}", ""),
             "rationale": request.form.get(f"rationale-{i}", ""),
             "reference": request.form.get(f"reference-{i}", "")} for i in range(ITEM_ROWS)]
    while rows and not any(value.strip() for value in rows[-1].values()):
        rows.pop()  # blank rows at the end; blank rows between keep their numbers
    return TypedRecommendations(summary=request.form.get("summary", ""), items=rows,
                                version=request.form.get("recommendations_version", ""))


def _save(case: Case, typed: TypedRecommendations) -> RecommendationSet:
    """Save as typed; no version is a first write, a version that cannot be read is refused
    (read as "none", it would overwrite whatever was saved meanwhile)."""
    version = whole(typed.version.strip()) if typed.version.strip() else None
    if typed.version.strip() and version is None:
        raise Invalid("The form's version cannot be read: reload the page (what you typed "
                      "is shown again below).",
                      {"recommendations_version": "Not a version of these recommendations."})
    return review.save_recommendations(
        db_session(), current_user(), case, summary=typed.summary, items=typed.items,
        expected_version=version)


@bp.get("/cases/<int:case_id>/sign-off")
def sign_off(case_id: int) -> str | tuple[str, int]:
    """The letter exactly as it will be sent, and the one button that sends it."""
    db, user = db_session(), current_user()
    case, actor = access.get_case(db, user, case_id)
    try:
        content, recommendations = letters.letter_to_sign(db, actor, case)
    except (DomainError, WorkflowError) as exc:
        status, message, fields = refusal(exc)
        return render_case(case_id, failed="sign_off", message=message, fields=fields), status
    recipients = letters.recipients_of(db, case)
    return render_template("cases/sign_off.html", case=case, content=content,
                           recommendations=recommendations, recipients=recipients)


@bp.get("/cases/<int:case_id>/sign-off/letter.pdf")
def letter_to_sign_pdf(case_id: int) -> Response:
    """The PDF the sign-off would send, rendered now and stored nowhere."""
    db, user = db_session(), current_user()
    case, actor = access.get_case(db, user, case_id)
    content, _recommendations = letters.letter_to_sign(db, actor, case)
    response = Response(render_letter(content), mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="echo-recommendations-case-{case_id}-not-yet-signed.pdf"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/cases/<int:case_id>/letter.pdf")
def letter_pdf(case_id: int) -> Response:
    return pdf_response(letters.get_letter(db_session(), current_user(), case_id))


@bp.post("/cases/<int:case_id>/letter/acknowledge")
def acknowledge(case_id: int) -> Response:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    version = whole(request.form.get("version", ""))
    if version is None:
        raise Invalid("The form is missing its version: reload the page.",
                      {"version": "Not a version of this case."})
    letters.acknowledge_letter(db, user, case, expected_version=version)
    flash("Thank you: the hub can see you have read the recommendations.")
    return redirect(url_for("cases.show", case_id=case_id))


@bp.post("/cases/<int:case_id>/follow-up")
def follow_up(case_id: int) -> Response:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    new_case, started = letters.start_follow_up(db, user, case)
    if not started:
        flash("This case already has a follow-up under way: here it is.")
        if new_case.state is not CaseState.DRAFT:
            return redirect(url_for("cases.show", case_id=new_case.id))
    else:
        flash("A follow-up draft was started from your original case. Add what changed.")
    return redirect(url_for("cases.edit_case", case_id=new_case.id))


@bp.post("/deliveries/<int:delivery_id>/retry")
def retry_delivery(delivery_id: int) -> Response:
    db = db_session()
    delivery, _case = letters.get_delivery_to_manage(db, current_user(), delivery_id)
    letters.retry_delivery(db, delivery)
    flash("The letter will be sent again now.")
    return redirect(url_for("queues.triage"))

