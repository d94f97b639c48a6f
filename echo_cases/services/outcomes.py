"""Asking the presenting clinician what happened to the patient after the panel's advice.

A set time after the letter (``program_outcome_settings``, eight weeks by default) the
clinician is e-mailed a request, then reminded one and three weeks later and every four
weeks after that, until they answer or decline. The answer rates each signed
recommendation item (the panel writes them as items, so one item of the letter is one
line to rate), gives the patient's status, and tells what happened in a narrative. Every
free text of the answer goes through the case's own de-identification (same analyser,
same surrogate key, the case's own text analysed with it, the author's saved redactions
applied) and is previewed before it is sent; only the de-identified text is stored, so
staff never read anything else and the identified words are never kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlmodel import Session, col, select

from echo_cases import clock, zones
from echo_cases.access import get_case, may_read_original
from echo_cases.case_form import CaseForm, FieldKind, FormField, Handling
from echo_cases.errors import Invalid, NotFound, WrongState
from echo_cases.mail import SmtpMailer
from echo_cases.services import audit, draft_decisions
from echo_cases.services.case_dates import case_dates
from echo_cases.services.cases import form_of, original_fields
from echo_cases.services.redaction import (
    AddedRedaction,
    Decisions,
    RedactionPlan,
    SpanRef,
    case_key,
    plan_redaction,
)
from models import (
    Adherence,
    Case,
    CaseOriginal,
    Hub,
    Letter,
    Outcome,
    OutcomeStatus,
    PatientStatus,
    Program,
    ProgramOutcomeSettings,
    RecommendationSet,
    User,
    as_utc,
    id_of,
)
from models.outcome import DEFAULT_ASK_AFTER_DAYS, MAX_ASK_AFTER_DAYS
from workflows import CaseState

# Reminders, counted from the first request: these first, then one REPEAT_EVERY after the
# last until the outcome is answered or declined (or its clinician leaves the hub). After a
# cron that was off, the first ones still go MIN_SPACING apart, never as a burst.
REMINDERS = (timedelta(weeks=1), timedelta(weeks=3))
REPEAT_EVERY = timedelta(weeks=4)
MIN_SPACING = timedelta(weeks=1)
# A letter signed long before its request fell due (cron was off, or outcomes were
# switched on for a hub with years of letters) is not asked about out of the blue.
ASK_NO_LATER_THAN = timedelta(weeks=4)
MAX_TEXT = 5_000
NARRATIVE = "narrative"

ADHERENCE_WORDS = {Adherence.FOLLOWED: "Followed", Adherence.PARTLY: "Partly followed",
                   Adherence.NOT_FOLLOWED: "Not followed"}
STATUS_WORDS = {
    PatientStatus.ALIVE_NO_EVIDENCE_OF_DISEASE: "Alive, no evidence of disease",
    PatientStatus.ALIVE_WITH_DISEASE: "Alive with disease",
    PatientStatus.IN_TREATMENT: "In treatment",
    PatientStatus.LOST_TO_FOLLOW_UP: "Lost to follow-up",
    PatientStatus.DIED: "Died",
    PatientStatus.UNKNOWN: "Unknown",
}


# --- settings ---------------------------------------------------------------------------


def ask_after(db: Session, program_id: int) -> timedelta:
    row = db.get(ProgramOutcomeSettings, program_id)
    return timedelta(days=row.ask_after_days if row else DEFAULT_ASK_AFTER_DAYS)


def set_ask_after(db: Session, program: Program, days: int, *,
                  actor_id: int | None = None) -> ProgramOutcomeSettings:
    """How long after a program's letters its clinicians are asked for the outcome."""
    if not 1 <= days <= MAX_ASK_AFTER_DAYS:
        raise Invalid(f"Ask between 1 and {MAX_ASK_AFTER_DAYS} days after the letter.",
                      {"ask_after_days": f"Between 1 and {MAX_ASK_AFTER_DAYS} days."})
    row = db.get(ProgramOutcomeSettings, id_of(program)) \
        or ProgramOutcomeSettings(program_id=id_of(program))
    row.ask_after_days = days
    db.add(row)
    db.flush()
    audit.record(db, "program_outcome_settings_changed", actor_id=actor_id,
                 hub_id=program.hub_id, subject=f"program:{program.id}", ask_after_days=days)
    return row


# --- asking and reminding ---------------------------------------------------------------


def cases_to_ask(db: Session) -> list[int]:
    """Cases whose letter's request is due now and was never made, oldest letter first."""
    now = clock.now(db)
    rows = db.exec(
        select(col(Letter.case_id), col(Letter.created_at), Case.program_id,
               ProgramOutcomeSettings.ask_after_days)
        .join(Case, col(Case.id) == Letter.case_id)
        .outerjoin(ProgramOutcomeSettings,
                   col(ProgramOutcomeSettings.program_id) == Case.program_id)
        .outerjoin(Outcome, col(Outcome.case_id) == Letter.case_id)
        .where(col(Outcome.id).is_(None), Case.state == CaseState.RECOMMENDATIONS_SENT,
               # No program asks later than this: older letters are never read again.
               col(Letter.created_at) >= now - timedelta(days=MAX_ASK_AFTER_DAYS)
               - ASK_NO_LATER_THAN)
        .order_by(col(Letter.created_at)))
    return [case_id for case_id, signed_at, _program_id, days in rows
            if _ask_due(as_utc(signed_at), days, now)]


def _ask_due(signed_at: datetime, days: int | None, now: datetime) -> bool:
    at = signed_at + timedelta(days=days or DEFAULT_ASK_AFTER_DAYS)
    return at <= now < at + ASK_NO_LATER_THAN


def outcomes_to_remind(db: Session) -> list[int]:
    """Outcomes asked for, unanswered, of a clinician still active, whose next reminder
    is due now."""
    now = clock.now(db)
    rows = db.exec(select(col(Outcome.id), col(Outcome.requested_at),
                          col(Outcome.last_mailed_at), col(Outcome.reminders_sent))
                   .join(User, col(User.id) == Outcome.clinician_id)
                   .where(Outcome.status == OutcomeStatus.REQUESTED,
                          col(Outcome.requested_at).is_not(None), col(User.active)))
    return [outcome_id for outcome_id, asked, mailed, sent in rows
            if _reminder_due(asked, mailed, sent, now)]


def _reminder_due(asked: datetime | None, mailed: datetime | None, sent: int,
                  now: datetime) -> bool:
    if asked is None:
        return False
    last = as_utc(mailed or asked)
    if sent >= len(REMINDERS):
        # Counted from the last e-mail, not the request: a cron that was off catches up
        # on nothing, and each run's lateness never makes the next one fall due early.
        return now >= last + REPEAT_EVERY
    return now >= as_utc(asked) + REMINDERS[sent] and now >= last + MIN_SPACING


LinkFor = Callable[[int], str]


def ask(db: Session, case_id: int, mailer: SmtpMailer, link_for: LinkFor) -> Outcome | None:
    """E-mail the request for one case's outcome, if it is still due; the row is locked
    while the e-mail goes, so two runs at once ask once. A failed send raises, and the
    caller's rollback leaves the request to the next run."""
    case = db.exec(select(Case).where(Case.id == case_id).with_for_update()).first()
    letter = db.exec(select(Letter).where(Letter.case_id == case_id)).first()
    if case is None or letter is None or outcome_of(db, case) is not None \
            or case.state is not CaseState.RECOMMENDATIONS_SENT:
        return None
    if not _reachable(db, case):
        return None
    settings = db.get(ProgramOutcomeSettings, case.program_id)
    if not _ask_due(as_utc(letter.created_at), settings.ask_after_days if settings else None,
                    clock.now(db)):
        return None
    outcome = _new_outcome(db, case)
    now = clock.now(db)
    outcome.requested_at = outcome.last_mailed_at = now
    db.add(outcome)
    db.flush()
    mailer.send(_message(db, mailer, case, outcome, link_for(case_id), reminder=False))
    audit.record(db, "outcome_requested", hub_id=case.hub_id, subject=f"case:{case_id}")
    return outcome


def remind(db: Session, outcome_id: int, mailer: SmtpMailer, link_for: LinkFor) -> bool:
    """E-mail the next reminder of one outcome if it is due (never twice per interval)."""
    outcome = db.exec(select(Outcome).where(Outcome.id == outcome_id)
                      .with_for_update()).first()
    if outcome is None or outcome.status is not OutcomeStatus.REQUESTED \
            or not _reminder_due(outcome.requested_at, outcome.last_mailed_at,
                                 outcome.reminders_sent, clock.now(db)):
        return False
    case = db.get(Case, outcome.case_id)
    if case is None or not _reachable(db, case):
        return False
    outcome.reminders_sent += 1
    outcome.last_mailed_at = clock.now(db)
    db.add(outcome)
    db.flush()
    mailer.send(_message(db, mailer, case, outcome, link_for(outcome.case_id), reminder=True))
    audit.record(db, "outcome_reminded", hub_id=case.hub_id, subject=f"case:{case.id}",
                 reminder=outcome.reminders_sent)
    return True


def _reachable(db: Session, case: Case) -> bool:
    """A deactivated clinician (who left the hub) is not e-mailed about their cases."""
    clinician = db.get(User, case.author_id)
    return clinician is not None and clinician.active


def _message(db: Session, mailer: SmtpMailer, case: Case, outcome: Outcome, link: str, *,
             reminder: bool) -> EmailMessage:
    """The request names the case by number and program only, never by its text."""
    clinician = db.get(User, case.author_id)
    program = db.get(Program, case.program_id)
    message = EmailMessage()
    message["From"] = mailer.sender
    message["To"] = clinician.email if clinician else ""
    label = f"case {case.id}" + (f" ({program.name})" if program else "")
    message["Subject"] = (("Reminder: " if reminder else "")
                          + f"What happened to the patient of ECHO {label}?")
    message.set_content(
        f"Dear {clinician.name if clinician else 'colleague'},\n\n"
        f"Some weeks ago the ECHO panel sent you recommendations for {label}. "
        "The hub would like to know what happened: which recommendations were followed, "
        "how the patient is now, and anything else you think the panel should hear.\n\n"
        f"It takes a few minutes, after you sign in:\n{link}\n\n"
        f"There are {len(outcome.items)} recommendation(s) to rate. Before you send "
        "your answer you will see it as the panel will read it, with identifiers removed. "
        "If you cannot answer, you can decline on the same page and we will not ask again.\n")
    return message


def _new_outcome(db: Session, case: Case) -> Outcome:
    """The outcome row, with one item per signed recommendation, in the letter's order."""
    signed = db.get(RecommendationSet, case.id)
    items = [{"recommendation": str(item.get("recommendation", "")), "adherence": None,
              "why": ""} for item in (signed.items if signed else [])
             if str(item.get("recommendation", "")).strip()]
    return Outcome(case_id=id_of(case), hub_id=case.hub_id, program_id=case.program_id,
                   clinician_id=case.author_id, items=items, created_at=clock.now(db))


# --- answering --------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeAnswer:
    """What the clinician typed: one adherence and "why" per item, a status, a narrative,
    phrases they want redacted besides what the de-identifier finds, and the proposed
    redactions they keep as not identifying (as in the case's preview: a reason is needed
    where the de-identifier was confident)."""

    adherence: tuple[str, ...]
    why: tuple[str, ...]
    patient_status: str
    narrative: str
    redact: tuple[str, ...] = field(default=())
    keep: tuple[tuple[SpanRef, str], ...] = field(default=())  # (span, reason)

    def digest(self) -> str:
        """Names this exact answer, so that what is sent is what was previewed."""
        text = json.dumps([self.adherence, self.why, self.patient_status, self.narrative,
                           self.redact, [(k.field, k.start, k.end, reason)
                                         for k, reason in self.keep]], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class OutcomePreview:
    answer: OutcomeAnswer
    plan: RedactionPlan
    texts: dict[str, str]  # the identified free text by field name, for the author alone

    @property
    def narrative(self) -> str:
        return self.plan.fields.get(NARRATIVE, "")

    def why(self, index: int) -> str:
        return self.plan.fields.get(_why(index), "")


def _why(index: int) -> str:
    return f"why_{index}"


def outcome_of(db: Session, case: Case) -> Outcome | None:
    return db.exec(select(Outcome).where(Outcome.case_id == case.id)).first()


def get_outcome_to_answer(db: Session, user: User, case_id: int) -> tuple[Case, Outcome]:
    """The case and its outcome (as it will be asked, if not yet), for its author alone:
    anyone else, in any role, is told there is no such case."""
    case, _actor = get_case(db, user, case_id)
    if not may_read_original(case, user):
        raise NotFound("No such case.")
    if case.state is not CaseState.RECOMMENDATIONS_SENT:
        raise WrongState("The outcome is told once the panel's letter has been sent.")
    return case, outcome_of(db, case) or _new_outcome(db, case)


def preview_outcome(db: Session, case: Case, outcome: Outcome,
                    answer: OutcomeAnswer) -> OutcomePreview:
    """Check the answer, then de-identify its free text as the case's own was."""
    _check_open(outcome)
    _check(answer, len(outcome.items))
    texts = {NARRATIVE: answer.narrative,
             **{_why(i): why for i, why in enumerate(answer.why) if why.strip()}}
    strange = sorted({span.field for span, _reason in answer.keep} - set(texts))
    if strange:
        raise Invalid("Keep only redactions of this answer.",
                      {"keep": f"No such text: {', '.join(strange)}."})
    return OutcomePreview(answer, _deidentify(db, case, texts, answer.redact, answer.keep),
                          texts)


def answer_outcome(db: Session, clinician: User, case: Case, outcome: Outcome,
                   answer: OutcomeAnswer, *, previewed: str) -> Outcome:
    """Store the de-identified answer; the clinician must have previewed this very text."""
    preview = preview_outcome(db, case, outcome, answer)
    if previewed != answer.digest():
        raise Invalid("Your answer changed since its preview: read it again as the panel "
                      "will, then send it.", {"preview": "Check the preview again."})
    now = clock.now(db)
    ratings = [Adherence(a) for a in answer.adherence]
    outcome.items = [{"recommendation": item["recommendation"], "adherence": rating.value,
                      "why": preview.why(i)}
                     for i, (item, rating) in enumerate(zip(outcome.items, ratings,
                                                            strict=True))]
    outcome.followed = ratings.count(Adherence.FOLLOWED)
    outcome.partly = ratings.count(Adherence.PARTLY)
    outcome.not_followed = ratings.count(Adherence.NOT_FOLLOWED)
    outcome.patient_status = PatientStatus(answer.patient_status)
    outcome.narrative = preview.narrative
    outcome.status, outcome.answered_at = OutcomeStatus.ANSWERED, now
    db.add(outcome)
    db.flush()
    audit.record(db, "outcome_answered", actor_id=id_of(clinician), hub_id=case.hub_id,
                 subject=f"case:{case.id}")
    return outcome


def decline_outcome(db: Session, clinician: User, case: Case, outcome: Outcome,
                    reason: str) -> Outcome:
    """No answer will come: the reminders stop. The reason is stored de-identified."""
    _check_open(outcome)
    if len(reason) > MAX_TEXT:
        raise Invalid("Keep the reason shorter.",
                      {"reason": f"Keep this under {MAX_TEXT:,} characters."})
    if reason.strip():
        reason = _deidentify(db, case, {"reason": reason.strip()}, ()).fields["reason"]
    outcome.decline_reason = reason.strip()
    outcome.status, outcome.declined_at = OutcomeStatus.DECLINED, clock.now(db)
    db.add(outcome)
    db.flush()
    audit.record(db, "outcome_declined", actor_id=id_of(clinician), hub_id=case.hub_id,
                 subject=f"case:{case.id}")
    return outcome


def _check_open(outcome: Outcome) -> None:
    if outcome.status is OutcomeStatus.ANSWERED:
        raise WrongState("This outcome was answered already: thank you.")
    if outcome.status is OutcomeStatus.DECLINED:
        raise WrongState("You declined to tell this outcome.")


def _check(answer: OutcomeAnswer, items: int) -> None:
    errors: dict[str, str] = {}
    for i in range(items):
        rating = answer.adherence[i] if i < len(answer.adherence) else ""
        why = answer.why[i] if i < len(answer.why) else ""
        if rating not in set(Adherence):
            errors[f"adherence_{i}"] = "Say whether this recommendation was followed."
        elif rating != Adherence.FOLLOWED and not why.strip():
            errors[f"why_{i}"] = "Say why it was not followed in full."
        if len(why) > MAX_TEXT:
            errors[f"why_{i}"] = f"Keep this under {MAX_TEXT:,} characters."
    if len(answer.adherence) > items or len(answer.why) > items:
        errors["items"] = f"The letter has {items} recommendation(s) to rate."
    if answer.patient_status not in set(PatientStatus):
        errors["patient_status"] = "Choose the patient's status."
    if len(answer.narrative) > MAX_TEXT:
        errors[NARRATIVE] = f"Keep this under {MAX_TEXT:,} characters."
    if errors:
        raise Invalid("Some answers need attention.", errors)


def _deidentify(db: Session, case: Case, texts: dict[str, str], redact: Sequence[str],
                keep: Sequence[tuple[SpanRef, str]] = ()) -> RedactionPlan:
    """De-identify ``texts`` together with the case's own free text: what was found in
    the case is found here, and its people keep the surrogates they have in the case."""
    hub = db.get(Hub, case.hub_id)
    if hub is None:
        raise NotFound("No such hub.")
    original = original_fields(db, case)  # empty once retention purged it
    case_form = form_of(db, case)
    own = tuple(FormField(name, name, FieldKind.TEXT, Handling.ANALYSE, max_length=MAX_TEXT)
                for name in texts)
    analysed = tuple(f for f in case_form.free_text() if original.get(f.name)) + own
    decisions = Decisions(redact=tuple(AddedRedaction(p.strip()) for p in redact if p.strip()))
    if db.get(CaseOriginal, case.id) is not None:  # the author's redactions went with it
        decisions = draft_decisions.with_saved_redactions(db, case.author_id, case, decisions)
    submitted = case.dates_relative_to or clock.now(db).astimezone(
        zones.zone(hub.timezone)).date()
    return plan_redaction(
        CaseForm(analysed), {**{f.name: original[f.name] for f in analysed if f.name in original},
                             **texts},
        Decisions(restore=dict(keep), redact=decisions.redact, kinds=decisions.kinds),
        key=case_key(db.info["surrogate_secret"], id_of(case)), style=hub.surrogate_style,
        locale=hub.locale, dates=case_dates(hub, submitted))


# --- reading ----------------------------------------------------------------------------


def outcome_for_reader(db: Session, user: User, case_id: int) -> tuple[Case, Outcome | None]:
    """A case's outcome for anyone who may see the case: it holds de-identified text only."""
    case, _actor = get_case(db, user, case_id)
    return case, outcome_of(db, case)


def waiting_for(db: Session, clinician: User, *,
                limit: int | None = None) -> list[tuple[int, datetime]]:
    """(case id, asked at) of the outcomes the clinician was asked for and owes, oldest first."""
    query = (select(col(Outcome.case_id), col(Outcome.requested_at))
             .where(Outcome.clinician_id == clinician.id,
                    Outcome.status == OutcomeStatus.REQUESTED,
                    col(Outcome.requested_at).is_not(None))
             .order_by(col(Outcome.requested_at), col(Outcome.case_id)))
    if limit is not None:
        query = query.limit(limit)
    return [(case_id, as_utc(at)) for case_id, at in db.exec(query)]
