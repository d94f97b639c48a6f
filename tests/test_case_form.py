"""The case form is data: core fields every hub asks for, plus a program's own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from echo_cases.case_form import CaseForm, Handling
from echo_cases.db import unit_of_work
from models import Program
from tests.support import IDENTIFIED_CASE, Api, Hubs
from workflows import Role


def test_the_core_form_asks_what_hubs_ask():
    assert CaseForm.for_program().names == [
        "title", "question", "age_band", "sex", "history", "current_treatment",
        "labs_imaging", "narrative"]


def test_structured_choices_are_kept_and_free_text_is_analysed():
    form = CaseForm.for_program()
    assert form.field("age_band").handling is Handling.KEEP
    assert form.field("narrative").handling is Handling.ANALYSE
    assert "90+" in form.field("age_band").choices


def test_a_program_field_may_not_replace_a_core_field():
    with pytest.raises(ValueError, match="clash"):
        CaseForm.for_program([{"name": "title"}])


@pytest.fixture
def program_with_extras(app: Flask, hubs: Hubs) -> int:
    with unit_of_work(app) as db:
        program = db.get(Program, hubs.program_id())
        assert program is not None
        program.extra_fields = [
            {"name": "hpv_status", "label": "HPV status", "kind": "choice",
             "handling": "keep", "choices": ["positive", "negative", "unknown"],
             "required": True},
            {"name": "patient_name", "label": "Patient name (for your records)",
             "kind": "line", "handling": "remove"},
        ]
        db.add(program)
    return hubs.program_id()


def test_a_programs_own_fields_are_asked_kept_and_removed_as_declared(
    api_as: Callable[..., Api], program_with_extras: int
):
    clinician = api_as(Role.CLINICIAN)
    form = clinician.get("/programs").json["items"][0]["form"]
    assert form["properties"]["hpv_status"]["enum"] == ["", "positive", "negative", "unknown"]

    fields = {**IDENTIFIED_CASE, "patient_name": "Rosalind Achterberg"}
    case = clinician.post("/cases", {"program_id": program_with_extras, "fields": fields}).json
    missing = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]})
    assert missing.status_code == 422  # hpv_status is required by this program

    case = clinician.patch(f"/cases/{case['id']}", {
        "version": case["version"], "fields": {**fields, "hpv_status": "positive"}}).json
    submitted = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]}).json
    assert submitted["deidentified_fields"]["hpv_status"] == "positive"
    assert "patient_name" not in submitted["deidentified_fields"]


def test_a_value_outside_a_programs_choices_is_refused(
    api_as: Callable[..., Api], program_with_extras: int
):
    response = api_as(Role.CLINICIAN).post("/cases", {
        "program_id": program_with_extras, "fields": {"hpv_status": "maybe"}})
    assert response.status_code == 422
    assert "hpv_status" in response.json["error"]["fields"]
