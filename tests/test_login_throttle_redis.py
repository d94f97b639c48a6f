"""With REDIS_URL, every web process counts failed sign-ins in the same place: Redis."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest
import redis
from flask import Flask
from sqlmodel import select

from echo_cases import create_app
from echo_cases.db import engine_of, unit_of_work
from echo_cases.services import accounts
from echo_cases.services.throttle import MAX_FAILURES, RedisCounter
from echo_cases.settings import Settings
from models import LoginThrottle
from tests.support import PASSWORD, REDIS_URL

NOTHING_LISTENS = "redis://127.0.0.1:9/0"  # the discard port: refused at once


@pytest.fixture
def email(settings: Settings, store: redis.Redis) -> Iterator[str]:
    """An address of this test's own, so that parallel runs never share a count."""
    address = f"throttle-{uuid.uuid4().hex[:12]}@example.org"
    app = create_app(settings)
    with unit_of_work(app) as db:
        accounts.create_user(db, address, "Throttled Expert", PASSWORD)
    engine_of(app).dispose()
    yield address
    store.delete(*RedisCounter(store).keys(address))


def _web_process(settings: Settings, redis_url: str) -> Flask:
    """A second create_app on the same settings is what a second gunicorn worker is."""
    return create_app(replace(settings, redis_url=redis_url))


def _sign_in(app: Flask, email: str, password: str) -> int:
    return app.test_client().post("/login", data={"email": email, "password": password}) \
        .status_code


def test_failures_spread_over_two_web_processes_add_up_to_one_lock(
    settings: Settings, store: redis.Redis, email: str
):
    first, second = _web_process(settings, REDIS_URL), _web_process(settings, REDIS_URL)
    statuses = [_sign_in(first if i % 2 else second, email, "wrong-guess")
                for i in range(MAX_FAILURES)]
    assert statuses == [401] * (MAX_FAILURES - 1) + [429]
    # Locked everywhere, even with the right password, and the count was never in the
    # database: it lives in Redis, under a digest rather than the address.
    assert _sign_in(first, email, PASSWORD) == 429
    assert _sign_in(second, email, PASSWORD) == 429
    with unit_of_work(first) as db:
        assert db.exec(select(LoginThrottle)).all() == []
    _failures, locked = RedisCounter(store).keys(email)
    assert store.ttl(locked) > 0
    assert not any(email.encode() in key for key in store.keys("echo-cases:login:*"))


def test_a_successful_sign_in_clears_the_shared_count(
    settings: Settings, store: redis.Redis, email: str
):
    first, second = _web_process(settings, REDIS_URL), _web_process(settings, REDIS_URL)
    for _ in range(MAX_FAILURES - 1):
        assert _sign_in(first, email, "wrong-guess") == 401
    assert _sign_in(second, email, PASSWORD) == 302
    failures, _locked = RedisCounter(store).keys(email)
    assert store.get(failures) is None
    assert _sign_in(first, email, "wrong-guess") == 401  # a fresh count, not the fifth


def test_when_redis_is_down_sign_in_still_works_and_is_still_throttled(
    settings: Settings, email: str
):
    app = _web_process(settings, NOTHING_LISTENS)
    assert _sign_in(app, email, PASSWORD) == 302
    statuses = [_sign_in(app, email, "wrong-guess") for _ in range(MAX_FAILURES)]
    assert statuses == [401] * (MAX_FAILURES - 1) + [429]
    with unit_of_work(app) as db:
        row = db.get(LoginThrottle, email)
        assert row is not None
        assert row.locked_until is not None


def test_a_lock_taken_while_redis_was_down_still_holds_when_it_is_back(
    settings: Settings, store: redis.Redis, email: str
):
    while_down = _web_process(settings, NOTHING_LISTENS)
    for _ in range(MAX_FAILURES):
        _sign_in(while_down, email, "wrong-guess")
    assert _sign_in(_web_process(settings, REDIS_URL), email, PASSWORD) == 429
