"""Pages where the presenting clinician tells what happened after the panel's advice."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.db import db_session
from echo_cases.deid import kind_of, kind_word
from echo_cases.errors import DomainError, Invalid, NotFound
from echo_cases.numbers import whole
from echo_cases.services import exports, outcome_figures, outcomes
from echo_cases.services.outcomes import (
    ADHERENCE_WORDS,
    STATUS_WORDS,
    OutcomeAnswer,
    OutcomePreview,
)
from echo_cases.services.redaction import CLINICIAN, SpanRef
from echo_cases.web.auth import current_user
from echo_cases.web.cases import refusal
from echo_cases.web.presenters import confidence_of, deidentified_segments
from models import Case, Outcome, Program
from workflows import Role

bp = Blueprint("outcomes", __name__)


@dataclass(frozen=True)
class Found:
    """A redaction the de-identifier proposes in the answer, which its author may keep."""

    key: str  # field:start:end
    words: str
    kind: str
    confidence: str
    kept: bool


@bp.get("/cases/<int:case_id>/outcome")
def form(case_id: int) -> str:
    case, outcome = outcomes.get_outcome_to_answer(db_session(), current_user(), case_id)
    return _page(case, outcome, None, None)


@bp.post("/cases/<int:case_id>/outcome/preview")
def preview(case_id: int) -> str | tuple[str, int]:
    """The answer as staff will read it, beside what was typed, ready to send."""
    db = db_session()
    case, outcome = outcomes.get_outcome_to_answer(db, current_user(), case_id)
    answer = _typed(len(outcome.items))
    try:
        _check_keeps()
        shown = outcomes.preview_outcome(db, case, outcome, answer)
    except Invalid as exc:
        if not any(name.startswith("restore:") for name in exc.fields):
            return _refused(case, outcome, answer, exc)
        # A keep that needs a reason: show the redactions again, ticked as typed, to fix.
        shown = outcomes.preview_outcome(db, case, outcome, replace(answer, keep=()))
        status, message, fields = refusal(exc)
        return _page(case, outcome, answer, shown, failure=message, problems=fields), status
    except DomainError as exc:
        return _refused(case, outcome, answer, exc)
    return _page(case, outcome, answer, shown)


@bp.post("/cases/<int:case_id>/outcome")
def answer(case_id: int) -> Response | str | tuple[str, int]:
    db, user = db_session(), current_user()
    case, outcome = outcomes.get_outcome_to_answer(db, user, case_id)
    typed = _typed(len(outcome.items))
    try:
        _check_keeps()
        outcomes.answer_outcome(db, user, case, outcome, typed,
                                previewed=request.form.get("previewed", ""))
    except DomainError as exc:
        db.rollback()
        return _refused(case, outcome, typed, exc)
    flash("Thank you: the hub has the outcome, as you previewed it.")
    return redirect(url_for("cases.show", case_id=case_id, _anchor="outcome"))


@bp.post("/cases/<int:case_id>/outcome/decline")
def decline(case_id: int) -> Response | str | tuple[str, int]:
    db, user = db_session(), current_user()
    case, outcome = outcomes.get_outcome_to_answer(db, user, case_id)
    try:
        outcomes.decline_outcome(db, user, case, outcome, request.form.get("reason", ""))
    except DomainError as exc:
        db.rollback()
        return _refused(case, outcome, _typed(len(outcome.items)), exc)
    flash("Understood: you will not be asked about this case's outcome again.")
    return redirect(url_for("cases.show", case_id=case_id, _anchor="outcome"))


def _typed(items: int) -> OutcomeAnswer:
    form = request.form
    return OutcomeAnswer(
        adherence=tuple(form.get(f"adherence_{i}", "") for i in range(items)),
        why=tuple(form.get(f"why_{i}", "").replace("\r\n", "\n").strip() for i in range(items)),
        patient_status=form.get("patient_status", ""),
        narrative=form.get("narrative", "").replace("\r\n", "\n").strip(),
        redact=tuple(line.strip() for line in form.get("redact", "").splitlines()
                     if line.strip()),
        keep=tuple((span, form.get(f"reason:{key}", "").strip())
                   for key in dict.fromkeys(form.getlist("keep"))
                   if (span := _span(key)) is not None))


def _check_keeps() -> None:
    """A kept redaction the form names in a way that cannot be read is refused, not dropped
    (dropped, the words would be redacted although the clinician kept them)."""
    if any(_span(key) is None for key in request.form.getlist("keep")):
        raise Invalid("A kept phrase on the form could not be read: preview the answer again.",
                      {"keep": "Not a phrase of this answer."})


def _span(key: str) -> SpanRef | None:
    """"narrative:12:30" as the span it names; None for anything else."""
    name, _, rest = key.partition(":")
    start, _, end = rest.partition(":")
    first, last = whole(start), whole(end)
    if first is None or last is None or len(key) > 40:
        return None
    return SpanRef(name, first, last)


def _refused(case: Case, outcome: Outcome, typed: OutcomeAnswer,
             exc: DomainError) -> tuple[str, int]:
    """The form again, as typed, with what to fix."""
    status, message, fields = refusal(exc)
    return _page(case, outcome, typed, None, failure=message, problems=fields), status


def _page(case: Case, outcome: Outcome, typed: OutcomeAnswer | None,
          shown: OutcomePreview | None, *, failure: str = "",
          problems: dict[str, str] | None = None) -> str:
    previews, found = {}, {}
    if shown is not None:
        kept = {(span.field, span.start, span.end) for span, _reason in
                (typed.keep if typed else ())}
        for name, text in shown.texts.items():
            previews[name] = deidentified_segments(
                text, [r for r in shown.plan.replacements if r.field == name])
            found[name] = [Found(f"{name}:{f.start}:{f.end}", text[f.start:f.end],
                                 kind_word(kind_of(f)), confidence_of(f).word,
                                 (name, f.start, f.end) in kept)
                           for f in shown.plan.proposed.get(name, [])
                           if f.source != CLINICIAN]
    return render_template(
        "outcomes/form.html", case=case, outcome=outcome, typed=typed, shown=shown,
        previews=previews, found=found, adherence_words=ADHERENCE_WORDS, status_words=STATUS_WORDS,
        failure=failure, problems=problems or {},
        reason=request.form.get("reason", "") if request.method == "POST" else "")


@bp.app_context_processor
def _outcome_words() -> dict[str, object]:
    """The words of outcome choices, for the case page's outcome panel."""
    return {"outcome_status_words": STATUS_WORDS, "outcome_adherence_words": ADHERENCE_WORDS}


@bp.get("/hubs/<int:hub_id>/exports/outcomes.csv")
def figures_csv(hub_id: int) -> Response:
    """The hub's outcome figures by program, as CSV (figures only, no case text)."""
    db = db_session()
    access.require_hub_role(db, current_user(), hub_id, access.ORGANISERS)
    exports.note_export(db, current_user().id, hub_id, "outcomes.csv")
    body = "".join(outcome_figures.csv_lines(outcome_figures.hub_outcomes(db, hub_id)))
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="hub-{hub_id}-outcomes.csv"',
        "Cache-Control": "private, no-store"})


@bp.route("/hubs/<int:hub_id>/programs/<int:program_id>/outcomes", methods=["GET", "POST"])
def program_settings(hub_id: int, program_id: int) -> Response | str | tuple[str, int]:
    """When a program's clinicians are asked for the outcome (its admins)."""
    db, user = db_session(), current_user()
    access.require_hub_role(db, user, hub_id, frozenset({Role.ADMIN}))
    program = db.get(Program, program_id)
    if program is None or program.hub_id != hub_id:
        raise NotFound("No such program in this hub.")
    days = str(outcomes.ask_after(db, program_id).days)
    if request.method == "POST":
        days = request.form.get("ask_after_days", "").strip()
        try:
            outcomes.set_ask_after(db, program, _days(days), actor_id=user.id)
        except DomainError as exc:
            db.rollback()
            status, message, fields = refusal(exc)
            return render_template("outcomes/program_settings.html", program=program,
                                   days=days, failure=message, problems=fields), status
        flash(f"Outcomes of {program.name} are now asked {days} days after the letter.")
        return redirect(url_for("outcomes.program_settings", hub_id=hub_id,
                                program_id=program_id))
    return render_template("outcomes/program_settings.html", program=program, days=days,
                           failure="", problems={})


def _days(raw: str) -> int:
    days = whole(raw, high=9999)
    if days is None:
        raise Invalid("Enter a whole number of days.",
                      {"ask_after_days": "A whole number of days, like 56."})
    return days
