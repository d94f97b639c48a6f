"""A real Celery worker on the real Redis: work that fails once is retried, then done once."""

from __future__ import annotations

import io
import re
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from flask import Flask

from echo_cases import create_app, settings_of
from echo_cases.db import engine_of
from echo_cases.settings import Settings, SmtpSettings
from echo_cases.tasks import enqueue, task
from echo_cases.tasks.celery_app import celery_for
from tests.mail_server import Inbox, serving, text_of
from tests.support import REDIS_URL, Api, Hubs, TestClock, schedule_session, walk_to
from workflows import Role


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
def settings(settings: Settings, store: redis.Redis, smtp_port: int) -> Settings:
    """Tasks go to Redis; letters to a mail server on loopback, retried after a second."""
    return replace(settings, redis_url=REDIS_URL, extra={"run": f"echo-test-{uuid.uuid4().hex}"},
                   smtp=SmtpSettings(host="127.0.0.1", port=smtp_port, starttls=False,
                                     sender="hub@example.org", retry_seconds=1))


@pytest.fixture
def app(settings: Settings, store: redis.Redis, clock: TestClock) -> Iterator[Flask]:
    run = settings.extra["run"]
    app = create_app(settings, clock=clock)
    # A queue of this run's own, so that no other worker or test run takes its messages.
    celery_for(app).conf.task_default_queue = run
    yield app
    engine_of(app).dispose()
    leftovers = store.keys(f"{run}*")
    if leftovers:
        store.delete(*leftovers)


@contextmanager
def worker(app: Flask) -> Iterator[None]:
    with start_worker(celery_for(app), pool="solo", concurrency=1, perform_ping_check=False,
                      loglevel="WARNING", shutdown_timeout=15):
        yield


def _wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():  # type: ignore[operator]
        time.sleep(0.05)


def test_a_task_that_fails_once_is_retried_and_then_succeeds_exactly_once(
    app: Flask, store: redis.Redis
):
    run = settings_of(app).extra["run"]
    with worker(app):
        enqueue("tests.fails_once_then_counts", app=app, case_id=42)
        _wait_for(lambda: store.get(f"{run}:done:42") is not None, seconds=30)
        time.sleep(1.5)  # long enough for a wrongly repeated delivery to show
    assert int(store.get(f"{run}:attempts:42") or 0) == 2
    assert int(store.get(f"{run}:done:42") or 0) == 1


def test_a_letter_the_mail_server_refuses_once_is_sent_again_by_the_worker_and_arrives_once(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any],
    smtp_port: int,
):
    with serving(Inbox(refuse_first=1), smtp_port) as inbox, worker(app):
        case = walk_to(api_as, submitted_case, "recommendations_sent",
                       schedule_session(app, hubs))
        _wait_for(lambda: len(inbox.messages) >= 1, seconds=30)
        time.sleep(2.5)  # past the next retry: a second copy would have arrived by now
    assert inbox.refused == 1
    assert [m["To"] for m in inbox.messages] == [hubs.user(Role.CLINICIAN).email]
    deliveries = api_as(Role.COORDINATOR).get(f"/cases/{case['id']}").json["letter"]["deliveries"]
    assert [(d["status"], d["attempts"]) for d in deliveries] == [("sent", 2)]


def test_an_export_zip_is_built_by_the_worker_while_the_coordinator_waits(
    app: Flask, hubs: Hubs, api_as: Callable[..., Api], submitted_case: dict[str, Any]
):
    coordinator = api_as(Role.COORDINATOR)
    asked = coordinator.post(f"/hubs/{hubs.hubs['a'].id}/archives", {"kind": "hub_cases"})
    assert asked.status_code == 202
    assert asked.json["status"] == "pending"  # handed to the worker, not built in the request

    def poll() -> dict[str, Any]:
        return coordinator.client.get(asked.headers["Location"], headers=coordinator.headers).json

    with worker(app):
        _wait_for(lambda: poll()["status"] != "pending", seconds=30)
    assert poll()["status"] == "ready"
    download = coordinator.client.get(poll()["download_url"], headers=coordinator.headers)
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        assert str(submitted_case["id"]) in archive.read("cases.csv").decode()


def test_a_reset_link_is_mailed_by_the_worker_so_asking_does_the_same_work_for_any_address(
    settings: Settings, store: redis.Redis, clock: TestClock, hubs: Hubs, smtp_port: int
):
    # A worker has no request to take a host from: links name the configured address.
    app = create_app(replace(settings, public_url="https://echo.example.org"), clock=clock)
    celery_for(app).conf.task_default_queue = settings.extra["run"]
    member = hubs.user(Role.CLINICIAN).email
    with serving(Inbox(), smtp_port) as inbox:
        browser = app.test_client()
        known = browser.post("/login/forgot", data={"email": member})
        unknown = browser.post("/login/forgot", data={"email": "nobody@example.org"})
        assert (known.status_code, known.location) == (unknown.status_code, unknown.location)
        # Neither request spoke to the mail server, and each left one task on the broker:
        # the same work for any address, so how long it takes says nothing.
        assert inbox.messages == []
        assert store.llen(settings.extra["run"]) == 2
        with worker(app):
            _wait_for(lambda: len(inbox.messages) >= 1, seconds=30)
            time.sleep(1.0)  # long enough for a wrongly repeated message to show
    [message] = inbox.messages
    assert message["To"] == member
    link = re.search(r"https://echo\.example\.org(/login/reset/[A-Za-z0-9_-]+)",
                     text_of(message))
    assert link, text_of(message)
    assert "Choose a new password" in browser.get(link.group(1)).text
    engine_of(app).dispose()
