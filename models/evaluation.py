"""Session evaluations: a program's questions, the survey a session sends, its links and
its answers.

The link (``EvaluationInvite``) knows whom it was sent to; an answer
(``EvaluationResponse``) names its invite only when the survey was sent as named. See
``echo_cases.services.evaluations`` for why that keeps anonymous answers anonymous.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import timestamp_type, utcnow


class ProgramEvaluation(SQLModel, table=True):
    """A program's own evaluation: its questions and how answers are kept."""

    __tablename__ = "program_evaluation"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    # [{"key", "label", "kind": "scale" | "choice" | "text", "options": [...]}]
    questions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False))
    anonymous: bool = Field(default=True)
    # The certificate waits for this participant's answer (see evaluations.evaluation_done).
    required_for_certificate: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class SessionEvaluation(SQLModel, table=True):
    """The survey of one session, as it was when sent: later edits of the program's
    questions, or of its anonymity, never change what a respondent was asked or told."""

    __tablename__ = "session_evaluation"

    session_id: int = Field(foreign_key="echo_session.id", primary_key=True)
    questions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False))
    anonymous: bool = Field(default=True)
    opened_by_id: int = Field(foreign_key="user.id")
    opened_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class EvaluationInvite(SQLModel, table=True):
    """One participant's link to a session's survey: sent once, answered at most once."""

    __tablename__ = "evaluation_invite"
    __table_args__ = (UniqueConstraint("session_id", "respondent_key"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session_evaluation.session_id", index=True)
    # Who, whatever list they came from: "user:12" for a hub member.
    respondent_key: str = Field(max_length=300)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    email: str = Field(max_length=254, index=True)
    name: str = Field(max_length=200)
    # SHA-256 of the link's token; kept after the answer so the link says "answered".
    digest: str = Field(max_length=64, unique=True, index=True)
    expires_at: datetime = Field(sa_type=timestamp_type())
    sent_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    send_error: str = Field(default="", max_length=200)
    # Answered or not, never when: a time could be matched to an anonymous answer.
    answered: bool = Field(default=False)


class EvaluationResponse(SQLModel, table=True):
    """One answer to a session's survey."""

    __tablename__ = "evaluation_response"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session_evaluation.session_id", index=True)
    # Set only when the survey was sent as named; anonymous answers point at nobody.
    invite_id: int | None = Field(default=None, foreign_key="evaluation_invite.id",
                                  unique=True)
    # By question key; the free comment is stored de-identified, its original never.
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The day only, for the same reason as EvaluationInvite.answered.
    submitted_on: date
