"""``enqueue``: hand a task to Celery when there is a broker, else run it here and now."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app

from echo_cases.tasks.arguments import check_ids
from echo_cases.tasks.registry import RetryLater, lookup

log = logging.getLogger(__name__)


def enqueue(task_name: str, /, *, app: Flask | None = None, **ids: Any) -> None:
    """Run ``task_name`` with ``ids``: on a worker if REDIS_URL is set, otherwise at once.

    In-process, a failure propagates to the caller (development and tests should see
    it); on a worker, it is retried with back-off. Call this after your changes are
    committed, or a worker may look for rows it cannot see yet.
    """
    spec = lookup(task_name)
    checked = check_ids(ids)
    flask_app: Flask = app or current_app._get_current_object()  # type: ignore[attr-defined]
    from echo_cases import settings_of

    if not settings_of(flask_app).redis_url:
        try:
            spec.run(flask_app, checked)
        except RetryLater as later:
            log.info("Task %s not finished (%s); its periodic job takes it from here",
                     spec.name, later)
        return
    from echo_cases.tasks.celery_app import celery_for

    celery_for(flask_app).send_task(spec.name, kwargs=checked)
