"""What web pages and the API share: the sign-in gate and route policy, query parameters,
error answers and security headers. Neither web/ nor api/ is imported from here."""

from __future__ import annotations

from flask import Flask

from echo_cases.http import errors, gate, headers
from echo_cases.settings import Settings


def init_app(app: Flask, settings: Settings) -> None:
    headers.init_app(app, hsts=settings.production)
    gate.init_app(app)
    errors.init_app(app)
