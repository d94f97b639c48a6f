"""The web app: ``create_app`` builds it from settings, once per process."""

from __future__ import annotations

import threading
from collections.abc import Callable

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from echo_cases import db
from echo_cases.clock import CLOCK_INFO, Clock
from echo_cases.mail import SmtpMailer
from echo_cases.services.links import MAILER_INFO
from echo_cases.services.outbox import TASK_QUEUE_INFO
from echo_cases.services.throttle import counter_for
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from models import utcnow

csrf = CSRFProtect()


def create_app(settings: Settings | None = None, *, clock: Clock = utcnow) -> Flask:
    """Build the app; tests pass their own settings (and a clock they can move), everything
    else reads the environment and the real time."""
    settings = (settings or Settings.from_env()).checked()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.production,
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_ENABLED=settings.csrf,
        DEBUG=settings.debug,
    )
    app.extensions["echo_cases.settings"] = settings
    db.init_app(app, db.make_engine(settings.database_url), {
        "surrogate_secret": settings.surrogate_secret,
        "vault": Vault(settings.data_keys),
        "audit_keys": settings.audit_keys,
        "login_throttle": counter_for(settings.redis_url),
        CLOCK_INFO: clock,
        MAILER_INFO: SmtpMailer(settings.smtp),
        TASK_QUEUE_INFO: _task_queue(app),
    })
    csrf.init_app(app)

    from echo_cases import api, commands, http, security_commands, web

    http.init_app(app, settings)
    web.init_app(app, settings)
    api.init_app(app, csrf)
    commands.init_app(app)
    security_commands.init_app(app)

    if settings.preload_deidentifier:
        from echo_cases.deid import get_deidentifier

        # Loading spaCy takes a few seconds: do it now, off the request path.
        threading.Thread(target=get_deidentifier, name="deid-preload", daemon=True).start()
    return app


def _task_queue(app: Flask) -> Callable[..., None]:
    """How this app's operations queue a task (on its broker, or at once without one)."""

    def queue(task_name: str, /, **ids: int) -> None:
        from echo_cases.tasks import enqueue

        enqueue(task_name, app=app, **ids)

    return queue


def settings_of(app: Flask) -> Settings:
    return app.extensions["echo_cases.settings"]
