"""A case's form values as the API writes and reads them: each multiple choice a list of
its choices, every other field text. Stored values stay strings ("16; 18"), so a case
written before lists reads the same as one written since."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from echo_cases import access
from echo_cases.case_form import CaseForm
from echo_cases.errors import Invalid
from echo_cases.services import cases as case_ops
from models import Case, User


def form_to_write(db: Session, user: User, case: Case | None,
                  program_id: int | None) -> CaseForm:
    """The form the values are written on: the case's own, or the current form of the
    program a new case (or a draft that moves) is written for."""
    if case is not None and (program_id is None or program_id == case.program_id):
        return case_ops.form_of(db, case)
    if program_id is None:
        raise ValueError("a new case needs its program")
    return case_ops.form_for(db, access.get_program_for_author(db, user, program_id))


def written(form: CaseForm, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The sent values as the form's checks read them, or a 422 naming each bad field."""
    values, errors = form.from_lists(fields)
    if errors:
        raise Invalid("Some fields need attention.", errors)
    return values


def merged(stored: Mapping[str, str], form: CaseForm,
           patch: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON Merge Patch (RFC 7396) of ``patch`` onto the stored values, on ``form``
    (the target program's when the draft moves): what is not sent is kept; null removes a
    value (a form's field left out reads blank); stored values the form lacks are dropped,
    as a follow-up drops them (the form no longer asks for them, and the form's check would
    refuse a name it does not have). A null naming such a dropped value is no error: what
    it asks for is done."""
    values: dict[str, Any] = {name: value for name, value in stored.items()
                              if name in form.names}
    sent = {name: value for name, value in patch.items()
            if not (value is None and name not in form.names and name in stored)}
    for name, value in written(form, sent).items():
        if value is None and name in form.names:
            values.pop(name, None)
        else:  # a name the form lacks goes on to the form's check, which names it
            values[name] = value
    return values


def shown(form: CaseForm, values: Mapping[str, str] | None) -> dict[str, Any] | None:
    """Stored values as the API shows them."""
    return None if values is None else form.as_lists(values)
