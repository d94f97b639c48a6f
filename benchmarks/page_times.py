"""Server time of each page people use, on the demo hub, against the 100 ms goal.

usage: python benchmarks/page_times.py [--repeat N]

The demo hub is seeded into a temporary SQLite file; each role signs in once and every
page is requested through the WSGI app in this process, so the figures are the server's
time (routing, database, templates, de-identification for the preview), not the
network's. One warm-up request per page first: the de-identifier loads on first use.
Prints p50 and p95 per page; a speed goal, so it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher
from flask import Flask
from sqlmodel import select

from echo_cases import create_app, migrations
from echo_cases.db import engine_of, unit_of_work
from echo_cases.deid import get_deidentifier
from echo_cases.services import accounts
from echo_cases.services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from echo_cases.settings import Settings
from models import Case, EchoSession, Hub
from workflows import CaseState, Role

GOAL_MS = 100.0


def demo_app(directory: Path) -> Flask:
    app = create_app(
        Settings(
            environment="test",
            secret_key="bench-secret-key-" + "x" * 32,
            surrogate_secret="bench-surrogate-secret-" + "y" * 32,
            database_url=f"sqlite:///{directory / 'demo.sqlite3'}",
            preload_deidentifier=False,
            csrf=False,
        )
    )
    migrations.upgrade(engine_of(app))
    # Signing in is measured too; production-cost hashing would only measure Argon2.
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    seeded = app.test_cli_runner().invoke(args=["seed-demo"])  # as `make run` seeds it
    assert seeded.exit_code == 0, seeded.output
    return app


def pages_by_role(app: Flask) -> dict[Role, list[str]]:
    with unit_of_work(app) as db:
        first = {
            state: db.exec(select(Case.id).where(Case.state == state)).first()
            for state in CaseState
        }
        session_id = db.exec(select(EchoSession.id)).first()
        hub_id = db.exec(select(Hub.id)).first()
    return {
        Role.CLINICIAN: [
            "/cases",
            "/cases/new",
            f"/cases/{first[CaseState.DRAFT]}",
            f"/cases/{first[CaseState.DRAFT]}/preview",
            f"/cases/{first[CaseState.RECOMMENDATIONS_SENT]}",
        ],
        Role.EXPERT: [
            "/",
            "/queue",
            f"/cases/{first[CaseState.DEIDENTIFIED]}",
            f"/cases/{first[CaseState.PRESENTED]}",
        ],
        Role.COORDINATOR: [
            "/triage",
            f"/cases/{first[CaseState.REVIEWED]}",
            "/sessions",
            "/sessions/new",
            f"/sessions/{session_id}",
            f"/hubs/{hub_id}/dashboard",
        ],
    }


def measure(app: Flask, repeat: int) -> list[tuple[str, str, list[float]]]:
    results = [("anyone", "/login", _times(app.test_client(), "/login", repeat))]
    emails = {account.role: account.email for account in DEMO_ACCOUNTS}
    for role, paths in pages_by_role(app).items():
        client = app.test_client()
        signed_in = client.post("/login", data={"email": emails[role], "password": DEMO_PASSWORD})
        assert signed_in.status_code == 302, f"{role} could not sign in"
        results += [(role.value, path, _times(client, path, repeat)) for path in paths]
    return results


def _times(client: object, path: str, repeat: int) -> list[float]:
    warm = client.get(path)  # type: ignore[attr-defined]
    assert warm.status_code == 200, f"{path} answered {warm.status_code}"
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    get_deidentifier()
    with tempfile.TemporaryDirectory() as directory:
        app = demo_app(Path(directory))
        results = measure(app, args.repeat)
        engine_of(app).dispose()
    print(
        f"server time per page on the demo hub, {args.repeat} requests each "
        f"(goal: under {GOAL_MS:.0f} ms)"
    )
    print(f"{'who':<12} {'page':<26} {'p50 ms':>8} {'p95 ms':>8}")
    over = 0
    for who, path, times in results:
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        flag = "  over the goal" if p95 >= GOAL_MS else ""
        over += bool(flag)
        print(f"{who:<12} {path:<26} {p50:8.1f} {p95:8.1f}{flag}")
    print(f"{len(results) - over} of {len(results)} pages under {GOAL_MS:.0f} ms at p95")


if __name__ == "__main__":
    main()
