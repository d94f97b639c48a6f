"""Shape cases for templates: highlighted redactions, actions the viewer may take."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from echo_cases import zones
from echo_cases.case_form import CaseForm
from echo_cases.deid import (
    HIGH_CONFIDENCE,
    EntityType,
    Finding,
    Replacement,
    kind_of,
)
from echo_cases.deid import kind_word as placeholder_word
from echo_cases.mail import MailNotConfigured
from echo_cases.numbers import whole
from echo_cases.services.letters import MAIL_NOT_CONFIGURED
from echo_cases.services.redaction import CLINICIAN
from echo_cases.services.workflow import ENGINE
from models import Case, CaseTransition, Delivery, DeliveryStatus, Redaction, as_utc
from workflows import CASE_WORKFLOW, Action, Actor
from workflows.definition import FORMER_NAMES


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = "plain"  # plain | redacted | restored
    label: str = ""


def deidentified_segments(original: str, replacements: Sequence[Replacement]) -> list[Segment]:
    """The de-identified text, with each surrogate marked where it replaced something."""
    segments: list[Segment] = []
    cursor = 0
    for r in sorted(replacements, key=lambda r: r.start):
        if r.start > cursor:
            segments.append(Segment(original[cursor:r.start]))
        kind = placeholder_word(r.kind or r.entity_type)
        segments.append(Segment(r.surrogate, "redacted", kind))
        cursor = max(cursor, r.end)
    if cursor < len(original):
        segments.append(Segment(original[cursor:]))
    return segments


def original_segments(original: str, findings: Iterable[Finding],
                      restored: set[tuple[int, int]]) -> list[Segment]:
    """The author's own text, with every proposed redaction highlighted."""
    segments: list[Segment] = []
    cursor = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start > cursor:
            segments.append(Segment(original[cursor:f.start]))
        kind = "restored" if (f.start, f.end) in restored else "redacted"
        segments.append(Segment(original[f.start:f.end], kind, placeholder_word(kind_of(f))))
        cursor = max(cursor, f.end)
    if cursor < len(original):
        segments.append(Segment(original[cursor:]))
    return segments


@dataclass(frozen=True)
class Offer:
    """An action offered on the case page, and how its button looks."""

    action: Action
    style: str  # "primary" | "secondary" | "danger"

    @property
    def name(self) -> str:
        return self.action.name

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def needs_comment(self) -> bool:
        return self.action.needs_comment


# Recorded once per submission: afterwards the notes are on the page. (Where the workflow
# moves the case on when it is recorded, it is not offered twice anyway.)
ONCE_PER_SUBMISSION = frozenset({"record_pre_review"})


def actions_for(case: Case, actor: Actor, *, available: Sequence[Action] | None = None,
                pre_reviewed: bool = False,
                hidden: frozenset[str] | set[str] = frozenset()) -> list[Offer]:
    """Actions to offer as buttons, the expected next step first and in the primary style.

    Read from the workflow table: moves forward first, then steps that leave the case where
    it is, and last the moves that need a reason the clinician reads (returning the case,
    withdrawing it), which are never the primary button. Submission has its own page.
    ``available`` is what the actor can do now (services.workflow.actions_now: a guard that
    would refuse whatever they sent, such as a session not started yet, hides its button);
    without it, what state and role allow.
    """
    offered = ENGINE.allowed(case, actor) if available is None else available
    allowed = [a for a in offered
               if a.name != "submit" and a.name not in hidden
               and not (pre_reviewed and a.name in ONCE_PER_SUBMISSION)]
    ordered = sorted(allowed, key=_rank)
    offers = []
    for index, action in enumerate(ordered):
        if action.needs_comment:
            style = "danger" if action.target in ENGINE.workflow.terminal else "secondary"
        else:
            style = "primary" if index == 0 else "secondary"
        offers.append(Offer(action, style))
    return offers


def _rank(action: Action) -> int:
    if action.needs_comment:
        return 2
    return 1 if action.target is None else 0


# --- plain words ------------------------------------------------------------------------

# Below this, the de-identifier is guessing (its own scores; HIGH_CONFIDENCE is the rule's).
MEDIUM_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Confidence:
    """How sure the de-identifier is, in a word and a sentence instead of a percentage."""

    word: str  # high | medium | low
    explanation: str


def confidence_of(finding: Finding) -> Confidence:
    if finding.source == CLINICIAN:
        return Confidence("yours", "You asked for this to be redacted.")
    if finding.score >= HIGH_CONFIDENCE:
        return Confidence("high", "Almost surely an identifier: keep it only with a reason.")
    if finding.score >= MEDIUM_CONFIDENCE:
        return Confidence("medium", "Probably an identifier: keep it if it is not one.")
    return Confidence("low", "Only a guess: keep it if it is not an identifier.")


# What each kind of identifier is called on the pages.
KIND_WORDS = {
    EntityType.PERSON: "name", EntityType.LOCATION: "place", EntityType.DATE: "date",
    EntityType.AGE: "age", EntityType.ID: "number (record, ID)",
    EntityType.CONTACT: "contact (phone, e-mail, address)", EntityType.OTHER: "other",
}


def kind_word(entity_type: str) -> str:
    try:
        return KIND_WORDS[EntityType(entity_type)]
    except ValueError:
        return entity_type.lower()


@dataclass(frozen=True)
class RecordRow:
    """One redaction decision as the redaction record lists it."""

    field: str  # the field's label
    words: str  # what was written, for its author; else what the hub reads there
    replaced_by: str  # the placeholder the hub reads; "" when the words were kept
    kind: str
    found_by: str
    kept: bool
    reason: str


def redaction_record(rows: Sequence[Redaction], form: CaseForm,
                     original: dict[str, str] | None) -> list[RecordRow]:
    """The decisions in field labels and the words concerned, never in keys or recognizers.

    ``original`` is the identified original for its author alone: anyone else is given the
    placeholder where the words were redacted (and the kept words, which the hub reads).
    """
    labels = {f.name: f.label for f in form.fields}
    record = []
    for r in rows:
        written = original.get(r.field, "")[r.start:r.end] if original is not None else ""
        record.append(RecordRow(
            field=labels.get(r.field, r.field.replace("_", " ")),
            words=written or r.surrogate, replaced_by="" if r.restored else r.surrogate,
            kind=kind_word(r.entity_type),
            found_by="you" if r.source == CLINICIAN else "the de-identifier",
            kept=r.restored, reason=r.reason))
    return record


def delivery_words(delivery: Delivery, *, technical: bool = False) -> str:
    """Where a letter's e-mail stands, in plain words; server settings for admins alone."""
    problem = _delivery_problem(delivery.last_error, technical=technical)
    if delivery.status is DeliveryStatus.SENT:
        return "sent"
    if delivery.status is DeliveryStatus.FAILED:
        return f"not delivered: {problem}" if problem else "not delivered"
    if delivery.attempts:
        return f"not sent yet, trying again: {problem}" if problem else "not sent yet, trying again"
    return "waiting to be sent"


def _delivery_problem(error: str, *, technical: bool) -> str:
    if not error:
        return ""
    # Rows written before the reason became a code carry the old sentence.
    if error == MAIL_NOT_CONFIGURED or error.startswith("E-mail is not configured"):
        plain = "e-mail is not set up on this server yet (the hub's admin can set it up)"
        return f"{plain}; set {MailNotConfigured.setting}" if technical else plain
    plain = "the mail server could not take it"
    return f"{plain} ({error})" if technical else plain


@dataclass(frozen=True)
class Problem:
    """One line of a page's error summary: what, where, and a link to it."""

    text: str
    anchor: str = ""


def preview_problems(errors: dict[str, str], labels: dict[str, str],
                     original: dict[str, str]) -> list[Problem]:
    """Name the field and the words each problem of the decision table is about.

    The preview is its author's page alone, so the words are quoted as they wrote them.
    """
    problems = []
    for key, message in errors.items():
        kind, _, where = key.partition(":")
        if kind == "restore" and where:
            name, _, span = where.partition(":")
            start, _, end = span.partition("-")
            first, last = whole(start), whole(end)
            words = (original.get(name, "")[first:last]
                     if first is not None and last is not None else "")
            label = labels.get(name, name.replace("_", " "))
            said = f"{label}, “{words}”" if words else label
            problems.append(Problem(f"{said}: {message}", f"r-{name}:{start}:{end}"))
        elif key == "needs_a_look":
            problems.append(Problem(message, "needs-a-look"))
        elif key in labels:
            problems.append(Problem(f"{labels[key]}: {message}"))
        else:
            problems.append(Problem(message))
    return problems


# --- the case's history -------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One thing done to a case, as its History says it."""

    iso: str  # when, in UTC, for <time datetime="">
    at: str  # when, in the reader's zone: "29 November 2026, 10:00 Africa/Nairobi"
    what: str  # "Pre-review recorded"
    by: str
    moved: str  # "De-identified, in review → Reviewed"; "" when the state stayed
    comment: str


def done_words(action: str) -> str:
    """What an action did, in the words of the pages (an older name reads as its new one)."""
    found = CASE_WORKFLOW.actions.get(FORMER_NAMES.get(action, action))
    if found is not None and found.done:
        return found.done
    return action.replace("_", " ").capitalize()


def history_rows(transitions: Iterable[CaseTransition], names: dict[int, str],
                 reader_zone: str) -> list[HistoryRow]:
    where = zones.zone(reader_zone)
    rows = []
    for t in transitions:
        at = as_utc(t.at)
        local = at.astimezone(where)
        rows.append(HistoryRow(
            iso=at.strftime("%Y-%m-%dT%H:%MZ"),
            at=f"{local.day} {local:%B %Y, %H:%M} {zones.readable(reader_zone)}",
            what=done_words(t.action), by=names.get(t.actor_id, ""),
            moved="" if t.from_state == t.to_state
            else f"{t.from_state.label} \u2192 {t.to_state.label}",
            comment=t.comment))
    return rows
