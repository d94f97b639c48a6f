"""Production serving: gunicorn runs wsgi:app on the migrated database and reports ready."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

from echo_cases.settings import Settings

REPOSITORY = Path(__file__).resolve().parents[1]
# Loading spaCy in the worker takes a few seconds; a busy CI machine can take several times that.
READY_WITHIN_SECONDS = 120


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own loopback
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None  # not listening yet


def test_gunicorn_serves_the_app_in_production_mode_and_healthz_answers_200(
    settings: Settings, tmp_path: Path
):
    port = _free_port()
    environment = {
        **os.environ,
        "ECHO_ENV": "production",
        "ECHO_SECRET_KEY": secrets.token_urlsafe(48),
        "ECHO_SURROGATE_SECRET": secrets.token_urlsafe(48),
        "ECHO_DATA_KEYS": Fernet.generate_key().decode(),
        "ECHO_AUDIT_KEYS": secrets.token_urlsafe(48),
        "DATABASE_URL": settings.database_url,
        "ECHO_INSTANCE_DIR": str(tmp_path / "instance"),
    }
    environment.pop("REDIS_URL", None)
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "wsgi:app"],
        cwd=REPOSITORY, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            status = _status(f"http://127.0.0.1:{port}/healthz")
            if status == 200:
                break
            time.sleep(0.5)
        assert server.poll() is None, "gunicorn exited early"
        assert status == 200, f"/healthz answered {status} after {READY_WITHIN_SECONDS} s"
    finally:
        server.terminate()
        try:
            output, _ = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            output, _ = server.communicate()
    assert b"Traceback" not in output, output.decode(errors="replace")
