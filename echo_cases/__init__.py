"""echo-cases: case presentation for Project ECHO hubs.

``create_app`` (echo_cases/app.py) is imported on first use rather than here, so that the
de-identifier's command line (``echo-cases deid``) starts without loading Flask and the
database layer it never touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from echo_cases.app import create_app, csrf, settings_of

__all__ = ["create_app", "csrf", "settings_of"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from echo_cases import app

        return getattr(app, name)
    raise AttributeError(f"module 'echo_cases' has no attribute {name!r}")
