"""Tasks by name, so that a web process and a worker agree on what a name means."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask

TaskFunction = Callable[..., None]


class UnknownTask(LookupError):
    pass


class RetryLater(Exception):
    """Raised by a task whose work is not done yet and should run again in ``seconds``.

    A worker schedules the retry; in-process there is no scheduler, so the caller logs it
    and the work waits for its periodic job (for letters, ``flask deliver-letters``).
    The message is for logs: it must name ids only.
    """

    def __init__(self, seconds: float, message: str) -> None:
        super().__init__(message)
        self.seconds = max(0.0, seconds)


@dataclass(frozen=True)
class TaskSpec:
    name: str
    function: TaskFunction
    # Retries after the first attempt; the delays grow 2 s, 4 s, 8 s ... up to ten minutes.
    max_retries: int = 5
    backoff_seconds: int = 2
    backoff_max_seconds: int = 600

    def run(self, app: Flask, ids: dict[str, Any]) -> None:
        with app.app_context():
            self.function(app, **ids)


_tasks: dict[str, TaskSpec] = {}


def task(
    name: str | None = None, *, max_retries: int = 5, backoff_seconds: int = 2
) -> Callable[[TaskFunction], TaskFunction]:
    """Register ``function(app, **ids)`` as a task under ``name`` (default: its own name)."""

    def register(function: TaskFunction) -> TaskFunction:
        spec = TaskSpec(name or function.__name__, function, max_retries, backoff_seconds)
        known = _tasks.get(spec.name)
        if known is not None and known.function is not function:
            raise ValueError(f"Two tasks are called {spec.name!r}.")
        _tasks[spec.name] = spec
        return function

    return register


def lookup(name: str) -> TaskSpec:
    try:
        return _tasks[name]
    except KeyError:
        raise UnknownTask(f"No task is called {name!r}.") from None


def registered() -> list[TaskSpec]:
    return list(_tasks.values())
