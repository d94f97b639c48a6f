"""Shared fixtures: a real app on a real database (SQLite, or PostgreSQL with
ECHO_TEST_DATABASE set), built by the migrations; two hubs, a person per role."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import make_url

from echo_cases import create_app
from echo_cases.db import dispose_engines, engine_of, unit_of_work
from echo_cases.migrations.testing import TEST_DATABASE_VARIABLE, SchemaDrift, TemplateDatabases
from echo_cases.migrations.testing import template_databases as template_databases_for
from echo_cases.services import accounts
from echo_cases.settings import Settings, SmtpSettings
from models import User
from tests.mail_server import Inbox, free_port, serving
from tests.support import (
    IDENTIFIED_CASE,
    PASSWORD,
    REDIS_URL,
    Api,
    Hubs,
    TestClock,
    begin_session,
    schedule_session,
    walk_to,
)
from workflows import Role


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> None:
    """Argon2 at production cost would spend most of the suite's time hashing."""
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _test_database_url() -> str:
    return os.environ.get(TEST_DATABASE_VARIABLE, "")


def pytest_report_header() -> str:
    url = _test_database_url()
    where = make_url(url).render_as_string() if url else "SQLite (a copy of a migrated file)"
    return f"database: {where}  (set {TEST_DATABASE_VARIABLE} to choose another)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a database server, run only the tests that use a database: the rest ran on SQLite."""
    if not _test_database_url():
        return
    uses_database = [item for item in items
                     if "template_databases" in getattr(item, "fixturenames", ())]
    config.hook.pytest_deselected(items=[item for item in items if item not in uses_database])
    items[:] = uses_database


@pytest.fixture(scope="session")
def template_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemplateDatabases]:
    """The schema, built by the migrations once per run; each test gets its own copy."""
    try:
        databases = template_databases_for(
            tmp_path_factory.mktemp("template"), _test_database_url())
    except SchemaDrift as drift:
        pytest.fail(str(drift), pytrace=False)
    yield databases
    databases.close()


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def inbox(smtp_port: int) -> Iterator[Inbox]:
    """A real SMTP server on loopback; a test marked ``mail`` has the app send to it."""
    with serving(Inbox(), smtp_port) as inbox:
        yield inbox


@pytest.fixture
def settings(request: pytest.FixtureRequest, tmp_path: Path,
             template_databases: TemplateDatabases) -> Iterator[Settings]:
    database_url = template_databases.fresh(tmp_path)
    smtp = SmtpSettings()
    if request.node.get_closest_marker("mail"):
        smtp = SmtpSettings(host="127.0.0.1", port=request.getfixturevalue("smtp_port"),
                            starttls=False, sender="hub@example.org")
    yield Settings(
        environment="test",
        secret_key="test-secret-key-" + "x" * 32,
        surrogate_secret="test-surrogate-secret-" + "y" * 32,
        audit_keys=("test-audit-key-" + "z" * 32,),
        database_url=database_url,
        preload_deidentifier=False,
        csrf=False,
        smtp=smtp,
    )
    # Apps a test made for itself hold connections too, and an unclosed streamed response
    # keeps its session open: close them all before the test's database goes.
    dispose_engines(including_checked_out=True)
    template_databases.discard(database_url)


@pytest.fixture
def clock() -> TestClock:
    """What the app reads as now: the real time until a test moves it on."""
    return TestClock()


@pytest.fixture
def app(settings: Settings, clock: TestClock) -> Iterator[Flask]:
    app = create_app(settings, clock=clock)
    yield app
    engine_of(app).dispose()


@pytest.fixture
def hubs(app: Flask) -> Hubs:
    world = Hubs()
    with unit_of_work(app) as db:
        for key in ("a", "b"):
            hub = accounts.create_hub(db, f"Hub {key.upper()}", f"hub-{key}")
            world.hubs[key] = hub
            world.programs[key] = accounts.create_program(db, hub, f"Cervical ECHO {key}")
            for role in Role:
                user = accounts.create_user(db, f"{role.value}-{key}@example.org",
                                            f"{role.value.title()} {key.upper()}", PASSWORD)
                accounts.add_member(db, user, hub, role)
                world.users[(key, role)] = user
        # A second clinician in hub A: same hub, but not the author.
        other = accounts.create_user(db, "clinician2-a@example.org", "Other Clinician", PASSWORD)
        accounts.add_member(db, other, world.hubs["a"], Role.CLINICIAN)
        world.users[("a2", Role.CLINICIAN)] = other
    return world


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def login_as(app: Flask, hubs: Hubs) -> Callable[..., FlaskClient]:
    """A browser-like client signed in as the person with ``role`` in ``hub``."""

    def login(role: Role, hub: str = "a") -> FlaskClient:
        client = app.test_client()
        response = client.post("/login", data={"email": hubs.user(role, hub).email,
                                               "password": PASSWORD})
        assert response.status_code == 302, response.text
        return client

    return login


@pytest.fixture
def api_as(app: Flask, hubs: Hubs) -> Callable[..., Api]:
    def make(role: Role, hub: str = "a") -> Api:
        with unit_of_work(app) as db:
            user = db.get(User, hubs.user(role, hub).id)
            assert user is not None
            token = accounts.issue_token(db, user, "tests")
        return Api(app.test_client(), token)

    return make


@pytest.fixture
def submitted_case(api_as: Callable[..., Api], hubs: Hubs) -> dict[str, Any]:
    """A case full of identifiers, written and submitted by hub A's clinician."""
    clinician = api_as(Role.CLINICIAN)
    created = clinician.post("/cases", {"program_id": hubs.program_id(),
                                        "fields": IDENTIFIED_CASE})
    assert created.status_code == 201, created.json
    case = created.json
    submitted = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]})
    assert submitted.status_code == 200, submitted.json
    return submitted.json


@pytest.fixture
def finished_case(api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask,
                  hubs: Hubs) -> dict[str, Any]:
    """A case presented in a session (one expert attended) and signed off."""
    session_id = schedule_session(app, hubs)
    case = walk_to(api_as, submitted_case, "presented", session_id)
    begin_session(app, session_id)
    coordinator = api_as(Role.COORDINATOR)
    coordinator.client.put(f"/api/v1/sessions/{session_id}/attendance",
                           json={"version": 0, "present_ids": [hubs.user(Role.EXPERT).id]},
                           headers=coordinator.headers)
    case = walk_to(api_as, case, "recommendations_sent", session_id)
    return {**case, "session_id": session_id}


@pytest.fixture
def store() -> Iterator[redis.Redis]:
    """The machine's Redis, for the tests of what web processes and workers share."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"No Redis answers at {REDIS_URL}: start it (`make services`, or see "
                    "docs/deployment.md) to run the tests that need it.")
    yield client
    client.close()
