"""How the queues and the hub export grow from 1,000 to 100,000 cases, as ratios.

usage: python benchmarks/queue_export_scaling.py [--sizes 1000,10000,100000]
           [--database both|postgresql|sqlite] [--repeat 7] [--export-repeat 3]

One hub grows in steps (1,000 cases, then 9,000 more, then 90,000 more; see
benchmarks/seeding.py), first on PostgreSQL (in a schema of its own, created and
dropped here; on SQLite instead, saying so, when no server answers) and then on a
SQLite file. At each size, the median of several runs of:

- the coordinator's triage queue (``review.queue_page``): the first page, and a page in
  the middle of the queue reached by its cursor; and for comparison the same middle page
  read the naive way, one query over every waiting case with OFFSET;
- the expert's queue (``review.expert_queue_page``), first page;
- the pages ``GET /triage``, ``GET /triage?after=<middle>`` and ``GET /queue`` through
  the Flask test client, signed in as the hub's coordinator and expert;
- the hub's CSV export, ``GET /hubs/<id>/exports/cases.csv``, read as a stream: total
  time, time per 1,000 rows, and the peak of memory allocated meanwhile (tracemalloc,
  in a run of its own so that tracing does not slow the timed runs).

Goal: the queue ratios stay near 1 (flat), the export's time grows no faster than its
rows (per-row time flat) and its peak memory stays flat (it streams). A speed goal: it
prints figures and asserts nothing. On PostgreSQL the tables are VACUUMed and ANALYZEd
after each step, as autovacuum would do in production.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import make_url
from sqlmodel import Session, col, select

from benchmarks.seeding import SeededHub, seed_cases
from echo_cases import create_app, migrations
from echo_cases.db import dispose_engines, engine_of, make_engine, open_session
from echo_cases.services import accounts, review
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from models import Case, User
from workflows import CaseState, Role

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SEEDED_TABLES = ("case", "case_transition", "case_original", "pre_review", "agenda_item",
                 "echo_session", "attendance", "program", "user", "membership")
ACTIVE = frozenset({CaseState.DEIDENTIFIED, CaseState.REVIEWED, CaseState.PRESENTED})
# Columns of the table: (key, heading, unit); ratio goal: "flat" or "rows" (linear).
METRICS = (
    ("triage_first", "triage p1", "ms", "flat"),
    ("triage_middle", "triage mid", "ms", "flat"),
    ("triage_offset", "OFFSET mid", "ms", "old"),
    ("expert_first", "expert p1", "ms", "flat"),
    ("http_triage", "GET /triage", "ms", "flat"),
    ("http_triage_middle", "GET mid", "ms", "flat"),
    ("http_queue", "GET /queue", "ms", "flat"),
    ("export_s", "export s", "s", "rows"),
    ("export_ms_per_1k", "ms/1k rows", "ms", "flat"),
    ("export_peak_mib", "peak MiB", "MiB", "flat"),
)


@dataclass
class Step:
    size: int
    seed_seconds: float
    queue_length: int
    export_rows: int
    figures: dict[str, float] = field(default_factory=dict)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="cases in the hub at each step, comma-separated, growing")
    parser.add_argument("--database", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument("--postgres-url", default=os.environ.get("ECHO_BENCH_POSTGRES",
                                                                 POSTGRES_URL))
    parser.add_argument("--repeat", type=int, default=7, help="runs of each queue timing")
    parser.add_argument("--export-repeat", type=int, default=3, help="runs of the export")
    args = parser.parse_args()
    # A plain `kill` should still drop the PostgreSQL schema made here (the finally below).
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))
    sizes = sorted(int(size) for size in args.sizes.split(","))
    # Signing in is not what is measured: production-cost Argon2 would only add noise.
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    kinds = ["postgresql", "sqlite"] if args.database == "both" else [args.database]
    for kind in kinds:
        with scratch_database(kind, args.postgres_url) as (name, url):
            report(name, run(url, sizes, args.repeat, args.export_repeat))


@contextmanager
def scratch_database(kind: str, postgres_url: str) -> Iterator[tuple[str, str]]:
    """A database of its own: a schema on the PostgreSQL server, else a SQLite file."""
    if kind == "postgresql":
        schema = f"echo_bench_scaling_{os.getpid()}"
        try:
            admin = make_engine(postgres_url)
            with admin.begin() as connection:
                connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        except Exception as error:  # noqa: BLE001 - any failure to reach it means "no server"
            print(f"!! PostgreSQL at {postgres_url} is not reachable ({type(error).__name__}): "
                  "measuring on SQLite instead")
        else:
            url = make_url(postgres_url).update_query_dict(
                {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
            try:
                yield f"PostgreSQL (schema {schema})", url
            finally:
                # A streamed response's session may still hold its transaction (and locks).
                dispose_engines(including_checked_out=True)
                with admin.begin() as connection:
                    connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                admin.dispose()
            return
    with tempfile.TemporaryDirectory() as directory:
        yield "SQLite (a temporary file)", f"sqlite:///{Path(directory) / 'scaling.sqlite3'}"


def run(url: str, sizes: list[int], repeat: int, export_repeat: int) -> list[Step]:
    settings = Settings(environment="test", secret_key="bench-secret-key-" + "x" * 32,
                        surrogate_secret="bench-surrogate-secret-" + "y" * 32,
                        database_url=url, preload_deidentifier=False, csrf=False,
                        data_keys=(Vault.new_key(),))
    app = create_app(settings)
    engine = engine_of(app)
    migrations.upgrade(engine)
    steps: list[Step] = []
    hub: SeededHub | None = None
    try:
        for size in sizes:
            have = hub.cases if hub else 0
            start = time.perf_counter()
            hub = seed_cases(engine, size - have, vault=Vault(settings.data_keys))
            seeded = time.perf_counter() - start
            if engine.dialect.name == "postgresql":
                # What autovacuum does to a table in use: statistics for the planner, and
                # the visibility map that lets an index-only scan skip the table.
                with engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as connection:
                    # Only this schema's tables (search_path), not the whole database.
                    tables = ", ".join(f'"{name}"' for name in SEEDED_TABLES)
                    connection.exec_driver_sql(f"VACUUM ANALYZE {tables}")
            print(f"   {size:>7,} cases seeded (+{size - have:,} in {seeded:.1f} s); measuring",
                  flush=True)
            steps.append(measure(app, hub, size, seeded, repeat, export_repeat))
    finally:
        engine.dispose()
    return steps


def measure(app: Flask, hub: SeededHub, size: int, seeded: float, repeat: int,
            export_repeat: int) -> Step:
    info = app.extensions["echo_cases.session_info"]
    with open_session(engine_of(app), info) as db:
        coordinator = _user(db, hub.email(Role.COORDINATOR))
        expert = _user(db, hub.email(Role.EXPERT))
        wanted = review.QueueFilter(states=ACTIVE)
        middle_at, depth, length = _middle(db, coordinator, wanted)
        middle = review.PageRequest(after=middle_at)
        figures = {
            "triage_first": _median_ms(repeat, lambda: review.queue_page(
                db, coordinator, wanted, review.PageRequest())),
            "triage_middle": _median_ms(repeat, lambda: review.queue_page(
                db, coordinator, wanted, middle)),
            "triage_offset": _median_ms(repeat, lambda: _offset_page(db, hub.hub_id, depth)),
            "expert_first": _median_ms(repeat, lambda: review.expert_queue_page(
                db, expert, ACTIVE, review.PageRequest())),
        }
    staff = _signed_in(app, hub.email(Role.COORDINATOR), hub.password)
    panel = _signed_in(app, hub.email(Role.EXPERT), hub.password)
    figures["http_triage"] = _median_ms(repeat, lambda: _ok(staff, "/triage"))
    figures["http_triage_middle"] = _median_ms(
        repeat, lambda: _ok(staff, f"/triage?after={middle_at.token()}"))
    figures["http_queue"] = _median_ms(repeat, lambda: _ok(panel, "/queue"))
    export_url = f"/hubs/{hub.hub_id}/exports/cases.csv"
    times, rows = [], 0
    for _ in range(export_repeat):
        start = time.perf_counter()
        rows = _stream(staff, export_url)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    _stream(staff, export_url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    export_s = statistics.median(times)
    figures |= {"export_s": export_s, "export_ms_per_1k": export_s * 1000 / max(rows, 1) * 1000,
                "export_peak_mib": peak / 2**20}
    return Step(size, seeded, length, rows, figures)


def _middle(db: Session, user: User,
            wanted: review.QueueFilter) -> tuple[review.Cursor, int, int]:
    """The position halfway down the queue, its depth, and the queue's length.

    Found once, untimed, by walking the whole queue a thousand cases at a time.
    """
    marks, length = [], 0
    page = review.queue_page(db, user, wanted, review.PageRequest(size=1000))
    while True:
        length += len(page.rows)
        if page.next is None:
            break
        marks.append(page.next)
        page = review.queue_page(db, user, wanted,
                                 review.PageRequest(after=page.next, size=1000))
    if not marks:
        return review.Cursor.parse("0-1"), 0, length
    half = len(marks) // 2
    return marks[half], 1000 * (half + 1), length


def _user(db: Session, email: str) -> User:
    user = db.exec(select(User).where(User.email == email)).one()
    db.expunge(user)
    return user


def _signed_in(app: Flask, email: str, password: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, f"{email} could not sign in"
    return client


def _ok(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"


def _stream(client: FlaskClient, path: str) -> int:
    """Read the export chunk by chunk, as a browser would; return its data rows."""
    response = client.get(path, buffered=False)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    lines = 0
    for chunk in response.iter_encoded():
        lines += chunk.count(b"\n")
    response.close()
    return lines - 1  # the header


def _median_ms(repeat: int, work: Callable[[], object]) -> float:
    work()  # warm-up: caches, compiled statements
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _offset_page(db: Session, hub_id: int, depth: int) -> list[int]:
    """The middle page read without a cursor: sort every waiting case, skip ``depth``."""
    return list(db.exec(
        select(Case.id).where(Case.hub_id == hub_id, col(Case.state).in_(ACTIVE),
                              col(Case.submitted_at).is_not(None))
        .order_by(col(Case.submitted_at), col(Case.id)).offset(depth).limit(review.PAGE_SIZE)))


def report(name: str, steps: list[Step]) -> None:
    print(f"\n== {name}: medians; queue pages of {review.PAGE_SIZE}, middle page by cursor "
          "(OFFSET mid: the same page read by OFFSET, for comparison)")
    header = f"{'cases':>8} {'seed s':>7} {'queue':>7} " + " ".join(
        f"{heading:>11}" for _key, heading, _unit, _goal in METRICS)
    print(header)
    for step in steps:
        print(f"{step.size:>8,} {step.seed_seconds:>7.1f} {step.queue_length:>7,} " + " ".join(
            f"{step.figures[key]:>11.2f}" for key, *_rest in METRICS))
    base = steps[0]
    print(f"ratios against {base.size:,} cases (flat: ~1; export s: the size ratio or less)")
    for step in steps[1:]:
        print(f"{'x' + format(step.size / base.size, 'g'):>8} {'':>7} {'':>7} " + " ".join(
            f"{step.figures[key] / base.figures[key]:>11.2f}" for key, *_rest in METRICS))
    print(f"(queue: cases in the triage queue; export rows at the largest size: "
          f"{steps[-1].export_rows:,})")


if __name__ == "__main__":
    main()
