"""How the "needs your action" lists grow from 1,000 to 10,000 cases, against the queue.

usage: python benchmarks/worklist_scaling.py [--sizes 1000,10000]
           [--database postgresql|sqlite] [--repeat 9] [--plans]

One hub grows in steps (benchmarks/seeding.py) in a scratch schema on PostgreSQL (or a
SQLite file), and at each size the median of several runs of each role's worklist
(``echo_cases.services.worklist``) and of the pages that show them (``GET /`` for the
expert and the coordinator, ``GET /cases`` for a clinician), with ``GET /queue`` (issue 6's
50 ms p95 page) as the baseline of the same run. ``--plans`` prints PostgreSQL's plan of
each walk at the largest size, to see which index it reads. Goal: the worklists stay
flat as the hub grows, and the pages cost about what the queue costs. Prints figures,
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher
from flask import Flask
from sqlalchemy import text
from sqlmodel import Session

from benchmarks.queue_export_scaling import (
    POSTGRES_URL,
    SEEDED_TABLES,
    _median_ms,
    _ok,
    _signed_in,
    _user,
    scratch_database,
)
from benchmarks.seeding import SeededHub, seed_cases
from echo_cases import create_app, migrations
from echo_cases.db import engine_of, open_session
from echo_cases.services import accounts, worklist
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from workflows import Role

METRICS = ("clinician", "expert", "coordinator", "GET /cases", "GET / expert",
           "GET / coord", "GET /queue")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("ECHO_BENCH_POSTGRES",
                                                                 POSTGRES_URL))
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--plans", action="store_true")
    args = parser.parse_args()
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    sizes = sorted(int(size) for size in args.sizes.split(","))
    with scratch_database(args.database, args.postgres_url) as (name, url):
        settings = Settings(environment="test", secret_key="bench-secret-key-" + "x" * 32,
                            surrogate_secret="bench-surrogate-secret-" + "y" * 32,
                            database_url=url, preload_deidentifier=False, csrf=False,
                            data_keys=(Vault.new_key(),))
        app = create_app(settings)
        engine = engine_of(app)
        migrations.upgrade(engine)
        rows: list[tuple[int, dict[str, float]]] = []
        hub: SeededHub | None = None
        try:
            for size in sizes:
                hub = seed_cases(engine, size - (hub.cases if hub else 0),
                                 vault=Vault(settings.data_keys))
                if engine.dialect.name == "postgresql":
                    with engine.connect().execution_options(
                            isolation_level="AUTOCOMMIT") as connection:
                        tables = ", ".join(f'"{table}"' for table in SEEDED_TABLES)
                        connection.exec_driver_sql(f"VACUUM ANALYZE {tables}")
                rows.append((size, measure(app, hub, args.repeat)))
            if args.plans and hub is not None and engine.dialect.name == "postgresql":
                plans(app, hub)
        finally:
            engine.dispose()
        report(name, rows)


def measure(app: Flask, hub: SeededHub, repeat: int) -> dict[str, float]:
    info = app.extensions["echo_cases.session_info"]
    with open_session(engine_of(app), info) as db:
        clinician = _user(db, hub.email(Role.CLINICIAN))
        expert = _user(db, hub.email(Role.EXPERT))
        coordinator = _user(db, hub.email(Role.COORDINATOR))
        figures = {
            "clinician": _median_ms(repeat, lambda: worklist.clinician_worklist(db, clinician)),
            "expert": _median_ms(repeat, lambda: worklist.expert_worklist(db, expert)),
            "coordinator": _median_ms(repeat,
                                      lambda: worklist.coordinator_worklist(db, coordinator)),
        }
    pages = {role: _signed_in(app, hub.email(role), hub.password)
             for role in (Role.CLINICIAN, Role.EXPERT, Role.COORDINATOR)}
    figures["GET /cases"] = _median_ms(repeat, lambda: _ok(pages[Role.CLINICIAN], "/cases"))
    figures["GET / expert"] = _median_ms(repeat, lambda: _ok(pages[Role.EXPERT], "/"))
    figures["GET / coord"] = _median_ms(repeat, lambda: _ok(pages[Role.COORDINATOR], "/"))
    figures["GET /queue"] = _median_ms(repeat, lambda: _ok(pages[Role.EXPERT], "/queue"))
    return figures


def plans(app: Flask, hub: SeededHub) -> None:
    """PostgreSQL's plan of each worklist statement, captured as the services run them."""
    info = app.extensions["echo_cases.session_info"]
    with open_session(engine_of(app), info) as db:
        for role, run in ((Role.CLINICIAN, worklist.clinician_worklist),
                          (Role.EXPERT, worklist.expert_worklist),
                          (Role.COORDINATOR, worklist.coordinator_worklist)):
            user = _user(db, hub.email(role))
            print(f"\n== plans of the {role.value}'s worklist")
            for statement, parameters in _statements(db, partial(run, db, user)):
                if not statement.lstrip().upper().startswith("SELECT"):
                    continue
                plan = db.connection().exec_driver_sql(
                    "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + statement, parameters)
                print("--", " ".join(statement.split())[:160])
                for (line,) in plan:
                    print("  ", line)


def _statements(db: Session, work: Callable[[], object]) -> list[tuple[str, object]]:
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def capture(_conn: object, _cursor: object, statement: str, parameters: object,
                _context: object, _many: bool) -> None:
        seen.append((statement, parameters))

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", capture)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    db.rollback()
    db.connection().execute(text("SELECT 1"))
    return seen


def report(name: str, rows: list[tuple[int, dict[str, float]]]) -> None:
    print(f"\n== {name}: medians in ms")
    print(f"{'cases':>8} " + " ".join(f"{m:>13}" for m in METRICS))
    for size, figures in rows:
        print(f"{size:>8,} " + " ".join(f"{figures[m]:>13.2f}" for m in METRICS))
    base_size, base = rows[0]
    for size, figures in rows[1:]:
        print(f"{'x' + format(size / base_size, 'g'):>8} " + " ".join(
            f"{figures[m] / base[m]:>13.2f}" for m in METRICS) + "   (against the first size)")
    for size, figures in rows:
        print(f"{size:>8,} " + " ".join(
            f"{figures[m] / figures['GET /queue']:>13.2f}" for m in METRICS)
            + "   (against GET /queue)")


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"({time.perf_counter() - t0:.0f} s in all)")
