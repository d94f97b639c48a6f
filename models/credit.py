"""Who took part in a session beyond the hub's members, and the CME/CE credit they earn."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import timestamp_type, utcnow


class SessionParticipant(SQLModel, table=True):
    """One person at a session, with or without an account, and the minutes they stayed.

    A hub member ticked present on the attendance list is a participant without a row
    here; a row with their ``user_id`` (from an imported report or a manual edit) gives
    their minutes instead of the whole session."""

    __tablename__ = "session_participant"
    __table_args__ = (UniqueConstraint("session_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="echo_session.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    name: str = Field(max_length=200)
    # Lower-cased: the key people are matched by, and where the certificate goes.
    email: str = Field(max_length=254, index=True)
    profession: str = Field(default="", max_length=100)
    organisation: str = Field(default="", max_length=200)
    minutes: int = Field(default=0, ge=0, le=480)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class ProgramCredit(SQLModel, table=True):
    """A program's CME/CE terms: its own table, so per-program settings stay apart."""

    __tablename__ = "program_credit"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    # Hours in quarter-hour steps, kept as hundredths so sums are exact (1.25 h = 125).
    credit_centihours: int = Field(default=100, ge=0, le=2400)
    statement: str = Field(default="", max_length=2000)
    # The share of the session a participant must attend, in percent.
    attendance_percent: int = Field(default=80, ge=1, le=100)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class Certificate(SQLModel, table=True):
    """The certificate a participant earned at a session: one per person and session.

    What it says is copied at issue (name, title, hours), so it stays what was sent even
    if the program's terms change later."""

    __table_args__ = (UniqueConstraint("session_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="echo_session.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    email: str = Field(max_length=254, index=True)
    name: str = Field(max_length=200)
    session_title: str = Field(max_length=400)
    session_date: str = Field(max_length=40)  # as printed, in the session's zone
    credit_centihours: int
    code: str = Field(max_length=32, unique=True, index=True)
    # Where the code is checked, as printed on the certificate and its e-mail.
    verify_url: str = Field(max_length=500)
    statement: str = Field(default="", max_length=2000)
    # Printed by the job that e-mails it (a PDF takes a third of a second: a session's
    # worth would outlast the request that issues them); None until then.
    pdf: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    issued_by_id: int = Field(foreign_key="user.id")
    issued_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    # The outbox: pending until sent; attempts and the last reason (free of content).
    sent_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    last_error: str = Field(default="", max_length=200)
    # Revoked by a coordinator, with the reason (the public check then says "revoked").
    revoked_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    revoked_by_id: int | None = Field(default=None, foreign_key="user.id")
    revoke_reason: str = Field(default="", max_length=500)


class TranscriptRequest(SQLModel, table=True):
    """Someone asked, by e-mail address, for their transcript of credits over a period.

    A row for every request, whether or not the address holds a certificate: the request
    does the same work for both, and the task that follows decides (out of the request)
    whether to mail a link. The link's token exists in the clear only in the e-mail."""

    __tablename__ = "transcript_request"

    id: int | None = Field(default=None, primary_key=True)
    # Lower-cased, as certificates keep it: the key the transcript is read by.
    email: str = Field(max_length=254, index=True)
    # The period asked for, either end open; the ends are days in each session's own zone.
    start: date | None = Field(default=None)
    end: date | None = Field(default=None)
    # The digest of a token nobody keeps until the task mints the one it mails.
    digest: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    expires_at: datetime = Field(sa_type=timestamp_type())
    # When the task looked: a link was mailed only if the address held credits then.
    looked_at: datetime | None = Field(default=None, sa_type=timestamp_type())
