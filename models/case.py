"""Cases, their identified originals, redactions and the audit trail.

The identified original lives in its own table so that no query made for an
expert, a coordinator or an export ever loads it by accident, and so that a
retention purge can delete it without touching the de-identified case.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Session
from sqlmodel import Field, SQLModel

from models.base import enum_column_type, timestamp_type, utcnow
from workflows.definition import CaseState

_version = Column("version", Integer, nullable=False)
# A follow-up is open until its own recommendations are sent or it is withdrawn.
OPEN_FOLLOW_UP = "state NOT IN ('recommendations_sent', 'withdrawn')"


class Case(SQLModel, table=True):
    """A patient case as everyone but its author sees it: de-identified."""

    __tablename__ = "case"
    __table_args__ = (
        # Past the draft, a case always carries its de-identified version.
        CheckConstraint(
            "state IN ('draft', 'withdrawn') OR deidentified IS NOT NULL",
            name="submitted_case_is_deidentified",
        ),
        # The queues walk a hub's cases of one state in the order they have waited, and
        # page on (submitted_at, id); the dashboard's counts per state use its first two.
        Index("ix_case_queue", "hub_id", "state", "submitted_at", "id"),
        # The dashboard's cases per program and state, counted from the index alone.
        Index("ix_case_hub_program_state", "hub_id", "program_id", "state"),
        # The same walk within one expert's cases (an expert's queue, triage by expert) ...
        Index("ix_case_expert_queue", "hub_id", "state", "assigned_expert_id", "submitted_at",
              "id"),
        # ... and within the cases open to the whole panel: "IS NULL" is not an equality to
        # PostgreSQL's planner, so only an index of those cases alone reads them in order.
        Index("ix_case_open_queue", "hub_id", "state", "submitted_at", "id",
              sqlite_where=text("assigned_expert_id IS NULL"),
              postgresql_where=text("assigned_expert_id IS NULL")),
        # One open re-presentation of a case at a time: asking again gives back that one,
        # and of two asking at once, one is refused (services.letters.start_follow_up).
        Index("uq_case_open_follow_up", "follow_up_of_id", unique=True,
              sqlite_where=text(OPEN_FOLLOW_UP), postgresql_where=text(OPEN_FOLLOW_UP)),
    )
    # The engine bumps the version itself; SQLAlchemy adds "WHERE version = old" to each
    # UPDATE, so a concurrent writer who read the same version loses instead of overwriting.
    __mapper_args__ = {"version_id_col": _version, "version_id_generator": False}

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    author_id: int = Field(foreign_key="user.id", index=True)
    # The expert who pre-reviews and, as lead, signs off; None while open to the whole panel.
    assigned_expert_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    # A re-presentation with follow-up points at the case it follows.
    follow_up_of_id: int | None = Field(default=None, foreign_key="case.id")
    state: CaseState = Field(
        default=CaseState.DRAFT, sa_column=Column(enum_column_type(CaseState), nullable=False)
    )
    version: int = Field(default=1, sa_column=_version)
    # The version of its program's form the case is written on, kept for good (0: the
    # default form); see echo_cases.services.program_forms.
    form_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Field name -> de-identified value; None until first submitted.
    # none_as_null: store SQL NULL, not the JSON text 'null', so the CHECK above can see it.
    deidentified: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON(none_as_null=True))
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    submitted_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    # The day the de-identified text's dates count from ("3 weeks before submission"): the
    # submission it was written for. None when its dates are shifted (each marked so).
    dates_relative_to: date | None = Field(default=None)


class CaseOriginal(SQLModel, table=True):
    """The identified case as the clinician wrote it. Readable by its author alone.

    Sealed at rest (``echo_cases.vault``): a copy of the database alone reveals nothing.
    """

    __tablename__ = "case_original"

    case_id: int = Field(foreign_key="case.id", primary_key=True)
    # A Fernet token of the JSON field values; open it with the session's vault.
    sealed: str = Field(sa_column=Column(Text, nullable=False))
    # The clinician's keep/redact decisions on the draft's preview, sealed the same way:
    # they name identified words (``echo_cases.services.draft_decisions``).
    decisions: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class IdempotencyKey(SQLModel, table=True):
    """A client's retry key for creating a case: the same key gives back the same case."""

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    key: str = Field(max_length=100)
    # SHA-256 of the request body: the same key with another body is a client bug, refused.
    body_digest: str = Field(max_length=64)
    case_id: int = Field(foreign_key="case.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class Redaction(SQLModel, table=True):
    """One span of the original replaced (or deliberately kept) in the de-identified case."""

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    field: str = Field(max_length=64)
    start: int
    end: int
    entity_type: str = Field(max_length=16)
    score: float
    surrogate: str = Field(max_length=200)
    # "analyzer" for what the de-identifier found, "clinician" for a span redacted by hand.
    source: str = Field(max_length=32)
    # True when the clinician judged the finding a false alarm and kept the original text.
    restored: bool = Field(default=False)
    reason: str = Field(default="", max_length=500)
    decided_by_id: int = Field(foreign_key="user.id")
    decided_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class CaseTransition(SQLModel, table=True):
    """Append-only record of every workflow action taken on a case."""

    __tablename__ = "case_transition"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    actor_id: int = Field(foreign_key="user.id")
    action: str = Field(max_length=64)
    from_state: CaseState = Field(sa_column=Column(
        enum_column_type(CaseState, "case_transition_from_state_values"), nullable=False))
    to_state: CaseState = Field(sa_column=Column(
        enum_column_type(CaseState, "case_transition_to_state_values"), nullable=False))
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


@event.listens_for(Session, "before_flush")
def _transitions_are_append_only(session: Session, _context: object, _instances: object) -> None:
    """The audit trail only grows: an edit or a deletion of a row is a bug, so stop it."""
    for row in (*session.dirty, *session.deleted):
        if isinstance(row, CaseTransition) and (row in session.deleted or session.is_modified(row)):
            raise AppendOnlyViolation("case transitions are append-only")


class AppendOnlyViolation(RuntimeError):
    pass
