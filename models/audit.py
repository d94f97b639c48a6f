"""The tamper-evident audit trail: every row carries the hash of the one before it.

Each row's hash is an HMAC under a key kept outside the database. Editing, deleting or
inserting a row in the middle breaks the chain at that row, and
``echo_cases.services.audit.verify_chain`` names the first row that breaks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from models.base import timestamp_type, utcnow


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=timestamp_type(), index=True)
    # login, login_failed, logout, transition, original_read, break_glass, export,
    # letter_sent, access_denied, ...
    kind: str = Field(max_length=40, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    # Indexed: a hub's activity page reads its own events, newest first.
    hub_id: int | None = Field(default=None, foreign_key="hub.id", index=True)
    subject: str = Field(default="", max_length=80, description="e.g. 'case:12', 'session:3'")
    # Ids, names of actions and short reasons only: never case text.
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Which key of ECHO_AUDIT_KEYS signed this row (a fingerprint, never the key); empty
    # for rows written before the chain was keyed, whose hash is a plain SHA-256.
    key_id: str = Field(default="", max_length=16, sa_column_kwargs={"server_default": ""})
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)


class AuditHead(SQLModel, table=True):
    """One row holding the newest hash: updating it serialises writers of the chain."""

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True)
    last_hash: str = Field(max_length=64)
    last_id: int = Field(default=0)
