"""Case operations: write, preview, submit and move cases through the workflow.

Each function takes the acting user, goes through the workflow engine for
state changes, and never commits: the caller's boundary does that once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from echo_cases import clock, zones
from echo_cases.access import get_program_for_author, role_in_hub
from echo_cases.case_form import CaseForm
from echo_cases.errors import Conflict, Forbidden, Invalid, Refused, WrongState
from echo_cases.services import audit, pass_through, program_forms
from echo_cases.services.case_dates import case_dates
from echo_cases.services.redaction import Decisions, RedactionPlan, case_key, plan_redaction
from echo_cases.services.workflow import apply_action
from echo_cases.services.workflow_store import flush_or_conflict
from echo_cases.vault import Vault
from models import (
    Case,
    CaseOriginal,
    CaseTransition,
    Hub,
    IdempotencyKey,
    MissingRow,
    Program,
    Redaction,
    User,
    as_utc,
    id_of,
    utcnow,
)
from workflows import Actor, CaseState, Role, Transition


def vault_of(db: Session) -> Vault:
    """The keys sealing identified originals travel with the session, not with Flask."""
    vault: Vault = db.info["vault"]
    return vault


def form_for(db: Session, program: Program) -> CaseForm:
    """The form a new case of the program is written on: its current version."""
    return program_forms.current_form(db, program)


def form_of(db: Session, case: Case) -> CaseForm:
    """The form the case was written on, which it keeps."""
    return program_forms.form_of_case(db, case)


def form_for_no_program() -> CaseForm:
    """The fields every program asks for: the form before a program is chosen."""
    return CaseForm.for_program(())


def program_of(db: Session, case: Case) -> Program:
    program = db.get(Program, case.program_id)
    if program is None:
        raise MissingRow(f"case {case.id} has no program")
    return program


def _original_row(db: Session, case: Case) -> CaseOriginal:
    original = db.get(CaseOriginal, case.id)
    if original is None:
        raise MissingRow(f"case {case.id} has no original (purged?)")
    return original


def create_case(db: Session, author: User, program_id: int, data: Mapping[str, Any]) -> Case:
    """Start a draft; drafts may be incomplete but never malformed."""
    program = get_program_for_author(db, author, program_id)
    form = form_for(db, program)
    values, errors = form.clean(data)
    if errors:
        raise Invalid("Some fields need attention.", errors)
    case = Case(hub_id=program.hub_id, program_id=id_of(program), author_id=id_of(author),
                form_version=form.version)
    db.add(case)
    db.flush()
    db.add(CaseOriginal(case_id=id_of(case), sealed=vault_of(db).seal(values)))
    db.flush()
    return case


def create_case_once(db: Session, author: User, program_id: int, data: Mapping[str, Any], *,
                     key: str, body_digest: str) -> tuple[Case, bool]:
    """Create a case for this idempotency key, or return the one it created before.

    Returns (case, created). A retried request after a lost response gets the same case.
    """
    earlier = case_for_key(db, author, key, body_digest)
    if earlier is not None:
        return earlier, False
    case = create_case(db, author, program_id, data)
    remember_key(db, author, key, body_digest, case)
    return case, True


def case_for_key(db: Session, user: User, key: str, request_digest: str) -> Case | None:
    """The case an earlier request with this idempotency key made (or named), if any.

    The same key with another request is a client bug: refused, never answered with the
    case the other request made.
    """
    earlier = db.exec(select(IdempotencyKey).where(IdempotencyKey.user_id == user.id,
                                                   IdempotencyKey.key == key)).first()
    if earlier is None:
        return None
    if earlier.body_digest != request_digest:
        raise Refused("idempotency_key_reused",
                      "This Idempotency-Key was used for a different request.",
                      {"Idempotency-Key": "Used for a different request: send a new key."})
    case = db.get(Case, earlier.case_id)
    if case is None:
        raise MissingRow(f"idempotency key points at missing case {earlier.case_id}")
    return case


def remember_key(db: Session, user: User, key: str, request_digest: str, case: Case) -> None:
    """Record that this key's request answered with ``case``; a concurrent twin gets 409."""
    db.add(IdempotencyKey(user_id=id_of(user), key=key, body_digest=request_digest,
                          case_id=id_of(case)))
    try:
        db.flush()
    except IntegrityError:
        db.rollback()
        raise Conflict("The same request is being processed: retry in a moment.") from None


def original_fields(db: Session, case: Case) -> dict[str, str]:
    """The identified fields; callers must have checked ``may_read_original``."""
    original = db.get(CaseOriginal, case.id)
    return vault_of(db).open(original.sealed) if original else {}


def read_original(db: Session, reader: User, case: Case) -> dict[str, str]:
    """The identified original, for its author, with a record that it was read."""
    if case.author_id != reader.id:
        raise Forbidden("Only the case's author reads the identified original.")
    audit.record(db, "original_read", actor_id=reader.id, hub_id=case.hub_id,
                 subject=f"case:{case.id}")
    return original_fields(db, case)


BREAK_GLASS_MIN_REASON = 20


def break_glass(db: Session, admin: User, case: Case, reason: str) -> dict[str, str]:
    """An admin reads an identified original in an emergency, with a reason, on the record."""
    if role_in_hub(db, admin, case.hub_id) is not Role.ADMIN:
        raise Forbidden("Only the hub's admins can break the glass.")
    if len(reason.strip()) < BREAK_GLASS_MIN_REASON:
        raise Invalid("Say why you must read the identified original.", {
            "reason": f"Write at least {BREAK_GLASS_MIN_REASON} characters: this is audited."})
    audit.record(db, "break_glass", actor_id=admin.id, hub_id=case.hub_id,
                 subject=f"case:{case.id}", reason=reason.strip()[:500])
    return original_fields(db, case)


def update_draft(
    db: Session, author: User, case: Case, data: Mapping[str, Any], *, expected_version: int,
    program_id: int | None = None,
) -> Case:
    """Change a draft's fields, and its program if ``program_id`` names another one the
    author writes for (a submitted case keeps its program); a stale version changes nothing."""
    if case.author_id != author.id:
        raise Forbidden("Only the case's author can edit it.")
    if case.state is not CaseState.DRAFT:
        raise WrongState("Only a draft can be edited.")
    if case.version != expected_version:
        raise Conflict("This case changed since you opened it: reload it and try again.")
    form = form_of(db, case)
    if program_id is not None and program_id != case.program_id:
        # Another program's form: the draft moves to its current version.
        program = get_program_for_author(db, author, program_id)
        form = form_for(db, program)
        case.program_id, case.hub_id = id_of(program), program.hub_id
        case.form_version = form.version
    values, errors = form.clean(data)
    if errors:
        raise Invalid("Some fields need attention.", errors)
    original = _original_row(db, case)
    original.sealed = vault_of(db).seal(values)
    case.version += 1
    case.updated_at = utcnow()
    db.add_all([original, case])
    flush_or_conflict(db, "Someone else changed this case at the same moment: reload it.")
    return case


def preview_case(db: Session, author: User, case: Case, decisions: Decisions) -> RedactionPlan:
    """What experts would read if the draft were submitted with these decisions."""
    if case.author_id != author.id:
        raise Forbidden("Only the case's author can preview its de-identification.")
    return plan_case_redaction(db, case, decisions)


def missing_fields(db: Session, case: Case) -> dict[str, str]:
    return form_of(db, case).missing(original_fields(db, case))


def submit_case(
    db: Session, actor: Actor, case: Case, decisions: Decisions, *, expected_version: int
) -> Transition:
    """De-identify the draft with the clinician's decisions and send it to the hub.

    A text field passed on as written that seems to hold an identifier stops it: the
    refusal names the field and the kind, the draft keeps what was typed."""
    plan = plan_case_redaction(db, case, decisions) if case.state is CaseState.DRAFT else None
    if plan is not None and (refused := pass_through.refusals(plan.as_written)):
        raise Invalid("A field passed on as written seems to hold an identifier: take it "
                      "out before submitting.", refused)
    return apply_action(db, actor, case, "submit", expected_version=expected_version,
                        payload={"redaction": plan})


def take_action(
    db: Session,
    actor: Actor,
    case: Case,
    action: str,
    *,
    expected_version: int,
    comment: str = "",
    payload: Mapping[str, Any] | None = None,
) -> Transition:
    """Any workflow action other than submission, which needs its redaction plan."""
    if action == "submit":
        raise Invalid("Submit a case through its preview, so the redactions are confirmed.")
    return apply_action(db, actor, case, action, expected_version=expected_version,
                        comment=comment, payload=payload)


def plan_case_redaction(db: Session, case: Case, decisions: Decisions, *,
                        rerun: bool = False) -> RedactionPlan:
    """The case's de-identified version under these decisions, in its hub's style.

    Its dates count from today, the day it is submitted; a re-run keeps the day its
    dates already count from (or its submission's), so the same text comes out again.
    """
    hub = db.get(Hub, case.hub_id)
    if hub is None:
        raise MissingRow(f"case {case.id} has no hub")
    secret = db.info["surrogate_secret"]
    return plan_redaction(
        form_of(db, case), original_fields(db, case), decisions,
        key=case_key(secret, id_of(case)), style=hub.surrogate_style, locale=hub.locale,
        dates=case_dates(hub, _submission_day(db, case, hub, rerun=rerun)), rerun=rerun,
    )


def _submission_day(db: Session, case: Case, hub: Hub, *, rerun: bool) -> date:
    """The day of submission on the hub's own calendar, which its staff and letters use."""
    if rerun and case.dates_relative_to is not None:
        return case.dates_relative_to
    moment = as_utc(case.submitted_at) if rerun and case.submitted_at is not None else clock.now(db)
    return moment.astimezone(zones.zone(hub.timezone)).date()


# --- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseListing:
    case: Case
    program: Program
    title: str


def list_own_cases(db: Session, author: User) -> list[CaseListing]:
    """The author's cases, titled as they wrote them."""
    rows = db.exec(
        select(Case, Program, CaseOriginal)
        .join(Program, col(Program.id) == Case.program_id)
        .join(CaseOriginal, col(CaseOriginal.case_id) == Case.id)
        .where(Case.author_id == author.id)
        .order_by(col(Case.updated_at).desc())
    )
    vault = vault_of(db)
    return [CaseListing(c, p, str(vault.open(o.sealed).get("title", ""))) for c, p, o in rows]


def case_history(db: Session, case: Case) -> list[CaseTransition]:
    return list(db.exec(
        select(CaseTransition).where(CaseTransition.case_id == case.id)
        .order_by(col(CaseTransition.id))
    ))


def names_of(db: Session, user_ids: Iterable[int]) -> dict[int, str]:
    """The names of people by id (who did what on a case's History)."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    return {u.id or 0: u.name for u in db.exec(select(User).where(col(User.id).in_(wanted)))}


def redactions_of(db: Session, case: Case) -> list[Redaction]:
    return list(db.exec(
        select(Redaction).where(Redaction.case_id == case.id)
        .order_by(col(Redaction.field), col(Redaction.start))
    ))


