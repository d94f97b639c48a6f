"""How long "Forgot your password?" takes to answer, for a member's address and for an
unknown one: the difference is what a timing oracle reads.

usage: python benchmarks/reset_timing.py [--requests N] [--redis redis://127.0.0.1:6379/0]

Requests go through the WSGI app in this process to a fresh SQLite file; e-mail goes to an
SMTP server on loopback (a real one, farther away, only widens an in-request gap). Known
and unknown addresses alternate, each used once (asking is throttled per address). With
``--redis`` the reset e-mail is a task left on the broker (no worker runs: its time is
not the request's); without, tasks run in the request. Prints medians, their gap and
their ratio (member / unknown, 1.00 when the two cannot be told apart); asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import redis
from argon2 import PasswordHasher

from echo_cases import create_app, migrations
from echo_cases.db import engine_of, unit_of_work
from echo_cases.services import accounts
from echo_cases.settings import Settings, SmtpSettings
from echo_cases.tasks.celery_app import celery_for
from tests.mail_server import Inbox, free_port, serving
from workflows import Role


def medians(requests: int, redis_url: str, directory: Path) -> tuple[float, float, int]:
    port = free_port()
    app = create_app(Settings(
        environment="test", secret_key="bench-secret-key-" + "x" * 32,
        surrogate_secret="bench-surrogate-secret-" + "y" * 32,
        audit_keys=("bench-audit-key-" + "z" * 32,),
        database_url=f"sqlite:///{directory / f'reset-{uuid.uuid4().hex}.sqlite3'}",
        preload_deidentifier=False, csrf=False, redis_url=redis_url,
        public_url="https://echo.example.org",
        smtp=SmtpSettings(host="127.0.0.1", port=port, starttls=False,
                          sender="hub@example.org")))
    queue = f"bench-{uuid.uuid4().hex}"  # this run's own, emptied at the end
    if redis_url:
        celery_for(app).conf.task_default_queue = queue
    migrations.upgrade(engine_of(app))
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    with unit_of_work(app) as db:
        hub = accounts.create_hub(db, "Bench", "bench")
        for n in range(requests):
            user = accounts.create_user(db, f"member{n}@example.org", f"Member {n}", "x" * 16)
            accounts.add_member(db, user, hub, Role.CLINICIAN)
    client = app.test_client()
    known: list[float] = []
    unknown: list[float] = []
    with serving(Inbox(), port) as inbox:
        for n in range(requests):
            for address, times in ((f"member{n}@example.org", known),
                                   (f"stranger{n}@example.org", unknown)):
                started = time.perf_counter()
                client.post("/login/forgot", data={"email": address})
                times.append((time.perf_counter() - started) * 1000)
        sent = len(inbox.messages)
    engine_of(app).dispose()
    if redis_url:
        redis.Redis.from_url(redis_url).delete(queue)
    return statistics.median(known), statistics.median(unknown), sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--redis", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        for label, url in (("tasks in the request", ""), ("tasks on the broker", args.redis)):
            if label.endswith("broker") and not url:
                continue
            known, unknown, sent = medians(args.requests, url, Path(directory))
            # The ratio is the figure to watch: the same run's unknown address is its
            # baseline, so a loaded machine slows both alike; 1.00 tells nothing apart.
            print(f"{label:22} member {known:6.1f} ms  unknown {unknown:6.1f} ms  "
                  f"gap {known - unknown:+6.1f} ms  ratio {known / unknown:4.2f}  "
                  f"e-mails sent in requests: {sent}")


if __name__ == "__main__":
    main()
