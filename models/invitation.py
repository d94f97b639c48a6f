"""Invitations to join a hub, and password resets: both reached by a link sent by e-mail.

Only the SHA-256 digest of a link's token is stored: someone who reads the database
cannot use a pending link. A link dies when used, when it expires, and (an invitation)
when it is sent again or revoked.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from models.base import enum_column_type, timestamp_type, utcnow
from workflows.definition import Role


class Invitation(SQLModel, table=True):
    """Someone asked to join a hub with a role (and, for an expert, a program's panel)."""

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True)
    email: str = Field(max_length=254, index=True)
    name: str = Field(max_length=200)
    role: Role = Field(sa_column=Column(enum_column_type(Role), nullable=False))
    program_id: int | None = Field(default=None, foreign_key="program.id")
    invited_by_id: int = Field(foreign_key="user.id")
    # The live link's digest; None once it is used, revoked, or replaced by a new link.
    digest: str | None = Field(default=None, max_length=64, unique=True, index=True)
    expires_at: datetime = Field(sa_type=timestamp_type())
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    sent_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    # Why the last e-mail could not be sent ("" once one went), for the admin to act on.
    send_error: str = Field(default="", max_length=200)
    accepted_at: datetime | None = Field(default=None, sa_type=timestamp_type())
    accepted_user_id: int | None = Field(default=None, foreign_key="user.id")
    revoked_at: datetime | None = Field(default=None, sa_type=timestamp_type())


class PasswordReset(SQLModel, table=True):
    """A "forgot your password" link: short-lived, used once."""

    __tablename__ = "password_reset"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    digest: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type())
    expires_at: datetime = Field(sa_type=timestamp_type())
    used_at: datetime | None = Field(default=None, sa_type=timestamp_type())
