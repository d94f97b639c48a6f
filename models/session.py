"""teleECHO sessions: when a program meets, who sits on the panel, what is presented."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import timestamp_type, utcnow


class EchoSession(SQLModel, table=True):
    """One teleECHO session of a program."""

    __tablename__ = "echo_session"

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    starts_at: datetime = Field(sa_type=timestamp_type(), index=True)
    # IANA zone the session is announced in ("America/Denver"); starts_at itself is UTC.
    timezone: str = Field(default="UTC", max_length=64)
    duration_minutes: int = Field(default=60, ge=15, le=480)
    topic: str = Field(default="", max_length=300, description="The didactic topic")
    facilitator_id: int | None = Field(default=None, foreign_key="user.id")
    # Where participants join (https only). A meeting link can carry its passcode: it is
    # shown to the hub's members and put in their calendars, never in the audit trail.
    video_url: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    # Bumped by each recording of attendance, which is written against the one read: two
    # coordinators ticking the same list cannot silently overwrite each other.
    attendance_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # How many times the session was moved: its calendar event's SEQUENCE, so calendars
    # replace the event they hold rather than keep the old time.
    sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class SessionPanelist(SQLModel, table=True):
    __tablename__ = "session_panelist"

    session_id: int = Field(foreign_key="echo_session.id", primary_key=True)
    # index: an expert's own panels, walked for their worklist
    user_id: int = Field(foreign_key="user.id", primary_key=True, index=True)


class AgendaItem(SQLModel, table=True):
    """A case's place on a session's agenda, with its time box."""

    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("case_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="echo_session.id", index=True)
    case_id: int = Field(foreign_key="case.id")
    position: int
    minutes: int = Field(default=15, ge=5, le=120)


class Attendance(SQLModel, table=True):
    """Who was at a session, as the coordinator recorded it."""

    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="echo_session.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    recorded_by_id: int = Field(foreign_key="user.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())

