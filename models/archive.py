"""Export archives: ZIPs built in the background, kept for a while, then deleted."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel

from models.base import enum_column_type, timestamp_type, utcnow


class ArchiveKind(StrEnum):
    HUB_CASES = "hub_cases"  # every submitted case of a hub, as CSV and JSON
    SESSION_LETTERS = "session_letters"  # every signed letter of one session, as PDFs


class ArchiveStatus(StrEnum):
    PENDING = "pending"  # asked for; a worker (or the request itself) is building it
    READY = "ready"
    FAILED = "failed"  # the last try failed; it is tried again, or asked for anew


class ExportArchive(SQLModel, table=True):
    """One requested export. The ZIP lives in the database, so that any web process can
    hand it out and no shared disk is needed; it is deleted when it expires."""

    __tablename__ = "export_archive"

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    requested_by_id: int = Field(foreign_key="user.id", index=True)
    kind: ArchiveKind = Field(sa_column=Column(enum_column_type(ArchiveKind), nullable=False))
    session_id: int | None = Field(default=None, foreign_key="echo_session.id")
    status: ArchiveStatus = Field(
        default=ArchiveStatus.PENDING,
        sa_column=Column(enum_column_type(ArchiveStatus), nullable=False))
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    size_bytes: int = Field(default=0)
    # A short, identifier-free reason, such as the exception's type.
    error: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    finished_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    expires_at: datetime = Field(sa_type=timestamp_type(), index=True)
