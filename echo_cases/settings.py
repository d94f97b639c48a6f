"""Typed, frozen settings, read from the environment once at start-up."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

INSTANCE_DIR = Path(os.environ.get("ECHO_INSTANCE_DIR", Path.cwd() / "instance"))


class SettingsError(RuntimeError):
    """The configuration is unsafe or incomplete; the app refuses to start."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    username: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = True
    sender: str = "echo-cases@localhost"
    timeout_seconds: float = 20.0
    # A refused letter is tried again after this long, then twice as long, and so on.
    retry_seconds: int = 60


@dataclass(frozen=True)
class Settings:
    environment: str = "development"  # development | test | production
    secret_key: str = ""
    database_url: str = f"sqlite:///{INSTANCE_DIR / 'echo-cases.sqlite3'}"
    # Requests larger than this are refused with 413 before anything is read.
    max_request_bytes: int = 512 * 1024
    # Load the de-identifier in the background at start-up so the first submission is quick.
    preload_deidentifier: bool = True
    # Secret mixed into each case's surrogate seed and date shift.
    surrogate_secret: str = ""
    # Fernet keys sealing identified originals, newest first (see echo_cases.vault).
    data_keys: tuple[str, ...] = ()
    # HMAC keys of the audit chain, newest first (see echo_cases.services.audit); never
    # stored in the database, so SQL access alone cannot recompute the chain.
    audit_keys: tuple[str, ...] = field(default=(), repr=False)
    # A signed-in browser is signed out after this long idle, and after this long at all.
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    # Identified originals are deleted this many days after the letter is sent (None: kept).
    retention_days: int | None = None
    debug: bool = False
    # Only tests that post forms without a browser turn this off; production cannot.
    csrf: bool = True
    # Celery's broker, e.g. redis://127.0.0.1:6379/0; empty runs tasks in-process.
    redis_url: str = ""
    # Outgoing mail for letters; with no host, letters wait in the outbox (visible on triage).
    smtp: SmtpSettings = field(default_factory=lambda: SmtpSettings())
    # Where people reach this server, e.g. https://echo.example.org: the links in invitation
    # and password-reset e-mails start with it. Empty: the address the request came to
    # (fine behind a proxy that passes only known host names).
    public_url: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def production(self) -> bool:
        return self.environment == "production"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        settings = cls(
            environment=env.get("ECHO_ENV", "development"),
            secret_key=env.get("ECHO_SECRET_KEY", ""),
            database_url=env.get("DATABASE_URL", cls.database_url),
            max_request_bytes=int(env.get("ECHO_MAX_REQUEST_BYTES", cls.max_request_bytes)),
            preload_deidentifier=env.get("ECHO_PRELOAD_DEID", "1") != "0",
            surrogate_secret=env.get("ECHO_SURROGATE_SECRET", ""),
            data_keys=tuple(k.strip() for k in env.get("ECHO_DATA_KEYS", "").split(",")
                            if k.strip()),
            audit_keys=tuple(k.strip() for k in env.get("ECHO_AUDIT_KEYS", "").split(",")
                             if k.strip()),
            session_idle_minutes=int(env.get("ECHO_SESSION_IDLE_MINUTES", "30")),
            session_max_hours=int(env.get("ECHO_SESSION_MAX_HOURS", "12")),
            retention_days=int(env["ECHO_RETENTION_DAYS"]) if env.get("ECHO_RETENTION_DAYS")
            else None,
            debug=env.get("FLASK_DEBUG", "0") == "1",
            redis_url=env.get("REDIS_URL", ""),
            public_url=env.get("ECHO_PUBLIC_URL", "").rstrip("/"),
            smtp=SmtpSettings(
                host=env.get("ECHO_SMTP_HOST", ""),
                port=int(env.get("ECHO_SMTP_PORT", "587")),
                username=env.get("ECHO_SMTP_USERNAME", ""),
                password=env.get("ECHO_SMTP_PASSWORD", ""),
                starttls=env.get("ECHO_SMTP_STARTTLS", "1") != "0",
                sender=env.get("ECHO_MAIL_FROM", "echo-cases@localhost"),
                retry_seconds=int(env.get("ECHO_SMTP_RETRY_SECONDS", "60")),
            ),
        )
        return settings.checked()

    def checked(self) -> Settings:
        """Refuse unsafe production settings; give development a stable local secret."""
        if self.production:
            if self.debug:
                raise SettingsError("Refusing to run in production with debug on.")
            if not self.csrf:
                raise SettingsError("Refusing to run in production without CSRF protection.")
            if len(self.secret_key) < 32:
                raise SettingsError("Set ECHO_SECRET_KEY to a random value of 32+ characters.")
            if len(self.surrogate_secret) < 32:
                raise SettingsError(
                    "Set ECHO_SURROGATE_SECRET to a random value of 32+ characters."
                )
            if not self.data_keys:
                raise SettingsError("Set ECHO_DATA_KEYS to one or more Fernet keys "
                                    "(flask --app wsgi new-data-key makes one).")
            if not self.audit_keys or any(len(key) < 32 for key in self.audit_keys):
                raise SettingsError("Set ECHO_AUDIT_KEYS to one or more random values of "
                                    "32+ characters, newest first.")
            return self
        updates: dict[str, str] = {}
        if not self.secret_key:
            updates["secret_key"] = _local_secret("secret_key")
        if not self.surrogate_secret:
            updates["surrogate_secret"] = _local_secret("surrogate_secret")
        keys: dict[str, tuple[str, ...]] = {}
        if not self.data_keys:
            keys["data_keys"] = (_local_secret("data_key", _fernet_key),)
        if not self.audit_keys:
            keys["audit_keys"] = (_local_secret("audit_key"),)
        return replace(self, **updates, **keys) if updates or keys else self


def _fernet_key() -> str:
    from echo_cases.vault import Vault

    return Vault.new_key()


def _local_secret(name: str, make: Callable[[], str] = lambda: secrets.token_urlsafe(48)) -> str:
    """A random secret kept in the instance folder, for development machines only."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()
