"""Text no database can store: NUL characters and lone surrogates.

PostgreSQL's text type refuses NUL (SQLite keeps it), and a lone UTF-16 surrogate, which a
JSON ``\\ud800`` escape can carry, cannot be written as UTF-8 at all: either reached the
database as a server error, on one database and not the other. Neither is in anything a
person types, so a request carrying one is refused whole, naming where, before any view
reads it: the same 400 on every database.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request

from echo_cases.errors import DomainError


def why_unstorable(text: str) -> str:
    """Why ``text`` cannot be stored, or "" when it can."""
    if "\x00" in text:
        return "holds a NUL character (\\u0000), which is not text"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "holds half of a UTF-16 surrogate pair, which is not text"
    return ""


def first_unstorable(value: Any, where: str = "body") -> tuple[str, str] | None:
    """The first string (or key) in parsed JSON that cannot be stored: (where, why)."""
    if isinstance(value, str):
        why = why_unstorable(value)
        return (where, why) if why else None
    if isinstance(value, dict):
        for key, item in value.items():
            place = f"{where}.{key}" if where != "body" else str(key)
            if why := why_unstorable(str(key)):
                return (where, f"has a key that {why.removeprefix('holds ')}")
            if found := first_unstorable(item, place):
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            if found := first_unstorable(item, f"{where}.{index}"):
                return found
    return None


def refuse(where: str, why: str) -> DomainError:
    return DomainError(f"'{where}' {why}: remove it and send again.", {where: why})


def _check_query_and_form() -> None:
    for source in (request.args, request.form):
        for name, text in source.items(multi=True):
            if why := why_unstorable(name):
                raise refuse("a field name", why)
            if why := why_unstorable(text):
                raise refuse(name, why)


def init_app(app: Flask) -> None:
    app.before_request(_check_query_and_form)
