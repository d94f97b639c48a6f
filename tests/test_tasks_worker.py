"""A real Celery worker on the real Redis: a task that fails once is retried, then done once."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from flask import Flask

from echo_cases import create_app, settings_of
from echo_cases.settings import Settings
from echo_cases.tasks import enqueue, task
from echo_cases.tasks.celery_app import celery_for

REDIS_URL = "redis://127.0.0.1:6379/0"


@task("tests.fails_once_then_counts", backoff_seconds=1)
def fails_once_then_counts(app: Flask, *, case_id: int) -> None:
    """Counts attempts and successes in Redis: the worker's memory would prove nothing."""
    store = redis.Redis.from_url(settings_of(app).redis_url)
    prefix = settings_of(app).extra["run"]
    attempt = store.incr(f"{prefix}:attempts:{case_id}")
    if attempt == 1:
        raise ConnectionError("the first attempt meets a flaky service")
    store.incr(f"{prefix}:done:{case_id}")


@pytest.fixture
def store() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=3)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"No Redis answers at {REDIS_URL}: start it (see docs/deployment.md) "
                    "to run the worker test.")
    yield client
    client.close()


@pytest.fixture
def worker_app(settings: Settings, store: redis.Redis) -> Iterator[Flask]:
    run = f"echo-test-{uuid.uuid4().hex}"
    app = create_app(replace(settings, redis_url=REDIS_URL, extra={"run": run}))
    celery = celery_for(app)
    # A queue of this run's own, so that no other worker or test run takes its messages.
    celery.conf.task_default_queue = run
    yield app
    leftovers = store.keys(f"{run}*")
    if leftovers:
        store.delete(*leftovers)


def _wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():  # type: ignore[operator]
        time.sleep(0.05)


def test_a_task_that_fails_once_is_retried_and_then_succeeds_exactly_once(
    worker_app: Flask, store: redis.Redis
):
    run = settings_of(worker_app).extra["run"]
    celery = celery_for(worker_app)
    with start_worker(celery, pool="solo", concurrency=1, perform_ping_check=False,
                      loglevel="WARNING", shutdown_timeout=15):
        enqueue("tests.fails_once_then_counts", app=worker_app, case_id=42)
        _wait_for(lambda: store.get(f"{run}:done:42") is not None, seconds=30)
        time.sleep(1.5)  # long enough for a wrongly repeated delivery to show
    assert int(store.get(f"{run}:attempts:42") or 0) == 2
    assert int(store.get(f"{run}:done:42") or 0) == 1
