"""Inviting people into a hub: one at a time or a CSV of many, by a link sent by e-mail.

An admin may invite anyone; a coordinator only clinicians and experts (never someone who
would manage the hub). The link is used once and expires; sending it again kills the old
one. Accepting makes an account with a password, or, for someone who has an account
already, adds the membership once they are signed in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlmodel import Session, col, select, update

from echo_cases import clock
from echo_cases.errors import Forbidden, Invalid, NotFound, Refused
from echo_cases.services import accounts, audit, links
from models import (
    Hub,
    Invitation,
    Membership,
    Program,
    ProgramExpert,
    User,
    as_utc,
    id_of,
)
from workflows import Role

VALID_FOR = timedelta(days=7)
MAX_ROWS = 500
MAX_NAME, MAX_EMAIL = 200, 254
# Whom each role may invite.
MAY_INVITE: dict[Role, frozenset[Role]] = {
    Role.ADMIN: frozenset(Role),
    Role.COORDINATOR: frozenset({Role.CLINICIAN, Role.EXPERT}),
}
CSV_COLUMNS = ("name", "email", "role", "program")
DEAD_LINK = ("This invitation link no longer works: it was used, sent again, revoked, or it "
             "expired. Ask your hub for a new one.")

LinkFor = Callable[[str], str]


@dataclass(frozen=True)
class InvitationPlan:
    """One person to invite, as a form, an API call or a CSV row gives it."""

    name: str
    email: str
    role: str
    program_id: int | None = None


def roles_to_invite(inviter_role: Role) -> list[Role]:
    allowed = MAY_INVITE.get(inviter_role, frozenset())
    return [role for role in Role if role in allowed]


def pending_of_hub(db: Session, hub_id: int, inviter_role: Role) -> list[Invitation]:
    """Invitations not yet accepted or revoked (expired ones too: they can be sent again),
    of the roles the caller may invite, newest first."""
    return list(db.exec(
        select(Invitation).where(
            Invitation.hub_id == hub_id, col(Invitation.accepted_at).is_(None),
            col(Invitation.revoked_at).is_(None),
            col(Invitation.role).in_(MAY_INVITE.get(inviter_role, frozenset())))
        .order_by(col(Invitation.created_at).desc(), col(Invitation.id).desc())))


def is_expired(db: Session, invitation: Invitation) -> bool:
    return as_utc(invitation.expires_at) <= clock.now(db)


def get_invitation(db: Session, hub_id: int, inviter_role: Role,
                   invitation_id: int) -> Invitation:
    """A pending invitation of this hub that the caller may act on; anything else: NotFound."""
    invitation = db.get(Invitation, invitation_id)
    if invitation is None or invitation.hub_id != hub_id \
            or invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise NotFound("No such pending invitation in this hub.")
    if invitation.role not in MAY_INVITE.get(inviter_role, frozenset()):
        raise Forbidden("Only an admin can act on an invitation for this role.")
    return invitation


def invite_person(db: Session, inviter: User, inviter_role: Role, hub: Hub,
                  plan: InvitationPlan, link_for: LinkFor) -> Invitation:
    """Record the invitation and e-mail its link once the transaction commits."""
    values, errors = _checked(db, inviter_role, hub, plan)
    if errors:
        raise Invalid("The invitation needs a few changes.", errors)
    _check_not_taken(db, hub, values.email)
    return _create(db, inviter, hub, values, link_for)


def invite_many(db: Session, inviter: User, inviter_role: Role, hub: Hub, text: str,
                link_for: LinkFor) -> list[Invitation]:
    """Invite every row of a CSV (name, email, role, program), or nobody: each problem is
    named by its row (the header is row 1) and column, and nothing is half-imported."""
    plans, errors = _read_csv(db, hub, text)
    seen: dict[str, int] = {}
    checked: list[InvitationPlan] = []
    for row, plan in plans:
        values, row_errors = _checked(db, inviter_role, hub, plan)
        if not row_errors:
            try:
                _check_not_taken(db, hub, values.email)
            except Refused as exc:
                row_errors = exc.fields
            if values.email in seen:
                row_errors = {"email": f"The same address is on row {seen[values.email]}."}
            seen.setdefault(values.email, row)
        errors.update({f"row {row}, {column}": message
                       for column, message in row_errors.items()})
        checked.append(values)
    if errors:
        raise Invalid(f"Nothing was imported: {_count(len(errors), 'problem')} to fix first.",
                      errors)
    if not checked:
        raise Invalid("Nothing was imported: the file has no rows under its header.",
                      {"file": "Add one person per row under the header."})
    return [_create(db, inviter, hub, values, link_for) for values in checked]


def resend_invitation(db: Session, inviter: User, invitation: Invitation,
                      link_for: LinkFor) -> None:
    """A new link, valid for the full period again; the old link stops working now."""
    hub = db.get(Hub, invitation.hub_id)
    if hub is None:
        raise NotFound("No such hub.")
    _send(db, inviter, hub, invitation, link_for)
    audit.record(db, "invitation_resent", actor_id=id_of(inviter), hub_id=hub.id,
                 subject=f"invitation:{invitation.id}")


def revoke_invitation(db: Session, inviter: User, invitation: Invitation) -> None:
    invitation.revoked_at, invitation.digest = clock.now(db), None
    db.add(invitation)
    audit.record(db, "invitation_revoked", actor_id=id_of(inviter), hub_id=invitation.hub_id,
                 subject=f"invitation:{invitation.id}")


# --- accepting ----------------------------------------------------------------------------


def invitation_for_token(db: Session, token: str) -> Invitation:
    """The live invitation this link's token opens, or NotFound (one answer for every
    reason, so that a guessed token learns nothing)."""
    if not links.looks_like_token(token):
        raise NotFound(DEAD_LINK)
    invitation = db.exec(
        select(Invitation).where(Invitation.digest == links.digest(token))).first()
    if invitation is None or not links.matches(invitation.digest, token) \
            or invitation.accepted_at is not None or invitation.revoked_at is not None \
            or is_expired(db, invitation):
        raise NotFound(DEAD_LINK)
    return invitation


def account_for(db: Session, invitation: Invitation) -> User | None:
    return db.exec(select(User).where(User.email == invitation.email)).first()


def accept_with_password(db: Session, invitation: Invitation, name: str,
                         password: str) -> User:
    """A new account, with the password its owner just chose, in the invitation's hub."""
    if account_for(db, invitation) is not None:
        raise Refused("account_exists", "You have an account already: sign in to accept.")
    name = name.strip() or invitation.name
    if len(name) > MAX_NAME:
        raise Invalid("Shorten your name.", {"name": f"Use at most {MAX_NAME} characters."})
    user = accounts.create_user(db, invitation.email, name, password)
    _join(db, invitation, user)
    return user


def accept_as_member(db: Session, invitation: Invitation, user: User) -> None:
    """Someone with an account, signed in as the invited address, joins the hub."""
    if accounts.normalise_email(user.email) != invitation.email:
        raise Forbidden("This invitation was sent to another address: sign out, and sign in "
                        "as the person it was sent to.")
    _join(db, invitation, user)


def _join(db: Session, invitation: Invitation, user: User) -> None:
    hub = db.get(Hub, invitation.hub_id)
    if hub is None:
        raise NotFound(DEAD_LINK)
    existing = db.exec(select(Membership).where(Membership.user_id == id_of(user),
                                                Membership.hub_id == hub.id)).first()
    if existing is None:
        accounts.add_member(db, user, hub, invitation.role)
    if invitation.role is Role.EXPERT and invitation.program_id is not None \
            and db.get(ProgramExpert, (invitation.program_id, id_of(user))) is None:
        db.add(ProgramExpert(program_id=invitation.program_id, user_id=id_of(user)))
    invitation.accepted_at, invitation.accepted_user_id = clock.now(db), id_of(user)
    invitation.digest = None
    db.add(invitation)
    audit.record(db, "invitation_accepted", actor_id=id_of(user), hub_id=hub.id,
                 subject=f"invitation:{invitation.id}", role=invitation.role.value,
                 already_member=existing is not None)


# --- checking and sending -----------------------------------------------------------------


def _checked(db: Session, inviter_role: Role, hub: Hub,
             plan: InvitationPlan) -> tuple[InvitationPlan, dict[str, str]]:
    """The plan tidied, and what is wrong with it, column by column."""
    errors: dict[str, str] = {}
    name, email = plan.name.strip(), accounts.normalise_email(plan.email)
    if not name:
        errors["name"] = "Enter the person's name."
    elif len(name) > MAX_NAME:
        errors["name"] = f"Use at most {MAX_NAME} characters."
    if not _looks_like_email(email):
        errors["email"] = "Enter an e-mail address, like name@example.org."
    raw_role = plan.role.strip().lower()
    role = Role(raw_role) if raw_role in {r.value for r in Role} else None
    allowed = MAY_INVITE.get(inviter_role, frozenset())
    if role is None:
        errors["role"] = "Use one of: " + ", ".join(r.value for r in roles_to_invite(
            inviter_role)) + "."
    elif role not in allowed:
        errors["role"] = (f"Only an admin can invite a {role.value}; you can invite: "
                          + ", ".join(r.value for r in roles_to_invite(inviter_role)) + ".")
    if plan.program_id is not None:
        program = db.get(Program, plan.program_id)
        if program is None or program.hub_id != hub.id or program.archived_at is not None:
            errors["program"] = "Choose one of this hub's running programs."
    return InvitationPlan(name=name, email=email, role=role.value if role else raw_role,
                          program_id=plan.program_id), errors


def _looks_like_email(email: str) -> bool:
    local, at, domain = email.partition("@")
    return bool(at and local and "." in domain.strip(".") and "@" not in domain
                and len(email) <= MAX_EMAIL and not any(c.isspace() for c in email))


def _check_not_taken(db: Session, hub: Hub, email: str) -> None:
    member = db.exec(select(Membership.id).join(User, col(User.id) == Membership.user_id)
                     .where(Membership.hub_id == hub.id, User.email == email)).first()
    if member is not None:
        raise Refused("already_member", "This person is a member of the hub already.",
                      {"email": "This address belongs to a member of the hub already."})
    pending = db.exec(select(Invitation.id).where(
        Invitation.hub_id == hub.id, Invitation.email == email,
        col(Invitation.accepted_at).is_(None), col(Invitation.revoked_at).is_(None))).first()
    if pending is not None:
        raise Refused("invitation_pending",
                      "This address has a pending invitation: send it again instead.",
                      {"email": "This address has a pending invitation: send it again."})


def _read_csv(db: Session, hub: Hub,
              text: str) -> tuple[list[tuple[int, InvitationPlan]], dict[str, str]]:
    """The rows as plans (with their row numbers), and what could not even be read."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [c for c in CSV_COLUMNS[:3] if c not in header]
    if missing:
        raise Invalid("Nothing was imported: the first row must name the columns "
                      "name, email, role, program.",
                      {"row 1": "Missing column: " + ", ".join(missing) + "."})
    programs = {p.name.strip().lower(): id_of(p) for p in db.exec(
        select(Program).where(Program.hub_id == hub.id, col(Program.archived_at).is_(None)))}
    plans: list[tuple[int, InvitationPlan]] = []
    errors: dict[str, str] = {}
    for row, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(plans) >= MAX_ROWS:
            raise Invalid(f"Nothing was imported: send at most {MAX_ROWS} people at a time.",
                          {f"row {row}": f"Split the file: at most {MAX_ROWS} rows."})
        value = dict(zip(header, cells, strict=False))
        program_name = value.get("program", "").strip()
        program_id = programs.get(program_name.lower()) if program_name else None
        if program_name and program_id is None:
            errors[f"row {row}, program"] = f"No running program called {program_name!r}."
        plans.append((row, InvitationPlan(name=value.get("name", ""),
                                          email=value.get("email", ""),
                                          role=value.get("role", ""), program_id=program_id)))
    return plans, errors


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _create(db: Session, inviter: User, hub: Hub, plan: InvitationPlan,
            link_for: LinkFor) -> Invitation:
    invitation = Invitation(hub_id=id_of(hub), email=plan.email, name=plan.name,
                            role=Role(plan.role), program_id=plan.program_id,
                            invited_by_id=id_of(inviter), expires_at=clock.now(db))
    db.add(invitation)
    db.flush()
    _send(db, inviter, hub, invitation, link_for)
    audit.record(db, "invitation_created", actor_id=id_of(inviter), hub_id=hub.id,
                 subject=f"invitation:{invitation.id}", role=plan.role)
    return invitation


def _send(db: Session, inviter: User, hub: Hub, invitation: Invitation,
          link_for: LinkFor) -> None:
    """Give the invitation a new link (the old one dies) and e-mail it after the commit."""
    token, digest = links.mint()
    invitation.digest = digest
    invitation.expires_at = clock.now(db) + VALID_FOR
    invitation.sent_at, invitation.send_error = None, ""
    db.add(invitation)
    db.flush()
    program = db.get(Program, invitation.program_id) if invitation.program_id else None
    message = _message(links.mailer_of(db).sender, invitation, inviter, hub, program,
                       link_for(token), invitation.expires_at)
    links.send_after_commit(db, message, _note_outcome(db, id_of(invitation), digest))


def _message(sender: str, invitation: Invitation, inviter: User, hub: Hub,
             program: Program | None, link: str, expires_at: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = invitation.email
    message["Subject"] = f"You are invited to {hub.name} on echo-cases"
    joining = f"as {_article(invitation.role.value)} {invitation.role.value}"
    if program is not None:
        joining += f" in {program.name}"
    message.set_content(
        f"Dear {invitation.name},\n\n"
        f"{inviter.name} invites you to join {hub.name} {joining}.\n\n"
        f"To accept, open this link (it works once, until {expires_at:%d %B %Y %H:%M} UTC):\n"
        f"{link}\n\n"
        "If you have an echo-cases account already, you will be asked to sign in with it. "
        "If you did not expect this invitation, you can ignore this e-mail.\n")
    return message


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _note_outcome(db: Session, invitation_id: int, digest: str) -> Callable[[str], None]:
    """Record whether the e-mail of this link went, in a transaction of its own (the one
    that made the link has committed), unless a newer link replaced it meanwhile."""
    bind = db.get_bind()
    sent_at = clock.now(db)

    def note(error: str) -> None:
        with Session(bind) as apart:
            apart.exec(update(Invitation).where(col(Invitation.id) == invitation_id,
                                                col(Invitation.digest) == digest)
                       .values(sent_at=None if error else sent_at, send_error=error))
            apart.commit()

    return note
