"""Pages for writing, previewing, submitting and reading cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlmodel import Session
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.case_form import MULTI_SEPARATOR, CaseForm, FieldKind, Handling
from echo_cases.db import db_session
from echo_cases.deid import HIGH_CONFIDENCE, KINDS, Finding, kind_of, kind_word
from echo_cases.deid.kinds import normalise
from echo_cases.errors import Conflict, DomainError, Invalid
from echo_cases.http.errors import WORKFLOW_STATUS
from echo_cases.http.params import Query, takes_query
from echo_cases.letters.content import session_label
from echo_cases.numbers import MAX_ID, whole
from echo_cases.services import (
    calendar,
    draft_decisions,
    letters,
    outcomes,
    pass_through,
    review,
    sessions,
    workflow,
    worklist,
)
from echo_cases.services import cases as case_ops
from echo_cases.services.case_dates import dates_note, dates_note_for, long_date
from echo_cases.services.redaction import (
    CLINICIAN,
    AddedRedaction,
    Decisions,
    RedactionPlan,
    SpanRef,
)
from echo_cases.services.workflow import ENGINE
from echo_cases.web.auth import current_user, my_roles
from echo_cases.web.autosave import autosave_answer, autosave_refused, forget_typed
from echo_cases.web.presenters import (
    HistoryRow,
    Problem,
    actions_for,
    confidence_of,
    deidentified_segments,
    delivery_words,
    history_rows,
    original_segments,
    preview_problems,
    redaction_record,
)
from models import Case, Program, User
from workflows import CaseState, Role, WorkflowError

bp = Blueprint("cases", __name__)


@bp.get("/")
def home() -> str | Response:
    roles = my_roles()
    if Role.CLINICIAN in roles and len(roles) == 1:
        return redirect(url_for("cases.my_cases"))
    db, user = db_session(), current_user()
    worklists: list[tuple[worklist.Worklist, str]] = []
    if Role.CLINICIAN in roles:
        worklists.append((worklist.clinician_worklist(db, user), url_for("cases.my_cases")))
    if Role.EXPERT in roles:
        worklists.append((worklist.expert_worklist(db, user), url_for("queues.expert_queue")))
    if roles.keys() & access.ORGANISERS:
        worklists.append((worklist.coordinator_worklist(db, user), url_for("queues.triage")))
    return render_template("home.html", roles=roles, worklists=worklists)


@bp.get("/cases")
def my_cases() -> str:
    db = db_session()
    user = current_user()
    work, flags = worklist.my_cases(db, user)
    return render_template(
        "cases/list.html",
        listings=case_ops.list_own_cases(db, user),
        programs=access.programs_for_author(db, user),
        work=work, flags=flags,
    )


@bp.route("/cases/new", methods=["GET", "POST"])
@takes_query(Query("program_id", "integer"))
def new_case() -> str | Response | tuple[str, int]:
    db = db_session()
    user = current_user()
    programs = access.programs_for_author(db, user)
    if not programs:
        abort(404)
    program = _chosen_program(programs)
    form = _form_of(program)
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = _form_values(request.form, form)
        try:
            _check_nothing_stray(form)
            case = _create_case(program, values)
        except Invalid as exc:
            errors = _shown_errors(exc, form)
        else:
            forget_typed(NEW_CASE)
            flash("Draft saved. Nothing leaves your hands until you submit it.")
            return redirect(url_for("cases.show", case_id=case.id))
    page = render_template("cases/form.html", case=None, program=program, programs=programs,
                           form=form, values=values, errors=errors, stray=_stray(form),
                           form_names=_form_names(programs))
    return (page, 422) if errors else page


@bp.post("/cases/autosave")
def autosave_new_case() -> tuple[Response, int]:
    """The new-case form's first autosave: the draft it creates, and its form's address."""
    db = db_session()
    program = _chosen_program(access.programs_for_author(db, current_user()))
    try:
        case = _create_case(program, _form_values(request.form, _form_of(program)))
    except Invalid as exc:
        db.rollback()
        return autosave_refused(exc)
    return autosave_answer({"version": str(case.version)},
                           url=url_for("cases.edit_case", case_id=case.id),
                           saved_to=url_for("cases.autosave_case", case_id=case.id),
                           key=f"case-{case.id}")


@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
def edit_case(case_id: int) -> str | Response | tuple[str, int]:
    db = db_session()
    user = current_user()
    case, _actor = access.get_case(db, user, case_id)
    if not access.may_read_original(case, user) or case.state is not CaseState.DRAFT:
        abort(404)
    programs = access.programs_for_author(db, user)
    program = case_ops.program_of(db, case)
    form = case_ops.form_of(db, case)
    values = case_ops.read_original(db, user, case)
    errors: dict[str, str] = {}
    if request.method == "POST":
        chosen = _chosen_program(programs)
        program = chosen or program
        form = _draft_form(case, program)
        values = _form_values(request.form, form)
        try:
            _check_chosen(chosen)
            _check_nothing_stray(form)
            case_ops.update_draft(db, user, case, values, program_id=program.id,
                                  expected_version=_int(request.form.get("version")))
        except Invalid as exc:
            errors = _shown_errors(exc, form)
        else:
            flash("Draft saved.")
            moved = len(draft_decisions.load(db, user.id, case).needs_a_look)
            if moved:
                flash(f"Words you kept as not identifiers have moved ({moved}): they are "
                      "redacted again until you look at them in the preview.")
            if request.form.get("next") == "preview":
                return redirect(url_for("cases.preview", case_id=case.id))
            return redirect(url_for("cases.show", case_id=case.id))
    page = render_template("cases/form.html", case=case, program=program, programs=programs,
                           form=form, values=values, errors=errors, stray=_stray(form))
    return (page, 422) if errors else page


@bp.post("/cases/<int:case_id>/autosave")
def autosave_case(case_id: int) -> tuple[Response, int]:
    """Save the draft form as it stands, through the same checks as "Save draft"."""
    db = db_session()
    user = current_user()
    case, _actor = access.get_case(db, user, case_id)
    if not access.may_read_original(case, user):
        abort(404)
    chosen = _chosen_program(access.programs_for_author(db, user))
    program = chosen or case_ops.program_of(db, case)
    try:
        _check_chosen(chosen)
        case_ops.update_draft(db, user, case,
                              _form_values(request.form, _draft_form(case, program)),
                              program_id=program.id,
                              expected_version=_int(request.form.get("version")))
    except (Invalid, Conflict) as exc:
        db.rollback()
        return autosave_refused(exc)
    return autosave_answer({"version": str(case.version)})


# What the new-case form's typing is kept under in the browser (with the author's id).
NEW_CASE = "new-case"


def _create_case(program: Program | None, values: dict[str, str]) -> Case:
    """A draft of ``program``; without one, every problem of the form at once."""
    if program is None:
        _values, errors = case_ops.form_for_no_program().clean(values)
        raise Invalid("Some fields need attention.",
                      {"program_id": "Choose the program this case is for.", **errors})
    return case_ops.create_case(db_session(), current_user(), program.id or 0, values)


def _shown_errors(exc: Invalid, form: CaseForm) -> dict[str, str]:
    """The refusal as the case form shows it: beside each field it names, and its sentence
    at the top when it names something the page shows no place for (a hidden version)."""
    if exc.fields and set(exc.fields) <= {*form.names, "program_id"}:
        return dict(exc.fields)
    return {"form": exc.message, **exc.fields}


def _check_chosen(chosen: Program | None) -> None:
    """A draft's form that names no program of the author's (or "Choose a program") is
    refused, naming the field; a form without the field keeps the draft's program."""
    if chosen is None and "program_id" in request.form:
        raise Invalid("Some fields need attention.",
                      {"program_id": "Choose one of the programs in the list."})


def _form_of(program: Program | None) -> CaseForm:
    return case_ops.form_for(db_session(), program) if program else case_ops.form_for_no_program()


# What the case form posts besides its fields.
_CONTROLS = frozenset({"csrf_token", "program_id", "version", "next"})


def _stray(form: CaseForm) -> list[tuple[str, str]]:
    """Text posted under fields this form does not have (typed into another program's form,
    shown before the program was chosen): (label, text), to show back, never dropped."""
    if request.method != "POST":
        return []
    labels = {f.name: f.label for f in case_ops.form_for_no_program().fields}
    return [(labels.get(name, name.replace("_", " ").capitalize()), value)
            for name, value in request.form.items(multi=True)
            if name not in _CONTROLS and name not in form.names and value.strip()]


def _check_nothing_stray(form: CaseForm) -> None:
    if _stray(form):
        raise Invalid("This program's form has no place for some of what you wrote.", {
            "form": "This program's form has no place for some of what you wrote: it is "
                    "shown below. Copy it into the fields where it belongs, then save."})


def _form_names(programs: list[Program]) -> dict[int | str, str]:
    """Each program's form by its fields' keys and kinds, and the one shown before a program
    is chosen: the page's script opens another program's form only where they differ."""
    db = db_session()

    def shape(form: CaseForm) -> str:
        return " ".join(f"{f.name}:{f.kind.value}" for f in form.fields)

    names: dict[int | str, str] = {p.id or 0: shape(case_ops.form_for(db, p)) for p in programs}
    names["none"] = shape(case_ops.form_for_no_program())
    return names


def _draft_form(case: Case, program: Program) -> CaseForm:
    """A draft keeps the form version it was started on, unless it moves to another program."""
    if program.id == case.program_id:
        return case_ops.form_of(db_session(), case)
    return case_ops.form_for(db_session(), program)


@bp.get("/cases/<int:case_id>")
def show(case_id: int) -> str:
    return render_case(case_id)


@dataclass(frozen=True)
class TypedRecommendations:
    """Recommendations as typed into a form that could not be saved: shown again as typed."""

    summary: str
    items: list[dict[str, str]]
    version: str


def render_case(case_id: int, *, failed: str = "", message: str = "",
                fields: dict[str, str] | None = None,
                typed: TypedRecommendations | None = None) -> str:
    """The case page; after a refused form, with why (by ``failed``, the form's name) and
    what was typed in it, so that nothing typed is lost."""
    db = db_session()
    user = current_user()
    case, actor = access.get_case(db, user, case_id)
    program = case_ops.program_of(db, case)
    is_author = access.may_read_original(case, user)
    staff = actor.role in access.STAFF
    letter = letters.letter_of(db, case)
    form = case_ops.form_of(db, case)
    original = case_ops.read_original(db, user, case) if is_author else None
    # A returned draft's record is of its last submission, and its text may have changed
    # since: the preview shows the decisions that apply now.
    recorded = is_author and case.state is not CaseState.DRAFT
    placement = sessions.place_on_agenda(db, case)
    may_sign_off = (any(a.name == SIGN_OFF for a in ENGINE.allowed(case, actor))
                    and case.assigned_expert_id == user.id)
    return render_template(
        "cases/detail.html",
        case=case, program=program, form=form, is_author=is_author,
        staff=staff, actor=actor,
        original=original,
        redactions=redaction_record(case_ops.redactions_of(db, case), form, original)
        if recorded else [],
        returned=worklist.return_note(db, case) if is_author else None,
        delivery_words=delivery_words,
        history=_history(db, user, case),
        actions=actions_for(case, actor, available=workflow.actions_now(db, actor, case),
                            pre_reviewed=workflow.pre_reviewed(db, case), hidden={SIGN_OFF}),
        missing=case_ops.missing_fields(db, case) if is_author else {},
        placement=placement,
        placement_when=calendar.when_for(db, user, placement[0]) if placement else None,
        placement_started=placement is not None and sessions.has_started(db, placement[0]),
        pre_reviews=review.pre_reviews_of(db, case) if staff else [],
        recommendations=typed or review.recommendations_of(db, case),
        experts=review.experts_of_hub(db, case.hub_id) if staff else [],
        upcoming=sessions.upcoming_sessions_for(db, case) if staff else [],
        letter=letter,
        outcome=outcomes.outcome_of(db, case) if letter else None,
        deliveries=letters.deliveries_of(db, letter) if letter and staff else [],
        editable=(case.state in review.EDITABLE
                  and access.may_write_recommendations(db, user, case)),
        may_sign_off=may_sign_off,
        failed=failed, failure=message, failed_fields=fields or {},
        typed_action=({k: request.form.get(k, "") for k in ("comment", *ACTION_FIELDS)}
                      if failed else {}),
        session_label=session_label,
        dates_note=dates_note(case),
    )


def _history(db: Session, user: User, case: Case) -> list[HistoryRow]:
    transitions = case_ops.case_history(db, case)
    return history_rows(transitions, case_ops.names_of(db, (t.actor_id for t in transitions)),
                        calendar.reader_zone(db, user, case.hub_id))


@bp.post("/cases/<int:case_id>/break-glass")
def break_glass(case_id: int) -> str:
    """An admin's audited emergency read of the identified original (never cached)."""
    db, user = db_session(), current_user()
    case, _actor = access.get_case(db, user, case_id)
    original = case_ops.break_glass(db, user, case, request.form.get("reason", ""))
    return render_template("cases/break_glass.html", case=case,
                           form=case_ops.form_of(db, case), original=original)


@bp.route("/cases/<int:case_id>/preview", methods=["GET", "POST"])
def preview(case_id: int) -> str | tuple[str, int]:
    """Show the author what experts would read under their saved decisions; a POST saves
    the decisions on the form first, so reopening the preview anywhere shows them again."""
    db = db_session()
    user = current_user()
    case, _actor = access.get_case(db, user, case_id)
    if not access.may_read_original(case, user) or case.state is not CaseState.DRAFT:
        abort(404)
    if request.method == "POST":
        refused = _save_decisions(case)
        if refused:
            return _preview_saved(case, refused, status=409)
    return _preview_saved(case, {})


@bp.post("/cases/<int:case_id>/submit")
def submit(case_id: int) -> Response | str | tuple[str, int]:
    """Save the decisions on the form, then submit under the saved decisions alone."""
    db = db_session()
    user = current_user()
    case, actor = access.get_case(db, user, case_id)
    if not access.may_read_original(case, user):
        abort(404)
    if case.state is CaseState.DRAFT:
        refused = _save_decisions(case)
        if refused:
            return _preview_saved(case, refused, status=409)
        saved = draft_decisions.load(db, user.id, case)
        if saved.needs_a_look:
            return _preview_saved(case, {"needs_a_look": (
                "Some words you kept have moved since you decided: look at them again "
                "before submitting.")}, status=422)
        decisions = saved.as_decisions()
    else:
        decisions = Decisions()  # the workflow refuses a second submission itself
    try:
        case_ops.submit_case(db, actor, case, decisions,
                             expected_version=_int(request.form.get("version")))
    except Invalid as exc:
        return _preview_saved(case, exc.fields, status=422)
    flash("Submitted. The hub now sees the de-identified case.")
    return redirect(url_for("cases.show", case_id=case.id))


@bp.post("/cases/<int:case_id>/actions/<action>")
def act(case_id: int, action: str) -> Response | tuple[str, int]:
    db = db_session()
    user = current_user()
    case, actor = access.get_case(db, user, case_id)
    try:
        payload = _action_payload(request.form)
        transition = case_ops.take_action(
            db, actor, case, action, expected_version=_int(request.form.get("version")),
            comment=request.form.get("comment", ""), payload=payload,
        )
    except (DomainError, WorkflowError) as exc:
        # Back to the same page, the refusal beside the form and what was typed still in it.
        db.rollback()
        status, message, fields = refusal(exc)
        return render_case(case_id, failed=action, message=message, fields=fields), status
    done = ENGINE.action(transition.action).label
    forget_typed(f"action-{case.id}-{action}")  # taken: the tab's copy of its typing goes
    flash(f"Done: {done[:1].lower() + done[1:]}. "
          f"The case is now {transition.to_state.label.lower()}.")
    if case.state is CaseState.DRAFT and not access.may_read_original(case, user):
        return redirect(url_for("queues.triage"))
    return redirect(url_for("cases.show", case_id=case.id))


def refusal(exc: DomainError | WorkflowError) -> tuple[int, str, dict[str, str]]:
    """The status, sentence and per-field problems an error page would have shown."""
    if isinstance(exc, DomainError):
        return exc.status, exc.message, exc.fields
    return WORKFLOW_STATUS.get(type(exc), 409), str(exc), {}


# Form fields an action may carry besides its comment (see the resolvers in services.workflow):
# the numbers among them with their bounds and what to do when one cannot be read.
ACTION_FIELDS = ("expert_id", "session_id", "minutes", "notes", "recommendations_version")
ACTION_NUMBERS: dict[str, tuple[int, int, str]] = {
    "expert_id": (1, MAX_ID, "Choose the expert from the list."),
    "session_id": (1, MAX_ID, "Choose the session from the list."),
    "minutes": (5, 120, "Give the time on the agenda in whole minutes, from 5 to 120."),
    "recommendations_version": (0, MAX_ID, "Read the letter again: its version is missing."),
}


def _action_payload(form: MultiDict[str, str]) -> dict[str, object]:
    """What an action's form sends besides its comment, numbers read as numbers: one that
    cannot be read is refused, naming it, never passed on as text to be guessed at."""
    payload: dict[str, object] = {}
    errors: dict[str, str] = {}
    for key in ACTION_FIELDS:
        raw = form.get(key, "").strip()
        if not raw:
            continue
        if key not in ACTION_NUMBERS:
            payload[key] = form[key]
            continue
        low, high, problem = ACTION_NUMBERS[key]
        number = whole(raw, low, high)
        if number is None:
            errors[key] = problem
        payload[key] = number
    if errors:
        raise Invalid("Some fields need attention.", errors)
    return payload
SIGN_OFF = "sign_off"  # taken from its own page, after reading the letter it will send


def _save_decisions(case: Case) -> dict[str, str]:
    """Save the form's decisions as their own unit of work: a later refusal on the same
    page (a reason missing, a stale version) must not lose them. Returns why the save was
    refused, if it was."""
    db, user = db_session(), current_user()
    saved = draft_decisions.load(db, user.id, case)
    ticked = [whole(i) for i in request.form.getlist("looked")]
    if None in ticked:
        return {"decisions": "A box ticked on the form could not be read: preview the case "
                             "again and tick it there."}
    looked = set(ticked)
    original = case_ops.read_original(db, user, case)
    try:
        draft_decisions.save(
            db, user.id, case, _decisions(request.form, original, saved),
            revision=_int(request.form.get("decisions_revision"), "decisions_revision"),
            looked_at=[k for i, k in enumerate(saved.needs_a_look) if i in looked])
    except Conflict as exc:
        return {"decisions": exc.message}
    db.commit()
    return {}


def _preview_saved(case: Case, errors: dict[str, str], *,
                   status: int = 200) -> str | tuple[str, int]:
    """The preview under the saved decisions; if they no longer fit, under the added
    redactions alone, with the problems shown (never fewer redactions than decided)."""
    db, user = db_session(), current_user()
    saved = draft_decisions.load(db, user.id, case)
    try:
        plan = case_ops.preview_case(db, user, case, saved.as_decisions())
    except Invalid as exc:
        errors = {**errors, **exc.fields}
        plan = case_ops.preview_case(db, user, case, Decisions(redact=saved.redact))
    page = _render_preview(case, plan, saved, errors)
    if errors and status == 200:
        status = 422
    return page if status == 200 else (page, status)


def _render_preview(
    case: Case, plan: RedactionPlan, saved: draft_decisions.SavedDecisions,
    errors: dict[str, str],
) -> str:
    db = db_session()
    program = case_ops.program_of(db, case)
    form = case_ops.form_of(db, case)
    original = case_ops.read_original(db, current_user(), case)
    restored = {(r.field, r.finding.start, r.finding.end) for r in plan.restored}
    moved = {(k.span.field, k.words) for k in saved.needs_a_look}
    # How often each value is proposed in the whole case: "the same for all 3" on its rows.
    times: dict[str, int] = {}
    for f in form.free_text():
        for fd in plan.proposed.get(f.name, []):
            value = normalise(original.get(f.name, "")[fd.start:fd.end])
            times[value] = times.get(value, 0) + 1
    fields = []
    for f in form.free_text():
        text = original.get(f.name, "")
        replacements = [r for r in plan.replacements if r.field == f.name]
        fields.append({
            "field": f,
            "original": original_segments(
                text, plan.proposed.get(f.name, []),
                {(s, e) for (name, s, e) in restored if name == f.name}),
            "deidentified": deidentified_segments(text, replacements),
            "findings": [FindingRow(
                finding=fd, words=text[fd.start:fd.end], kind=kind_of(fd),
                restored=(f.name, fd.start, fd.end) in restored,
                needs_look=(f.name, text[fd.start:fd.end]) in moved,
                times=times.get(normalise(text[fd.start:fd.end]), 1),
                phrase=_phrase_in(text[fd.start:fd.end], saved.redact)
                if fd.source == CLINICIAN else "")
                for fd in plan.proposed.get(f.name, [])],
        })
    labels = {f.name: f.label for f in form.fields}
    decisions = saved.as_decisions()
    # The rest of the form as experts read it: choices, numbers and yes/no as chosen, a
    # date relative to submission; a field that is itself an identifier is named only.
    passed_on = [(f, plan.fields[f.name]) for f in form.fields
                 if not f.free_text and f.handling is not Handling.REMOVE
                 and plan.fields.get(f.name)]
    withheld = [f.label for f in form.fields
                if f.handling is Handling.REMOVE and original.get(f.name)]
    # Text passed on as written, as the de-identifier read it: what it is sure of stops the
    # submission, a guess is a warning; either is flagged in the author's own words.
    refused, warned = pass_through.refusals(plan.as_written), pass_through.warnings(
        plan.as_written)
    checked = {name: {"segments": original_segments(original.get(name, ""), found, set()),
                      "refused": refused.get(name, ""), "warning": warned.get(name, "")}
               for name, found in plan.as_written.items() if found}
    problems = preview_problems(errors, labels, original) + [
        Problem(f"{labels[name]}: {message}", f"as-written-{name}")
        for name, message in refused.items() if name not in errors]
    return render_template(
        "cases/preview.html", case=case, program=program, fields=fields, decisions=decisions,
        passed_on=passed_on, withheld=withheld, checked=checked,
        errors=errors, problems=problems,
        confidence_of=confidence_of,
        missing=case_ops.missing_fields(db, case), high=HIGH_CONFIDENCE,
        kinds=[(kind, kind_word(kind)) for kind in KINDS],
        revision=saved.revision,
        needs_a_look=[(labels.get(k.span.field, k.span.field), k) for k in saved.needs_a_look],
        added="\n".join(a.text for a in decisions.redact),
        dates_note=(f"Experts read your dates relative to the day you submit the case: "
                    f"today, {long_date(plan.dates_relative_to)}, if you submit now."
                    if plan.dates_relative_to else dates_note_for(None, plan.fields)),
        reasons={f"{r.field}:{r.start}:{r.end}": reason
                 for r, reason in decisions.restore.items()},
    )


@dataclass(frozen=True)
class FindingRow:
    """One row of the decision table."""

    finding: Finding
    words: str
    kind: str  # the word its placeholder says, "PATIENT"
    restored: bool
    needs_look: bool
    times: int  # how often these words are proposed in the whole case
    phrase: str  # the clinician's phrase this row redacts, for its "undo"


def _phrase_in(words: str, added: Sequence[AddedRedaction]) -> str:
    for item in added:
        if f" {normalise(item.text)} " in f" {normalise(words)} ":
            return item.text
    return ""


def _chosen_program(programs: list[Program]) -> Program | None:
    """The program the form names; none until the author chooses one, even among one: a
    case filed under a program nobody chose goes to the wrong panel. A form posted from a
    page opened with ``?program_id=`` names the program its list shows now, not the link's."""
    source = request.form if request.method == "POST" else request.args
    wanted = whole(source.get("program_id", "").strip(), 1)
    for program in programs:
        if program.id == wanted:
            return program
    return None


def _form_values(posted: MultiDict[str, str], form: CaseForm) -> dict[str, str]:
    """The case form's values as posted; a multiple choice's boxes are one value."""
    return {f.name: MULTI_SEPARATOR.join(posted.getlist(f.name)) if f.kind is FieldKind.MULTI
            else posted.get(f.name, "") for f in form.fields}


def _int(raw: str | None, name: str = "version") -> int:
    """A hidden number the page sent back (a version, a revision): ASCII digits or refused,
    naming it; int() alone would also read " 1", "+1" and "1_0"."""
    number = whole(raw or "")
    if number is None:
        raise Invalid("The form is missing its version: reload the page.",
                      {name: "Not a version this page sent."})
    return number


def _decisions(form: MultiDict[str, str], original: dict[str, str],
               saved: draft_decisions.SavedDecisions) -> Decisions:
    """The decisions on the preview's form.

    Restore checkboxes ("field:start:end") with their reasons; "all" on a row applies that
    row's keep (and reason) or redact to every row of the same words. A kind select that
    was changed gives the row's words that kind everywhere. Phrases to redact, one a line,
    less the one whose "undo" was pressed; a new line takes the kind chosen for new ones.
    """
    restore: dict[SpanRef, str] = {}
    for value in form.getlist("restore"):
        restore[_span(value)] = form.get(f"reason:{value}", "")
    words = {key: normalise(_words(original, _span(key))) for key in form.getlist("row")}
    # A redact-all is applied last, so of two contrary "all"s on one value, redact wins.
    for key in sorted(form.getlist("all"), key=lambda k: _span(k) not in restore):
        ref = _span(key)
        keep, reason = ref in restore, restore.get(ref, "")
        for other, value in words.items():
            if value == words.get(key, normalise(_words(original, ref))):
                if keep:
                    restore[_span(other)] = restore.get(_span(other)) or reason
                else:
                    restore.pop(_span(other), None)
    kinds = dict(saved.kinds)
    for name in form:
        if name.startswith("kind:"):
            key = name.removeprefix("kind:")
            chosen = _kind(form.get(name, ""), name)
            if chosen != form.get(f"shown:{key}"):
                kinds[normalise(_words(original, _span(key)))] = chosen
    new_kind = _kind(form.get("redact_type", "PERSON"), "redact_type")
    undone = {normalise(p) for p in form.getlist("undo")}
    known = {normalise(a.text): a for a in saved.redact}
    redact: list[AddedRedaction] = []
    for line in form.get("redact_also", "").splitlines():
        phrase = line.strip()
        if not phrase or normalise(phrase) in undone:
            continue
        if normalise(phrase) in known:
            redact.append(known[normalise(phrase)])
        else:
            redact.append(AddedRedaction(phrase, KINDS[new_kind]))
            kinds[normalise(phrase)] = new_kind
    return Decisions(restore=restore, redact=tuple(redact), kinds=kinds)


def _span(key: str) -> SpanRef:
    name, _, span = key.partition(":")
    start, _, end = span.partition(":")
    first, last = whole(start), whole(end)
    if first is None or last is None:
        raise Invalid("A decision on the form was malformed: preview the case again.")
    return SpanRef(name, first, last)


def _words(original: dict[str, str], ref: SpanRef) -> str:
    return str(original.get(ref.field, ""))[ref.start:ref.end]


def _kind(raw: str, name: str) -> str:
    if raw not in KINDS:
        raise Invalid("Choose a kind of identifier from the list.",
                      {name: "Not a kind of identifier: choose one from the list."})
    return raw
