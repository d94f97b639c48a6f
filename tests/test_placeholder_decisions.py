"""The decision table speaks the placeholders' words, and the clinician corrects them:
a kind per value, "other", undo of an added phrase, one decision for every occurrence.
All of it is saved with the draft, so a reload shows it again."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient

from tests.support import IDENTIFIED_CASE, Hubs
from tests.test_draft_decisions import _as_posted
from tests.test_draft_decisions import _experts_read as _experts_html
from workflows import Role

NARRATIVE = ("She lives in Kasese. Her sister Mary Achterberg brings her; call Mary on "
             "(505) 555-0199. Seen again on 03/02/2026.")


def _experts_read(html: str) -> str:
    return re.sub(r"<[^>]+>", "", _experts_html(html))


def _draft(browser: FlaskClient, hubs: Hubs, narrative: str = NARRATIVE) -> int:
    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(),
                                             **IDENTIFIED_CASE, "narrative": narrative})
    match = re.search(r"/cases/(\d+)", saved.location)
    assert match, saved.text
    return int(match.group(1))


def _key(html: str, words: str, field: str = "narrative") -> str:
    rows = re.findall(r'<tr>\s*<td>(.*?)</td>.*?name="kind:(\w+:\d+:\d+)"', html, re.DOTALL)
    keys = [key for shown, key in rows if shown == words and key.startswith(f"{field}:")]
    assert keys, f"{words!r} should be a row of the {field} table"
    return keys[0]


def _kind_shown(html: str, key: str) -> str:
    match = re.search(rf'name="kind:{re.escape(key)}".*?<option value="(\w+)" selected>(.*?)<',
                      html, re.DOTALL)
    assert match
    return match.group(2)


def _post(browser: FlaskClient, case_id: int, page: str, **changes: str | list[str]) -> str:
    response = browser.post(f"/cases/{case_id}/preview", data=_as_posted(page, **changes))
    assert response.status_code == 200, response.text
    return response.text


def test_the_kind_column_says_the_placeholders_word_with_numbers_from_one(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    page = clinician.get(f"/cases/{_draft(clinician, hubs)}/preview").text
    assert _kind_shown(page, _key(page, "Mary Achterberg")) == "relative"
    assert _kind_shown(page, _key(page, "Kasese")) == "address"
    read = _experts_read(page)
    assert "Her sister [RELATIVE 1] brings her; call [RELATIVE 1] on [PHONE 1]" in read
    assert "She lives in [ADDRESS 1]." in read


def test_changing_a_kind_changes_every_occurrence_and_survives_a_reload(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    page = clinician.get(f"/cases/{case_id}/preview").text
    key = _key(page, "Mary Achterberg")
    changed = _post(clinician, case_id, page, **{f"kind:{key}": "PATIENT"})
    # The patient is "[PERSON 1]" here (found by name alone): Mary is the first PATIENT.
    assert "Her sister [PATIENT 1] brings her; call [PATIENT 1] on" in _experts_read(changed)

    reloaded = clinician.get(f"/cases/{case_id}/preview").text
    assert _kind_shown(reloaded, key) == "patient"
    assert _kind_shown(reloaded, _key(reloaded, "Mary")) == "patient"  # the part follows
    assert "[PATIENT 1]" in _experts_read(reloaded)
    assert "Mary" not in _experts_read(reloaded)

    submitted = clinician.post(f"/cases/{case_id}/submit", data=_as_posted(reloaded))
    assert submitted.status_code == 302, submitted.text
    expert_page = login_as(Role.EXPERT).get(f"/cases/{case_id}").text
    assert "call [PATIENT 1] on" in expert_page
    assert "Mary" not in expert_page


def test_other_is_a_kind_the_clinician_can_pick_for_a_finding_or_a_new_phrase(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs, NARRATIVE + " She sings in the Ndere choir.")
    page = clinician.get(f"/cases/{case_id}/preview").text
    assert '<option value="OTHER">other</option>' in page
    added = _post(clinician, case_id, page, redact_also="Ndere choir", redact_type="OTHER",
                  **{f"kind:{_key(page, 'Kasese')}": "OTHER"})
    read = _experts_read(added)
    assert "She lives in [OTHER 1]." in read
    assert "sings in the [OTHER 2]." in read
    reloaded = clinician.get(f"/cases/{case_id}/preview").text
    assert _kind_shown(reloaded, _key(reloaded, "Ndere choir")) == "other"


def test_an_added_redaction_can_be_undone_and_the_undo_is_saved(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs, NARRATIVE + " Driven in by the outreach van.")
    page = clinician.get(f"/cases/{case_id}/preview").text
    added = _post(clinician, case_id, page, redact_also="outreach van")
    assert "outreach van" not in _experts_read(added)
    assert "undo, do not redact “outreach van”" in added

    undone = _post(clinician, case_id, added, undo="outreach van")
    assert "Driven in by the outreach van." in _experts_read(undone)
    reloaded = clinician.get(f"/cases/{case_id}/preview").text
    assert "Driven in by the outreach van." in _experts_read(reloaded)
    assert "outreach van" not in reloaded.split('id="redact_also"')[1].split("</textarea>")[0]


def test_undoing_a_phrase_the_analyser_also_finds_leaves_it_redacted(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    page = clinician.get(f"/cases/{case_id}/preview").text
    added = _post(clinician, case_id, page, redact_also="Kasese")
    undone = _post(clinician, case_id, added, undo="Kasese")
    assert "Kasese" not in _experts_read(undone)


def test_the_same_for_all_keeps_every_occurrence_at_once_and_then_redacts_them_again(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    page = clinician.get(f"/cases/{case_id}/preview").text
    key = _key(page, "03/02/2026", "history")
    assert "the same for all 3" in page  # history, labs and narrative
    reason = "Clinic day, not an identifier here."
    kept = _post(clinician, case_id, page, restore=key, all=key, **{f"reason:{key}": reason})
    for field in ("history", "labs_imaging", "narrative"):
        assert f'value="{_key(kept, "03/02/2026", field)}" checked' in kept
    assert _experts_read(kept).count("03/02/2026") == 3

    reloaded = clinician.get(f"/cases/{case_id}/preview").text
    assert _experts_read(reloaded).count("03/02/2026") == 3
    posted = _as_posted(reloaded, all=key)
    restores = posted["restore"]
    posted["restore"] = [k for k in (restores if isinstance(restores, list) else [restores])
                         if k != key]
    redacted = clinician.post(f"/cases/{case_id}/preview", data=posted)
    assert redacted.status_code == 200
    assert "03/02/2026" not in _experts_read(redacted.text)


def test_a_kind_not_on_the_list_is_refused_and_nothing_is_saved(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    page = clinician.get(f"/cases/{case_id}/preview").text
    refused = clinician.post(f"/cases/{case_id}/preview", data=_as_posted(
        page, **{f"kind:{_key(page, 'Kasese')}": "PLANET"}))
    assert refused.status_code == 422
    assert "Choose a kind of identifier from the list" in refused.text
    assert "[ADDRESS 1]" in _experts_read(clinician.get(f"/cases/{case_id}/preview").text)
