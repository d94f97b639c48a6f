"""Column helpers shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, Enum


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite drops the zone on the way back; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def enum_column_type(enum: type[StrEnum], constraint: str | None = None) -> Enum:
    """Store an enum by value as text, with a CHECK constraint on both SQLite and PostgreSQL.

    Name the ``constraint`` when one table has two columns of the same enum: PostgreSQL
    wants constraint names unique within a table.
    """
    return Enum(
        enum,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        name=constraint or f"{enum.__name__.lower()}_values",
    )


def timestamp_type() -> DateTime:
    return DateTime(timezone=True)


class MissingRow(LookupError):
    """A row that must exist (by a foreign key or a flush) does not: a bug, not bad input."""


def id_of(row: object) -> int:
    """The primary key of a flushed row."""
    value = getattr(row, "id", None)
    if value is None:
        raise MissingRow(f"{type(row).__name__} has no id yet: flush it first")
    return int(value)
