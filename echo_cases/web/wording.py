"""Words that agree with the number beside them on a page: "1 outcome", "2 outcomes"."""

from __future__ import annotations

from flask import Flask


def noun(count: float | str | None, singular: str, plural: str = "") -> str:
    """``singular`` for exactly one, else ``plural`` (``singular`` + "s" unless given).
    ``count`` may be the text shown ("1", "1.5"): what agrees is what the reader sees."""
    try:
        one = count is not None and float(count) == 1
    except ValueError:
        one = False
    return singular if one else (plural or f"{singular}s")


def init_app(app: Flask) -> None:
    app.jinja_env.globals["noun"] = noun
