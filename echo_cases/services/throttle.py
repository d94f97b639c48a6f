"""Counting failed sign-ins per address, where every web process sees the same count.

One process alone could count in memory; several behind a load balancer must share the
count, or an attacker simply spreads guesses across them. With ``REDIS_URL`` the count
lives in Redis (atomic, expiring by itself); without it, in the database. If Redis stops
answering, counting falls back to the database: sign-in keeps working and stays throttled.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from typing import Protocol

import redis
from sqlmodel import Session

from models import LoginThrottle, as_utc

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)

log = logging.getLogger(__name__)


class FailureCounter(Protocol):
    def locked_until(self, db: Session, key: str, now: datetime) -> datetime | None:
        """When the lock on ``key`` ends, if it is locked now."""
        ...

    def count_failure(self, db: Session, key: str, now: datetime) -> datetime | None:
        """Count one failure; return when the lock ends if this one locked the address."""
        ...

    def clear(self, db: Session, key: str) -> None:
        """Forget the failures of ``key`` (its owner just signed in)."""
        ...


class DatabaseCounter:
    """Counts in ``login_throttle``: shared by every process that shares the database."""

    def locked_until(self, db: Session, key: str, now: datetime) -> datetime | None:
        row = db.get(LoginThrottle, key)
        if row and row.locked_until and as_utc(row.locked_until) > now:
            return as_utc(row.locked_until)
        return None

    def count_failure(self, db: Session, key: str, now: datetime) -> datetime | None:
        # Its own transaction: the refused request rolls back, the count must not.
        with Session(db.get_bind(), expire_on_commit=False) as apart:
            row = apart.get(LoginThrottle, key) or LoginThrottle(email=key, window_started_at=now)
            if now - as_utc(row.window_started_at) > FAILURE_WINDOW:
                row.failures, row.window_started_at = 0, now
            row.failures += 1
            if row.failures >= MAX_FAILURES:
                row.locked_until = now + LOCKOUT
            apart.add(row)
            apart.commit()
            return as_utc(row.locked_until) if row.locked_until else None

    def clear(self, db: Session, key: str) -> None:
        row = db.get(LoginThrottle, key)
        if row is not None:
            db.delete(row)


class RedisCounter:
    """Counts in Redis, keyed by a digest so that no address is stored there in the clear.

    A failure is one INCR in a window that expires on its own; reaching the limit sets a
    lock key that expires when the lockout ends. Nothing needs sweeping up.
    """

    PREFIX = "echo-cases:login"

    def __init__(self, client: redis.Redis, fallback: FailureCounter | None = None) -> None:
        self.client = client
        self.fallback = fallback or DatabaseCounter()

    @classmethod
    def from_url(cls, url: str) -> RedisCounter:
        # Short timeouts: a sign-in page must not hang on a broken Redis, it falls back.
        return cls(redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5))

    def keys(self, key: str) -> tuple[str, str]:
        digest = hashlib.sha256(key.encode()).hexdigest()
        return f"{self.PREFIX}:failures:{digest}", f"{self.PREFIX}:locked:{digest}"

    def locked_until(self, db: Session, key: str, now: datetime) -> datetime | None:
        _failures, locked = self.keys(key)
        try:
            until = self.client.get(locked)
        except redis.RedisError:
            log.warning("Redis unreachable; reading sign-in locks from the database")
            return self.fallback.locked_until(db, key, now)
        if until is None:
            return self.fallback.locked_until(db, key, now)  # locked while Redis was away
        moment = datetime.fromtimestamp(float(until), UTC)
        return moment if moment > now else None

    def count_failure(self, db: Session, key: str, now: datetime) -> datetime | None:
        failures, locked = self.keys(key)
        window = int(FAILURE_WINDOW.total_seconds())
        try:
            with self.client.pipeline(transaction=True) as pipe:
                pipe.incr(failures)
                pipe.expire(failures, window, nx=True)  # the window starts at the first failure
                count = int(pipe.execute()[0])
            if count < MAX_FAILURES:
                return None
            until = now + LOCKOUT
            with self.client.pipeline(transaction=True) as pipe:
                pipe.set(locked, f"{until.timestamp():.3f}", ex=int(LOCKOUT.total_seconds()))
                pipe.delete(failures)
                pipe.execute()
            return until
        except redis.RedisError:
            log.warning("Redis unreachable; counting this failed sign-in in the database")
            return self.fallback.count_failure(db, key, now)

    def clear(self, db: Session, key: str) -> None:
        try:
            self.client.delete(*self.keys(key))
        except redis.RedisError:
            log.warning("Redis unreachable; its failure count for a user stays until it expires")
        self.fallback.clear(db, key)


def counter_for(redis_url: str) -> FailureCounter:
    return RedisCounter.from_url(redis_url) if redis_url else DatabaseCounter()


def counter_of(db: Session) -> FailureCounter:
    """The counter travels with the session, like the vault: services never ask Flask."""
    counter: FailureCounter = db.info.get("login_throttle") or DatabaseCounter()
    return counter
