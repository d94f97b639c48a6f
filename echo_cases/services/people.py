"""Who is who: the caller's own hubs, and a hub's members by role for its organisers.

The directory answers only what assigning work and naming people on letters need (id,
name, role, credentials): never an e-mail address, nor anything about signing in.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from models import Hub, Membership, Program, User, id_of
from workflows import Role


@dataclass(frozen=True)
class HubMembership:
    hub: Hub
    role: Role


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    role: Role
    credentials: str = ""


def memberships_of(db: Session, user: User) -> list[HubMembership]:
    rows = db.exec(
        select(Membership, Hub).join(Hub).where(Membership.user_id == id_of(user))
        .order_by(Hub.name, Hub.id)  # type: ignore[arg-type]
    )
    return [HubMembership(hub, membership.role) for membership, hub in rows]


def members_of_hub(db: Session, hub_id: int, roles: frozenset[Role]) -> list[Member]:
    """The hub's active members holding one of ``roles``, by name."""
    rows = db.exec(
        select(User.id, User.name, Membership.role, User.credentials).join(Membership)
        .where(Membership.hub_id == hub_id, Membership.role.in_(roles),  # type: ignore[attr-defined]
               User.active == True)  # noqa: E712 -- a SQL comparison, not a Python one
        .order_by(User.name, User.id)  # type: ignore[arg-type]
    )
    return [Member(id=user_id or 0, name=name, role=role, credentials=credentials)
            for user_id, name, role, credentials in rows]


def signature(user: User) -> str:
    """The name as it signs a letter: "Lucia Ferreira, MD, MPH"."""
    credentials = user.credentials.strip()
    return f"{user.name}, {credentials}" if credentials else user.name


def programs_of_member(db: Session, user: User) -> list[Program]:
    """The running programs of every hub the user belongs to, whatever the role (an
    archived one takes no new case or session)."""
    hub_ids = select(Membership.hub_id).where(Membership.user_id == id_of(user))
    return list(db.exec(
        select(Program).where(Program.hub_id.in_(hub_ids),  # type: ignore[attr-defined]
                              col(Program.archived_at).is_(None))
        .order_by(Program.name, Program.id)  # type: ignore[arg-type]
    ))
