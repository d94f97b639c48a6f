"""What a task may be given: ids, named ``*_id`` or ``*_ids``, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# A string id is a token such as a UUID or a slug: no spaces, so no sentence fits in it.
_STRING_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
_MAX_IDS = 10_000

Ids = dict[str, int | str | list[int | str]]


class TaskArgumentError(TypeError):
    """A task was given something other than ids. The message names it, never its value."""


def check_ids(arguments: Mapping[str, Any]) -> Ids:
    """The arguments as plain JSON-ready ids, or TaskArgumentError."""
    checked: Ids = {}
    for name, value in arguments.items():
        if name.endswith("_ids"):
            checked[name] = _id_list(name, value)
        elif name.endswith("_id"):
            checked[name] = _one_id(name, value)
        else:
            raise TaskArgumentError(
                f"Task argument {name!r} must be an id: name it *_id or *_ids."
            )
    return checked


def _one_id(name: str, value: object) -> int | str:
    # bool is an int to Python, but True is no one's id.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _STRING_ID.fullmatch(value):
        return value
    raise TaskArgumentError(
        f"Task argument {name!r} must be an integer or a short token (no spaces)."
    )


def _id_list(name: str, value: object) -> list[int | str]:
    if not isinstance(value, list | tuple | set | frozenset):
        raise TaskArgumentError(f"Task argument {name!r} must be a list of ids.")
    if len(value) > _MAX_IDS:
        raise TaskArgumentError(f"Task argument {name!r} holds more than {_MAX_IDS} ids.")
    return [_one_id(name, item) for item in value]
