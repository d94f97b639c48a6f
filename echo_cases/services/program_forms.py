"""A program's own case form, versioned: an admin edits it, each saved change is a version.

A case is written on the version that was current when it was started and keeps it
(``Case.form_version``), so a form can change under a hub's feet without an old case
losing a field or gaining a required one. Version 0 is the default form: the core
fields plus the program's extra fields, for a program that never had a form of its own.

Keys are derived from a field's label once, when it is added, and never change nor
come back: a removed field's key stays taken, so an export's column means one thing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from echo_cases.case_form import (
    CORE_FIELDS,
    TEXT_KINDS,
    WORKFLOW_FIELDS,
    CaseForm,
    FieldKind,
    FormField,
    Handling,
    default_handling,
    key_for,
    read_number,
)
from echo_cases.errors import Conflict, Invalid
from echo_cases.services import audit
from models import Case, MissingRow, Program, ProgramForm, User, as_utc, id_of, utcnow

MAX_FIELDS = 60
MAX_LABEL = 200
MAX_HELP = 1_000
MAX_CHOICE = 100
MAX_CHOICES = 50
_CORE = {f.name: f for f in CORE_FIELDS}
# A text field is de-identified, kept as written (the admin vouches it holds no identifier,
# e.g. an ICD-10 code), or removed (it is an identifier the clinician notes for themself).
TEXT_HANDLINGS = (Handling.ANALYSE, Handling.KEEP, Handling.REMOVE)


@dataclass(frozen=True)
class FieldDraft:
    """One field as the admin's editor (or the API) sends it; ``key`` is empty for a new one."""

    label: str
    kind: str
    key: str = ""
    help: str = ""
    required: bool = False
    handling: str = ""  # text kinds only: "analyse", "keep" or "remove"
    choices: Sequence[str] = field(default_factory=tuple)
    unit: str = ""
    minimum: str = ""
    maximum: str = ""

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> FieldDraft:
        choices = raw.get("choices") or ()
        if isinstance(choices, str):
            choices = choices.splitlines()
        return cls(label=str(raw.get("label") or ""), kind=str(raw.get("kind") or ""),
                   key=str(raw.get("key") or ""), help=str(raw.get("help") or ""),
                   required=bool(raw.get("required")), handling=str(raw.get("handling") or ""),
                   choices=tuple(str(c) for c in choices), unit=str(raw.get("unit") or ""),
                   minimum=_str(raw.get("minimum")), maximum=_str(raw.get("maximum")))


def _str(value: object) -> str:
    return "" if value is None else str(value)


# --- reading ----------------------------------------------------------------------------


def default_form(program: Program) -> CaseForm:
    """Version 0: the core (oncology) fields and the program's extra fields."""
    return CaseForm.for_program(program.extra_fields)


def current_form(db: Session, program: Program) -> CaseForm:
    """The form a new case of the program is written on."""
    row = db.exec(select(ProgramForm).where(ProgramForm.program_id == program.id)
                  .order_by(col(ProgramForm.version).desc()).limit(1)).first()
    return default_form(program) if row is None else _form(row)


def form_version(db: Session, program: Program, version: int) -> CaseForm:
    """One version of the program's form (versions never change, so each is read once)."""
    if version == 0:
        return default_form(program)
    cache: dict[tuple[int, int], CaseForm] = db.info.setdefault("program_forms", {})
    key = (id_of(program), version)
    if key not in cache:
        row = db.get(ProgramForm, key)
        if row is None:
            raise MissingRow(f"program {program.id} has no form version {version}")
        cache[key] = _form(row)
    return cache[key]


def form_of_case(db: Session, case: Case) -> CaseForm:
    """The form the case was written on, whatever the program's form is now."""
    program = db.get(Program, case.program_id)
    if program is None:
        raise MissingRow(f"case {case.id} has no program")
    return form_version(db, program, case.form_version)


def _form(row: ProgramForm) -> CaseForm:
    return CaseForm.from_specs(row.fields, row.version)


def keys_ever_used(db: Session, program: Program) -> set[str]:
    """Every key any version of the program's form had: none may be given to a new field."""
    keys = set(default_form(program).names)
    for fields in db.exec(select(ProgramForm.fields).where(ProgramForm.program_id == program.id)):
        keys.update(str(spec["name"]) for spec in fields)
    return keys


@dataclass(frozen=True)
class VersionSummary:
    version: int
    created_at: datetime | None
    created_by: str
    cases: int


def versions_of(db: Session, program: Program) -> list[VersionSummary]:
    """Each version of the program's form, newest first, with how many cases are on it."""
    counts = dict(db.exec(select(Case.form_version, func.count()).where(
        Case.program_id == program.id).group_by(Case.form_version)).all())
    rows = db.exec(select(ProgramForm.version, ProgramForm.created_at, User.name)
                   .join(User, col(User.id) == ProgramForm.created_by_id)
                   .where(ProgramForm.program_id == program.id)
                   .order_by(col(ProgramForm.version).desc())).all()
    return [*(VersionSummary(v, as_utc(at), name, counts.get(v, 0)) for v, at, name in rows),
            VersionSummary(0, None, "", counts.get(0, 0))]


# --- changing ---------------------------------------------------------------------------


def save_form(db: Session, admin: User, program: Program, drafts: Sequence[FieldDraft], *,
              based_on: int) -> CaseForm:
    """Make the admin's fields the program's form: a new version if anything changed.

    ``based_on`` is the version the admin edited; if another admin saved one since, the
    change is refused (409) rather than silently undoing theirs.
    """
    current = current_form(db, program)
    if based_on != current.version:
        raise Conflict("Someone saved this form since you opened it: reload it and edit "
                       "the newest version.")
    fields = build_fields(current, drafts, keys_ever_used(db, program))
    if [f.to_spec() for f in fields] == current.to_specs():
        return current
    version = current.version + 1
    db.add(ProgramForm(program_id=id_of(program), version=version,
                       fields=[f.to_spec() for f in fields], created_by_id=id_of(admin),
                       created_at=utcnow()))
    try:
        db.flush()
    except IntegrityError:
        db.rollback()
        raise Conflict("Someone saved this form at the same moment: reload it.") from None
    before, after = set(current.names), {f.name for f in fields}
    audit.record(db, "program_form_changed", actor_id=id_of(admin), hub_id=program.hub_id,
                 subject=f"program:{program.id}", changed=sorted(before ^ after) or ["fields"],
                 after=version)
    return CaseForm(tuple(fields), version)


def build_fields(current: CaseForm, drafts: Sequence[FieldDraft],
                 taken: set[str]) -> list[FormField]:
    """The admin's fields, checked; errors are keyed "<position>.<part>" (0-based)."""
    errors: dict[str, str] = {}
    fields: list[FormField] = []
    taken = set(taken)
    seen: set[str] = set()
    if len(drafts) > MAX_FIELDS:
        errors["fields"] = f"A form may have up to {MAX_FIELDS} fields."
    for i, draft in enumerate(drafts):
        built, problems = _build_field(current, draft, taken)
        errors.update({f"{i}.{part}": message for part, message in problems.items()})
        if built is None:
            continue
        if built.name in seen:
            errors[f"{i}.key"] = "This field appears twice."
        seen.add(built.name)
        taken.add(built.name)
        fields.append(built)
    for name in WORKFLOW_FIELDS:
        if name not in seen and not any(k.endswith(".key") for k in errors):
            errors["fields"] = (f"The form must keep “{_CORE[name].label}”: the workflow "
                                "needs it.")
    if errors:
        raise Invalid("The form needs a few changes.", errors)
    return fields


def _build_field(current: CaseForm, draft: FieldDraft,
                 taken: set[str]) -> tuple[FormField | None, dict[str, str]]:
    errors: dict[str, str] = {}
    label = " ".join(draft.label.split())
    if not label:
        errors["label"] = "Give the field a label."
    elif len(label) > MAX_LABEL:
        errors["label"] = f"Keep the label under {MAX_LABEL} characters."
    try:
        kind = FieldKind(draft.kind)
    except ValueError:
        errors["kind"] = "Choose the kind of field."
        return None, errors
    existing = _existing(current, draft.key)
    if draft.key and existing is None:
        errors["key"] = "This form has no such field (was it removed?): add it as a new field."
    elif existing is not None and existing.kind is not kind:
        errors["kind"] = ("A field's kind cannot change, because cases already hold its "
                          "values: remove it and add a new field.")
    if len(draft.help) > MAX_HELP:
        errors["help"] = f"Keep the help under {MAX_HELP:,} characters."
    choices = tuple(dict.fromkeys(c.strip() for c in draft.choices if c.strip()))
    if kind in (FieldKind.CHOICE, FieldKind.MULTI):
        errors.update(_choice_problems(choices))
    minimum, maximum = read_number(draft.minimum), read_number(draft.maximum)
    if kind is FieldKind.NUMBER:
        if draft.minimum.strip() and minimum is None:
            errors["minimum"] = "Enter a number, or leave it empty."
        if draft.maximum.strip() and maximum is None:
            errors["maximum"] = "Enter a number, or leave it empty."
        if minimum is not None and maximum is not None and minimum > maximum:
            errors["maximum"] = "The largest value must not be below the smallest."
    handling = default_handling(kind)
    if kind in TEXT_KINDS:
        try:
            handling = Handling(draft.handling or Handling.ANALYSE)
        except ValueError:
            handling = Handling.ANALYSE
        if handling not in TEXT_HANDLINGS:
            errors["handling"] = "Choose how the text is de-identified."
    if errors:
        return None, errors
    name = existing.name if existing else key_for(label, taken)
    required = draft.required
    if name in WORKFLOW_FIELDS:  # the workflow reads them: always asked, always analysed
        required, handling = True, Handling.ANALYSE
    return FormField(
        name=name, label=label, kind=kind, handling=handling, required=required,
        max_length=existing.max_length if existing and kind in TEXT_KINDS else
        (200 if kind is FieldKind.LINE else 10_000 if kind is FieldKind.TEXT else 1_000),
        choices=choices if kind in (FieldKind.CHOICE, FieldKind.MULTI) else
        (("yes", "no") if kind is FieldKind.YES_NO else ()),
        help=draft.help.strip(), unit=draft.unit.strip()[:40] if kind is FieldKind.NUMBER else "",
        minimum=minimum if kind is FieldKind.NUMBER else None,
        maximum=maximum if kind is FieldKind.NUMBER else None,
    ), {}


def _existing(current: CaseForm, key: str) -> FormField | None:
    if not key:
        return None
    try:
        return current.field(key)
    except KeyError:
        return None


def _choice_problems(choices: tuple[str, ...]) -> dict[str, str]:
    if len(choices) < 2:
        return {"choices": "Give at least two choices, one a line."}
    if len(choices) > MAX_CHOICES:
        return {"choices": f"Give up to {MAX_CHOICES} choices."}
    if any(";" in c for c in choices):
        return {"choices": "A choice may not hold “;”: it separates the choices made."}
    if any(len(c) > MAX_CHOICE for c in choices):
        return {"choices": f"Keep each choice under {MAX_CHOICE} characters."}
    return {}
