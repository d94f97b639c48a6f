"""What session evaluations cost the dashboard, a session's results page and the export, in
a hub of 10,000 cases whose every past session was evaluated.

usage: python benchmarks/evaluation_scaling.py [--cases 10000] [--database sqlite|postgresql]
           [--repeat 9] [--response-rate 0.7]

The hub of benchmarks/seeding.py (four programs, weekly sessions for three years, each past
one with its attendance) gets, for every past session, the survey a coordinator would send
(one link per attendee) and answers from ``--response-rate`` of them, written as rows (the
answering page is not what is measured). Medians, in ms, of: the results as the services
compute them (``session_summaries`` for the dashboard and the API, ``hub_results`` for the
export), ``GET /hubs/<id>/dashboard`` before and after the answers
exist, one session's results page, the CSV export, with ``GET /queue`` (the 50 ms p95 page)
as the baseline of the same run. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher
from sqlalchemy import Engine, insert, select

from benchmarks.queue_export_scaling import (
    POSTGRES_URL,
    _median_ms,
    _ok,
    _signed_in,
    _user,
    scratch_database,
)
from benchmarks.seeding import seed_cases
from echo_cases import create_app, migrations
from echo_cases.db import engine_of, open_session
from echo_cases.services import accounts, evaluation_results, evaluations
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from models import (
    Attendance,
    EchoSession,
    EvaluationInvite,
    EvaluationResponse,
    SessionEvaluation,
)
from workflows import Role


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("ECHO_BENCH_POSTGRES",
                                                                 POSTGRES_URL))
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--response-rate", type=float, default=0.7)
    args = parser.parse_args()
    accounts.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    with scratch_database(args.database, args.postgres_url) as (name, url):
        settings = Settings(environment="test", secret_key="bench-secret-key-" + "x" * 32,
                            surrogate_secret="bench-surrogate-secret-" + "y" * 32,
                            database_url=url, preload_deidentifier=False, csrf=False,
                            data_keys=(Vault.new_key(),))
        app = create_app(settings)
        engine = engine_of(app)
        migrations.upgrade(engine)
        try:
            hub = seed_cases(engine, args.cases)
            coordinator = _signed_in(app, hub.email(Role.COORDINATOR), hub.password)
            expert = _signed_in(app, hub.email(Role.EXPERT), hub.password)
            dashboard = f"/hubs/{hub.hub_id}/dashboard"
            with open_session(engine, app.extensions["echo_cases.session_info"]) as db:
                token = accounts.issue_token(db, _user(db, hub.email(Role.COORDINATOR)), "b")
                db.commit()
            api = app.test_client()
            api.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
            before = _median_ms(args.repeat, lambda: _ok(coordinator, dashboard))
            sessions, answers, last = _seed_evaluations(
                engine, hub.user_ids[Role.COORDINATOR][0], args.response_rate)
            info = app.extensions["echo_cases.session_info"]
            with open_session(engine, info) as db:
                figures = {
                    "session_summaries (dashboard, API)": _median_ms(
                        args.repeat,
                        lambda: evaluation_results.session_summaries(db, hub.hub_id)),
                    "hub_results (export)": _median_ms(
                        args.repeat, lambda: evaluation_results.hub_results(db, hub.hub_id))}
            figures["GET dashboard, no evaluations"] = before
            figures["GET dashboard"] = _median_ms(args.repeat,
                                                  lambda: _ok(coordinator, dashboard))
            figures["GET session results"] = _median_ms(
                args.repeat, lambda: _ok(coordinator, f"/sessions/{last}/evaluation"))
            figures["GET /api/v1 hub evaluations"] = _median_ms(
                args.repeat, lambda: _ok(api, f"/api/v1/hubs/{hub.hub_id}/evaluations"))
            figures["GET evaluations.csv"] = _median_ms(
                args.repeat, lambda: _ok(coordinator,
                                         f"/hubs/{hub.hub_id}/exports/evaluations.csv"))
            figures["GET /queue (baseline)"] = _median_ms(args.repeat,
                                                          lambda: _ok(expert, "/queue"))
        finally:
            engine.dispose()
    print(f"{name}: {args.cases:,} cases, {sessions:,} evaluated sessions, "
          f"{answers:,} answers; median of {args.repeat} runs")
    baseline = figures["GET /queue (baseline)"]
    for metric, ms in figures.items():
        print(f"  {metric:<32} {ms:8.1f} ms  {ms / baseline:5.1f}x the queue")


def _seed_evaluations(engine: Engine, coordinator_id: int,
                      rate: float) -> tuple[int, int, int]:
    """A survey per past session, a link per attendee, answers from ``rate`` of them."""
    rng = random.Random(15)  # noqa: S311 - invented answers, reproducible, not secret
    now = datetime.now(UTC)
    questions = [dict(q) for q in evaluations.DEFAULT_QUESTIONS]
    with engine.begin() as connection:
        past = connection.execute(select(EchoSession.id).where(  # type: ignore[call-overload]
            EchoSession.starts_at < now - timedelta(hours=2))).scalars().all()
        attended = connection.execute(select(Attendance.session_id, Attendance.user_id)
                                      .where(Attendance.session_id.in_(past))).all()
        connection.execute(insert(SessionEvaluation), [
            {"session_id": s, "questions": questions, "anonymous": True,
             "opened_by_id": coordinator_id, "opened_at": now} for s in past])
        invites, responses = [], []
        for n, (session_id, user_id) in enumerate(attended):
            answered = rng.random() < rate
            invites.append({"session_id": session_id, "respondent_key": f"user:{user_id}",
                            "user_id": user_id, "email": f"u{user_id}@bench.example",
                            "name": f"Person {user_id}", "digest": f"{n:064x}",
                            "expires_at": now, "send_error": "", "answered": answered})
            if answered:
                responses.append({"session_id": session_id, "invite_id": None,
                                  "submitted_on": now.date(), "answers": {
                                      "relevance": str(rng.randint(2, 5)),
                                      "confidence": str(rng.randint(1, 5)),
                                      "intention": rng.choice(("yes", "no", "unsure"))}})
        connection.execute(insert(EvaluationInvite), invites)
        connection.execute(insert(EvaluationResponse), responses)
    return len(past), len(responses), max(past)


if __name__ == "__main__":
    main()
