"""Server-rendered pages, the login gate and error pages."""

from __future__ import annotations

from flask import Flask

from echo_cases.settings import Settings
from echo_cases.web import (
    account,
    archives,
    auth,
    autosave,
    calendar,
    cases,
    errors,
    headers,
    health,
    hub_admin,
    hubs,
    invitations,
    letters,
    outcomes,
    password_reset,
    queues,
    sessions,
)


def init_app(app: Flask, settings: Settings) -> None:
    headers.init_app(app, hsts=settings.production)
    auth.init_app(app)
    errors.init_app(app)
    autosave.init_app(app)
    for blueprint in (auth.bp, cases.bp, queues.bp, health.bp, letters.bp, sessions.bp, hubs.bp,
                      archives.bp, calendar.bp, hub_admin.bp, invitations.bp,
                      password_reset.bp, account.bp, outcomes.bp):
        app.register_blueprint(blueprint)
