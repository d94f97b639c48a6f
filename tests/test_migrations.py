"""The migrations build exactly the schema models/ declares, and undo it, on every database."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, bindparam, inspect, text
from sqlmodel import SQLModel

from echo_cases import create_app, migrations
from echo_cases.db import engine_of, make_engine, unit_of_work
from echo_cases.migrations.testing import TemplateDatabases, drift_message
from echo_cases.services import audit
from echo_cases.settings import Settings
from models.base import timestamp_type
from tests.support import IDENTIFIED_CASE, Api, Hubs, act, schedule_session, walk_to
from workflows import Role


@pytest.fixture
def empty_database(tmp_path: Path, template_databases: TemplateDatabases) -> Iterator[str]:
    url = template_databases.empty(tmp_path)
    yield url
    template_databases.discard(url)


@pytest.fixture
def empty_engine(empty_database: str) -> Iterator[Engine]:
    engine = make_engine(empty_database)
    yield engine
    engine.dispose()


def _tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _assert_schema_matches_models(engine: Engine) -> None:
    with engine.connect() as connection:
        found = migrations.differences(connection)
    assert not found, drift_message(found)


def test_upgrading_an_empty_database_gives_exactly_the_models_schema(empty_engine: Engine):
    migrations.upgrade(empty_engine)
    assert migrations.current(empty_engine) == migrations.head()
    assert _tables(empty_engine) == set(SQLModel.metadata.tables)
    _assert_schema_matches_models(empty_engine)


def test_downgrading_to_base_empties_the_database_and_upgrading_again_rebuilds_it(
    empty_engine: Engine,
):
    migrations.upgrade(empty_engine)
    migrations.downgrade(empty_engine, "base")
    assert migrations.current(empty_engine) is None
    assert _tables(empty_engine) == set()
    migrations.upgrade(empty_engine)
    _assert_schema_matches_models(empty_engine)


def test_the_models_alone_can_create_the_schema_too(empty_engine: Engine):
    """Constraint names are unique per table, as PostgreSQL wants, so tools that build a
    scratch schema from the models (create_all) work there as well as on SQLite."""
    SQLModel.metadata.create_all(empty_engine)
    assert _tables(empty_engine) == set(SQLModel.metadata.tables)
    checks = {c["name"] for c in inspect(empty_engine).get_check_constraints("case_transition")}
    assert {"case_transition_from_state_values", "case_transition_to_state_values"} <= checks


def test_a_database_made_before_the_migrations_is_refused_with_advice(empty_engine: Engine):
    SQLModel.metadata.tables["hub"].create(empty_engine)  # as create_all used to
    with pytest.raises(migrations.UnversionedDatabase, match="db stamp head"):
        migrations.upgrade(empty_engine)


def test_init_db_and_the_db_commands_run_the_migrations(settings: Settings, empty_database: str):
    app = create_app(replace(settings, database_url=empty_database))
    runner = app.test_cli_runner()
    head = migrations.head()
    assert head is not None

    first = runner.invoke(args=["init-db"])
    assert first.exit_code == 0, first.output
    assert runner.invoke(args=["init-db"]).exit_code == 0, "init-db must be safe to rerun"
    assert f"database: {head}" in runner.invoke(args=["db", "current"]).output

    down = runner.invoke(args=["db", "downgrade", "base"])
    assert down.exit_code == 0, down.output
    assert "database: base" in runner.invoke(args=["db", "current"]).output
    up = runner.invoke(args=["db", "upgrade"])
    assert up.exit_code == 0, up.output
    assert f"Database at {head}" in up.output


def test_no_revision_is_written_while_the_migrations_match_the_models():
    assert migrations.new_revision("nothing changed") == []


def test_an_audit_trail_written_before_the_key_verifies_after_the_upgrade(
    settings: Settings, empty_database: str, empty_engine: Engine
):
    migrations.upgrade(empty_engine, "f994dab0da57")  # the last revision with an unkeyed chain
    prev = "0" * 64
    with empty_engine.begin() as connection:
        for number, kind in enumerate(["login", "logout"], start=1):
            at = datetime(2026, 11, 20, 9, number, tzinfo=UTC)
            content = json.dumps({"prev": prev, "at": at.isoformat(), "kind": kind,
                                  "actor": None, "hub": None, "subject": "", "detail": {}},
                                 sort_keys=True, separators=(",", ":"))
            digest = hashlib.sha256(content.encode()).hexdigest()
            connection.execute(text(
                "INSERT INTO audit_event (at, kind, subject, detail, prev_hash, hash) "
                "VALUES (:at, :kind, '', '{}', :prev, :hash)").bindparams(
                    bindparam("at", type_=timestamp_type())),
                {"at": at, "kind": kind, "prev": prev, "hash": digest})
            prev = digest
        connection.execute(text("UPDATE audit_head SET last_hash = :hash, last_id = 2"),
                           {"hash": prev})
    migrations.upgrade(empty_engine)
    app = create_app(replace(settings, database_url=empty_database))
    with unit_of_work(app) as db:
        audit.record(db, "keys_rotated", originals=0)
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "Audit trail intact: 4 events." in result.output  # two old, the switch, the new
    assert "events: 2, history rows: 0." in result.output


BEFORE_SCHEDULE_WAS_AN_ACTION = "b7e2d4a90c31"


def _states(engine: Engine) -> dict[int, tuple[str, int]]:
    with engine.connect() as connection:
        rows = connection.execute(text('SELECT id, state, version FROM "case"'))
        return {row.id: (row.state, row.version) for row in rows}


def test_a_case_pre_reviewed_but_not_accepted_before_the_upgrade_is_reviewed_after_it(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs, submitted_case: dict[str, Any]
):
    expert, clinician = api_as(Role.EXPERT), api_as(Role.CLINICIAN)
    waiting = submitted_case  # never pre-reviewed: it stays where it is
    pre_reviewed = _submit_another(clinician, hubs)
    assert act(expert, pre_reviewed, "record_pre_review", notes="Ask about HPV.").status_code \
        == 200
    scheduled = walk_to(api_as, _submit_another(clinician, hubs), "reviewed",
                        schedule_session(app, hubs))
    engine = engine_of(app)
    engine.dispose()
    migrations.downgrade(engine, BEFORE_SCHEDULE_WAS_AN_ACTION)
    with engine.begin() as connection:
        # As the old workflow left it: the pre-review recorded, the case still de-identified.
        connection.execute(text("UPDATE \"case\" SET state = 'deidentified' WHERE id = :id"),
                           {"id": pre_reviewed["id"]})
    before = _states(engine)

    migrations.upgrade(engine)

    after = _states(engine)
    assert after[pre_reviewed["id"]] == ("reviewed", before[pre_reviewed["id"]][1] + 1)
    assert after[waiting["id"]] == before[waiting["id"]] == ("deidentified", waiting["version"])
    assert after[scheduled["id"]] == before[scheduled["id"]]
    assert act(api_as(Role.COORDINATOR), {**pre_reviewed, "version": after[pre_reviewed["id"]][1]},
               "schedule", session_id=schedule_session(app, hubs)).status_code == 200
    verified = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert verified.exit_code == 0, verified.output


def _submit_another(clinician: Api, hubs: Hubs) -> dict[str, Any]:
    created = clinician.post("/cases", {"program_id": hubs.program_id(),
                                        "fields": IDENTIFIED_CASE})
    submitted = clinician.post(f"/cases/{created.json['id']}/submit",
                               {"version": created.json["version"]})
    assert submitted.status_code == 200, submitted.json
    return dict(submitted.json)


BEFORE_LETTERS_KEPT_THEIR_TURNAROUND = "5c1f0e7a9b3d"


def test_letters_sent_before_the_upgrade_get_their_hub_and_turnaround_from_their_case(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs,
):
    clinician = api_as(Role.CLINICIAN)
    case = walk_to(api_as, _submit_another(clinician, hubs), "recommendations_sent",
                   schedule_session(app, hubs))
    engine = engine_of(app)
    with engine.connect() as connection:
        stored = connection.execute(text(
            "SELECT hub_id, turnaround_days FROM letter WHERE case_id = :id"),
            {"id": case["id"]}).one()
    engine.dispose()
    migrations.downgrade(engine, BEFORE_LETTERS_KEPT_THEIR_TURNAROUND)

    migrations.upgrade(engine)

    with engine.connect() as connection:
        backfilled = connection.execute(text(
            "SELECT hub_id, turnaround_days FROM letter WHERE case_id = :id"),
            {"id": case["id"]}).one()
    assert backfilled[0] == stored[0] == hubs.hubs["a"].id
    # As the sign-off stored it, to the second (the database's day arithmetic, not Python's).
    assert backfilled[1] == pytest.approx(stored[1], abs=1 / 86400)
    _assert_schema_matches_models(engine)
