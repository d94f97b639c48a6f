"""Request and response bodies of the JSON API. Unknown fields are refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from echo_cases.deid import EntityType
from workflows import CaseState


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=20_000)


class CaseCreate(Body):
    program_id: int = Field(gt=0)
    fields: dict[str, str] = Field(
        default_factory=dict, description="Case form values by field name."
    )


class CaseUpdate(Body):
    version: int = Field(ge=1, description="The version you read; a stale one gets 409.")
    fields: dict[str, str]


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


class SubmitIn(DecisionsIn):
    version: int = Field(ge=1)


class ActionIn(Body):
    version: int = Field(ge=1)
    comment: str = Field(default="", max_length=5_000)
    recommendations: str = Field(default="", max_length=20_000)


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


class PreviewOut(Out):
    fields: dict[str, str] = Field(description="What experts would read.")
    proposed: list[ProposedOut]
    missing: dict[str, str] = Field(description="Required fields still empty.")


class CaseOut(Out):
    id: int
    hub_id: int
    program_id: int
    state: CaseState
    version: int
    title: str
    fields: dict[str, Any] = Field(
        description="The identified original for its author; the de-identified case for "
        "everyone else.")
    identified: bool = Field(description="True when `fields` is the identified original.")
    deidentified_fields: dict[str, Any] | None = None
    redactions: list[RedactionOut] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list)
    actions: list[str] = Field(description="Actions the caller's role allows in this state.")
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None = None


class CaseList(Out):
    items: list[CaseOut]


class QueueItem(Out):
    id: int
    program: str
    state: CaseState
    title: str
    submitted_at: datetime | None
    waiting_hours: float


class QueueOut(Out):
    items: list[QueueItem]


class TransitionOut(Out):
    action: str
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
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(Out):
    error: ErrorDetail
