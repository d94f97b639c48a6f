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


def test_gunicorns_access_log_never_holds_a_links_token(settings: Settings, tmp_path: Path):
    port, log = _free_port(), tmp_path / "access.log"
    token = secrets.token_urlsafe(32)
    environment = {
        **os.environ, "ECHO_SECRET_KEY": secrets.token_urlsafe(48),
        "ECHO_SURROGATE_SECRET": secrets.token_urlsafe(48),
        "ECHO_DATA_KEYS": Fernet.generate_key().decode(),
        "ECHO_AUDIT_KEYS": secrets.token_urlsafe(48), "DATABASE_URL": settings.database_url,
        "ECHO_INSTANCE_DIR": str(tmp_path / "instance"), "ECHO_PRELOAD_DEID": "0",
    }
    environment.pop("REDIS_URL", None)
    # As deployed: gunicorn reads gunicorn.conf.py from the directory it starts in.
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", str(log), "wsgi:app"],
        cwd=REPOSITORY, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    paths = [f"/invitations/{token}", f"/login/reset/{token}", f"/calendar/{token}.ics",
             f"/login?next=%2Finvitations%2F{token}"]
    try:
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        while time.monotonic() < deadline and server.poll() is None \
                and _status(f"http://127.0.0.1:{port}/login") is None:
            time.sleep(0.2)
        answered = [_status(f"http://127.0.0.1:{port}{path}") for path in paths]
        # The page a form posts from is its Referer: the reset page's address, token and all.
        came_from = urllib.request.Request(f"http://127.0.0.1:{port}/login", headers={
            "Referer": f"http://127.0.0.1:{port}/login/reset/{token}"})
        with urllib.request.urlopen(came_from, timeout=5):  # noqa: S310 - our own loopback
            pass
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert None not in answered, output.decode(errors="replace")
    logged = log.read_text()
    assert token not in logged
    assert logged.count("[token]") >= len(paths) + 1, logged
