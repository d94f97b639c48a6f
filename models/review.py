"""What experts write about a case: pre-review notes and the panel's recommendations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Integer, Text
from sqlmodel import Field, SQLModel

from models.base import timestamp_type, utcnow

_version = Column("version", Integer, nullable=False)


class PreReview(SQLModel, table=True):
    """An expert's notes before the session: what to ask, what to look at."""

    __tablename__ = "pre_review"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    expert_id: int = Field(foreign_key="user.id")
    notes: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class RecommendationSet(SQLModel, table=True):
    """The panel's structured recommendations for one case, edited until sign-off."""

    __tablename__ = "recommendation_set"
    __mapper_args__ = {"version_id_col": _version, "version_id_generator": False}

    case_id: int = Field(foreign_key="case.id", primary_key=True)
    # Summary of the panel's discussion, in the panel's words.
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # [{"recommendation": str, "rationale": str, "reference": str}], in the panel's order.
    items: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    version: int = Field(default=1, sa_column=_version)
    updated_by_id: int = Field(foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
