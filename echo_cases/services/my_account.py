"""A person's own account: what colleagues and letters read beside their name, their
password and their personal API tokens. Every operation acts on the caller's account
alone, and is audited under it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, select

from echo_cases import clock
from echo_cases.errors import Invalid, NotFound
from echo_cases.services import accounts, audit, signin
from echo_cases.services.members import PROFILE_LIMITS
from echo_cases.services.throttle import counter_of
from models import ApiToken, User, as_utc, id_of

MAX_NAME = 200
MAX_TOKEN_NAME = 100
# What the account page offers; the API takes any whole number of days up to the longest.
TOKEN_LIFETIMES = (7, 30, 90, 365)
MAX_TOKEN_DAYS = 365
MAX_LISTED_TOKENS = 100


@dataclass(frozen=True)
class Profile:
    name: str
    credentials: str = ""
    profession: str = ""
    organisation: str = ""

    @classmethod
    def of(cls, user: User) -> Profile:
        return cls(user.name, user.credentials, user.profession, user.organisation)


def profile_errors(profile: Profile) -> dict[str, str]:
    errors = {name: f"Use at most {limit} characters."
              for name, limit in {"name": MAX_NAME, **PROFILE_LIMITS}.items()
              if len(getattr(profile, name).strip()) > limit}
    if not profile.name.strip():
        errors["name"] = "Give your name as colleagues know it."
    return errors


def update_own_profile(db: Session, user: User, wanted: Profile) -> list[str]:
    """Change the caller's name, credentials, profession and organisation; names what
    changed (audited by name, never by value)."""
    errors = profile_errors(wanted)
    if errors:
        raise Invalid("Your profile needs a few changes.", errors)
    changed = sorted(name for name, value in vars(wanted).items()
                     if getattr(user, name) != value.strip())
    for name in changed:
        setattr(user, name, getattr(wanted, name).strip())
    if changed:
        db.add(user)
        audit.record(db, "profile_changed", actor_id=id_of(user), subject=f"user:{user.id}",
                     changed=changed)
    return changed


def change_password(db: Session, user: User, current: str, new: str, *,
                    keeping_session: str = "") -> int:
    """Set a new password, shown the current one; every other session of the account ends.

    Wrong current passwords count against the address like failed sign-ins, so a browser
    left signed in cannot be used to guess the password. Returns how many sessions ended."""
    key = accounts.normalise_email(user.email)
    now, counter = clock.now(db), counter_of(db)
    locked = counter.locked_until(db, key, now)
    if locked is not None:
        raise Invalid("Too many wrong passwords.", {
            "current_password": f"Too many wrong passwords: try again after {locked:%H:%M} UTC."})
    if not accounts.password_matches(user, current):
        counter.count_failure(db, key, now)
        audit.record_apart(db, "password_change_refused", actor_id=id_of(user),
                           subject=f"user:{user.id}")
        raise Invalid("Your password is unchanged.",
                      {"current_password": "That is not your current password."})  # nosec B105
    accounts.check_password_rules(new)
    if new == current:
        raise Invalid("Choose another password.",
                      {"password": "The new password is the one you have now."})  # nosec B105
    counter.clear(db, key)
    user.password_hash = accounts.hash_password(new)
    db.add(user)
    ended = signin.end_other_sessions(db, user, keeping_session)
    audit.record(db, "password_changed", actor_id=id_of(user), subject=f"user:{user.id}",
                 sessions_ended=ended)
    return ended


# --- personal API tokens ------------------------------------------------------------------


def create_token(db: Session, user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the caller, named and expiring; the plain token is returned once,
    only its digest is kept."""
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Name the token after what will use it (e.g. REDCap sync)."
    elif len(name) > MAX_TOKEN_NAME:
        errors["name"] = f"Use at most {MAX_TOKEN_NAME} characters."
    if not 1 <= days <= MAX_TOKEN_DAYS:
        errors["expires_in_days"] = f"Use a number of days from 1 to {MAX_TOKEN_DAYS}."
    if errors:
        raise Invalid("The token needs a few changes.", errors)
    expires = clock.now(db) + timedelta(days=days)
    row, token = accounts.issue_token_row(db, user, name, expires)
    audit.record(db, "token_created", actor_id=id_of(user), subject=f"token:{row.id}",
                 days=days)
    return row, token


def tokens_of(db: Session, user: User) -> list[ApiToken]:
    """The caller's tokens, newest first: live, expired and revoked."""
    return list(db.exec(select(ApiToken).where(ApiToken.user_id == id_of(user))
                        .order_by(col(ApiToken.id).desc()).limit(MAX_LISTED_TOKENS)))


def token_status(db: Session, token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and as_utc(token.expires_at) <= clock.now(db):
        return "expired"
    return "live"


def revoke_token(db: Session, user: User, token_id: int) -> ApiToken:
    """Stop one of the caller's tokens at once; anyone else's is not found."""
    token = db.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound("You have no such token.")
    if token.revoked_at is None:
        token.revoked_at = clock.now(db)
        db.add(token)
        audit.record(db, "token_revoked", actor_id=id_of(user), subject=f"token:{token.id}")
    return token
