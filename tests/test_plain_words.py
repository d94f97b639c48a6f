"""Plain words on the pages: confidence, the decision table's errors, letter e-mails, the
redaction record, the signed-in 404 page and the dashboard's chart labels."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import letters
from echo_cases.web.charts import bar_chart
from models import Delivery
from tests.support import IDENTIFIED_CASE, Hubs, assert_no_identifiers
from workflows import CASE_WORKFLOW, Role
from workflows.definition import FORMER_NAMES

RECOGNIZER_NAMES = re.compile(r"Echo[A-Z]\w+|Recognizer|analyzer")


def _draft(browser: FlaskClient, hubs: Hubs, **fields: str) -> int:
    saved = browser.post("/cases/new", data={"program_id": hubs.program_id(),
                                             **IDENTIFIED_CASE, **fields})
    match = re.search(r"/cases/(\d+)", saved.location)
    assert match, saved.location
    return int(match.group(1))


def _row(html: str, words: str) -> str:
    match = re.search(rf"<tr>\s*<td>{re.escape(words)}</td>.*?</tr>", html, re.DOTALL)
    assert match, f"no row for {words!r}"
    return match.group(0)


# --- the decision table -----------------------------------------------------------------


def test_confidence_reads_as_a_word_with_a_line_of_explanation_not_a_percentage(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    browser = login_as(Role.CLINICIAN)
    preview = browser.get(f"/cases/{_draft(browser, hubs)}/preview").text
    bodies = re.findall(r"<tbody>(.*?)</tbody>", preview, re.DOTALL)
    rows = [row for body in bodies for row in re.findall(r"<tr>.*?</tr>", body, re.DOTALL)]
    assert rows
    for row in rows:
        assert not re.search(r"\d+%", row)
        word = re.search(r'class="confidence confidence-(\w+)">(\w+)<', row)
        assert word, row
        assert word.group(1) == word.group(2)
        assert word.group(1) in {"high", "medium", "low", "yours"}
        assert re.search(r'<span class="explain">[A-Z][^<]{10,}</span>', row)
    assert "Almost surely an identifier" in _row(preview, "80417733")


def test_the_why_box_belongs_to_keep_and_shows_only_once_keep_is_ticked(
    login_as: Callable[..., FlaskClient], hubs: Hubs, app: Flask,
):
    browser = login_as(Role.CLINICIAN)
    preview = browser.get(f"/cases/{_draft(browser, hubs)}/preview").text
    mrn = _row(preview, "80417733")
    # The box follows the "keep" checkbox inside .why, which the stylesheet hides unless kept.
    assert re.search(r'name="restore"[^>]*>.*<span class="why">.*name="reason:', mrn, re.DOTALL)
    with browser.get("/static/site.css") as response:
        css = response.text
    assert "input[name=restore]:not(:checked) ~ .why { display: none; }" in css


def test_an_error_in_the_decision_table_names_the_field_and_the_words(
    login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    browser = login_as(Role.CLINICIAN)
    case_id = _draft(browser, hubs)
    preview = browser.get(f"/cases/{case_id}/preview").text
    key = re.search(r'<td>80417733</td>.*?name="restore" value="(history:\d+:\d+)"', preview,
                    re.DOTALL)
    assert key
    refused = browser.post(f"/cases/{case_id}/preview", data={
        "version": re.search(r'name="version" value="(\d+)"', preview).group(1),  # type: ignore[union-attr]
        "decisions_revision": "0", "restore": key.group(1)})
    assert refused.status_code == 422
    summary = refused.text.split('role="alert"')[1].split("</div>")[0]
    assert f'<a href="#r-{key.group(1)}">History, “80417733”: ' in summary
    assert "say why it is not" in summary


# --- letter e-mails ---------------------------------------------------------------------


def test_only_admins_are_told_which_server_setting_stops_letter_e_mails(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], app: Flask,
):
    with unit_of_work(app) as db:  # this test server has no mail server: every try failed
        errors = {d.last_error for d in db.exec(select(Delivery))}
    assert errors == {letters.MAIL_NOT_CONFIGURED}
    case_url = f"/cases/{finished_case['id']}"
    for role in (Role.EXPERT, Role.COORDINATOR):
        page = login_as(role).get(case_url).text
        assert "e-mail is not set up on this server yet" in page
        assert "ECHO_SMTP_HOST" not in page
    assert "ECHO_SMTP_HOST" not in login_as(Role.COORDINATOR).get("/triage").text
    assert "ECHO_SMTP_HOST" not in login_as(Role.CLINICIAN).get(case_url).text
    admin = login_as(Role.ADMIN)
    assert "set ECHO_SMTP_HOST" in admin.get(case_url).text
    assert "set ECHO_SMTP_HOST" in admin.get("/triage").text


# --- the redaction record ---------------------------------------------------------------


def test_the_redaction_record_names_fields_and_words_never_keys_or_recognizers(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any],
):
    page = login_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").text
    record = page.split('id="redaction-record"')[1].split("</details>")[0]
    body = re.sub(r"<td [^>]*>", "<td>", record.split("<tbody>")[1])  # column names for phones
    assert not RECOGNIZER_NAMES.search(body)
    assert not re.search(r"<td>(history|labs_imaging|narrative|title|question)</td>", body)
    # Its author reads the words as written and what the hub reads in their place.
    assert re.search(r"<td>History</td><td>80417733</td><td>\[[A-Z]+ \d+\]</td>"
                     r"<td>number \(record, ID\)</td><td>the de-identifier</td>", body), body


def test_staff_never_see_the_redaction_record(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any],
):
    for role in (Role.EXPERT, Role.COORDINATOR, Role.ADMIN):
        page = login_as(role).get(f"/cases/{submitted_case['id']}").text
        assert "redaction-record" not in page
        assert_no_identifiers(page)


def test_the_record_read_by_anyone_but_the_author_carries_placeholders_never_the_words(
    app: Flask, submitted_case: dict[str, Any],
):
    from echo_cases.services.cases import form_of, redactions_of
    from echo_cases.web.presenters import redaction_record
    from models import Case

    with unit_of_work(app) as db:
        case = db.get(Case, submitted_case["id"])
        assert case is not None
        rows = redactions_of(db, case)
        record = redaction_record(rows, form_of(db, case), None)
    assert len(record) == len(rows) > 0
    assert_no_identifiers(" ".join(f"{r.field} {r.words} {r.replaced_by}" for r in record))
    assert all(r.words == r.replaced_by for r in record if not r.kept)


# --- the case's history ------------------------------------------------------------------


def _history(page: str) -> list[str]:
    match = re.search(r'<ol class="history">(.*?)</ol>', page, re.DOTALL)
    assert match, "no history on the page"
    return [" ".join(re.sub(r"<[^>]+>", "", item).split())
            for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.DOTALL)]


def test_the_history_says_what_was_done_in_the_pages_words_never_action_names(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs,
):
    expert = hubs.user(Role.EXPERT)
    for role in (Role.CLINICIAN, Role.COORDINATOR, Role.EXPERT):
        browser = login_as(role)
        assert browser.post("/calendar/zone", data={"timezone": "Asia/Kolkata"}).status_code == 302
        lines = _history(browser.get(f"/cases/{finished_case['id']}").text)
        said = " ".join(lines)
        assert [line.split(" by ")[0].split(": ", 1)[1] for line in lines] == [
            "Submitted", "Pre-review recorded", "Scheduled into a teleECHO session",
            "Presented in its session", "Recommendations signed off and sent"]
        assert f"Pre-review recorded by {expert.name}" in said
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", said), said  # no record_pre_review
        assert all(line.split(": ", 1)[0].endswith(" Asia/Kolkata") for line in lines), \
            "in the reader's zone, as the agenda line"


def test_every_action_says_what_it_did_for_the_history():
    assert all(action.done for action in CASE_WORKFLOW.actions.values())
    assert all(name not in CASE_WORKFLOW.actions and new in CASE_WORKFLOW.actions
               for name, new in FORMER_NAMES.items())


# --- the letter -------------------------------------------------------------------------


def test_the_letter_names_its_addressee_and_opens_with_the_question_and_the_answer(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs,
):
    pdf = login_as(Role.CLINICIAN).get(f"/cases/{finished_case['id']}/letter.pdf").data
    first_page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert f"To {hubs.user(Role.CLINICIAN).name}" in first_page
    order = [first_page.index(heading) for heading in (
        "Your question for the panel", "Recommendations\n", "Proceed to LEEP within 4 weeks.",
        "Case summary (de-identified)")]
    assert order == sorted(order)
    assert_no_identifiers(first_page)


# --- errors and charts ------------------------------------------------------------------


def test_the_signed_in_404_page_keeps_the_navigation(
    login_as: Callable[..., FlaskClient], client: FlaskClient,
):
    browser = login_as(Role.CLINICIAN)
    for path in ("/no-such-page", "/cases/99999999999"):
        missing = browser.get(path)
        assert missing.status_code == 404
        assert '<nav aria-label="Main">' in missing.text
        assert "My cases" in missing.text
    signed_out = client.get("/no-such-page")
    assert signed_out.status_code == 404
    assert '<nav aria-label="Main">' not in signed_out.text


def test_the_dashboard_counts_one_letter_in_the_singular(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs,
):
    page = login_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text
    said = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "1 letter sent" in said
    assert "1 letters" not in said


def test_chart_labels_start_at_the_left_edge_and_are_never_cut_there():
    label = "Wednesday 03 December 2026, 16:00 America/Denver"
    svg = str(bar_chart("Cases per session", [(label, 3), ("Short", 1)]))
    assert 'text-anchor="end"' not in svg
    assert f'<text x="0" y="13" font-size="14">{label}</text>' in svg
    assert all(float(x) >= 0 for x in re.findall(r'<(?:text|rect) x="([-\d.]+)"', svg))
