"""The Celery application of a Flask app: Redis as broker, JSON only, acks after the work."""

from __future__ import annotations

from typing import Any

from celery import Celery
from celery import Task as CeleryTask
from flask import Flask

from echo_cases.tasks.registry import RetryLater, TaskSpec, registered

_CELERY_KEY = "echo_cases.celery"
QUEUE = "echo-cases"


def celery_for(app: Flask) -> Celery:
    """The app's Celery, made on first use, with every task registered so far bound to it."""
    celery: Celery | None = app.extensions.get(_CELERY_KEY)
    if celery is None:
        celery = _make_celery(app)
        app.extensions[_CELERY_KEY] = celery
    for spec in registered():
        if spec.name not in celery.tasks:
            _bind(celery, app, spec)
    return celery


def _make_celery(app: Flask) -> Celery:
    from echo_cases import settings_of

    celery = Celery("echo_cases", broker=settings_of(app).redis_url, set_as_current=False)
    celery.conf.update(
        # JSON only: a pickled message from a compromised broker would run code here.
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        # Tasks write their outcome to the database; nobody waits on a result.
        task_ignore_result=True,
        # Acknowledge after the work, and hand the message back if the worker dies, so
        # a crash means "run it again", never "lost". Tasks must therefore be idempotent.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        broker_connection_retry_on_startup=True,
        # Redis redelivers an unacknowledged message after this long: longer than any task.
        broker_transport_options={"visibility_timeout": 3600},
        enable_utc=True,
        timezone="UTC",
        worker_hijack_root_logger=False,
    )
    return celery


def _bind(celery: Celery, app: Flask, spec: TaskSpec) -> None:
    def run(bound: CeleryTask, **ids: Any) -> None:
        try:
            spec.run(app, ids)
        except RetryLater as later:
            # The task knows when to come back (a letter's next try); Celery's own back-off
            # is for the unexpected (a database that is restarting).
            raise bound.retry(countdown=later.seconds, exc=later) from later

    celery.task(
        name=spec.name,
        # Not shared: a shared task would be bound to every Celery app, with this Flask app.
        shared=False,
        bind=True,
        autoretry_for=(Exception,),
        max_retries=spec.max_retries,
        retry_backoff=spec.backoff_seconds,
        retry_backoff_max=spec.backoff_max_seconds,
        retry_jitter=True,
        acks_late=True,
        reject_on_worker_lost=True,
    )(run)
