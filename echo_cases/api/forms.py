"""API endpoints for programs' case forms: every member reads a program's form (any
version, so a case can be read with the form it was written on); its hub's admins replace
it, which makes a new version. Registered on the API's blueprint and in its OpenAPI document."""

from __future__ import annotations

from typing import Any, Literal

from flask import jsonify
from pydantic import BaseModel, Field
from werkzeug.wrappers import Response

from echo_cases import access
from echo_cases.api.schemas import Body, Out
from echo_cases.api.spec import parse_body
from echo_cases.api.views import spec
from echo_cases.case_form import CaseForm, FieldKind
from echo_cases.db import db_session
from echo_cases.errors import NotFound
from echo_cases.http.gate import current_user
from echo_cases.numbers import whole
from echo_cases.services import program_forms
from models import Program, id_of
from workflows import Role

ADMINS = frozenset({Role.ADMIN})
EVERYONE = frozenset(Role)
Kind = Literal[tuple(k.value for k in FieldKind)]  # type: ignore[valid-type]


class FormFieldIn(Body):
    key: str = Field(default="", max_length=64, description=(
        "The key of a field of the version you edit, to keep it; empty for a new field, whose "
        "key is derived from its label (and never reused)."))
    label: str = Field(max_length=200)
    kind: Kind = Field(description="line (short text), text (long text), number, choice "  # type: ignore[valid-type]
                       "(single), multi (multiple choice), date, yes_no.")
    help: str = Field(default="", max_length=1_000)
    required: bool = Field(default=False, description="Must be filled in before submitting.")
    handling: Literal["analyse", "keep", "remove", ""] = Field(default="", description=(
        "Text kinds only: analyse (free text, de-identified; the default), keep (the admin "
        "vouches it holds no identifier: passed on as written, but still checked, and a case "
        "whose field seems to hold one is not submitted), remove (an identifier: never leaves "
        "the original). "
        "Other kinds are kept, and dates written relative to submission."))
    choices: list[str] = Field(default_factory=list, max_length=50)
    unit: str = Field(default="", max_length=40)
    minimum: str = Field(default="", max_length=40)
    maximum: str = Field(default="", max_length=40)


class FormReplace(Body):
    based_on: int = Field(ge=0, le=2**31 - 1, description=(
        "The version you edited; if another was saved since, 409."))
    fields: list[FormFieldIn] = Field(max_length=program_forms.MAX_FIELDS)


class FormOut(Out):
    program_id: int
    version: int = Field(description="0 is the default form (core fields and the program's "
                         "extra fields); each saved change makes the next version.")
    fields: list[dict[str, Any]] = Field(description="The fields in order, each with its "
                                         "`name` (key), label, kind, handling and required.")
    schema_: dict[str, Any] = Field(alias="schema", serialization_alias="schema", description=(
        "JSON Schema of the case `fields` written on this version, with `required`."))


@spec.route("/programs/{program_id}/form", "GET",
            summary="A program's case form, as a new case is written on it (its hub's members)",
            response=FormOut, errors=(404,))
def program_form(program_id: int) -> tuple[Response, int]:
    program = _program(program_id, EVERYONE)
    return _out(program, program_forms.current_form(db_session(), program))


@spec.route("/programs/{program_id}/form/versions/{version}", "GET",
            summary="One version of a program's case form, the one a case's `form_version` "
            "names (its hub's members)", response=FormOut, errors=(404,))
def program_form_version(program_id: int, version: str) -> tuple[Response, int]:
    program = _program(program_id, EVERYONE)
    db = db_session()
    number = whole(version, high=program_forms.current_form(db, program).version)
    if number is None:
        raise NotFound("This program's form has no such version.")
    return _out(program, program_forms.form_version(db, program, number))


@spec.route("/programs/{program_id}/form", "PUT",
            summary="Replace a program's case form: a new version (its hub's admins)",
            response=FormOut, body=FormReplace, errors=(404, 409), description=(
                "Send every field, in order. Cases keep the version they were written on. "
                "`title` and `question` cannot be removed; a field's kind cannot change. "
                "An unchanged form makes no new version. Problems are named in `fields` by "
                "`<position>.<part>`, e.g. `2.choices`."))
def replace_program_form(program_id: int) -> tuple[Response, int]:
    program = _program(program_id, ADMINS)
    body = parse_body(FormReplace)
    drafts = [program_forms.FieldDraft.from_mapping(f.model_dump()) for f in body.fields]
    form = program_forms.save_form(db_session(), current_user(), program, drafts,
                                   based_on=body.based_on)
    return _out(program, form)


def _program(program_id: int, roles: frozenset[Role]) -> Program:
    db = db_session()
    program = db.get(Program, program_id)
    if program is None:
        raise NotFound("No such program.")
    access.require_hub_role(db, current_user(), program.hub_id, roles)
    return program


def _out(program: Program, form: CaseForm) -> tuple[Response, int]:
    out: BaseModel = FormOut(program_id=id_of(program), version=form.version,
                             fields=form.to_specs(), schema=form.json_schema())
    return jsonify(out.model_dump(mode="json", by_alias=True)), 200
