"""Server-rendered pages (the gate, errors and headers they share with the API are in
``echo_cases.http``)."""

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
    certificates,
    evaluations,
    health,
    hub_admin,
    hubs,
    invitations,
    letters,
    outcomes,
    participants,
    password_reset,
    queues,
    sessions,
    wording,
)


def init_app(app: Flask, settings: Settings) -> None:
    autosave.init_app(app)
    wording.init_app(app)
    for blueprint in (auth.bp, cases.bp, queues.bp, health.bp, letters.bp, sessions.bp, hubs.bp,
                      archives.bp, calendar.bp, hub_admin.bp, invitations.bp,
                      password_reset.bp, account.bp, evaluations.bp, participants.bp,
                      certificates.bp, outcomes.bp):
        app.register_blueprint(blueprint)
