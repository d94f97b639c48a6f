"""Domain errors that the web layer turns into 4xx responses."""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    status = 400
    # A code of its own for the API's error body; None: the status's code ("invalid", ...).
    code: str | None = None

    def __init__(self, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})


class NotFound(DomainError):
    """Absent, or not the caller's to see: both look the same from outside."""

    status = 404


class Forbidden(DomainError):
    status = 403


class Gone(DomainError):
    """It was there, and is withdrawn for good (a revoked certificate): unlike a 404, the
    reader learns it existed, which they knew already."""

    status = 410


class Invalid(DomainError):
    status = 422


class Conflict(DomainError):
    """Only a stale version, or the same request in flight: reload (or wait) and retry."""

    status = 409


class Refused(Invalid):
    """A rule of the hub refuses the request as sent (the last admin, a name taken, ...):
    a 422 with a code of its own, listed in the OpenAPI document. Unlike a 409, retrying
    cannot help until something else changes."""

    def __init__(self, code: str, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message, fields)
        self.code = code


class WrongState(Invalid):
    """The case (or letter) is not in a state that allows this. Unlike a 409, reloading
    and retrying cannot help: the state has to change first."""

    code = "wrong_state"
