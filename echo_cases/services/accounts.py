"""Hubs, programs, people, passwords and API tokens."""

from __future__ import annotations

import gzip
import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from echo_cases import clock
from echo_cases.errors import Invalid, Refused
from models import ApiToken, Hub, Membership, Program, User, as_utc, id_of
from workflows import Role

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so timing does not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password")

MIN_PASSWORD, MAX_PASSWORD = 8, 64
COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt.gz"
TOKEN_PREFIX = "ec_"  # noqa: S105 - marks our tokens in logs and scanners


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Swap the hashing cost (tests use a cheap one; production keeps argon2's defaults)."""
    global _hasher, _DUMMY_HASH  # one process-wide hasher, by design
    _hasher = hasher
    _DUMMY_HASH = hasher.hash("not-a-real-password")


def password_matches(user: User, password: str) -> bool:
    try:
        return bool(_hasher.verify(user.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def hash_password(password: str) -> str:
    """The stored form of a password that passed ``check_password_rules``."""
    return _hasher.hash(password)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password_rules(password: str) -> None:
    """Length and commonness only (NIST 800-63B): no composition rules, no forced changes."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid("Choose another password.", {
            "password": f"Use between {MIN_PASSWORD} and {MAX_PASSWORD} characters."})
    if password.lower().strip() in _common_passwords():
        raise Invalid("Choose another password.", {
            "password": "This password is among the most common ones: attackers try it first."})


@cache
def _common_passwords() -> frozenset[str]:
    # 20,000 passwords most often found in breaches (the list Django ships; see data/).
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def create_hub(db: Session, name: str, slug: str, **options: Any) -> Hub:
    if db.exec(select(Hub).where(Hub.slug == slug)).first():
        raise Refused("hub_exists", f"A hub called {slug!r} exists already.")
    hub = Hub(name=name, slug=slug, **options)
    db.add(hub)
    db.flush()
    return hub


def create_program(db: Session, hub: Hub, name: str, description: str = "") -> Program:
    program = Program(hub_id=id_of(hub), name=name, description=description)
    db.add(program)
    db.flush()
    return program


def create_user(db: Session, email: str, name: str, password: str, *, credentials: str = "",
                profession: str = "", organisation: str = "") -> User:
    email = normalise_email(email)
    if "@" not in email:
        raise Invalid("Enter an e-mail address.", {"email": "Enter an e-mail address."})
    check_password_rules(password)
    if db.exec(select(User).where(User.email == email)).first():
        raise Refused("account_exists", "An account with that e-mail exists already.")
    user = User(email=email, name=name.strip(), password_hash=_hasher.hash(password),
                credentials=credentials.strip(), profession=profession.strip(),
                organisation=organisation.strip())
    db.add(user)
    db.flush()
    return user


def set_password(db: Session, user: User, password: str) -> None:
    """A new password, under the same rules as the first one."""
    check_password_rules(password)
    user.password_hash = _hasher.hash(password)
    db.add(user)


def add_member(db: Session, user: User, hub: Hub, role: Role) -> Membership:
    existing = db.exec(
        select(Membership).where(Membership.user_id == id_of(user), Membership.hub_id == id_of(hub))
    ).first()
    if existing:
        existing.role = role
        db.add(existing)
        return existing
    membership = Membership(user_id=id_of(user), hub_id=id_of(hub), role=role)
    db.add(membership)
    db.flush()
    return membership


def authenticate(db: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same time either way)."""
    user = db.exec(select(User).where(User.email == normalise_email(email))).first()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        db.add(user)
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(db: Session, user: User, label: str = "",
                expires_at: datetime | None = None) -> str:
    """A new bearer token for ``user``; the plain token is returned once and never stored."""
    return issue_token_row(db, user, label, expires_at)[1]


def issue_token_row(db: Session, user: User, label: str = "",
                    expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """The stored row (digest only) and the plain token, which is shown once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=id_of(user), digest=_digest(token), label=label,
                   created_at=clock.now(db), expires_at=expires_at)
    db.add(row)
    db.flush()
    return row, token


def user_for_token(db: Session, token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = db.exec(
        select(ApiToken).where(ApiToken.digest == _digest(token),
                               col(ApiToken.revoked_at).is_(None))
    ).first()
    now = clock.now(db)
    if row is not None and row.expires_at is not None and as_utc(row.expires_at) <= now:
        return None
    user = db.get(User, row.user_id) if row else None
    if row is None or user is None or not user.active:
        return None
    # Note use at most hourly: an API read should not always be a write.
    if row.last_used_at is None or now - as_utc(row.last_used_at) > timedelta(hours=1):
        row.last_used_at = now
        db.add(row)
    return user
