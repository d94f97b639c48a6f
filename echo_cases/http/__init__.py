"""What web pages and the API share: the sign-in gate and route policy, query parameters,
error answers and security headers. Neither web/ nor api/ is imported from here."""

from __future__ import annotations

from flask import Flask

from echo_cases.http import access_log, errors, gate, headers, params, text_input
from echo_cases.settings import Settings


def init_app(app: Flask, settings: Settings) -> None:
    headers.init_app(app, hsts=settings.production)
    access_log.init_app(app)
    text_input.init_app(app)  # before the gate: a sign-in form is a form too
    gate.init_app(app)
    params.init_app(app)  # after the gate: who asks is known, a stranger signs in first
    errors.init_app(app)
