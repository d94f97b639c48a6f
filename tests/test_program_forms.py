"""A program's own case form: an admin edits it in the browser, each saved change is a
version, and every case is read, checked, de-identified, lettered and exported with the
version it was written on."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader

from echo_cases.case_form import CORE_FIELDS
from tests.support import IDENTIFIED_CASE, Api, Hubs, schedule_session, walk_to
from workflows import Role

pytestmark = pytest.mark.mail  # signing a letter off sends it

CERVICAL_CASE = {"title": "ASC-H Pap in a 34-year-old", "age_band": "30-39", "sex": "female",
                 "question": "Should she have LEEP now or wait for colposcopy?",
                 "history": "HPV 16 positive, seen by Rosalind Achterberg's GP in Willowmere."}


def _core_rows(drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The default form's fields as the editor shows them, less those in ``drop``."""
    return [{"key": f.name, "label": f.label, "kind": f.kind.value, "help": f.help,
             "required": f.required, "handling": f.handling.value,
             "choices": "\n".join(f.choices), "remove": f.name in drop} for f in CORE_FIELDS]


NEW_ROWS = [
    {"label": "HPV genotype", "kind": "multi", "choices": "16\n18\nother high-risk"},
    {"label": "Date of last Pap", "kind": "date"},
    {"label": "Smoker", "kind": "yes_no", "required": True,
     "help": "Does she smoke now?"},
    {"label": "Pack-years", "kind": "number", "unit": "pack-years", "minimum": "0",
     "maximum": "200"},
    {"label": "ICD-10 code", "kind": "line", "handling": "keep"},
    {"label": "Colposcopy findings", "kind": "text", "handling": "analyse"},
]


def _editor(hubs: Hubs) -> str:
    return f"/hubs/{hubs.hubs['a'].id}/programs/{hubs.program_id()}/form"


def _post(admin: FlaskClient, hubs: Hubs, rows: list[dict[str, Any]], based_on: int,
          **extra: str) -> Any:
    """The editor's form as a browser sends it: one numbered row of inputs per field."""
    data: dict[str, str] = {"based_on": str(based_on), "rows": str(len(rows)), **extra}
    for i, row in enumerate(rows):
        for part in ("key", "label", "kind", "help", "handling", "choices", "unit",
                     "minimum", "maximum"):
            data[f"{part}-{i}"] = str(row.get(part, ""))
        data[f"position-{i}"] = str(row.get("position", i + 1))
        if row.get("required"):
            data[f"required-{i}"] = "on"
        if row.get("remove"):
            data[f"remove-{i}"] = "on"
    return admin.post(_editor(hubs), data=data)


def _version_one(login_as: Callable[..., FlaskClient], hubs: Hubs) -> FlaskClient:
    """The admin's first form: the narrative dropped, six fields of every kind added."""
    admin = login_as(Role.ADMIN)
    saved = _post(admin, hubs, [*_core_rows(drop=("narrative",)), *NEW_ROWS], based_on=0)
    assert saved.status_code == 302, saved.text
    return admin


def _pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


# --- editing the form ---------------------------------------------------------------------


def test_an_admin_edits_a_programs_form_in_the_browser_and_the_save_is_version_one(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    admin = login_as(Role.ADMIN)
    page = admin.get(_editor(hubs))
    assert page.status_code == 200
    assert "The default form" in page.text
    assert 'value="Your question for the panel"' in page.text

    assert _post(admin, hubs, [*_core_rows(drop=("narrative",)), *NEW_ROWS],
                 based_on=0).status_code == 302
    assert "Form saved as version 1" in admin.get(_editor(hubs)).text

    form = api_as(Role.CLINICIAN).get(f"/programs/{hubs.program_id()}/form").json
    assert form["version"] == 1
    keys = [f["name"] for f in form["fields"]]
    assert keys == ["title", "question", "age_band", "sex", "history", "current_treatment",
                    "labs_imaging", "hpv_genotype", "date_of_last_pap", "smoker", "pack_years",
                    "icd_10_code", "colposcopy_findings"]
    schema = form["schema"]
    assert "smoker" in schema["required"]
    assert "pack_years" not in schema["required"]
    assert schema["properties"]["smoker"]["enum"] == ["", "yes", "no"]
    assert schema["properties"]["pack_years"]["x-unit"] == "pack-years"
    assert schema["properties"]["date_of_last_pap"]["format"] == "date"
    assert schema["properties"]["colposcopy_findings"]["x-free-text"] is True
    assert schema["properties"]["icd_10_code"]["x-free-text"] is False
    # The programs list offers the same form to clinicians writing a case.
    [program] = api_as(Role.CLINICIAN).get("/programs").json["items"]
    assert "smoker" in program["form"]["properties"]


def test_fields_are_reordered_and_relabelled_but_keep_their_keys_which_are_never_reused(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    admin = _version_one(login_as, hubs)
    rows = [{**row, "key": key} for row, key in zip(
        [*_core_rows(drop=("narrative",))[:7], *NEW_ROWS],
        ["title", "question", "age_band", "sex", "history", "current_treatment",
         "labs_imaging", "hpv_genotype", "date_of_last_pap", "smoker", "pack_years",
         "icd_10_code", "colposcopy_findings"], strict=True)]
    rows[4] = {**rows[4], "label": "Clinical history", "position": 1.5}  # after the title
    rows.append({"label": "Narrative", "kind": "text"})  # the dropped field's label again
    assert _post(admin, hubs, rows, based_on=1).status_code == 302

    form = api_as(Role.ADMIN).get(f"/programs/{hubs.program_id()}/form").json
    assert form["version"] == 2
    keys = [f["name"] for f in form["fields"]]
    assert keys[:3] == ["title", "history", "question"]
    assert form["fields"][1]["label"] == "Clinical history"
    assert keys[-1] == "narrative_2"  # "narrative" stays the old field's, in old cases


def test_the_editor_refuses_what_cannot_be_and_keeps_what_was_typed(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    admin = login_as(Role.ADMIN)
    rows = [*_core_rows(), {"label": "Stage", "kind": "choice", "choices": "only one"},
            {"label": "Tumour size", "kind": "number", "minimum": "10", "maximum": "2"}]
    refused = _post(admin, hubs, rows, based_on=0)
    assert refused.status_code == 422
    assert "Give at least two choices" in refused.text
    assert "The largest value must not be below the smallest." in refused.text
    assert 'value="Tumour size"' in refused.text  # typed, kept

    without_title = _post(admin, hubs, _core_rows(drop=("title",)), based_on=0)
    assert without_title.status_code == 422
    assert "must keep “Case title”" in without_title.text

    api = api_as(Role.ADMIN)
    program = f"/programs/{hubs.program_id()}/form"
    fields = [{"key": f.name, "label": f.label, "kind": f.kind.value, "required": f.required,
               "choices": list(f.choices)} for f in CORE_FIELDS]
    fields[3] = {**fields[3], "kind": "line", "choices": []}  # sex, as free text
    changed_kind = api.put(program, {"based_on": 0, "fields": fields})
    assert changed_kind.status_code == 422
    assert "kind cannot change" in changed_kind.json["error"]["fields"]["3.kind"]

    unchanged = api.put(program, {"based_on": 0, "fields": [
        {**f, "handling": "analyse" if f["kind"] == "text" or f["kind"] == "line" else ""}
        for f in [{"key": c.name, "label": c.label, "kind": c.kind.value, "help": c.help,
                   "required": c.required, "choices": list(c.choices)} for c in CORE_FIELDS]]})
    assert unchanged.status_code == 200
    assert unchanged.json["version"] == 0  # nothing changed, no new version
    assert _post(admin, hubs, [*_core_rows(drop=("narrative",))], based_on=0).status_code == 302
    stale = _post(admin, hubs, [*_core_rows(drop=("history",))], based_on=0)
    assert stale.status_code == 409  # someone saved version 1 meanwhile


def test_only_the_hubs_admins_replace_a_form_and_other_hubs_do_not_see_it(
    api_as: Callable[..., Api], hubs: Hubs
):
    program = f"/programs/{hubs.program_id()}/form"
    body = {"based_on": 0, "fields": [{"key": "title", "label": "Title", "kind": "line"},
                                      {"key": "question", "label": "Q", "kind": "text"}]}
    assert api_as(Role.COORDINATOR).put(program, body).status_code == 403
    assert api_as(Role.ADMIN, "b").put(program, body).status_code == 404
    assert api_as(Role.CLINICIAN, "b").get(program).status_code == 404
    assert api_as(Role.EXPERT).get(program + "/versions/0").json["version"] == 0
    assert api_as(Role.EXPERT).get(program + "/versions/1").status_code == 404


# --- cases on two versions ----------------------------------------------------------------


def test_a_case_keeps_its_version_and_a_new_required_field_is_not_asked_of_an_old_draft(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    old = clinician.post("/cases", {"program_id": hubs.program_id(),
                                    "fields": IDENTIFIED_CASE}).json
    assert old["form_version"] == 0
    _version_one(login_as, hubs)
    new = clinician.post("/cases", {"program_id": hubs.program_id(),
                                    "fields": CERVICAL_CASE}).json
    assert new["form_version"] == 1

    refused = clinician.post(f"/cases/{new['id']}/submit", {"version": new["version"]})
    assert refused.status_code == 422
    assert "smoker" in refused.json["error"]["fields"]
    # The old draft is edited and submitted on its own form: narrative still there,
    # "smoker" never asked.
    old = clinician.patch(f"/cases/{old['id']}", {"version": old["version"], "fields": {
        "narrative": "Seen again last week."}}).json
    assert old["form_version"] == 0
    submitted = clinician.post(f"/cases/{old['id']}/submit", {"version": old["version"]})
    assert submitted.status_code == 200, submitted.json
    assert "smoker" not in submitted.json["deidentified_fields"]
    assert submitted.json["deidentified_fields"]["narrative"] == "Seen again last week."

    page = login_as(Role.CLINICIAN).get(f"/cases/{old['id']}").text
    assert "Narrative" in page
    assert "Smoker" not in page
    edit = login_as(Role.CLINICIAN).get(f"/cases/{new['id']}/edit").text
    assert "Smoker" in edit
    assert "Narrative" not in edit
    assert 'type="date"' in edit
    assert "pack-years" in edit


def test_a_number_field_refuses_text_naming_the_field(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _version_one(login_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    refused = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {
        **CERVICAL_CASE, "pack_years": "about twenty"}})
    assert refused.status_code == 422
    assert refused.json["error"]["fields"] == {
        "pack_years": "Enter a number in pack-years, e.g. 12.5."}
    too_many = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {
        **CERVICAL_CASE, "pack_years": "250"}})
    assert too_many.json["error"]["fields"]["pack_years"] == "Enter at most 200 pack-years."

    browser = login_as(Role.CLINICIAN)
    page = browser.post("/cases/new", data={"program_id": str(hubs.program_id()),
                                            **CERVICAL_CASE, "pack_years": "about twenty"})
    assert page.status_code == 422
    assert "Enter a number in pack-years" in page.text
    assert 'value="about twenty"' in page.text  # nothing typed is lost


def test_text_typed_into_a_field_the_chosen_programs_form_lacks_is_shown_back_not_lost(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    _version_one(login_as, hubs)
    browser = login_as(Role.CLINICIAN)
    # The new-case page shows the default form until a program is chosen.
    assert "Narrative" in browser.get("/cases/new").text
    page = browser.post("/cases/new", data={
        "program_id": str(hubs.program_id()), **CERVICAL_CASE,
        "narrative": "She moved here from the coast last spring."})
    assert page.status_code == 422
    assert "has no place for some of what you wrote" in page.text
    assert "She moved here from the coast last spring." in page.text
    assert "Smoker" in page.text  # now the program's own form


def test_choices_reach_experts_unchanged_free_text_is_deidentified_and_a_date_is_relative(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _version_one(login_as, hubs)
    browser = login_as(Role.CLINICIAN)
    made = browser.post("/cases/new", data={
        "program_id": str(hubs.program_id()), **CERVICAL_CASE,
        "hpv_genotype": ["18", "16"], "date_of_last_pap": "2026-03-02", "smoker": "yes",
        "pack_years": "12.5", "icd_10_code": "R87.613",
        "colposcopy_findings": "Rosalind Achterberg had acetowhite change at 3 o'clock."})
    assert made.status_code == 302, made.text
    case_id = int(made.headers["Location"].rsplit("/", 1)[1])
    clinician = api_as(Role.CLINICIAN)
    case = clinician.get(f"/cases/{case_id}").json
    assert case["fields"]["hpv_genotype"] == ["16", "18"]  # in the form's order
    submitted = clinician.post(f"/cases/{case_id}/submit", {"version": case["version"]}).json

    seen = api_as(Role.EXPERT).get(f"/cases/{case_id}").json["deidentified_fields"]
    assert seen["hpv_genotype"] == ["16", "18"]
    assert seen["smoker"] == "yes"
    assert seen["pack_years"] == "12.5"
    assert seen["icd_10_code"] == "R87.613"
    assert "Achterberg" not in seen["colposcopy_findings"]
    assert "acetowhite change" in seen["colposcopy_findings"]
    assert "2026" not in seen["date_of_last_pap"]
    assert seen["date_of_last_pap"].endswith("before submission")
    assert submitted["dates_relative_to"]
    page = login_as(Role.EXPERT).get(f"/cases/{case_id}").text
    assert "12.5 pack-years" in page
    assert "Achterberg" not in page


def test_old_and_new_cases_export_letter_and_follow_up_with_their_own_fields(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], app: Flask, hubs: Hubs
):
    clinician = api_as(Role.CLINICIAN)
    old = clinician.post("/cases", {"program_id": hubs.program_id(),
                                    "fields": IDENTIFIED_CASE}).json
    _version_one(login_as, hubs)
    new = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {
        **CERVICAL_CASE, "smoker": "no", "pack_years": "0",
        "hpv_genotype": ["18", "16"]}}).json
    session_id = schedule_session(app, hubs)
    cases = [clinician.post(f"/cases/{c['id']}/submit", {"version": c["version"]}).json
             for c in (old, new)]
    # Both are scheduled before the session begins, then carried on to their letters.
    cases = [walk_to(api_as, c, "reviewed", session_id) for c in cases]
    old, new = (walk_to(api_as, c, "recommendations_sent", session_id) for c in cases)

    coordinator = api_as(Role.COORDINATOR)
    exported = coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.json").json["cases"]
    by_id = {row["case_id"]: row for row in exported}
    assert by_id[old["id"]]["form_version"] == 0
    assert "narrative" in by_id[old["id"]]["fields"]
    assert "smoker" not in by_id[old["id"]]["fields"]
    assert by_id[new["id"]]["fields"]["smoker"] == "no"
    # A multiple choice is a list in JSON, as in the API; one cell in the CSV.
    assert by_id[new["id"]]["fields"]["hpv_genotype"] == ["16", "18"]
    response = coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.csv")
    rows = {int(r["case_id"]): r for r in csv.DictReader(io.StringIO(response.text))}
    assert rows[new["id"]]["field:hpv_genotype"] == "16; 18"
    assert rows[new["id"]]["field:narrative"] == ""
    assert rows[old["id"]]["field:smoker"] == ""
    assert rows[old["id"]]["field:narrative"]
    assert "Achterberg" not in response.text

    old_letter = _pdf_text(coordinator.get(f"/cases/{old['id']}/letter.pdf").data)
    new_letter = _pdf_text(coordinator.get(f"/cases/{new['id']}/letter.pdf").data)
    assert "Narrative" in old_letter
    assert "Smoker" not in old_letter
    assert "Smoker" in new_letter
    assert "Narrative" not in new_letter
    assert "Pack-years 0 pack-years" in new_letter

    # Re-presented, the old case becomes a draft on the current form: what it still asks
    # for is carried over, the dropped narrative is not.
    follow_up = clinician.post(f"/cases/{old['id']}/follow-up")
    assert follow_up.status_code == 201, follow_up.json
    assert follow_up.json["form_version"] == 1
    assert follow_up.json["fields"]["history"] == IDENTIFIED_CASE["history"]
    assert "narrative" not in follow_up.json["fields"]


# --- a multiple choice in the API -----------------------------------------------------------


def test_the_api_writes_and_reads_a_multiple_choice_as_a_list_of_its_choices(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _version_one(login_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    made = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {
        **CERVICAL_CASE, "hpv_genotype": ["other high-risk", "16"]}})
    assert made.status_code == 201, made.json
    assert made.json["fields"]["hpv_genotype"] == ["16", "other high-risk"]

    changed = clinician.patch(f"/cases/{made.json['id']}", {
        "version": made.json["version"], "fields": {"hpv_genotype": ["18"]}})
    assert changed.status_code == 200, changed.json
    assert changed.json["fields"]["hpv_genotype"] == ["18"]
    assert changed.json["fields"]["title"] == CERVICAL_CASE["title"]  # the rest is kept
    blanked = clinician.patch(f"/cases/{made.json['id']}", {
        "version": changed.json["version"], "fields": {"hpv_genotype": []}})
    assert blanked.json["fields"]["hpv_genotype"] == []

    schema = clinician.get(f"/programs/{hubs.program_id()}/form").json["schema"]
    assert schema["properties"]["hpv_genotype"]["type"] == "array"
    assert schema["properties"]["hpv_genotype"]["items"]["enum"] == [
        "16", "18", "other high-risk"]


@pytest.mark.parametrize(("sent", "named"), [
    (["16", "Rosalind Achterberg"], "Choice 2 of the list is not one of this field's "
                                    "choices: 16, 18, other high-risk."),
    ("16; 18", 'Send the choices as a list of strings, e.g. ["16"].'),
])
def test_the_api_refuses_a_multiple_choice_that_is_not_a_list_of_its_choices(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs,
    sent: object, named: str,
):
    _version_one(login_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    refused = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {
        **CERVICAL_CASE, "hpv_genotype": sent}})
    assert refused.status_code == 422
    assert refused.json["error"]["fields"] == {"hpv_genotype": named}
    assert "Achterberg" not in refused.text  # a refused value is named, never echoed
    assert clinician.get("/cases").json["items"] == []


def test_a_list_sent_for_a_field_that_is_not_a_multiple_choice_is_refused_naming_it(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _version_one(login_as, hubs)
    refused = api_as(Role.CLINICIAN).post("/cases", {"program_id": hubs.program_id(),
                                                     "fields": {**CERVICAL_CASE,
                                                                "smoker": ["yes"]}})
    assert refused.status_code == 422
    assert refused.json["error"]["fields"] == {
        "smoker": "Send text: only a multiple choice takes a list."}


def test_a_multiple_choice_saved_in_the_browser_reads_as_a_list_in_the_api(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    # The browser's ticks are stored as they always were ("16; 18"): the API reads them
    # as a list, like every value stored before lists.
    _version_one(login_as, hubs)
    made = login_as(Role.CLINICIAN).post("/cases/new", data={
        "program_id": str(hubs.program_id()), **CERVICAL_CASE, "hpv_genotype": ["18", "16"]})
    assert made.status_code == 302, made.text
    case_id = int(made.headers["Location"].rsplit("/", 1)[1])
    assert api_as(Role.CLINICIAN).get(f"/cases/{case_id}").json["fields"][
        "hpv_genotype"] == ["16", "18"]


# --- the preview and the expert's page of a case on a program's own form ------------------


class _ByKey(HTMLParser):
    """The text of each element a page marks with a field's key (``data-field``)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: dict[str, str] = {}
        self._open: list[tuple[str, int]] = []  # (key, depth) of the marked elements open
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("input", "br", "img", "meta", "link"):
            return  # void elements: never closed
        self._depth += 1
        self.handle_data(" ")  # a new element is a new word, as a reader sees it
        key = dict(attrs).get("data-field")
        if key:
            self._open.append((key, self._depth))
            self.text.setdefault(key, "")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][1] == self._depth:
            self._open.pop()
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        for key, _depth in self._open:
            self.text[key] += data


def _by_key(html: str) -> dict[str, str]:
    parser = _ByKey()
    parser.feed(html)
    return {key: " ".join(text.split()) for key, text in parser.text.items()}


def test_the_preview_and_the_experts_page_show_a_case_on_the_programs_own_form_by_its_keys(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _version_one(login_as, hubs)
    browser = login_as(Role.CLINICIAN)
    made = browser.post("/cases/new", data={
        "program_id": str(hubs.program_id()), **CERVICAL_CASE,
        "hpv_genotype": ["18", "16"], "date_of_last_pap": "2026-03-02", "smoker": "yes",
        "pack_years": "12.5", "icd_10_code": "R87.613",
        "colposcopy_findings": "Rosalind Achterberg had acetowhite change, biopsied."})
    assert made.status_code == 302, made.text
    case_id = int(made.headers["Location"].rsplit("/", 1)[1])

    preview = browser.get(f"/cases/{case_id}/preview")
    assert preview.status_code == 200
    shown = _by_key(preview.text)
    # Free text side by side, as written and as experts read it, by the field's key.
    assert "You wrote Rosalind Achterberg had acetowhite change" in shown["colposcopy_findings"]
    # What experts read, before the table of what was found.
    experts_read = shown["colposcopy_findings"].split("Experts read", 1)[1].split(" Found ")[0]
    assert "Achterberg" not in experts_read
    assert "had acetowhite change, biopsied." in experts_read
    # The rest as chosen: choices and numbers kept, the date relative to submission.
    assert shown["hpv_genotype"] == "16; 18"
    assert shown["smoker"] == "yes"
    assert shown["pack_years"] == "12.5 pack-years"
    assert shown["icd_10_code"] == "R87.613"
    assert shown["date_of_last_pap"].endswith("before submission")
    assert "2026-03-02" not in shown["date_of_last_pap"]
    assert "narrative" not in shown  # version 1 dropped it

    clinician = api_as(Role.CLINICIAN)
    case = clinician.get(f"/cases/{case_id}").json
    assert clinician.post(f"/cases/{case_id}/submit",
                          {"version": case["version"]}).status_code == 200
    page = login_as(Role.EXPERT).get(f"/cases/{case_id}")
    assert page.status_code == 200
    read = _by_key(page.text)
    assert read["hpv_genotype"] == "16; 18"
    assert read["pack_years"] == "12.5 pack-years"
    assert read["smoker"] == "yes"
    assert read["date_of_last_pap"].endswith("before submission")
    assert "Achterberg" not in read["colposcopy_findings"]
    assert "had acetowhite change, biopsied." in read["colposcopy_findings"]
    assert "Achterberg" not in page.text
    assert "Colposcopy findings" in page.text  # each value under its label


def test_the_api_takes_a_number_field_as_a_json_number_and_refuses_one_elsewhere(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    _version_one(login_as, hubs)
    clinician = api_as(Role.CLINICIAN)
    made = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {
        **CERVICAL_CASE, "pack_years": 12.5}})
    assert made.status_code == 201, made.json
    assert made.json["fields"]["pack_years"] == "12.5"
    wrong = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": {
        **CERVICAL_CASE, "title": 12}})
    assert wrong.status_code == 422, wrong.json
    assert wrong.json["error"]["fields"] == {
        "title": "Send text: only a number field takes a number."}
    schema = clinician.get(f"/programs/{hubs.program_id()}/form").json["schema"]
    pattern = re.compile(schema["properties"]["pack_years"]["pattern"])
    assert schema["properties"]["pack_years"]["type"] == ["string", "number"]
    # The schema's pattern reads a number as the form does: "1,5" is no number here.
    for number in ("1,500.25", "12.5", "-3", ""):
        assert pattern.match(number), number
    assert not pattern.match("1,5")
