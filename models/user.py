"""People, their role in each hub, and their API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import enum_column_type, timestamp_type, utcnow
from workflows.definition import Role


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(max_length=200)
    # Printed after the name where it signs, e.g. "MD, MPH"; profession and organisation as
    # colleagues know them ("Gynaecologist", "Mountain View Clinic").
    credentials: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": ""})
    profession: str = Field(default="", max_length=100, sa_column_kwargs={"server_default": ""})
    organisation: str = Field(default="", max_length=200,
                              sa_column_kwargs={"server_default": ""})
    password_hash: str = Field(max_length=256)
    active: bool = Field(default=True)
    # The TOTP secret, sealed with the data keys; None until a second factor is set up.
    totp_sealed: str | None = Field(default=None, max_length=500)
    # The last time step a code was accepted for: a code works once.
    totp_last_step: int = Field(default=0)
    # The IANA zone this person reads times in; None: the zone of the hub concerned.
    timezone: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())


class Membership(SQLModel, table=True):
    """One role for one user in one hub."""

    __table_args__ = (UniqueConstraint("user_id", "hub_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    role: Role = Field(sa_column=Column(enum_column_type(Role), nullable=False))


class ApiToken(SQLModel, table=True):
    """A personal bearer token; only its SHA-256 digest is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    digest: str = Field(max_length=64, unique=True, index=True)
    label: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    last_used_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    revoked_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    # After this moment the token is refused; None for tokens issued before expiry existed
    # (and by the operator's create-token, which says when it has none).
    expires_at: datetime | None = Field(default=None, sa_type=timestamp_type())


class LoginSession(SQLModel, table=True):
    """A signed-in browser, kept on the server so logging out or disabling ends it."""

    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    # SHA-256 of the random token in the cookie: a stolen database cannot sign anyone in.
    digest: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    ended_at: datetime | None = Field(default=None, sa_type=timestamp_type())


class LoginThrottle(SQLModel, table=True):
    """Recent failed sign-ins for one e-mail address, to slow down password guessing."""

    __tablename__ = "login_throttle"

    email: str = Field(max_length=254, primary_key=True)
    failures: int = Field(default=0)
    window_started_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    locked_until: datetime | None = Field(default=None, sa_type=timestamp_type())


class CalendarFeed(SQLModel, table=True):
    """A person's calendar subscription link; only the SHA-256 digest of its token is stored."""

    __tablename__ = "calendar_feed"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    digest: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    revoked_at: datetime | None = Field(default=None, sa_type=timestamp_type())
