"""Shared fixtures: a real app on a real SQLite file, two hubs, a person per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient

from echo_cases import create_app
from echo_cases.db import create_schema, engine_of, unit_of_work
from echo_cases.services import accounts
from echo_cases.settings import Settings
from models import User
from tests.support import IDENTIFIED_CASE, PASSWORD, Api, Hubs
from workflows import Role


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> None:
    """Argon2 at production cost would spend most of the suite's time hashing."""
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        secret_key="test-secret-key-" + "x" * 32,
        surrogate_secret="test-surrogate-secret-" + "y" * 32,
        database_url=f"sqlite:///{tmp_path / 'echo.sqlite3'}",
        preload_deidentifier=False,
        csrf=False,
    )


@pytest.fixture
def app(settings: Settings) -> Iterator[Flask]:
    app = create_app(settings)
    create_schema(engine_of(app))
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
