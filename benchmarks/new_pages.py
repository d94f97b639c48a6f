"""The pages of issue 15 against the queue, in one run: a session's participants (300
people), a member's certificates (200), the hub dashboard and its credits CSV, in a hub of
10,000 cases whose past sessions were evaluated and whose letters have outcomes.

usage: python benchmarks/new_pages.py [--cases 10000] [--repeat 30] [--profile DIR]

The hub of benchmarks/seeding.py, with the evaluations of benchmarks/evaluation_scaling.py,
the letters (with PDFs of a real size) and outcomes of benchmarks/outcome_scaling.py, 200
certificates for the coordinator and one session of 300 participants. Prints p50 and p95
per page and each as a multiple of ``GET /queue`` (the 50 ms p95 page) measured in the same
run, and the queries each page makes; with ``--profile``, writes a cProfile of each page
there. Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher
from sqlalchemy import Engine, event, insert, select, update

from benchmarks.evaluation_scaling import _seed_evaluations
from benchmarks.outcome_scaling import _letters_and_outcomes
from benchmarks.page_times import percentile
from benchmarks.queue_export_scaling import _ok, _signed_in, scratch_database
from benchmarks.seeding import SeededHub, seed_cases
from echo_cases import create_app, migrations
from echo_cases.db import engine_of
from echo_cases.services import accounts, credits
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from models import Certificate, EchoSession, Letter, SessionParticipant, User, utcnow
from workflows import Role

GOAL_MS = 50.0
# A PDF as big as a certificate's (benchmarks/certificate_scaling.py): in SQLite a row's
# columns after its PDF are read through the PDF's pages, so the size matters.
PDF_SIZED = b"%" * 21_500


def _seed_credit(engine: Engine, hub: SeededHub) -> int:
    """200 certificates for the coordinator, one per past session, and a session of 300
    participants ended three hours ago; return that session's id."""
    coordinator = hub.user_ids[Role.COORDINATOR][0]
    now = utcnow()
    with engine.begin() as connection:
        email = connection.execute(select(User.email).where(  # type: ignore[call-overload]
            User.id == coordinator)).scalar_one()
        past = connection.execute(select(EchoSession.id).where(  # type: ignore[call-overload]
            EchoSession.hub_id == hub.hub_id, EchoSession.starts_at < now - timedelta(days=1))
            .order_by(EchoSession.starts_at).limit(200)).scalars().all()
        rows = []
        for n, session_id in enumerate(past):
            code = credits.new_code()
            rows.append({"session_id": session_id, "email": email, "name": "Coordinator",
                         "user_id": coordinator, "session_title": f"Cervical ECHO: Topic {n}",
                         "session_date": "01 January 2026", "credit_centihours": 150,
                         "code": code, "verify_url": "https://x/" + code, "statement": "",
                         "pdf": PDF_SIZED, "issued_by_id": coordinator, "issued_at": now,
                         "sent_at": now, "attempts": 1, "next_attempt_at": now,
                         "last_error": ""})
        connection.execute(insert(Certificate), rows)
        connection.execute(update(Letter).values(pdf=PDF_SIZED))
        program = connection.execute(select(EchoSession.program_id).where(  # type: ignore[call-overload]
            EchoSession.hub_id == hub.hub_id).limit(1)).scalar_one()
        big = connection.execute(insert(EchoSession).values(
            hub_id=hub.hub_id, program_id=program, starts_at=now - timedelta(hours=3),
            timezone="America/Denver", duration_minutes=60, topic="Big session",
            attendance_version=0, sequence=0, video_url="",
            created_at=now)).inserted_primary_key[0]
        connection.execute(insert(SessionParticipant), [
            {"session_id": big, "name": f"Spoke {p}", "email": f"s{p}@spoke.org",
             "profession": "", "organisation": "", "minutes": 30 + p % 31,
             "user_id": None, "created_at": now, "updated_at": now} for p in range(300)])
    return int(big)


def _times(work: Callable[[], object], repeat: int) -> list[float]:
    work()  # warm-up: caches, compiled statements
    times = []
    for _ in range(repeat):
        begun = time.perf_counter()
        work()
        times.append((time.perf_counter() - begun) * 1000)
    return times


def _queries(engine: Engine, work: Callable[[], object]) -> int:
    counted = [0]

    def count(*_args: object) -> None:
        counted[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return counted[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--no-freeze", action="store_true",
                        help="leave start-up's objects to the collector (wsgi.py freezes them)")
    args = parser.parse_args()
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    with scratch_database("sqlite", "") as (name, url):
        settings = Settings(environment="test", secret_key="bench-secret-key-" + "x" * 32,
                            surrogate_secret="bench-surrogate-secret-" + "y" * 32,
                            database_url=url, preload_deidentifier=False, csrf=False,
                            data_keys=(Vault.new_key(),))
        app = create_app(settings)
        engine = engine_of(app)
        migrations.upgrade(engine)
        try:
            hub = seed_cases(engine, args.cases)
            _seed_evaluations(engine, hub.user_ids[Role.COORDINATOR][0], 0.7)
            _letters_and_outcomes(engine, hub)
            big = _seed_credit(engine, hub)
            coordinator = _signed_in(app, hub.email(Role.COORDINATOR), hub.password)
            expert = _signed_in(app, hub.email(Role.EXPERT), hub.password)
            if not args.no_freeze:  # as wsgi.py does once the app is made
                gc.collect()
                gc.freeze()
            pages = [(expert, "/queue"), (coordinator, f"/sessions/{big}/participants"),
                     (coordinator, "/account/certificates"),
                     (coordinator, f"/hubs/{hub.hub_id}/dashboard"),
                     (coordinator, f"/hubs/{hub.hub_id}/exports/credits.csv")]
            results = []
            # Interleaved rounds, so a busy moment on a shared machine hits every page alike.
            times: dict[str, list[float]] = {path: [] for _, path in pages}
            for _ in range(3):
                for client, path in pages:
                    times[path] += _times(lambda c=client, p=path: _ok(c, p),
                                          max(1, args.repeat // 3))
            for client, path in pages:
                queries = _queries(engine, lambda c=client, p=path: _ok(c, p))
                results.append((path, queries, times[path]))
                if args.profile:
                    args.profile.mkdir(parents=True, exist_ok=True)
                    out = args.profile / (path.strip("/").replace("/", "_") + ".prof")
                    cProfile.runctx("_ok(client, path)", globals(),
                                    {"client": client, "path": path, "_ok": _ok}, str(out))
        finally:
            engine.dispose()
    queue = statistics.median(results[0][2]), percentile(results[0][2], 0.95)
    print(f"{name}: {args.cases:,} cases, {args.repeat} requests per page "
          f"(goal: p95 under {GOAL_MS:.0f} ms), start-up objects "
          f"{'left to the collector' if args.no_freeze else 'frozen'}")
    print(f"{'page':<32} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'p50 x':>6} {'p95 x':>6}")
    for path, queries, page_times in results:
        p50, p95 = statistics.median(page_times), percentile(page_times, 0.95)
        print(f"{path:<32} {queries:>7} {p50:8.1f} {p95:8.1f} {p50 / queue[0]:6.2f} "
              f"{p95 / queue[1]:6.2f}")


if __name__ == "__main__":
    main()
