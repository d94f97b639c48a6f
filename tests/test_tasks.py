"""The task seam: ids only, run in-process without a broker, Celery configured for safety."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from flask import Flask

from echo_cases import create_app
from echo_cases.settings import Settings
from echo_cases.tasks import TaskArgumentError, UnknownTask, enqueue, task
from echo_cases.tasks.celery_app import celery_for

ran: list[dict[str, Any]] = []


@task("tests.record_ids")
def record_ids(app: Flask, **ids: Any) -> None:
    ran.append(ids)


@task("tests.fail_always")
def fail_always(app: Flask, *, case_id: int) -> None:
    raise RuntimeError(f"case {case_id} could not be processed")


@pytest.fixture(autouse=True)
def _forget_runs():
    ran.clear()


def test_without_redis_a_task_runs_at_once_in_the_calling_process(app: Flask):
    with app.app_context():
        enqueue("tests.record_ids", case_id=3, case_ids=[4, 5], hub_id="hub-a")
    assert ran == [{"case_id": 3, "case_ids": [4, 5], "hub_id": "hub-a"}]


def test_an_app_can_be_named_instead_of_the_current_one(app: Flask):
    enqueue("tests.record_ids", app=app, user_id=7)
    assert ran == [{"user_id": 7}]


def test_in_process_a_failure_reaches_the_caller(app: Flask):
    with pytest.raises(RuntimeError, match="case 9"):
        enqueue("tests.fail_always", app=app, case_id=9)


@pytest.mark.parametrize("arguments", [
    {"note": 3},                                    # not named as an id
    {"case_text": "Rosalind Achterberg"},           # case text under any name
    {"case_id": "Rosalind Achterberg, MRN 8041"},   # text posing as an id
    {"case_id": True},                              # a bool is no id
    {"case_id": 3.5},
    {"case_ids": "1,2"},                            # a list must be a list
    {"case_ids": [1, "two words"]},
    {"case_id": {"id": 1}},
])
def test_a_task_refuses_anything_but_ids_and_never_echoes_it(app: Flask, arguments: dict):
    with pytest.raises(TaskArgumentError) as refused:
        enqueue("tests.record_ids", app=app, **arguments)
    assert "Rosalind" not in str(refused.value)
    assert ran == []


def test_an_unknown_task_is_refused_before_anything_is_sent(app: Flask):
    with pytest.raises(UnknownTask):
        enqueue("tests.no_such_task", app=app, case_id=1)


def test_settings_read_the_broker_from_redis_url():
    settings = Settings.from_env({"REDIS_URL": "redis://127.0.0.1:6379/2"})
    assert settings.redis_url == "redis://127.0.0.1:6379/2"
    assert Settings.from_env({}).redis_url == ""


def test_celery_acks_late_requeues_on_a_lost_worker_retries_with_backoff_and_speaks_json(
    settings: Settings,
):
    app = create_app(replace(settings, redis_url="redis://127.0.0.1:6379/0"))
    celery = celery_for(app)
    assert celery.conf.task_acks_late is True
    assert celery.conf.task_reject_on_worker_lost is True
    assert celery.conf.task_serializer == "json"
    assert list(celery.conf.accept_content) == ["json"]
    bound = celery.tasks["tests.fail_always"]
    assert (bound.acks_late, bound.reject_on_worker_lost) == (True, True)
    assert bound.autoretry_for == (Exception,)
    assert (bound.retry_backoff, bound.retry_jitter, bound.max_retries) == (2, True, 5)
