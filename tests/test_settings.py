"""The app refuses unsafe production settings at start-up."""

from __future__ import annotations

import pytest

from echo_cases.settings import Settings, SettingsError
from echo_cases.vault import Vault

STRONG = "s" * 40
KEY = Vault.new_key()


@pytest.mark.parametrize(("environ", "complaint"), [
    ({"ECHO_ENV": "production"}, "ECHO_SECRET_KEY"),
    ({"ECHO_ENV": "production", "ECHO_SECRET_KEY": "short"}, "ECHO_SECRET_KEY"),
    ({"ECHO_ENV": "production", "ECHO_SECRET_KEY": STRONG}, "ECHO_SURROGATE_SECRET"),
    ({"ECHO_ENV": "production", "ECHO_SECRET_KEY": STRONG, "ECHO_SURROGATE_SECRET": STRONG},
     "ECHO_DATA_KEYS"),
    ({"ECHO_ENV": "production", "ECHO_SECRET_KEY": STRONG, "ECHO_SURROGATE_SECRET": STRONG,
      "ECHO_DATA_KEYS": KEY, "FLASK_DEBUG": "1"}, "debug"),
    ({"ECHO_ENV": "production", "ECHO_SECRET_KEY": STRONG, "ECHO_SURROGATE_SECRET": STRONG,
      "ECHO_DATA_KEYS": KEY}, "ECHO_AUDIT_KEYS"),
    ({"ECHO_ENV": "production", "ECHO_SECRET_KEY": STRONG, "ECHO_SURROGATE_SECRET": STRONG,
      "ECHO_DATA_KEYS": KEY, "ECHO_AUDIT_KEYS": f"{STRONG},short"}, "ECHO_AUDIT_KEYS"),
])
def test_production_refuses_to_start_unsafely(environ: dict[str, str], complaint: str):
    with pytest.raises(SettingsError, match=complaint):
        Settings.from_env(environ)


def test_production_starts_with_real_secrets():
    settings = Settings.from_env({"ECHO_ENV": "production", "ECHO_SECRET_KEY": STRONG,
                                  "ECHO_SURROGATE_SECRET": STRONG, "ECHO_DATA_KEYS": KEY,
                                  "ECHO_AUDIT_KEYS": f" {STRONG}2 , {STRONG}1 ",
                                  "DATABASE_URL": "sqlite://"})
    assert settings.production
    assert settings.secret_key == STRONG
    assert settings.audit_keys == (f"{STRONG}2", f"{STRONG}1")


def test_the_audit_keys_never_show_in_the_settings_repr():
    settings = Settings(environment="test", audit_keys=("a-secret-audit-key-" + "k" * 32,))
    assert "a-secret-audit-key" not in repr(settings)
