"""Participants and certificates at scale: the pages a coordinator and a checker use, with
10,000 participants and certificates in the hub, against the 50 ms goal.

usage: python benchmarks/certificate_scaling.py [--repeat N]

A hub with 200 past sessions of 50 participants each (every one with a certificate, the
coordinator at all of them) and one session of 300 participants is seeded into a temporary
SQLite file. Prints p50 and p95 per page, the time to issue 300 certificates (the request:
printing and e-mailing is the job's) and to print one PDF (the job's pace). Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher
from flask import Flask

from benchmarks.page_times import percentile
from echo_cases import create_app, migrations
from echo_cases.db import engine_of, unit_of_work
from echo_cases.services import accounts, credits, participants
from echo_cases.settings import Settings
from models import Certificate, EchoSession, ProgramCredit, SessionParticipant, User, utcnow
from workflows import Role

GOAL_MS = 50.0
PDF_SIZED = b"%" * 21_500  # a certificate's PDF is about 21 kB
PASSWORD = "bench-password-long-enough"  # noqa: S105 - a throwaway benchmark account


def seeded_app(directory: Path) -> tuple[Flask, dict[str, object]]:
    app = create_app(Settings(
        environment="test", secret_key="bench-secret-key-" + "x" * 32,
        surrogate_secret="bench-surrogate-secret-" + "y" * 32,
        database_url=f"sqlite:///{directory / 'bench.sqlite3'}",
        preload_deidentifier=False, csrf=False))
    migrations.upgrade(engine_of(app))
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    with unit_of_work(app) as db:
        hub = accounts.create_hub(db, "Bench Hub", "bench")
        program = accounts.create_program(db, hub, "Cervical ECHO")
        coordinator = accounts.create_user(db, "coordinator@bench.org", "Coordinator", PASSWORD)
        accounts.add_member(db, coordinator, hub, Role.COORDINATOR)
        db.add(ProgramCredit(program_id=program.id or 0, credit_centihours=150,
                             statement="Accredited by the ACCME."))
        start = utcnow() - timedelta(days=400)
        code = ""
        for n in range(200):
            session = EchoSession(hub_id=hub.id or 0, program_id=program.id or 0,
                                  starts_at=start + timedelta(days=2 * n),
                                  timezone="America/Denver", topic=f"Topic {n}")
            db.add(session)
            db.flush()
            for p in range(50):
                email = "coordinator@bench.org" if p == 0 else f"p{p}-{n}@spoke.org"
                db.add(SessionParticipant(session_id=session.id or 0, name=f"Person {p}",
                                          email=email, minutes=60))
                code = credits.new_code()
                db.add(Certificate(session_id=session.id or 0, email=email, name=f"Person {p}",
                                   session_title=f"Cervical ECHO: Topic {n}",
                                   session_date="01 January 2026", credit_centihours=150,
                                   code=code, verify_url="https://x/" + code,
                                   issued_by_id=coordinator.id or 0, sent_at=utcnow(),
                                   pdf=PDF_SIZED))
        big = EchoSession(hub_id=hub.id or 0, program_id=program.id or 0,
                          starts_at=utcnow() - timedelta(hours=3), timezone="America/Denver")
        db.add(big)
        db.flush()
        for p in range(300):
            db.add(SessionParticipant(session_id=big.id or 0, name=f"Spoke {p}",
                                      email=f"s{p}@spoke.org", minutes=30 + p % 31))
        ids = {"big": big.id, "code": code, "coordinator": coordinator.id}
    return app, ids


def _times(client: object, path: str, repeat: int) -> list[float]:
    warm = client.get(path)  # type: ignore[attr-defined]
    assert warm.status_code in (200, 404), f"{path} answered {warm.status_code}"
    times = []
    for _ in range(repeat):
        begun = time.perf_counter()
        client.get(path)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - begun) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        app, ids = seeded_app(Path(directory))
        client = app.test_client()
        assert client.post("/login", data={"email": "coordinator@bench.org",
                                           "password": PASSWORD}).status_code == 302
        # The session's own page first, as a yardstick on this machine.
        pages = [f"/sessions/{ids['big']}", f"/sessions/{ids['big']}/participants",
                 "/account/certificates",
                 f"/certificates/verify/{credits.shown_code(str(ids['code']))}",
                 "/certificates/verify/ABCD-EFGH-JKMN-PQRS"]
        results = [(path, _times(client, path, args.repeat)) for path in pages]
        day = (utcnow() - timedelta(hours=3)).strftime("%Y-%m-%d")
        report = "name,email,join time,leave time\n" + "".join(
            f"S {p},s{p % 300}@spoke.org,{day} 10:00,{day} 10:{p % 50 + 5:02d}\n"
            for p in range(1000))
        with unit_of_work(app) as db:  # rolled back: nothing is queued or kept
            coordinator = db.get(User, ids["coordinator"])
            big = db.get(EchoSession, ids["big"])
            assert coordinator is not None
            assert big is not None
            begun = time.perf_counter()
            participants.preview_import(db, coordinator, big, report)
            preview_ms = (time.perf_counter() - begun) * 1000
            begun = time.perf_counter()
            outcome = credits.issue_certificates(db, coordinator, big, lambda c: c)
            issue_ms = (time.perf_counter() - begun) * 1000
            begun = time.perf_counter()
            credits.pdf_of(db, outcome.issued[0])
            pdf_ms = (time.perf_counter() - begun) * 1000
            db.rollback()
        engine_of(app).dispose()
    print(f"10,000 participants and certificates, {args.repeat} requests per page "
          f"(goal: p95 under {GOAL_MS:.0f} ms)")
    print(f"{'page':<48} {'p50 ms':>8} {'p95 ms':>8}")
    for path, times in results:
        p95 = percentile(times, 0.95)
        flag = "  over the goal" if p95 >= GOAL_MS else ""
        print(f"{path:<48} {statistics.median(times):8.1f} {p95:8.1f}{flag}")
    print(f"preview of a 1,000-row report (300 people): {preview_ms:.0f} ms")
    print(f"issuing {len(outcome.issued)} certificates (rows only): {issue_ms:.0f} ms")
    print(f"printing one certificate PDF (the job, per e-mail): {pdf_ms:.0f} ms")


if __name__ == "__main__":
    main()
