"""Recommendation letters and their delivery by e-mail."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

from models.base import enum_column_type, timestamp_type, utcnow


class Letter(SQLModel, table=True):
    """The signed recommendation letter of a case, kept as the PDF that was sent."""

    __table_args__ = (
        # The dashboard's turnaround reads each letter's moment by its case. In SQLite a
        # row's columns after the PDF are reached through the PDF's overflow pages: this
        # index answers without opening the row at all.
        Index("ix_letter_case_id_created_at", "case_id", "created_at"),
        # The dashboard's turnaround median and 90th percentile: a hub's letters in order of
        # their turnaround, read from this index alone (no row, no join, no sort).
        Index("ix_letter_hub_id_turnaround_days", "hub_id", "turnaround_days"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", unique=True)
    # The case's hub, copied when the letter is sent (a case never changes hub): the
    # dashboard's figures read a hub's letters without joining their cases.
    hub_id: int = Field(foreign_key="hub.id")
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    signed_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    # Days from the case's submission to this letter, fixed when the letter is sent: the
    # dashboard reads it as it is instead of computing it from two tables on every view.
    # None only for a case that was never submitted (none reaches a letter that way).
    turnaround_days: float | None = Field(default=None)
    acknowledged_at: datetime | None = Field(default=None, sa_type=timestamp_type())


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # not sent yet, or waiting for its next try
    SENT = "sent"
    FAILED = "failed"  # gave up after the last try; a coordinator can retry


class Delivery(SQLModel, table=True):
    """One e-mail of a letter to one person: the outbox row that survives a failed send."""

    id: int | None = Field(default=None, primary_key=True)
    letter_id: int = Field(foreign_key="letter.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    status: DeliveryStatus = Field(
        default=DeliveryStatus.PENDING,
        sa_column=Column(enum_column_type(DeliveryStatus), nullable=False, index=True),
    )
    attempts: int = Field(default=0)
    # A short, identifier-free reason ("SMTPServerDisconnected", "550 mailbox unavailable").
    last_error: str = Field(default="", max_length=200)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    sent_at: datetime | None = Field(default=None, sa_type=timestamp_type())
