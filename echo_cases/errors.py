"""Domain errors that the web layer turns into 4xx responses."""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    status = 400

    def __init__(self, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})


class NotFound(DomainError):
    """Absent, or not the caller's to see: both look the same from outside."""

    status = 404


class Forbidden(DomainError):
    status = 403


class Invalid(DomainError):
    status = 422


class Conflict(DomainError):
    status = 409
