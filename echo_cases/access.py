"""Who may see what: load a record only together with the caller's right to it.

Anything outside the caller's hubs, and any draft or case the caller has no
business with, is reported as missing (404) rather than forbidden, so ids
cannot be probed.
"""

from __future__ import annotations

from sqlmodel import Session, col, exists, select

from echo_cases.errors import NotFound
from echo_cases.services import audit
from models import AgendaItem, Case, Membership, Program, SessionPanelist, User, id_of
from workflows import Actor, CaseState, Role

STAFF = frozenset({Role.EXPERT, Role.COORDINATOR, Role.ADMIN})


def role_in_hub(db: Session, user: User, hub_id: int) -> Role | None:
    membership = db.exec(
        select(Membership).where(Membership.user_id == user.id, Membership.hub_id == hub_id)
    ).first()
    return membership.role if membership else None


def hubs_where(db: Session, user: User, roles: frozenset[Role]) -> list[int]:
    rows = db.exec(
        select(Membership.hub_id).where(Membership.user_id == user.id, Membership.role.in_(roles))  # type: ignore[attr-defined]
    )
    return list(rows)


def get_case(db: Session, user: User, case_id: int) -> tuple[Case, Actor]:
    """The case and the caller's part in it, or NotFound."""
    case = db.get(Case, case_id)
    role = role_in_hub(db, user, case.hub_id) if case else None
    if case is None or role is None or not may_see(case, user, role):
        if case is not None:
            # It exists but is not theirs: another hub's, or a swapped id. Worth a record.
            audit.record_apart(db, "access_denied", actor_id=user.id, hub_id=case.hub_id,
                               subject=f"case:{case_id}")
        raise NotFound("No such case.")
    return case, Actor(id_of(user), role)


def may_see(case: Case, user: User, role: Role) -> bool:
    if case.author_id == user.id:
        return True
    if role is Role.CLINICIAN:
        return False
    # Staff read only what has been de-identified: never a draft, never the original.
    return case.deidentified is not None and case.state is not CaseState.DRAFT


def may_read_original(case: Case, user: User) -> bool:
    return case.author_id == user.id


def get_program_for_author(db: Session, user: User, program_id: int) -> Program:
    """A running program the user may write a case for (a clinician of its hub)."""
    program = db.get(Program, program_id)
    if program is None or program.archived_at is not None \
            or role_in_hub(db, user, program.hub_id) is not Role.CLINICIAN:
        raise NotFound("No such program.")
    return program


def programs_for_author(db: Session, user: User) -> list[Program]:
    hub_ids = hubs_where(db, user, frozenset({Role.CLINICIAN}))
    if not hub_ids:
        return []
    return list(db.exec(
        select(Program).where(Program.hub_id.in_(hub_ids),  # type: ignore[attr-defined]
                              col(Program.archived_at).is_(None)).order_by(Program.name)
    ))


def require_hub_role(db: Session, user: User, hub_id: int, roles: frozenset[Role]) -> Role:
    """The user's role in the hub if it is one of ``roles``.

    Outsiders get NotFound (the hub's existence is not theirs to learn); members
    with another role get Forbidden, which tells them only what they already know.
    """
    from echo_cases.errors import Forbidden

    role = role_in_hub(db, user, hub_id)
    if role is None:
        # The id may name no hub at all: keep it in the subject, not as a foreign key.
        audit.record_apart(db, "access_denied", actor_id=user.id, subject=f"hub:{hub_id}")
        raise NotFound("Nothing here.")
    if role not in roles:
        raise Forbidden("Your role in this hub does not include this.")
    return role


ORGANISERS = frozenset({Role.COORDINATOR, Role.ADMIN})


def may_write_recommendations(db: Session, user: User, case: Case) -> bool:
    """The case's lead expert, or an expert on the panel of the session presenting it.

    Being an expert of the hub is not enough: the recommendations are the panel's words,
    and the lead signs them off as such.
    """
    if role_in_hub(db, user, case.hub_id) is not Role.EXPERT:
        return False
    if case.assigned_expert_id is not None and case.assigned_expert_id == user.id:
        return True
    on_panel = exists().where(
        col(AgendaItem.case_id) == case.id,
        col(SessionPanelist.session_id) == AgendaItem.session_id,
        col(SessionPanelist.user_id) == user.id)
    return bool(db.exec(select(on_panel)).one())
