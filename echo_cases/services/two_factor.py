"""A second factor for sign-in: time-based one-time codes (RFC 6238) from any authenticator app.

The secret is sealed with the data keys like an identified original, and each code
is accepted once: the time step it was accepted for is remembered.
"""

from __future__ import annotations

import time

import pyotp
from sqlmodel import Session, col, select

from echo_cases.errors import Invalid, Refused
from echo_cases.numbers import whole
from echo_cases.services import audit
from echo_cases.vault import Vault
from models import Hub, Membership, User
from workflows import Role

ISSUER = "echo-cases"
MUST_ENROL = frozenset({Role.COORDINATOR, Role.ADMIN})


def _vault(db: Session) -> Vault:
    vault: Vault = db.info["vault"]
    return vault


def required_for(db: Session, user: User) -> bool:
    """A coordinator or admin of a hub that requires a second factor must have one."""
    return db.exec(
        select(Membership.id).join(Hub, col(Hub.id) == Membership.hub_id)
        .where(Membership.user_id == user.id, col(Membership.role).in_(MUST_ENROL),
               col(Hub.require_two_factor).is_(True)).limit(1)).first() is not None


def enabled(user: User) -> bool:
    return user.totp_sealed is not None


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def enrol(db: Session, user: User, secret: str, code: str) -> None:
    """Turn the second factor on once the user shows their app produces the right codes."""
    step = _matching_step(secret, code, after=0)
    if step is None:
        raise Invalid("That code does not match: check the time on your phone and try again.",
                      {"code": "Enter the 6-digit code your app shows now."})
    user.totp_sealed = _vault(db).seal({"secret": secret})
    user.totp_last_step = step
    db.add(user)
    audit.record(db, "two_factor_enrolled", actor_id=user.id)


def disable(db: Session, user: User, code: str) -> None:
    """Turn the second factor off, shown a current code from it; not where a hub of the
    person's requires one."""
    if not enabled(user):
        return
    if required_for(db, user):
        raise Refused("second_factor_required",
                      "Your hub requires a second factor for your role: it stays on.")
    if not verify(db, user, code):
        raise Invalid("That code is not right, or was used already.",
                      {"code": "Enter the 6-digit code your app shows now."})
    user.totp_sealed = None
    db.add(user)
    audit.record(db, "two_factor_disabled", actor_id=user.id, subject=f"user:{user.id}")


def verify(db: Session, user: User, code: str) -> bool:
    """Accept a current code once; a replayed or wrong code is refused."""
    if user.totp_sealed is None:
        return False
    secret = str(_vault(db).open(user.totp_sealed)["secret"])
    step = _matching_step(secret, code, after=user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    db.add(user)
    return True


def _matching_step(secret: str, code: str, *, after: int) -> int | None:
    """The time step (now, or one either side for clock drift) whose code this is."""
    code = code.strip().replace(" ", "")
    if whole(code) is None or len(code) != 6:
        return None
    totp, now = pyotp.TOTP(secret), int(time.time())
    for drift in (0, -1, 1):
        step = now // totp.interval + drift
        if step > after and totp.at(step * totp.interval) == code:
            return step
    return None
