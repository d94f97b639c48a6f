"""How the outcome figures and the hourly outcome job grow from 1,000 to 10,000 cases.

usage: python benchmarks/outcome_scaling.py [--sizes 1000,10000]
           [--database sqlite|postgresql] [--repeat 9]

One hub grows in steps (benchmarks/seeding.py); every case with its recommendations sent
gets a letter signed up to 300 days ago, and most of those an outcome (answered, declined
or awaiting, with adherence counts). At each size: the median of several runs of the hub's
outcome figures (``outcome_figures.hub_outcomes``), of the job's two scans
(``outcomes.cases_to_ask``, ``outcomes.outcomes_to_remind``), of the dashboard page that
shows the figures, of the figures' CSV, and of the clinician's worklist (which now lists
outcomes asked for), with ``GET /queue`` (issue 6's 50 ms p95 page) as the baseline of the
same run. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher
from flask import Flask
from sqlalchemy import Engine, select
from sqlmodel import SQLModel

from benchmarks.queue_export_scaling import (
    POSTGRES_URL,
    _median_ms,
    _ok,
    _signed_in,
    _user,
    scratch_database,
)
from benchmarks.seeding import SeededHub, seed_cases
from echo_cases import create_app, migrations
from echo_cases.db import engine_of, open_session
from echo_cases.services import accounts, dashboard, outcome_figures, outcomes, worklist
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from models import Adherence, OutcomeStatus, PatientStatus, as_utc, utcnow
from workflows import CaseState, Role

METRICS = ("figures", "hub figures", "to ask", "to remind", "clinician", "GET dashboard", "GET csv",
           "GET /queue")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("ECHO_BENCH_POSTGRES",
                                                                 POSTGRES_URL))
    parser.add_argument("--repeat", type=int, default=9)
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
                letters, told = _letters_and_outcomes(engine, hub)
                print(f"{size:,} cases: {letters:,} letters, {told:,} outcomes")
                rows.append((size, measure(app, hub, args.repeat)))
        finally:
            engine.dispose()
        report(name, rows)


def _letters_and_outcomes(engine: Engine, hub: SeededHub) -> tuple[int, int]:
    """A letter for every case sent its recommendations that has none yet, and for most of
    them an outcome; return how many of each the hub has now."""
    tables = SQLModel.metadata.tables
    case, letter, outcome = tables["case"], tables["letter"], tables["outcome"]
    rng = random.Random(hub.cases)  # noqa: S311 - invented data, not secrets
    now = utcnow()
    signer = hub.user_ids[Role.EXPERT][0]
    with engine.begin() as connection:
        todo = connection.execute(
            select(case.c.id, case.c.program_id, case.c.author_id, case.c.submitted_at)
            .where(case.c.hub_id == hub.hub_id,
                   case.c.state == CaseState.RECOMMENDATIONS_SENT.value,
                   ~case.c.id.in_(select(letter.c.case_id)))).all()
        new_letters, new_outcomes = [], []
        for case_id, program_id, author_id, submitted_at in todo:
            signed = now - timedelta(days=rng.uniform(0, 300))
            # As the sign-off stores it (effects.turnaround_days); seeded cases may have
            # been submitted after this invented letter, which changes nothing measured.
            turnaround = ((signed - as_utc(submitted_at)).total_seconds() / 86400
                          if submitted_at is not None else None)
            new_letters.append({"case_id": case_id, "hub_id": hub.hub_id,
                                "pdf": b"%PDF-1.4 bench", "sha256": "0" * 64,
                                "signed_by_id": signer, "created_at": signed,
                                "turnaround_days": turnaround})
            if signed > now - timedelta(days=56) or rng.random() < 0.1:
                continue  # not asked yet, or missed by a cron that was off
            status = rng.choices(list(OutcomeStatus), weights=(3, 6, 1))[0]
            counts = [rng.choice(list(Adherence)) for _ in range(rng.randint(1, 4))]
            answered = status is OutcomeStatus.ANSWERED
            new_outcomes.append({
                "case_id": case_id, "hub_id": hub.hub_id, "program_id": program_id,
                "clinician_id": author_id, "status": status.value,
                "requested_at": signed + timedelta(days=56),
                "reminders_sent": rng.randint(0, 2), "last_mailed_at": None,
                "items": [{"recommendation": "Bench.", "adherence": a.value if answered else None,
                           "why": ""} for a in counts],
                "followed": counts.count(Adherence.FOLLOWED) if answered else 0,
                "partly": counts.count(Adherence.PARTLY) if answered else 0,
                "not_followed": counts.count(Adherence.NOT_FOLLOWED) if answered else 0,
                "patient_status": rng.choice(list(PatientStatus)).value if answered else None,
                "narrative": "", "decline_reason": "",
                "answered_at": signed + timedelta(days=60) if answered else None,
                "declined_at": None, "created_at": signed + timedelta(days=56)})
        if new_letters:
            connection.execute(letter.insert(), new_letters)
        if new_outcomes:
            connection.execute(outcome.insert(), new_outcomes)
        letters = connection.execute(select(letter.c.id)).all()
        told = connection.execute(select(outcome.c.id)).all()
    return len(letters), len(told)


def measure(app: Flask, hub: SeededHub, repeat: int) -> dict[str, float]:
    info = app.extensions["echo_cases.session_info"]
    with open_session(engine_of(app), info) as db:
        clinician = _user(db, hub.email(Role.CLINICIAN))
        figures = {
            "figures": _median_ms(repeat, lambda: outcome_figures.hub_outcomes(db, hub.hub_id)),
            # The dashboard's figures from before outcomes, for scale.
            "hub figures": _median_ms(repeat, lambda: dashboard.hub_dashboard(db, hub.hub_id)),
            "to ask": _median_ms(repeat, lambda: outcomes.cases_to_ask(db)),
            "to remind": _median_ms(repeat, lambda: outcomes.outcomes_to_remind(db)),
            "clinician": _median_ms(repeat, lambda: worklist.clinician_worklist(db, clinician)),
        }
    coordinator = _signed_in(app, hub.email(Role.COORDINATOR), hub.password)
    expert = _signed_in(app, hub.email(Role.EXPERT), hub.password)
    figures["GET dashboard"] = _median_ms(
        repeat, lambda: _ok(coordinator, f"/hubs/{hub.hub_id}/dashboard"))
    figures["GET csv"] = _median_ms(
        repeat, lambda: _ok(coordinator, f"/hubs/{hub.hub_id}/exports/outcomes.csv"))
    figures["GET /queue"] = _median_ms(repeat, lambda: _ok(expert, "/queue"))
    return figures


def report(name: str, rows: list[tuple[int, dict[str, float]]]) -> None:
    print(f"\n== {name}: medians in ms")
    print(f"{'cases':>8} " + " ".join(f"{m:>13}" for m in METRICS))
    for size, figures in rows:
        print(f"{size:>8,} " + " ".join(f"{figures[m]:>13.2f}" for m in METRICS))
    for size, figures in rows:
        print(f"{size:>8,} " + " ".join(
            f"{figures[m] / figures['GET /queue']:>13.2f}" for m in METRICS)
            + "   (against GET /queue)")


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"({time.perf_counter() - t0:.0f} s in all)")
