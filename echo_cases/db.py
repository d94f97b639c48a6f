"""The database engine, one session per request, and the commit at its end."""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from flask import Flask, Response, g
from sqlalchemy import Engine, event
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session, create_engine

import models  # noqa: F401  (registers every table on SQLModel.metadata)

_ENGINE_KEY = "echo_cases.engine"
# What every session carries for the operations (the surrogate secret, the vault), so
# services read it from the session instead of from Flask.
_INFO_KEY = "echo_cases.session_info"


def make_engine(url: str) -> Engine:
    engine = _new_engine(with_driver(url))
    _engines.add(engine)
    event.listen(engine, "checkout", _track_checkout)
    event.listen(engine, "checkin", _track_checkin)
    return engine


def _new_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


# Every engine this process made, so that all their connections can be closed at once:
# after a fork (a pooled connection must not be shared by two processes) and by tests.
_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


# Connections handed out and not yet returned, so that a test can close even those a
# forgotten session or an unfinished streamed response still holds.
_checked_out: weakref.WeakSet[ConnectionPoolEntry] = weakref.WeakSet()


def _track_checkout(_dbapi: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
    _checked_out.add(record)


def _track_checkin(_dbapi: Any, record: ConnectionPoolEntry) -> None:
    _checked_out.discard(record)


def dispose_engines(*, including_checked_out: bool = False) -> None:
    """Close every pooled connection of every engine; each reconnects on its next use.

    ``including_checked_out`` also closes connections still in use, which breaks their
    sessions: only for the end of a test, before its database is dropped.
    """
    if including_checked_out:
        for record in list(_checked_out):
            record.invalidate()
        _checked_out.clear()
    for engine in list(_engines):
        engine.dispose()


def with_driver(url: str) -> str:
    """Hosting services hand out ``postgres://`` URLs; SQLAlchemy would pick psycopg2 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


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
    """Create or upgrade the tables by running every migration not yet applied."""
    from echo_cases import migrations

    migrations.upgrade(engine)


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


def closing_after(db: Session, chunks: Iterable[str]) -> Iterator[str]:
    """Stream ``chunks`` read through ``db``, then end its transaction and give back its
    connection: the request's own teardown ran before the first chunk was sent."""
    try:
        yield from chunks
    finally:
        db.rollback()
        db.close()


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
