"""A hub's ECHO programs as its admin keeps them: name, description, standing panel,
default facilitator, archived or not.

A program is never deleted: its cases, sessions and letters name it. Archiving it stops
new cases and sessions and keeps everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from echo_cases import clock
from echo_cases.errors import Invalid, Refused
from echo_cases.services import audit
from models import Hub, Membership, Program, ProgramExpert, User, id_of
from workflows import Role

MAX_NAME, MAX_DESCRIPTION = 200, 2000


@dataclass(frozen=True)
class ProgramPlan:
    """What the program form sends."""

    name: str
    description: str = ""
    panel_ids: tuple[int, ...] = ()
    default_facilitator_id: int | None = None


def programs_of_hub(db: Session, hub_id: int) -> list[Program]:
    """Every program of the hub, the running ones first, each group by name."""
    return list(db.exec(
        select(Program).where(Program.hub_id == hub_id)
        .order_by(col(Program.archived_at).is_not(None), col(Program.name), col(Program.id))))


def panel_of(db: Session, program: Program) -> list[User]:
    return list(db.exec(
        select(User).join(ProgramExpert, col(ProgramExpert.user_id) == User.id)
        .where(ProgramExpert.program_id == program.id).order_by(col(User.name))))


def create_program(db: Session, actor: User | None, hub: Hub, name: str,
                   description: str = "") -> Program:
    """A new running program; ``actor`` is None when an operator makes it from the shell."""
    name, description = name.strip(), description.strip()
    _check_text(name, description)
    _check_name_free(db, id_of(hub), name, None)
    program = Program(hub_id=id_of(hub), name=name, description=description)
    db.add(program)
    db.flush()
    audit.record(db, "program_created", actor_id=actor.id if actor else None,
                 hub_id=id_of(hub), subject=f"program:{program.id}")
    return program


def update_program(db: Session, admin: User, program: Program, plan: ProgramPlan) -> list[str]:
    """Rename, describe, set the panel and the default facilitator; names what changed."""
    name, description = plan.name.strip(), plan.description.strip()
    errors = _text_errors(name, description)
    experts = _members(db, program.hub_id, frozenset({Role.EXPERT}))
    panel = list(dict.fromkeys(plan.panel_ids))
    if any(user_id not in experts for user_id in panel):
        errors["panel_ids"] = "The panel is made of this hub's active experts."
    facilitator = plan.default_facilitator_id
    if facilitator is not None and facilitator not in _members(db, program.hub_id, None):
        errors["default_facilitator_id"] = "The facilitator must be an active member of this hub."
    if errors:
        raise Invalid("The program needs a few changes.", errors)
    _check_name_free(db, program.hub_id, name, program.id)
    changed = [field for field, old, new in (
        ("name", program.name, name), ("description", program.description, description),
        ("default_facilitator_id", program.default_facilitator_id, facilitator),
        ("panel", sorted(u.id for u in panel_of(db, program)), sorted(panel))) if old != new]
    program.name, program.description = name, description
    program.default_facilitator_id = facilitator
    db.add(program)
    if "panel" in changed:
        db.exec(delete(ProgramExpert).where(col(ProgramExpert.program_id) == program.id))
        db.add_all(ProgramExpert(program_id=id_of(program), user_id=u) for u in panel)
    db.flush()
    if changed:
        audit.record(db, "program_changed", actor_id=id_of(admin), hub_id=program.hub_id,
                     subject=f"program:{program.id}", changed=changed)
    return changed


def archive_program(db: Session, admin: User, program: Program) -> None:
    """Offer the program for no new case or session; its cases and letters stay."""
    if program.archived_at is not None:
        return
    program.archived_at = clock.now(db)
    db.add(program)
    audit.record(db, "program_archived", actor_id=id_of(admin), hub_id=program.hub_id,
                 subject=f"program:{program.id}")


def restore_program(db: Session, admin: User, program: Program) -> None:
    if program.archived_at is None:
        return
    program.archived_at = None
    db.add(program)
    audit.record(db, "program_restored", actor_id=id_of(admin), hub_id=program.hub_id,
                 subject=f"program:{program.id}")


def _text_errors(name: str, description: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Give the program a name."
    elif len(name) > MAX_NAME:
        errors["name"] = f"Use at most {MAX_NAME} characters."
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = f"Use at most {MAX_DESCRIPTION} characters."
    return errors


def _check_text(name: str, description: str) -> None:
    errors = _text_errors(name, description)
    if errors:
        raise Invalid("The program needs a few changes.", errors)


def _check_name_free(db: Session, hub_id: int, name: str, program_id: int | None) -> None:
    same = db.exec(select(Program.id).where(Program.hub_id == hub_id, Program.name == name)).first()
    if same is not None and same != program_id:
        raise Refused("program_name_taken",
                      f"A program called {name!r} exists already in this hub.",
                      {"name": "Another program of this hub has this name."})


def _members(db: Session, hub_id: int, roles: frozenset[Role] | None) -> set[int]:
    query = (select(Membership.user_id).join(User, col(User.id) == Membership.user_id)
             .where(Membership.hub_id == hub_id, col(User.active).is_(True)))
    if roles is not None:
        query = query.where(col(Membership.role).in_(roles))
    return set(db.exec(query))
