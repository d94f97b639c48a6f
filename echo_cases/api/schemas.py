"""Request and response bodies of the JSON API. Unknown fields are refused, and nothing
is coerced: an integer is a JSON integer, a boolean a JSON boolean, a list holds only the
declared type."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)
from pydantic_core import PydanticCustomError

from echo_cases.api.workflow_doc import error_code_description
from echo_cases.deid import EntityType
from models import ArchiveKind, ArchiveStatus
from workflows import CASE_WORKFLOW, CaseState, Role

# The workflow's actions, named from its declaration (never a copy of it).
ActionName = StrEnum("ActionName", {name: name for name in CASE_WORKFLOW.actions})

# A row id: positive, and within the INTEGER columns that hold ids (32-bit on PostgreSQL).
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=20_000, strict=True)


def _one_message(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """One error for a form value of the wrong type, named by its field alone (a union's
    own errors would name each of its members)."""
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError("form_value", "Send text, a number for a number field, or "
                                  "for a multiple choice a list of strings.") from None


# A case form value: text, a number field's number (as a JSON number or as text), or a
# multiple choice's list of its choices (50 at most, as a field has). Which one a field
# takes is the form's to say: a number sent for a text field is refused by name.
FormValue = Annotated[str | int | float | Annotated[list[str], Field(max_length=50)],
                      WrapValidator(_one_message)]


class CaseCreate(Body):
    program_id: Id
    fields: dict[str, FormValue] = Field(
        default_factory=dict, description=(
            "Case form values by field name: text, and for a multiple choice a list of its "
            "choices (see the program's form schema)."))


class CaseUpdate(Body):
    version: int = Field(ge=1, le=2**31 - 1,
                         description="The version you read; a stale one gets 409.")
    fields: dict[str, FormValue | None] = Field(description=(
        "A JSON Merge Patch (RFC 7396) of the case form's values: a field you name is set, "
        "a field you send as null is blanked, a field you leave out keeps its value. A "
        "multiple choice is a list of its choices, sent whole."))
    program_id: Id | None = Field(default=None, description=(
        "Move the draft to another of your programs; a submitted case keeps its program."))


class RestoreIn(Body):
    field: str = Field(max_length=64)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: str = Field(default="", max_length=500)


class RedactIn(Body):
    text: str = Field(min_length=1, max_length=200)
    type: EntityType = EntityType.PERSON


class DecisionsIn(Body):
    restore: list[RestoreIn] = Field(default_factory=list, max_length=500)
    redact: list[RedactIn] = Field(default_factory=list, max_length=100)


class DecisionsSaveIn(DecisionsIn):
    revision: int = Field(ge=0, le=2**31 - 1, description=(
        "The revision of the saved decisions this change starts from (0 when none are "
        "saved); an older one is refused with 409, so no decision is undone unseen."))
    looked_at: list[int] = Field(default_factory=list, max_length=500, description=(
        "Indexes into needs_a_look: moved keeps the author looked at and leaves redacted."))


class SubmitIn(DecisionsIn):
    version: int = Field(ge=1, le=2**31 - 1)


class ActionIn(Body):
    version: int = Field(ge=1, le=2**31 - 1)
    comment: str = Field(default="", max_length=5_000)
    expert_id: Id | None = Field(default=None, description="assign_expert: who.")
    notes: str = Field(default="", max_length=10_000, description="record_pre_review: notes.")
    session_id: Id | None = Field(default=None,
                                  description="schedule: which session.")
    minutes: int | None = Field(default=None, ge=5, le=120,
                                description="schedule: time box on the agenda.")
    recommendations_version: int | None = Field(
        default=None, ge=1, le=2**31 - 1,
        description="sign_off: the version of the saved recommendations you read. Signing "
                    "off always signs the recommendations as saved (PUT them first); with "
                    "this, it is refused (409) if they changed since you read them.")


class RecommendationItem(Body):
    recommendation: str = Field(min_length=1, max_length=2_000)
    rationale: str = Field(default="", max_length=4_000)
    reference: str = Field(default="", max_length=500)


class RecommendationsIn(Body):
    version: int | None = Field(default=None, ge=0, description=(
        "The recommendations' own version as you read it (`recommendations.version` of the "
        "case), not the case's `version`; omit it (or send 0) while the case has no "
        "`recommendations`."))
    summary: str = Field(default="", max_length=20_000)
    items: list[RecommendationItem] = Field(default_factory=list, max_length=30)


class SessionIn(Body):
    program_id: Id
    starts_at_local: datetime = Field(description=(
        "When the session starts. Without an offset (2026-12-22T10:00:00) it is the wall "
        "time in `timezone`; with one (…Z, …-07:00) it is that instant, and `timezone` "
        "only says where the session is held."))
    timezone: str = Field(default="UTC", max_length=64, description="IANA zone name.")
    duration_minutes: int = Field(default=60, ge=15, le=480)
    topic: str = Field(default="", max_length=300)
    facilitator_id: Id | None = None
    panel_ids: list[Id] = Field(default_factory=list, max_length=50)
    video_url: str = Field(default="", max_length=500,
                           description="The https:// link participants join by (optional).")


class AttendanceIn(Body):
    version: int = Field(ge=0, le=2**31 - 1, description=(
        "The session's `attendance_version` you read (0 before any is recorded); if "
        "someone recorded attendance since, the answer is 409 and nothing changes."))
    present_ids: list[Id] = Field(default_factory=list, max_length=1_000)


class AcknowledgeIn(Body):
    version: int = Field(ge=1, le=2**31 - 1, description=(
        "The case's `version` you read; acknowledging raises it. A stale one gets 409."))


class ArchiveIn(Body):
    kind: ArchiveKind = Field(description="hub_cases: every case as CSV and JSON; "
                              "session_letters: one session's letters as PDFs.")
    session_id: Id | None = Field(default=None, description="session_letters: which session.")


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RedactionOut(Out):
    field: str
    start: int
    end: int
    type: str
    score: float
    source: str
    surrogate: str
    restored: bool
    reason: str = ""


class ProposedOut(Out):
    field: str
    start: int
    end: int
    type: str
    score: float
    source: str
    text: str = Field(description="The original text of the span (the author's own case).")
    restored: bool


class AsWrittenOut(Out):
    field: str
    start: int
    end: int
    type: str
    score: float
    blocks_submit: bool = Field(description=(
        "The de-identifier is sure of it: submitting is refused (422, naming the field) until "
        "it is taken out. Otherwise a guess to check."))


class PreviewOut(Out):
    fields: dict[str, str | list[str]] = Field(description=(
        "What experts would read (a multiple choice as a list of its choices)."))
    proposed: list[ProposedOut]
    as_written: list[AsWrittenOut] = Field(default_factory=list, description=(
        "What seems to be an identifier in text fields the form passes on as written (a "
        "code, a stage): never redacted there, so a sure one stops the submission."))
    missing: dict[str, str] = Field(description="Required fields still empty.")
    dates_relative_to: date | None = Field(default=None, description=(
        "The day the dates in `fields` count from: today, the day of submission if you "
        "submit now; null when the hub shifts dates instead."))


class KeepOut(Out):
    field: str
    start: int
    end: int
    text: str = Field(description="The words kept when the decision was made.")
    reason: str


class RedactOut(Out):
    text: str
    type: EntityType


class SavedDecisionsOut(Out):
    restore: list[KeepOut] = Field(description="Kept spans still on their words: applied.")
    redact: list[RedactOut] = Field(description="Added phrases: applied wherever they occur.")
    revision: int
    needs_a_look: list[KeepOut] = Field(description=(
        "Kept spans whose words moved in an edit: not applied (redacted) until decided "
        "again; the web form refuses to submit while any remain."))


class CaseOut(Out):
    id: int
    hub_id: int
    program_id: int
    state: CaseState
    version: int
    form_version: int = Field(description=(
        "The version of its program's form the case is written on, kept for good: its "
        "`fields` are read by the keys of `GET /programs/{program_id}/form/versions/{version}`"
        " (0: the default form)."))
    title: str = Field(description="The case's title as you may read it: the original for "
                       "its author, the de-identified one for everyone else.")
    fields: dict[str, str | list[str]] | None = Field(description=(
        "The identified original, as its author wrote it (what `POST /cases` and `PATCH` "
        "write): for the case's author only, null for everyone else. Changed: staff used to "
        "read the de-identified case here; they read `deidentified_fields`. A multiple "
        "choice is a list of its choices (it used to be one string, joined by '; ')."))
    identified: bool = Field(description="True when `fields` holds the identified original, "
                             "that is when you are the case's author.")
    deidentified_fields: dict[str, str | list[str]] | None = Field(default=None, description=(
        "The de-identified case, as everyone who may see the case reads it (its author "
        "too); null until it is submitted, and for someone it was returned away from. A "
        "multiple choice is a list of its choices, as chosen."))
    dates_relative_to: date | None = Field(default=None, description=(
        "The day of submission that the de-identified text's dates are written relative to "
        "(\"3 weeks before submission\"); null when its dates are shifted (each marked "
        "\"(shifted)\") or it has no de-identified text."))
    dates_note: str = Field(default="", description=(
        "What the de-identified text's dates are, in words, for showing beside it."))
    redactions: list[RedactionOut] = Field(default_factory=list)
    assigned_expert_id: int | None = None
    follow_up_of_id: int | None = None
    session: SessionRef | None = None
    recommendations: RecommendationsOut | None = None
    letter: LetterOut | None = None
    actions: list[ActionName] = Field(description=(
        "The workflow actions you can take now: your role and the case's state allow them, "
        "and nothing but the input you send (a reason, notes, a session) stands in the way. "
        "`submit` is taken with POST /cases/{case_id}/submit, the others with "
        "POST /cases/{case_id}/actions/{action}."))
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None


class SessionRef(Out):
    id: int
    starts_at: datetime
    timezone: str
    position: int


class RecommendationsOut(Out):
    version: int
    summary: str
    items: list[dict[str, str]]
    updated_at: datetime


class DeliveryOut(Out):
    id: int
    user_id: int
    status: str
    attempts: int
    last_error: str
    sent_at: datetime | None


class ArchiveOut(Out):
    id: int
    hub_id: int
    kind: ArchiveKind
    session_id: int | None
    status: ArchiveStatus = Field(description="pending until built; then ready, or failed.")
    size_bytes: int
    error: str
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime
    download_url: str | None = Field(description=(
        "The absolute URL of the ZIP once ready (null before): fetch it as it is, with the "
        "same bearer token."))


class LetterOut(Out):
    id: int
    created_at: datetime
    sha256: str
    acknowledged_at: datetime | None
    pdf_url: str = Field(description=(
        "The absolute URL of the signed PDF: fetch it as it is, with the same bearer token "
        "(it starts with `servers[0].url`)."))
    deliveries: list[DeliveryOut] = Field(default_factory=list,
                                          description="Shown to the hub's staff only.")


class CaseList(Out):
    items: list[CaseOut]


class QueueItem(Out):
    id: int
    program: str
    state: CaseState
    title: str
    assigned_expert_id: int | None
    submitted_at: datetime | None
    waiting_hours: float


class QueueOut(Out):
    items: list[QueueItem]
    next: str | None = Field(description="Pass as `after` for the next page; null on the last.")
    previous: str | None = Field(description="Pass as `before` for the page before; null on "
                                 "the first.")
    waiting: int = Field(description="How many cases match, counted up to 1,000.")
    waiting_capped: bool = Field(description="True when more than 1,000 match.")


class TransitionOut(Out):
    action: str = Field(description=(
        "The workflow action taken. History written before scheduling was named `schedule` "
        "holds `accept_into_session` for it (then it also moved the case from deidentified "
        "to reviewed, which recording a pre-review does now)."))
    from_state: CaseState
    to_state: CaseState
    actor_id: int
    comment: str
    at: datetime


class HistoryOut(Out):
    items: list[TransitionOut]


class ProgramOut(Out):
    id: int
    hub_id: int
    name: str
    form: dict[str, Any] = Field(description="JSON Schema of this program's case form.")


class ProgramList(Out):
    items: list[ProgramOut]


class ErrorDetail(Out):
    code: str = Field(description=error_code_description())
    message: str
    fields: dict[str, str]


class ErrorOut(Out):
    error: ErrorDetail


class AgendaOut(Out):
    case_id: int
    position: int
    minutes: int
    starts_at: datetime
    title: str = Field(description="De-identified title (staff and the case's author only).")


class SessionTimeIn(Body):
    starts_at_local: datetime = Field(description=(
        "When the session now starts. Without an offset (2026-12-22T10:00:00) it is the "
        "wall time in `timezone`; with one (…Z, …-07:00) it is that instant."))
    timezone: str = Field(max_length=64, description="IANA zone name the session is held in.")


class SessionOut(Out):
    id: int
    hub_id: int
    program_id: int
    starts_at: datetime
    timezone: str
    duration_minutes: int
    topic: str
    facilitator_id: int | None
    video_url: str = Field(description="The https:// link participants join by; empty if none.")
    panel_ids: list[int]
    agenda: list[AgendaOut]
    present_ids: list[int] = Field(description="Recorded attendance (coordinators and admins).")
    attendance_version: int = Field(description=(
        "Send it back as `version` when you record attendance (0 before any is recorded)."))


class SessionList(Out):
    items: list[SessionOut]


class ProgramStateCount(Out):
    program_id: int = Field(description="The program, by its id (names may repeat).")
    program: str = Field(description="The program's name, for display only.")
    state: CaseState
    count: int


class SessionFiguresOut(Out):
    session_id: int
    starts_at: datetime
    label: str = Field(description="When it is held, as people read it (English, its zone).")
    cases: int = Field(description="Cases on its agenda.")
    present: int | None = Field(description="How many attended; null until attendance is "
                                "recorded.")


class DashboardOut(Out):
    cases: list[ProgramStateCount]
    letters_sent: int
    turnaround_days_median: float | None
    turnaround_days_p90: float | None
    sessions: list[SessionFiguresOut] = Field(description=(
        "Each session of the hub, earliest first, by its id. Changed: replaces "
        "`cases_per_session` and `attendance`, which named sessions by an English date."))


class ExportOut(Out):
    cases: list[dict[str, Any]]


class HubOut(Out):
    id: int
    slug: str
    name: str
    role: Role = Field(description="Your role in this hub.")


class HubList(Out):
    items: list[HubOut]


class MeOut(Out):
    id: int
    name: str
    email: str
    memberships: list[HubOut] = Field(description="Each hub you belong to, with your role.")


class PersonOut(Out):
    id: int = Field(description="The id to send as expert_id, facilitator_id, panel_ids or "
                    "present_ids.")
    name: str
    role: Role
    credentials: str = Field(description='Printed after the name on letters, e.g. "MD, MPH"; '
                             "empty when none are recorded.")


class PeopleList(Out):
    items: list[PersonOut]


class InvitationIn(Body):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    role: Role = Field(description="Admins invite any role; coordinators invite clinicians "
                       "and experts only.")
    program_id: Id | None = Field(default=None, description="One of the hub's running "
                                  "programs; an expert joins its standing panel.")


class InvitationOut(Out):
    id: int
    hub_id: int
    name: str
    email: str
    role: Role
    program_id: int | None
    status: str = Field(description="pending (its link works until expires_at), expired "
                        "(send it again), accepted or revoked.")
    created_at: datetime
    expires_at: datetime
    sent_at: datetime | None = Field(description="When the e-mail with the current link went; "
                                     "null while sending, or if it failed (see send_error).")
    send_error: str = Field(description="Why the e-mail could not be sent; empty otherwise.")


class InvitationList(Out):
    items: list[InvitationOut]
