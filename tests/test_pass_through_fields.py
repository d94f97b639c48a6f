"""A text field the form passes on as written ("holds no identifier: an ICD-10 code, a
stage") reaches experts exactly as typed, so the de-identifier still reads it: what it is
sure of stops the submission, naming the field and the kind but never the words; a guess
is a warning on the preview. What the clinician typed stays in their draft."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import AuditEvent
from tests.support import Api, Hubs, csrf_token_in
from workflows import Role

# The reviewer's finding: an ICD-10 code field holding a patient's name and MRN.
TYPED_INTO_THE_CODE = "R87.613 Rosalind Achterberg MRN 4471203"
WORDS_OF_IT = ("Rosalind", "Achterberg", "4471203")

CASE = {"title": "ASC-H Pap in a 34-year-old", "age_band": "30-39", "sex": "female",
        "question": "Should she have LEEP now or wait for colposcopy?",
        "history": "HPV 16 positive, two abnormal smears in three years."}

# Values these fields really hold: none is an identifier, each must pass untouched.
REALISTIC = {"icd_10_code": "C53.9", "stage": "FIGO IIB (T2bN0M0)",
             "regimen": "Cisplatin 40 mg/m2 weekly with pelvic radiotherapy, 50.4 Gy in 28 "
                        "fractions; HER2 3+, ER 90%, ECOG 1.",
             "tumour_size": "4.2 cm"}


def _form_with_fields_passed_as_written(api_as: Callable[..., Api], hubs: Hubs) -> None:
    """The program's form: the core fields, and four text fields passed on as written."""
    admin = api_as(Role.ADMIN)
    current = admin.get(f"/programs/{hubs.program_id()}/form").json
    core = [{"key": f["name"], "label": f["label"], "kind": f["kind"],
             "handling": f["handling"], "required": f["required"],
             "choices": f.get("choices", [])} for f in current["fields"]]
    ours = [{"label": "ICD-10 code", "kind": "line", "handling": "keep"},
            {"label": "Stage", "kind": "line", "handling": "keep"},
            {"label": "Regimen", "kind": "text", "handling": "keep"},
            {"label": "Tumour size", "kind": "line", "handling": "keep"}]
    saved = admin.put(f"/programs/{hubs.program_id()}/form",
                      {"based_on": current["version"], "fields": [*core, *ours]})
    assert saved.status_code == 200, saved.text
    assert [f["name"] for f in saved.json["fields"]][-4:] == list(REALISTIC)


def _draft(clinician: Api, hubs: Hubs, **fields: str) -> dict[str, Any]:
    made = clinician.post("/cases", {"program_id": hubs.program_id(),
                                     "fields": {**CASE, **REALISTIC, **fields}})
    assert made.status_code == 201, made.text
    return dict(made.json)


def _audit_details(app: Flask) -> str:
    with unit_of_work(app) as db:
        return json.dumps([[e.kind, e.subject, e.detail] for e in db.exec(select(AuditEvent))])


def test_codes_stages_drugs_and_measures_reach_experts_exactly_as_typed(
    api_as: Callable[..., Api], hubs: Hubs
):
    _form_with_fields_passed_as_written(api_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    case = _draft(clinician, hubs)

    preview = clinician.post(f"/cases/{case['id']}/preview", {}).json
    assert preview["as_written"] == []  # nothing flagged
    submitted = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]})
    assert submitted.status_code == 200, submitted.text

    seen = api_as(Role.EXPERT).get(f"/cases/{case['id']}").json["deidentified_fields"]
    assert {name: seen[name] for name in REALISTIC} == REALISTIC


def test_a_name_and_mrn_typed_into_a_code_field_stop_the_submission_without_being_echoed(
    api_as: Callable[..., Api], app: Flask, hubs: Hubs, caplog: pytest.LogCaptureFixture
):
    _form_with_fields_passed_as_written(api_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    case = _draft(clinician, hubs, icd_10_code=TYPED_INTO_THE_CODE)

    # The preview flags the MRN as sure (it blocks) and the name as the analyser's guess.
    preview = clinician.post(f"/cases/{case['id']}/preview", {}).json
    flagged = {TYPED_INTO_THE_CODE[f["start"]:f["end"]]: f["blocks_submit"]
               for f in preview["as_written"] if f["field"] == "icd_10_code"}
    assert flagged["4471203"] is True
    assert flagged["Rosalind Achterberg"] is False

    with caplog.at_level(logging.DEBUG):
        refused = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]})
    assert refused.status_code == 422
    message = refused.json["error"]["fields"]["icd_10_code"]
    assert message.startswith("This field is passed on as written, so it must hold no "
                              "identifier: it seems to hold an identifying number")
    assert "characters 33\u201339" in message  # where, not what
    assert set(refused.json["error"]["fields"]) == {"icd_10_code"}  # the realistic ones pass
    for words in WORDS_OF_IT:
        assert words not in refused.text
        assert words not in caplog.text
        assert words not in _audit_details(app)

    # Nothing typed is lost, and nothing reached the hub.
    after = clinician.get(f"/cases/{case['id']}").json
    assert after["state"] == "draft"
    assert after["fields"]["icd_10_code"] == TYPED_INTO_THE_CODE
    assert api_as(Role.EXPERT).get(f"/cases/{case['id']}").status_code == 404

    # Taken out, the case goes.
    fixed = clinician.patch(f"/cases/{case['id']}", {
        "version": after["version"], "fields": {**after["fields"], "icd_10_code": "R87.613"}})
    assert fixed.status_code == 200, fixed.text
    assert clinician.post(f"/cases/{case['id']}/submit",
                          {"version": fixed.json["version"]}).status_code == 200
    assert api_as(Role.EXPERT).get(f"/cases/{case['id']}").json[
        "deidentified_fields"]["icd_10_code"] == "R87.613"


@pytest.mark.parametrize(("field", "typed", "kind"), [
    ("regimen", "Paclitaxel 175 mg/m2; call 0722 555 123", "contact details"),
    ("regimen", "Letrozole 2.5 mg daily; results to mary.otieno@knh.or.ke", "contact details"),
    ("stage", "IIB, staged 03/02/2026", "a date"),
])
def test_phones_emails_and_dates_in_a_field_passed_on_as_written_are_refused_by_their_kind(
    api_as: Callable[..., Api], hubs: Hubs, field: str, typed: str, kind: str
):
    _form_with_fields_passed_as_written(api_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    case = _draft(clinician, hubs, **{field: typed})
    refused = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]})
    assert refused.status_code == 422
    assert f"it seems to hold {kind}" in refused.json["error"]["fields"][field]
    assert clinician.get(f"/cases/{case['id']}").json["fields"][field] == typed


def test_a_guess_is_a_warning_on_the_preview_and_does_not_stop_the_submission(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _form_with_fields_passed_as_written(api_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    # A one-word name the analyser only guesses at (its learned model, no cue).
    case = _draft(clinician, hubs, stage="T2N1M0 Wanjiku")
    preview = clinician.post(f"/cases/{case['id']}/preview", {}).json
    [guess] = [f for f in preview["as_written"] if f["field"] == "stage"]
    assert guess["blocks_submit"] is False

    page = login_as(Role.CLINICIAN).get(f"/cases/{case['id']}/preview")
    assert page.status_code == 200
    assert "The de-identifier guesses it may hold a name" in page.text
    assert '<mark class="flagged" title="Seems to be: ' in page.text
    assert "data-refused" not in page.text

    assert clinician.post(f"/cases/{case['id']}/submit",
                          {"version": case["version"]}).status_code == 200


def test_the_web_preview_flags_the_field_and_confirm_and_submit_keeps_the_draft(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _form_with_fields_passed_as_written(api_as, hubs)
    case = _draft(api_as(Role.CLINICIAN), hubs, icd_10_code=TYPED_INTO_THE_CODE)
    browser = login_as(Role.CLINICIAN)

    preview = browser.get(f"/cases/{case['id']}/preview")
    assert preview.status_code == 200
    # Flagged in the author's own words, with the refusal beside it and at the top.
    assert '<mark class="flagged" title="Seems to be: MRN">4471203</mark>' in preview.text
    assert preview.text.count("This field is passed on as written, so it must hold no "
                              "identifier") == 2
    assert 'href="#as-written-icd_10_code"' in preview.text

    submitted = browser.post(f"/cases/{case['id']}/submit", data={
        "csrf_token": csrf_token_in(preview.text), "version": str(case["version"]),
        "decisions_revision": "0"})
    assert submitted.status_code == 422
    assert "ICD-10 code: This field is passed on as written" in submitted.text
    after = api_as(Role.CLINICIAN).get(f"/cases/{case['id']}").json
    assert after["state"] == "draft"
    assert after["fields"]["icd_10_code"] == TYPED_INTO_THE_CODE
    edit = browser.get(f"/cases/{case['id']}/edit")
    assert TYPED_INTO_THE_CODE in edit.text


def test_the_form_editor_says_text_passed_on_as_written_is_still_checked(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    page = login_as(Role.ADMIN).get(
        f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/form")
    assert page.status_code == 200
    assert "Text passed on as written is not de-identified, but it is still" in page.text
    assert "cannot be submitted until the clinician takes it out" in page.text
