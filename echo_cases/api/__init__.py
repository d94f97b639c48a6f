"""The JSON API under /api/v1, for tools and integrations (bearer tokens)."""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from echo_cases.api import credits as _credits  # noqa: F401  (its routes join bp)
from echo_cases.api import evaluations as _evaluations  # noqa: F401  (its routes join bp)
from echo_cases.api import forms as _forms  # noqa: F401  (its routes join bp)
from echo_cases.api import hub_admin as _hub_admin  # noqa: F401  (its routes join bp)
from echo_cases.api import outcomes as _outcomes  # noqa: F401  (its routes join bp)
from echo_cases.api.views import bp


def init_app(app: Flask, csrf: CSRFProtect) -> None:
    # Bearer tokens are not sent by browsers on their own, so CSRF cannot ride on them;
    # the API never accepts the cookie session.
    csrf.exempt(bp)
    app.register_blueprint(bp)
