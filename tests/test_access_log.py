"""Access-log lines keep the shape of a request and lose the token of a link
(gunicorn itself writing them: tests/test_database_gunicorn.py; the development server
writing them: below)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet
from flask import Flask

from echo_cases.http.access_log import redact
from echo_cases.settings import Settings
from tests.test_database_gunicorn import READY_WITHIN_SECONDS, REPOSITORY, _free_port, _status


def test_every_route_opened_by_a_token_has_it_taken_out_of_the_log(app: Flask):
    token = secrets.token_urlsafe(32)
    urls = app.url_map.bind("localhost")
    token_routes = [rule for rule in app.url_map.iter_rules() if "token" in rule.arguments]
    assert token_routes, "the app has links opened by a token"
    for rule in token_routes:
        path = urls.build(rule.endpoint, {"token": token}, force_external=False)
        assert token not in redact(f"GET {path} HTTP/1.1"), rule.rule
        assert "[token]" in redact(path)


def test_a_spokes_transcript_link_loses_its_token():
    token = secrets.token_urlsafe(32)
    assert redact(f"GET /certificates/transcript/{token} HTTP/1.1") == (
        "GET /certificates/transcript/[token] HTTP/1.1")
    assert redact("POST /certificates/transcript HTTP/1.1") == (
        "POST /certificates/transcript HTTP/1.1")


def test_the_rest_of_a_line_is_left_as_it_was():
    line = 'POST /hubs/1/invitations/5/resend HTTP/1.1" 302 "/hubs/1/invitations"'
    assert redact(line) == line


def test_certificate_codes_are_taken_out_wherever_the_check_carries_them():
    for line in ["GET /certificates/verify/ABCD-EFGH-JKLM-NPQR HTTP/1.1",
                 "GET /certificates/verify?code=abcd+efgh+jklm+npqr HTTP/1.1",
                 "GET /login?next=%2Fcertificates%2Fverify%2FABCD-EFGH-JKLM-NPQR HTTP/1.1"]:
        assert "[token]" in redact(line)
        assert "EFGH" not in redact(line).upper()
    assert redact("GET /certificates/verify HTTP/1.1") == "GET /certificates/verify HTTP/1.1"


def test_the_development_servers_request_log_never_holds_a_links_token(
        settings: Settings, tmp_path: Path):
    """`flask run` (werkzeug's request log), run for real on a loopback port."""
    port, token, code = _free_port(), secrets.token_urlsafe(32), "QRST-VWXY-2345-6789"
    environment = {
        **os.environ, "ECHO_SECRET_KEY": secrets.token_urlsafe(48),
        "ECHO_SURROGATE_SECRET": secrets.token_urlsafe(48),
        "ECHO_DATA_KEYS": Fernet.generate_key().decode(),
        "ECHO_AUDIT_KEYS": secrets.token_urlsafe(48), "DATABASE_URL": settings.database_url,
        "ECHO_INSTANCE_DIR": str(tmp_path / "instance"), "ECHO_PRELOAD_DEID": "0",
        "NO_COLOR": "1",
    }
    environment.pop("REDIS_URL", None)
    log = (tmp_path / "dev-server.log").open("wb")
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        [sys.executable, "-m", "flask", "--app", "wsgi", "run", "--host", "127.0.0.1",
         "--port", str(port), "--no-reload", "--no-debugger"],
        cwd=REPOSITORY, env=environment, stdout=log, stderr=subprocess.STDOUT)
    paths = [f"/invitations/{token}", f"/login/reset/{token}", f"/calendar/{token}.ics",
             f"/evaluations/{token}", f"/login?next=%2Finvitations%2F{token}",
             f"/certificates/verify/{code}", f"/certificates/verify?code={code}"]
    try:
        deadline = time.monotonic() + READY_WITHIN_SECONDS
        while time.monotonic() < deadline and server.poll() is None \
                and _status(f"http://127.0.0.1:{port}/healthz") is None:
            time.sleep(0.2)  # polling for the port to answer: the condition, not a guess
        answered = [_status(f"http://127.0.0.1:{port}{path}") for path in paths]
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    logged = (tmp_path / "dev-server.log").read_text(errors="replace")
    assert None not in answered, logged
    # Every request was logged, each without its token or code.
    assert logged.count("[token]") >= len(paths), logged
    assert token not in logged
    assert code not in logged
    assert code.replace("-", "") not in logged
