"""The task seam: slow or fallible work, run by id, in-process or on a Celery worker.

    @task()
    def redeidentify_cases(app: Flask, *, case_ids: list[int]) -> None: ...

    enqueue("redeidentify_cases", case_ids=[3, 5])

Without ``REDIS_URL`` the task runs at once in the caller's process; with it, a Celery
worker runs it (``celery -A echo_cases.tasks.worker:celery worker``), retrying with
back-off. Either way a task receives ids only, never case text: what crosses the broker
is stored there in the clear, so identifiers must never be among it.
"""

from echo_cases.tasks.arguments import TaskArgumentError, check_ids
from echo_cases.tasks.dispatch import enqueue
from echo_cases.tasks.registry import RetryLater, TaskSpec, UnknownTask, lookup, task

__all__ = [
    "RetryLater",
    "TaskArgumentError",
    "TaskSpec",
    "UnknownTask",
    "check_ids",
    "enqueue",
    "lookup",
    "task",
]
