"""Redaction decisions are part of the draft: saved as they are made, shown wherever the
preview is reopened, used by submit, and asked for again when an edit moves their words."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from echo_cases import create_app
from echo_cases.db import engine_of, unit_of_work
from echo_cases.errors import Conflict
from echo_cases.services import draft_decisions
from echo_cases.services.redaction import AddedRedaction, Decisions
from echo_cases.settings import Settings
from echo_cases.vault import Vault
from models import Case, CaseOriginal
from tests.support import IDENTIFIED_CASE, PASSWORD, Api, Hubs
from workflows import Role

MISSED = "Mama Z"  # a nickname the analyser does not find
NARRATIVE = f"Known locally as {MISSED}, she came in the outreach van."


class _Form(HTMLParser):
    """What a browser would post from the preview's form, untouched by the clinician."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a["value"]))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            name, value = self.fields.pop()
            self.fields.append((name, value + data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _as_posted(html: str, **changes: str | list[str]) -> dict[str, str | list[str]]:
    parser = _Form()
    parser.feed(html)
    posted: dict[str, str | list[str]] = {}
    for name, value in parser.fields:
        if name in posted:
            earlier = posted[name]
            posted[name] = [*(earlier if isinstance(earlier, list) else [earlier]), value]
        else:
            posted[name] = value
    return {**posted, **changes}


def _experts_read(html: str) -> str:
    return " ".join(part.split("</div>")[0] for part in html.split("<h3>Experts read</h3>")[1:])


def _mrn_key(html: str) -> str:
    match = re.search(r'<td>80417733.*?name="restore" value="(history:\d+:\d+)"', html, re.DOTALL)
    assert match, "the MRN should be proposed for redaction"
    return match.group(1)


def _draft(browser: FlaskClient, hubs: Hubs) -> int:
    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(),
                                             **IDENTIFIED_CASE, "narrative": NARRATIVE})
    assert saved.status_code == 302
    match = re.search(r"/cases/(\d+)", saved.location)
    assert match
    return int(match.group(1))


def _decide(browser: FlaskClient, case_id: int) -> str:
    """Keep the MRN (a false alarm here, with a reason) and redact the missed name."""
    page = browser.get(f"/cases/{case_id}/preview").text
    key = _mrn_key(page)
    decided = browser.post(f"/cases/{case_id}/preview", data=_as_posted(
        page, restore=key, **{f"reason:{key}": "A study number, not the patient's MRN.",
                              "redact_also": MISSED, "redact_type": "PERSON"}))
    assert decided.status_code == 200, decided.text
    return key


def test_a_reload_cannot_unredact_anything(login_as: Callable[..., FlaskClient], hubs: Hubs):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    key = _decide(clinician, case_id)

    reloaded = clinician.get(f"/cases/{case_id}/preview")
    assert reloaded.status_code == 200
    assert MISSED not in _experts_read(reloaded.text)
    assert "80417733" in _experts_read(reloaded.text)  # the kept false alarm stays kept
    assert f'value="{key}" checked' in reloaded.text

    submitted = clinician.post(f"/cases/{case_id}/submit", data=_as_posted(reloaded.text))
    assert submitted.status_code == 302, submitted.text

    expert_page = login_as(Role.EXPERT).get(f"/cases/{case_id}").text
    assert "80417733" in expert_page
    assert MISSED not in expert_page
    assert "Achterberg" not in expert_page


def test_decisions_survive_opening_the_draft_in_another_session(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    on_the_desktop = login_as(Role.CLINICIAN)
    case_id = _draft(on_the_desktop, hubs)
    key = _decide(on_the_desktop, case_id)

    on_the_phone = login_as(Role.CLINICIAN)
    page = on_the_phone.get(f"/cases/{case_id}/preview").text
    assert MISSED not in _experts_read(page)
    assert f'value="{key}" checked' in page
    assert MISSED in page.split('id="redact_also"')[1].split("</textarea>")[0]


def test_a_window_opened_before_a_decision_cannot_undo_it(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    old_window = clinician.get(f"/cases/{case_id}/preview").text
    _decide(clinician, case_id)

    stale = clinician.post(f"/cases/{case_id}/submit", data=_as_posted(old_window))
    assert stale.status_code == 409
    assert "changed in another window" in stale.text
    assert MISSED not in _experts_read(stale.text)
    detail = clinician.get(f"/cases/{case_id}").text
    assert "Draft" in detail


def test_an_edit_that_moves_the_words_asks_for_the_decision_again(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    _decide(clinician, case_id)

    form = clinician.get(f"/cases/{case_id}/edit").text
    version = re.search(r'name="version" value="(\d+)"', form)
    assert version
    edited = clinician.post(f"/cases/{case_id}/edit", data={
        **IDENTIFIED_CASE, "narrative": f"Since March: {NARRATIVE}",
        "history": "Referred urgently. " + IDENTIFIED_CASE["history"],
        "version": version.group(1)})
    assert edited.status_code == 302
    assert "Words you kept as not identifiers have moved (1)" in clinician.get(edited.location).text

    page = clinician.get(f"/cases/{case_id}/preview").text
    assert "needs a look" in page
    assert "80417733" not in _experts_read(page)  # redacted again until decided again
    assert MISSED not in _experts_read(page)  # an added phrase applies wherever it moved

    refused = clinician.post(f"/cases/{case_id}/submit", data=_as_posted(page))
    assert refused.status_code == 422
    assert "look at them again" in refused.text

    page = refused.text
    key = _mrn_key(page)
    again = clinician.post(f"/cases/{case_id}/preview", data=_as_posted(
        page, restore=key, **{f"reason:{key}": "A study number, not the patient's MRN."}))
    assert again.status_code == 200
    assert "needs a look" not in again.text
    assert "80417733" in _experts_read(again.text)

    submitted = clinician.post(f"/cases/{case_id}/submit", data=_as_posted(again.text))
    assert submitted.status_code == 302


def test_a_moved_decision_can_be_left_redacted_after_a_look(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    _decide(clinician, case_id)
    version = re.search(r'name="version" value="(\d+)"',
                        clinician.get(f"/cases/{case_id}/edit").text)
    assert version
    clinician.post(f"/cases/{case_id}/edit", data={
        **IDENTIFIED_CASE, "narrative": NARRATIVE,
        "history": "Seen twice. " + IDENTIFIED_CASE["history"], "version": version.group(1)})
    page = clinician.get(f"/cases/{case_id}/preview").text

    looked = clinician.post(f"/cases/{case_id}/preview", data=_as_posted(page, looked="0"))
    assert looked.status_code == 200
    assert "needs a look" not in looked.text
    submitted = clinician.post(f"/cases/{case_id}/submit", data=_as_posted(looked.text))
    assert submitted.status_code == 302
    assert "80417733" not in login_as(Role.EXPERT).get(f"/cases/{case_id}").text


def test_nobody_but_the_author_reads_the_decisions(
    login_as: Callable[..., FlaskClient], hubs: Hubs, app: Flask
):
    author = login_as(Role.CLINICIAN)
    case_id = _draft(author, hubs)
    _decide(author, case_id)

    others = [login_as(role) for role in (Role.EXPERT, Role.COORDINATOR, Role.ADMIN)]
    for browser in [*others, login_as(Role.CLINICIAN, "b")]:
        page = browser.get(f"/cases/{case_id}/preview")
        assert page.status_code in (403, 404)
        assert MISSED not in page.text

    # Sealed at rest like the original: a copy of the database does not hold the phrase.
    with engine_of(app).connect() as connection:
        raw = " ".join(str(v) for row in connection.execute(text("SELECT * FROM case_original"))
                       for v in row)
    assert MISSED not in raw
    assert "80417733" not in raw


def test_rotating_keys_reseals_the_decisions_with_the_original(
    login_as: Callable[..., FlaskClient], hubs: Hubs, settings: Settings
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    _decide(clinician, case_id)

    old_key = settings.checked().data_keys[0]
    new_key = Vault.new_key()
    rotating = create_app(replace(settings, data_keys=(new_key, old_key)))
    assert rotating.test_cli_runner().invoke(args=["rotate-keys"]).exit_code == 0

    new_only = create_app(replace(settings, data_keys=(new_key,))).test_client()
    new_only.post("/login", data={"email": hubs.user(Role.CLINICIAN).email,
                                  "password": PASSWORD})
    page = new_only.get(f"/cases/{case_id}/preview")
    assert page.status_code == 200
    assert MISSED not in _experts_read(page.text)


# --- the same saved decisions through the API ---------------------------------------------


def test_the_api_reads_and_saves_the_same_decisions_as_the_preview_page(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    key = _decide(clinician, case_id)
    api = api_as(Role.CLINICIAN)

    saved = api.get(f"/cases/{case_id}/decisions")
    assert saved.status_code == 200
    assert saved.json["redact"] == [{"text": MISSED, "type": "PERSON"}]
    field, start, end = key.split(":")
    assert [(k["field"], k["start"], k["end"], k["text"]) for k in saved.json["restore"]] == [
        (field, int(start), int(end), "80417733")]

    stale = api.put(f"/cases/{case_id}/decisions", {"revision": 0, "restore": [], "redact": []})
    assert stale.status_code == 409
    changed = api.put(f"/cases/{case_id}/decisions", {
        "revision": saved.json["revision"], "restore": [],
        "redact": [{"text": MISSED, "type": "PERSON"}, {"text": "outreach van"}]})
    assert changed.status_code == 200, changed.json
    assert changed.json["revision"] == saved.json["revision"] + 1

    page = clinician.get(f"/cases/{case_id}/preview").text
    assert "outreach van" not in _experts_read(page)
    assert "80417733" not in _experts_read(page)


def test_a_submission_through_the_api_keeps_the_phrases_redacted_on_the_page(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    _decide(clinician, case_id)
    api = api_as(Role.CLINICIAN)
    version = api.get(f"/cases/{case_id}").json["version"]
    submitted = api.post(f"/cases/{case_id}/submit", {"version": version})
    assert submitted.status_code == 200, submitted.json
    seen = api_as(Role.EXPERT).get(f"/cases/{case_id}")
    assert seen.status_code == 200
    assert MISSED not in str(seen.json)


def test_only_the_author_reads_or_saves_decisions_through_the_api(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs
):
    case_id = _draft(login_as(Role.CLINICIAN), hubs)
    for role, hub in ((Role.EXPERT, "a"), (Role.COORDINATOR, "a"), (Role.CLINICIAN, "b")):
        other = api_as(role, hub)
        read = other.get(f"/cases/{case_id}/decisions")
        assert read.status_code in (403, 404)
        written = other.put(f"/cases/{case_id}/decisions",
                            {"revision": 0, "redact": [{"text": "nothing"}]})
        assert written.status_code in (403, 404)
    assert api_as(Role.CLINICIAN).get(f"/cases/{case_id}/decisions").json["redact"] == []


def test_of_two_saves_from_the_same_revision_at_once_the_second_is_refused(
    login_as: Callable[..., FlaskClient], hubs: Hubs, app: Flask
):
    case_id = _draft(login_as(Role.CLINICIAN), hubs)
    author_id = hubs.user(Role.CLINICIAN).id
    first = Decisions(redact=(AddedRedaction(MISSED),))
    with unit_of_work(app) as late:
        late_case = late.get(Case, case_id)
        assert late_case is not None
        assert draft_decisions.load(late, author_id, late_case).revision == 0
        # Held, so the late save works from what it read before the early one committed:
        # the moment between a save's read and its write.
        read_before = late.get(CaseOriginal, case_id)
        with unit_of_work(app) as early:
            early_case = early.get(Case, case_id)
            assert early_case is not None
            draft_decisions.save(early, author_id, early_case, first, revision=0)
        with pytest.raises(Conflict):
            draft_decisions.save(late, author_id, late_case, Decisions(), revision=0)
        assert read_before is not None
    with unit_of_work(app) as db:
        case = db.get(Case, case_id)
        assert case is not None
        assert draft_decisions.load(db, author_id, case).redact == (AddedRedaction(MISSED),)
