"""A hub's people as its admin manages them: the list, roles, profiles, deactivation.

An account may belong to several hubs; its role is changed hub by hub, but the account
itself (its profile, whether it may sign in) only by someone who administers every hub
it belongs to, so that no hub's admin acts on another hub's people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select, update

from echo_cases import clock
from echo_cases.errors import Invalid, NotFound, Refused
from echo_cases.services import audit
from models import ApiToken, LoginSession, Membership, User, id_of
from workflows import Role

PROFILE_LIMITS = {"credentials": 100, "profession": 100, "organisation": 200}


@dataclass(frozen=True)
class Person:
    """One row of a hub's people page."""

    id: int
    name: str
    email: str
    role: Role
    credentials: str
    profession: str
    organisation: str
    last_sign_in: datetime | None
    active: bool


def people_of_hub(db: Session, hub_id: int) -> list[Person]:
    """Every member of the hub, active or not, by name, with their last sign-in."""
    last_sign_in = (select(LoginSession.user_id, func.max(LoginSession.created_at).label("at"))
                    .group_by(col(LoginSession.user_id)).subquery())
    rows = db.exec(
        select(User, Membership.role, last_sign_in.c.at)
        .join(Membership, col(Membership.user_id) == User.id)
        .outerjoin(last_sign_in, last_sign_in.c.user_id == User.id)
        .where(Membership.hub_id == hub_id).order_by(col(User.name), col(User.id)))
    return [Person(id=id_of(user), name=user.name, email=user.email, role=role,
                   credentials=user.credentials, profession=user.profession,
                   organisation=user.organisation, last_sign_in=at, active=user.active)
            for user, role, at in rows]


def member_of_hub(db: Session, hub_id: int, user_id: int) -> tuple[User, Membership]:
    """The hub's member with this id; anyone else, in another hub or none, is not found."""
    row = db.exec(select(User, Membership).join(Membership, col(Membership.user_id) == User.id)
                  .where(Membership.hub_id == hub_id, User.id == user_id)).first()
    if row is None:
        raise NotFound("No such person in this hub.")
    return row[0], row[1]


def change_role(db: Session, admin: User, hub_id: int, user_id: int, role: Role) -> None:
    person, membership = member_of_hub(db, hub_id, user_id)
    if membership.role is role:
        return
    if membership.role is Role.ADMIN and _active_admins(db, hub_id) <= {user_id}:
        raise Refused("last_admin",
                      "A hub keeps at least one active admin: make someone else admin first.",
                      {"role": "This is the hub's last admin."})
    before = membership.role
    membership.role = role
    db.add(membership)
    audit.record(db, "role_changed", actor_id=id_of(admin), hub_id=hub_id,
                 subject=f"user:{person.id}", before=before.value, after=role.value)


def update_profile(db: Session, admin: User, hub_id: int, user_id: int, *, credentials: str,
                   profession: str, organisation: str) -> list[str]:
    """Set what letters and colleagues read beside the name; names what changed."""
    person, _membership = member_of_hub(db, hub_id, user_id)
    wanted = {"credentials": credentials.strip(), "profession": profession.strip(),
              "organisation": organisation.strip()}
    errors = {name: f"Use at most {limit} characters."
              for name, limit in PROFILE_LIMITS.items() if len(wanted[name]) > limit}
    if errors:
        raise Invalid("The profile needs a few changes.", errors)
    changed = sorted(name for name, value in wanted.items() if getattr(person, name) != value)
    if changed:
        _check_account_is_theirs(db, admin, person)
        for name in changed:
            setattr(person, name, wanted[name])
        db.add(person)
        audit.record(db, "profile_changed", actor_id=id_of(admin), hub_id=hub_id,
                     subject=f"user:{person.id}", changed=changed)
    return changed


def deactivate(db: Session, admin: User, hub_id: int, user_id: int) -> None:
    """Stop someone signing in, at once and everywhere: their sessions end and their API
    tokens are revoked. What they wrote and did stays, under their name."""
    person, _membership = member_of_hub(db, hub_id, user_id)
    if person.id == admin.id:
        raise Refused("deactivating_yourself", "You cannot deactivate yourself: ask another admin.")
    _check_account_is_theirs(db, admin, person)
    now = clock.now(db)
    person.active = False
    db.add(person)
    ended = db.exec(update(LoginSession).where(col(LoginSession.user_id) == person.id,
                                               col(LoginSession.ended_at).is_(None))
                    .values(ended_at=now)).rowcount  # type: ignore[attr-defined]
    revoked = db.exec(update(ApiToken).where(col(ApiToken.user_id) == person.id,
                                             col(ApiToken.revoked_at).is_(None))
                      .values(revoked_at=now)).rowcount  # type: ignore[attr-defined]
    audit.record(db, "account_deactivated", actor_id=id_of(admin), hub_id=hub_id,
                 subject=f"user:{person.id}", sessions_ended=ended, tokens_revoked=revoked)


def reactivate(db: Session, admin: User, hub_id: int, user_id: int) -> None:
    """Let them sign in again with their password; revoked tokens stay revoked."""
    person, _membership = member_of_hub(db, hub_id, user_id)
    if person.active:
        return
    _check_account_is_theirs(db, admin, person)
    person.active = True
    db.add(person)
    audit.record(db, "account_reactivated", actor_id=id_of(admin), hub_id=hub_id,
                 subject=f"user:{person.id}")


def _active_admins(db: Session, hub_id: int) -> set[int]:
    return set(db.exec(select(Membership.user_id).join(User, col(User.id) == Membership.user_id)
                       .where(Membership.hub_id == hub_id, Membership.role == Role.ADMIN,
                              col(User.active).is_(True))))


def _check_account_is_theirs(db: Session, admin: User, person: User) -> None:
    """The account is the admin's to change only if they administer each of its hubs."""
    hubs = set(db.exec(select(Membership.hub_id).where(Membership.user_id == person.id)))
    administered = set(db.exec(select(Membership.hub_id).where(
        Membership.user_id == admin.id, Membership.role == Role.ADMIN)))
    if not hubs <= administered:
        raise Refused("member_of_another_hub",
                      "This person also belongs to a hub you do not administer: ask its "
                      "admin, or change only their role here.")
