"""What happened to the patient after the panel's advice, as the presenting clinician tells it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text
from sqlmodel import Field, SQLModel

from models.base import enum_column_type, timestamp_type, utcnow

# Eight weeks after the letter, unless the program says otherwise.
DEFAULT_ASK_AFTER_DAYS = 56
MAX_ASK_AFTER_DAYS = 730


class ProgramOutcomeSettings(SQLModel, table=True):
    """A program's outcome settings; a program without a row asks after the default."""

    __tablename__ = "program_outcome_settings"
    __table_args__ = (CheckConstraint("ask_after_days BETWEEN 1 AND 730",
                                      name="ask_after_days_range"),)

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    ask_after_days: int = Field(default=DEFAULT_ASK_AFTER_DAYS)


class OutcomeStatus(StrEnum):
    REQUESTED = "requested"  # asked (or started by the clinician), not answered yet
    ANSWERED = "answered"
    DECLINED = "declined"


class PatientStatus(StrEnum):
    ALIVE_NO_EVIDENCE_OF_DISEASE = "alive_no_evidence_of_disease"
    ALIVE_WITH_DISEASE = "alive_with_disease"
    IN_TREATMENT = "in_treatment"
    LOST_TO_FOLLOW_UP = "lost_to_follow_up"
    DIED = "died"
    UNKNOWN = "unknown"


class Adherence(StrEnum):
    FOLLOWED = "followed"
    PARTLY = "partly"
    NOT_FOLLOWED = "not_followed"


class Outcome(SQLModel, table=True):
    """One case's outcome: asked for, reminded, then answered or declined.

    Every free text here (the narrative, each "why", the reason to decline) is stored
    de-identified only: the clinician's identified words are never kept.
    """

    __tablename__ = "outcome"
    __table_args__ = (
        Index("ix_outcome_hub_status_requested_at", "hub_id", "status", "requested_at"),
        # The dashboard's outcomes by program are counted from this index alone: reading
        # the rows (each with its narrative and items) made it a fifth of the page's time.
        Index("ix_outcome_hub_figures", "hub_id", "program_id", "status", "patient_status",
              "requested_at", "followed", "partly", "not_followed"),
        CheckConstraint("(status = 'answered') = (answered_at IS NOT NULL)",
                        name="answered_has_time"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", unique=True)
    hub_id: int = Field(foreign_key="hub.id")
    program_id: int = Field(foreign_key="program.id", index=True)
    clinician_id: int = Field(foreign_key="user.id", index=True)
    status: OutcomeStatus = Field(
        default=OutcomeStatus.REQUESTED,
        sa_column=Column(enum_column_type(OutcomeStatus), nullable=False))
    # When the first request was e-mailed; None when the clinician answered before it.
    requested_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    reminders_sent: int = Field(default=0)
    last_mailed_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    # [{"recommendation": str, "adherence": Adherence | None, "why": str (de-identified)}],
    # one per signed recommendation item, in the letter's order.
    items: list[dict[str, Any]] = Field(default_factory=list,
                                        sa_column=Column(JSON, nullable=False))
    # The items' adherence counted, so that a hub's figures are one grouped query.
    followed: int = Field(default=0)
    partly: int = Field(default=0)
    not_followed: int = Field(default=0)
    patient_status: PatientStatus | None = Field(
        default=None, sa_column=Column(enum_column_type(PatientStatus), nullable=True))
    narrative: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    decline_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    answered_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    declined_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
