"""The database engine, one session per request, and the commit at its end."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from flask import Flask, Response, g
from sqlalchemy import Engine, event
from sqlmodel import Session, SQLModel, create_engine

import models  # noqa: F401  (registers every table on SQLModel.metadata)

_ENGINE_KEY = "echo_cases.engine"
# What every session carries for the operations (the surrogate secret, the vault), so
# services read it from the session instead of from Flask.
_INFO_KEY = "echo_cases.session_info"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 15000")
    cursor.close()


def init_app(app: Flask, engine: Engine, session_info: Mapping[str, Any]) -> None:
    app.extensions[_ENGINE_KEY] = engine
    app.extensions[_INFO_KEY] = dict(session_info)
    app.after_request(_commit_unless_failed)
    app.teardown_appcontext(_close_session)


def engine_of(app: Flask) -> Engine:
    return app.extensions[_ENGINE_KEY]


def create_schema(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine)


def db_session() -> Session:
    """The request's session: opened on first use, committed once at the end."""
    from flask import current_app

    if "db" not in g:
        g.db = open_session(engine_of(current_app), current_app.extensions[_INFO_KEY])
    return g.db


def _commit_unless_failed(response: Response) -> Response:
    session: Session | None = g.get("db")
    if session is None:
        return response
    if response.status_code < 400:
        session.commit()
    else:
        session.rollback()
    return response


def _close_session(_exc: BaseException | None) -> None:
    session: Session | None = g.pop("db", None)
    if session is not None:
        session.rollback()
        session.close()


def open_session(engine: Engine, info: Mapping[str, Any]) -> Session:
    return Session(engine, expire_on_commit=False, info=dict(info))


@contextmanager
def unit_of_work(app: Flask) -> Iterator[Session]:
    """A session outside a request (CLI, tasks): commit on success, roll back on error."""
    with open_session(engine_of(app), app.extensions[_INFO_KEY]) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
