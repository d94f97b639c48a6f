"""Tasks by name, so that a web process and a worker agree on what a name means."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask

TaskFunction = Callable[..., None]


class UnknownTask(LookupError):
    pass


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
