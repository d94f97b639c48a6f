"""Entry point of the worker: ``celery -A echo_cases.tasks.worker:celery worker``.

It reads the same environment as the web app (DATABASE_URL, REDIS_URL, the secrets).
"""

from __future__ import annotations

import importlib

from echo_cases import create_app
from echo_cases.tasks.celery_app import celery_for

# Modules whose @task functions the worker must know; add yours here.
TASK_MODULES: tuple[str, ...] = ("echo_cases.jobs",)

for _module in TASK_MODULES:
    importlib.import_module(_module)

app = create_app()
celery = celery_for(app)
