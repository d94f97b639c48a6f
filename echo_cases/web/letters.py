"""Pages for recommendations, the signed letter, and what happens to it afterwards."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.errors import Invalid
from echo_cases.services import letters, review
from echo_cases.web.auth import current_user
from echo_cases.web.dispatch import deliver_after_commit
from models import Letter
from workflows import CaseState

bp = Blueprint("letters", __name__)
ITEM_ROWS = 30


@bp.post("/cases/<int:case_id>/recommendations")
def save_recommendations(case_id: int) -> Response:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    items = [{"recommendation": request.form.get(f"recommendation-{i}", ""),
              "rationale": request.form.get(f"rationale-{i}", ""),
              "reference": request.form.get(f"reference-{i}", "")} for i in range(ITEM_ROWS)]
    version = request.form.get("recommendations_version", "")
    review.save_recommendations(
        db, user, case, summary=request.form.get("summary", ""), items=items,
        expected_version=int(version) if version.isdigit() else None)
    flash("Recommendations saved. The lead expert signs them off when the panel agrees.")
    return redirect(url_for("cases.show", case_id=case_id, _anchor="recommendations"))


@bp.get("/cases/<int:case_id>/letter.pdf")
def letter_pdf(case_id: int) -> Response:
    return pdf_response(letters.get_letter(db_session(), current_user(), case_id))


def pdf_response(letter: Letter) -> Response:
    response = Response(letter.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="echo-recommendations-case-{letter.case_id}.pdf"')
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/cases/<int:case_id>/letter/acknowledge")
def acknowledge(case_id: int) -> Response:
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    version = request.form.get("version", "")
    if not version.isdigit():
        raise Invalid("The form is missing its version: reload the page.")
    letters.acknowledge_letter(db, user, case, expected_version=int(version))
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
    delivery, case = letters.get_delivery_to_manage(db, current_user(), delivery_id)
    letters.retry_delivery(db, delivery)
    deliver_after_commit(db, case)
    flash("The letter will be sent again now.")
    return redirect(url_for("queues.triage"))

