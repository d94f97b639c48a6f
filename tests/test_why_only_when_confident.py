"""The "why?" box is asked only where the de-identifier was confident: a medium or low
finding (a guess) is kept with a tick alone, no reason asked, and no box shown for one."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient

from tests.support import IDENTIFIED_CASE, Hubs
from tests.test_draft_decisions import _as_posted, _experts_read
from workflows import Role

# "Mbarara" next to a place is a probable place (medium); "Quorvelin", a capitalised word
# nothing explains, is only a guess at a name (low). The MRN is almost surely one (high).
NARRATIVE = "She was referred from the clinic in Kasese near Mbarara and takes Quorvelin daily."
MEDIUM, LOW, HIGH = "Mbarara", "Quorvelin", "80417733"


def _draft(browser: FlaskClient, hubs: Hubs) -> int:
    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(),
                                             **IDENTIFIED_CASE, "narrative": NARRATIVE})
    match = re.search(r"/cases/(\d+)", saved.location)
    assert match, saved.text
    return int(match.group(1))


def _row(html: str, words: str) -> str:
    rows = re.findall(rf"<tr>\s*<td>{re.escape(words)}</td>.*?</tr>", html, re.DOTALL)
    assert rows, f"{words!r} should be a row of the decision table"
    return str(rows[0])


def _confidence(row: str) -> str:
    match = re.search(r'class="confidence confidence-(\w+)"', row)
    assert match, row
    return match.group(1)


def _restore_key(row: str) -> str:
    match = re.search(r'name="restore" value="([\w:]+)"', row)
    assert match, row
    return match.group(1)


def test_a_medium_or_low_finding_shows_no_why_box_and_a_high_one_does(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    clinician = login_as(Role.CLINICIAN)
    page = clinician.get(f"/cases/{_draft(clinician, hubs)}/preview").text
    for words, confidence in ((MEDIUM, "medium"), (LOW, "low")):
        row = _row(page, words)
        assert _confidence(row) == confidence
        assert 'name="restore"' in row  # it can be kept ...
        assert "why?" not in row  # ... and nobody asks why
        assert 'name="reason:' not in row
    confident = _row(page, HIGH)
    assert _confidence(confident) == "high"
    assert "why?" in confident
    assert f'name="reason:{_restore_key(confident)}"' in confident


def test_keeping_a_medium_and_a_low_finding_needs_no_reason_and_stays_kept(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    page = clinician.get(f"/cases/{case_id}/preview").text
    assert MEDIUM not in _experts_read(page)
    assert LOW not in _experts_read(page)
    keep = [_restore_key(_row(page, MEDIUM)), _restore_key(_row(page, LOW))]

    kept = clinician.post(f"/cases/{case_id}/preview", data=_as_posted(page, restore=keep))
    assert kept.status_code == 200, kept.text
    assert 'role="alert"' not in kept.text
    assert "say why" not in kept.text
    read = _experts_read(kept.text)
    assert f"near {MEDIUM} and takes {LOW} daily" in read

    reloaded = clinician.get(f"/cases/{case_id}/preview").text
    for key in keep:
        assert f'value="{key}" checked' in reloaded
    assert f"near {MEDIUM} and takes {LOW} daily" in _experts_read(reloaded)


def test_keeping_a_high_finding_without_a_reason_is_still_refused(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    clinician = login_as(Role.CLINICIAN)
    case_id = _draft(clinician, hubs)
    page = clinician.get(f"/cases/{case_id}/preview").text
    keep = [_restore_key(_row(page, LOW)), _restore_key(_row(page, HIGH))]
    refused = clinician.post(f"/cases/{case_id}/preview", data=_as_posted(page, restore=keep))
    assert refused.status_code == 422
    assert f"“{HIGH}”: " in refused.text
    assert "say why it is not" in refused.text
    assert f"“{LOW}”: " not in refused.text.split('role="alert"')[1].split("</div>")[0]
