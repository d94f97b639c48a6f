"""Alembic's entry point: migrate the connection echo_cases.migrations hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=SQLModel.metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
        **kwargs,
    )


def run() -> None:
    if context.is_offline_mode():
        _configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection: Connection = context.config.attributes["connection"]
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


run()
