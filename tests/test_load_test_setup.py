"""The load test's workers run what the caller asked for, and each request's CPU time in its
worker is recorded (benchmarks/load_test.py, benchmarks/load_cpu_hooks.py)."""

from __future__ import annotations

import runpy
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from benchmarks import load_cpu_hooks, load_test
from benchmarks.load_names import QUEUE, SUBMIT


def test_a_second_model_the_caller_names_reaches_the_workers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ECHO_DEID_SECOND_MODEL", "/models/candidate")
    monkeypatch.setenv("ECHO_SMTP_HOST", "mail.example.org")

    env = load_test.production_env("postgresql+psycopg://db/load", tmp_path)

    assert env["ECHO_DEID_SECOND_MODEL"] == "/models/candidate"
    # The rest of the caller's ECHO_ settings are not the production set's.
    assert "ECHO_SMTP_HOST" not in env
    assert env["ECHO_ENV"] == "production"


def test_the_workers_log_their_cpu_where_the_report_reads_it(tmp_path: Path) -> None:
    env = load_test.production_env("postgresql+psycopg://db/load", tmp_path)

    assert env[load_cpu_hooks.LOG_SETTING] == str(tmp_path / load_test.CPU_LOG)


def _request(method: str, path: str, monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    monkeypatch.setenv(load_cpu_hooks.LOG_SETTING, str(log))
    req = SimpleNamespace(method=method, path=path)
    load_cpu_hooks.pre_request(None, req)
    started = time.thread_time()
    while time.thread_time() - started < 0.02:
        pass
    load_cpu_hooks.post_request(None, req, {}, None)


def test_each_request_s_cpu_time_is_read_back_by_endpoint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    log = tmp_path / load_test.CPU_LOG
    _request("POST", "/cases/12/submit", monkeypatch, log)
    _request("GET", "/queue", monkeypatch, log)
    _request("GET", "/static/app.css", monkeypatch, log)

    samples = load_test.cpu_times(log)

    assert [s.name for s in samples] == [SUBMIT, QUEUE]
    assert all(20.0 <= s.ms < 1000.0 and s.ok for s in samples)
    assert all(abs(s.at - time.time()) < 60 for s in samples)


def test_no_log_no_cpu_figures(tmp_path: Path) -> None:
    assert load_test.cpu_times(tmp_path / "missing.log") == []


def test_the_workers_keep_the_checkout_s_gunicorn_settings() -> None:
    """``gunicorn -c`` reads no gunicorn.conf.py: the hooks' file carries its settings."""
    deployed = runpy.run_path(str(load_test.ROOT / "gunicorn.conf.py"))
    settings = {name: value for name, value in deployed.items() if not name.startswith("__")}

    assert settings
    assert {name: getattr(load_cpu_hooks, name, None) for name in settings} == settings
