"""Test databases built by the migrations once per run, then copied for each test.

Running every migration for each test would cost more than most tests, so the
schema is built once (a template) and each test gets a private copy of it:
on SQLite a copy of the template file, on PostgreSQL a schema of its own, filled
by the migrations' DDL, selected through the connection's ``search_path``, and
emptied after the test for the next one.
"""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine, make_url, text
from sqlmodel import SQLModel

from echo_cases import migrations
from echo_cases.db import make_engine, with_driver

# Environment variable naming the server the suite runs on instead of SQLite.
TEST_DATABASE_VARIABLE = "ECHO_TEST_DATABASE"
_SCHEMA_PREFIX = "echo_test_"
# A test's commits need not wait for the disk: a crash of the server loses only test data.
_NO_FSYNC_WAIT = "-csynchronous_commit=off"


class SchemaDrift(AssertionError):
    """models/ declares something the migrations do not build (or the other way round)."""


class TemplateDatabases(Protocol):
    def fresh(self, directory: Path) -> str:
        """A URL to a new database at head that only the caller uses."""
        ...

    def empty(self, directory: Path) -> str:
        """A URL to a new database with no tables, for tests of the migrations themselves."""
        ...

    def discard(self, url: str) -> None: ...

    def close(self) -> None: ...


def template_databases(directory: Path, server_url: str = "") -> TemplateDatabases:
    """SQLite files under ``directory``, or schemas on the PostgreSQL at ``server_url``."""
    if server_url and not server_url.startswith("sqlite"):
        return PostgresSchemas(server_url)
    return SqliteFiles(directory)


def drift_message(differences: list[object]) -> str:
    listed = "\n".join(f"  {difference}" for difference in differences)
    return (
        "models/ and the migrations disagree:\n"
        f"{listed}\n"
        f"Write the missing migration with: {migrations.NEW_REVISION_COMMAND}\n"
        "then read it and commit it with your model change."
    )


def check_no_drift(engine: Engine) -> None:
    with engine.connect() as connection:
        found = migrations.differences(connection)
    if found:
        raise SchemaDrift(drift_message(found))


class SqliteFiles:
    """A template file migrated once; each test gets a copy (about a millisecond)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.template = directory / "template.sqlite3"
        engine = make_engine(f"sqlite:///{self.template}")
        try:
            migrations.upgrade(engine)
            check_no_drift(engine)
        finally:
            # Closing the last connection folds the write-ahead log into the file we copy.
            engine.dispose()

    def fresh(self, directory: Path) -> str:
        path = directory / "echo.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def empty(self, directory: Path) -> str:
        return f"sqlite:///{directory / 'empty.sqlite3'}"

    def discard(self, url: str) -> None:
        """Nothing to do: the file lives in the test's own temporary directory."""

    def close(self) -> None:
        """Nothing to do: pytest removes the template's directory."""


class PostgresSchemas:
    """A schema per test on one server, filled by the migrations' DDL, emptied after use."""

    def __init__(self, server_url: str) -> None:
        self.server_url = make_url(with_driver(server_url))
        self.admin = make_engine(
            self.server_url.update_query_dict({"options": _NO_FSYNC_WAIT}).render_as_string(
                hide_password=False
            )
        )
        self.names = (f"{_SCHEMA_PREFIX}{os.getpid()}_{n}" for n in itertools.count())
        self.migrated: set[str] = set()
        self.clean: list[str] = []
        try:
            self._drop_abandoned()
            self.ddl = _without_transaction_control(migrations.offline_sql(str(self.server_url)))
            self._check_no_drift()
        except BaseException:
            self.admin.dispose()
            raise

    def _check_no_drift(self) -> None:
        probe = self.fresh(Path())
        engine = make_engine(probe)
        try:
            check_no_drift(engine)
        finally:
            engine.dispose()
            self.discard(probe)

    def fresh(self, directory: Path) -> str:
        schema = self.clean.pop() if self.clean else self._new_schema(self.ddl)
        return self._url(schema)

    def empty(self, directory: Path) -> str:
        return self._url(self._new_schema(""))

    def discard(self, url: str) -> None:
        """Empty a migrated schema for the next test (cheaper than a new one); drop others."""
        options = str(make_url(url).query.get("options", ""))
        schema = options.split()[0].removeprefix("-csearch_path=") if options else ""
        if not schema.startswith(_SCHEMA_PREFIX):
            return
        with self.admin.begin() as connection:
            # A test that left a transaction open would otherwise hang the run here.
            connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
            if schema in self.migrated:
                self._empty(connection, schema)
                self.clean.append(schema)
            else:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    def _new_schema(self, ddl: str) -> str:
        schema = next(self.names)
        with self.admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
            if ddl:
                # LOCAL: the pooled admin connection keeps its own search_path afterwards.
                connection.exec_driver_sql(f'SET LOCAL search_path TO "{schema}"')
                _execute_script(connection, ddl)
                self.migrated.add(schema)
        return schema

    def _url(self, schema: str) -> str:
        options = f"-csearch_path={schema} {_NO_FSYNC_WAIT}"
        return self.server_url.update_query_dict({"options": options}).render_as_string(
            hide_password=False
        )

    def _empty(self, connection: Connection, schema: str) -> None:
        """DELETE every row (children first) and restart every sequence; keep the history."""
        in_schema = connection.execution_options(schema_translate_map={None: schema})
        for table in reversed(SQLModel.metadata.sorted_tables):
            in_schema.execute(table.delete())
        sequences = connection.execute(
            text("SELECT sequencename FROM pg_sequences WHERE schemaname = :schema"),
            {"schema": schema},
        ).scalars()
        for name in list(sequences):
            connection.exec_driver_sql(f'ALTER SEQUENCE "{schema}"."{name}" RESTART')

    def close(self) -> None:
        with self.admin.begin() as connection:
            for schema in self.clean:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        self.admin.dispose()

    def _drop_abandoned(self) -> None:
        """Schemas left by runs that were killed; another live run's schemas stay."""
        with self.admin.begin() as connection:
            names = connection.execute(
                text("SELECT nspname FROM pg_namespace WHERE nspname LIKE :prefix"),
                {"prefix": _SCHEMA_PREFIX + "%"},
            ).scalars()
            for name in list(names):
                pid = int(name.removeprefix(_SCHEMA_PREFIX).split("_")[0])
                if not _alive(pid):
                    connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _execute_script(connection: Connection, script: str) -> None:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(script)  # several statements, no parameters: one round trip
    finally:
        cursor.close()


def _without_transaction_control(script: str) -> str:
    """Offline DDL wraps itself in BEGIN/COMMIT; the caller's transaction does that here."""
    lines = [line for line in script.splitlines() if line.strip() not in {"BEGIN;", "COMMIT;"}]
    return "\n".join(lines)
