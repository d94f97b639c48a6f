"""The three journeys of a case, each driven end to end in headless Chromium.

1. A clinician writes a case full of identifiers, checks its de-identification, keeps a
   false alarm, redacts a name the de-identifier missed by selecting it, and submits.
2. An expert reads it (no identifier anywhere in the page) and pre-reviews it.
3. A coordinator books, presents and records the session; the expert signs off; the
   clinician opens the letter.

Each journey starts from a scene set with the app's own services, so each runs alone.
Every page reached goes through ``Tab.arrive`` (screenshot, axe, weight, phone width).
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pypdf import PdfReader

from echo_cases.access import get_case
from echo_cases.db import unit_of_work
from echo_cases.services import cases as case_ops
from echo_cases.services.redaction import AddedRedaction, Decisions, SpanRef
from models import Case, id_of
from tests.e2e.conftest import PEOPLE, PROGRAM, Journey, LiveHub
from tests.support import IDENTIFIED_CASE, begin_session
from workflows import Role

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

# The de-identifier flags the eponym of the Pap test as a person's name, confidently.
FALSE_ALARM = "Papanicolaou"
FALSE_ALARM_REASON = "He invented the Pap test; he is not in this case."
# A neighbour's name typed in lower case, with no cue before it that the de-identifier
# knows ("grandson kofi" is found since session 6): it does not see it.
MISSED_NAME = "kofi"
CASE = {
    **IDENTIFIED_CASE,
    "narrative": IDENTIFIED_CASE["narrative"]
    + f" A neighbour drives her to the clinic; she calls him {MISSED_NAME}."
    + f" The smear was graded as Dr. {FALSE_ALARM} proposed.",
}
# Everything in CASE that identifies the patient or her family: no expert may see any of it.
IDENTIFIERS = ["Rosalind", "Achterberg", "Joaquim", "80417733", "04/12/1989", "03/02/2026",
               "555-0199", "rosalind.achterberg@example.org", "Willowmere", "Tallow Creek",
               MISSED_NAME]
TOPIC = "See-and-treat in low-resource settings"
PRE_REVIEW = "Ask whether colposcopy can be reached within 4 weeks."
SUMMARY = "The panel agreed that excisional treatment is appropriate now."
RECOMMENDATION = "Proceed to LEEP within 4 weeks."


def test_a_clinician_submits_a_case_after_keeping_a_false_alarm_and_redacting_a_missed_name(
    journey: Journey,
):
    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    clinician.arrive("my-cases")
    page.get_by_role("link", name="Write a new case").click()
    clinician.arrive("new-case")

    page.get_by_label("Program").select_option(label=PROGRAM)
    _fill_case_form(page)
    page.get_by_role("button", name="Save draft").click()
    # The form may wait for an autosave already on its way: wait for the draft's page.
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    clinician.arrive("draft")
    page.get_by_role("link", name="Preview de-identification and submit").click()
    clinician.arrive("preview")

    narrative = _preview_field(page, "Narrative")
    original = narrative.locator("[data-original]")
    assert original.locator("mark.redacted", has_text=FALSE_ALARM).count() == 1
    assert original.locator("mark", has_text=MISSED_NAME).count() == 0, (
        f"the de-identifier now finds {MISSED_NAME!r} itself: pick another missed name")

    row = narrative.get_by_role("row").filter(has_text=FALSE_ALARM)
    row.get_by_label("keep, not an identifier").check()
    _select_word(page, original, MISSED_NAME)
    original.get_by_role("button", name="Redact the selected words").click()
    assert page.get_by_label("Words or phrases to redact").input_value() == MISSED_NAME
    page.get_by_role("button", name="Update preview").click()

    # A confident finding cannot be kept without a reason; the page says so by the box.
    clinician.arrive("preview-needs-a-reason")
    narrative = _preview_field(page, "Narrative")
    row = narrative.get_by_role("row").filter(has_text=FALSE_ALARM)
    assert "say why it is not" in row.locator(".field-error").inner_text()
    assert row.get_by_label("keep, not an identifier").is_checked()
    assert page.get_by_label("Words or phrases to redact").input_value() == MISSED_NAME
    row.get_by_label("why?").fill(FALSE_ALARM_REASON)
    page.get_by_role("button", name="Update preview").click()

    clinician.arrive("preview-corrected")
    narrative = _preview_field(page, "Narrative")
    original = narrative.locator("[data-original]")
    assert original.locator("mark.redacted", has_text=MISSED_NAME).count() == 1
    assert original.locator("mark.restored", has_text=FALSE_ALARM).count() == 1
    experts_read = narrative.locator("[data-original] + div").inner_text()
    assert MISSED_NAME not in experts_read
    assert FALSE_ALARM in experts_read

    # The decisions are saved with the draft: reopening the preview shows them again.
    page.goto(page.url)
    clinician.arrive("preview-reopened")
    narrative = _preview_field(page, "Narrative")
    assert narrative.locator("[data-original] mark.redacted", has_text=MISSED_NAME).count() == 1
    assert MISSED_NAME not in narrative.locator("[data-original] + div").inner_text()
    assert page.get_by_label("Words or phrases to redact").input_value() == MISSED_NAME
    page.get_by_role("button", name="Confirm and submit").click()

    clinician.arrive("submitted")
    assert "De-identified, in review" in page.locator("p.meta").first.inner_text()
    hub_reads = page.locator("h2:text('What the hub reads') + dl").inner_text()
    _assert_no_identifiers(hub_reads)
    assert FALSE_ALARM in hub_reads


def test_without_javascript_a_clinician_redacts_a_missed_name_by_typing_it(
    journey: Journey, live_hub: LiveHub,
):
    case_id = _draft(live_hub)
    clinician = journey.sign_in(Role.CLINICIAN, javascript=False)
    page = clinician.page
    page.goto(f"/cases/{case_id}/preview")
    clinician.arrive("preview")
    assert page.get_by_role("button", name="Redact the selected words").count() == 0

    page.get_by_label("Words or phrases to redact").fill(MISSED_NAME)
    row = _preview_field(page, "Narrative").get_by_role("row").filter(has_text=FALSE_ALARM)
    row.get_by_label("keep, not an identifier").check()
    row.get_by_label("why?").fill(FALSE_ALARM_REASON)
    page.get_by_role("button", name="Update preview").click()
    clinician.arrive("preview-corrected")
    original = _preview_field(page, "Narrative").locator("[data-original]")
    assert original.locator("mark.redacted", has_text=MISSED_NAME).count() == 1

    page.goto(f"/cases/{case_id}/preview")  # reopened: the decisions were saved
    clinician.arrive("preview-reopened")
    row = _preview_field(page, "Narrative").get_by_role("row").filter(has_text=FALSE_ALARM)
    assert row.get_by_label("keep, not an identifier").is_checked()
    original = _preview_field(page, "Narrative").locator("[data-original]")
    assert original.locator("mark.redacted", has_text=MISSED_NAME).count() == 1

    page.get_by_role("button", name="Confirm and submit").click()
    clinician.arrive("submitted")
    _assert_no_identifiers(page.locator("h2:text('What the hub reads') + dl").inner_text())


def test_an_expert_reads_the_case_without_any_identifier_and_marks_it_reviewed(
    journey: Journey, live_hub: LiveHub,
):
    case_id = _submitted(live_hub)
    expert = journey.sign_in(Role.EXPERT)
    page = expert.page
    expert.arrive("home")
    page.get_by_role("navigation").get_by_role("link", name="Review queue").click()
    expert.arrive("queue")
    page.locator(f"table a[href='/cases/{case_id}']").click()

    expert.arrive("case")
    _assert_no_identifiers(page.content())
    assert FALSE_ALARM in page.content()  # kept by the clinician, with a reason
    # Dates read as intervals from the day of submission, which the page names.
    assert "Dates are shown relative to submission on" in page.locator("#dates-note").inner_text()
    assert "months before submission" in page.locator("dl.case").inner_text()
    # The expected next step comes first, in the primary style; sending it back comes last.
    steps = page.locator("form.action button[type=submit]")
    assert steps.first.inner_text() == "Record pre-review and mark reviewed"
    assert steps.first.get_attribute("class") is None
    assert steps.last.inner_text() == "Return to clinician"
    assert steps.last.get_attribute("class") == "secondary"
    page.get_by_label("Pre-review notes for the panel").fill(PRE_REVIEW)
    page.get_by_role("button", name="Record pre-review and mark reviewed").click()

    expert.arrive("pre-reviewed")
    assert "Done: record pre-review" in page.get_by_role("status").first.inner_text()
    assert PRE_REVIEW in page.locator(".panel").all_inner_texts()[-1]
    assert page.get_by_label("Pre-review notes for the panel").count() == 0  # not asked twice
    _assert_no_identifiers(page.content())


def test_a_case_is_presented_signed_off_and_its_letter_reaches_the_clinician(
    journey: Journey, live_hub: LiveHub,
):
    case_id = _submitted(live_hub, pre_reviewed=True)

    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    coordinator.arrive("home")
    page.get_by_role("navigation").get_by_role("link", name="Sessions").click()
    coordinator.arrive("sessions")
    page.get_by_role("link", name="Schedule a session").click()
    coordinator.arrive("schedule")
    page.get_by_label("Program").select_option(label=PROGRAM)
    page.get_by_label("Start time").fill("12:00")
    page.get_by_label("Time zone").select_option("America/Denver")
    page.get_by_label("Didactic topic").fill(TOPIC)
    page.get_by_label("Facilitator").select_option(label=PEOPLE[Role.EXPERT].name)
    page.get_by_label(PEOPLE[Role.EXPERT].name).check()
    page.get_by_role("button", name="Schedule").click()

    # No date: the form says so beside the date and keeps everything else as typed.
    coordinator.arrive("schedule-needs-a-date")
    assert "Give the date" in page.locator("#e-start").inner_text()
    assert page.get_by_label("Date").get_attribute("aria-describedby") == "e-start"
    assert page.get_by_label("Didactic topic").input_value() == TOPIC
    assert page.get_by_label("Time zone").input_value() == "America/Denver"
    assert page.get_by_label(PEOPLE[Role.EXPERT].name).is_checked()
    facilitator = page.get_by_label("Facilitator").locator("option:checked").inner_text()
    assert facilitator == PEOPLE[Role.EXPERT].name
    page.get_by_label("Date").fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_label("Start time").fill("12:00")
    page.get_by_role("button", name="Schedule").click()
    coordinator.arrive("session-scheduled")
    session_url = page.url

    page.get_by_role("navigation").get_by_role("link", name="Triage").click()
    coordinator.arrive("triage")
    page.locator(f"table a[href='/cases/{case_id}']").click()
    coordinator.arrive("case")
    _assert_no_identifiers(page.content())
    page.get_by_role("button", name="Schedule into a teleECHO session").click()
    coordinator.arrive("case-booked")
    assert "number 1 on the agenda" in page.locator(".panel").first.inner_text()
    # The agenda line reads the session's time as its page does; the History in words.
    agenda_line = page.locator("#agenda-line").inner_text()
    assert "12:00\u2013" in agenda_line
    assert "America/Denver" in agenda_line
    history = page.locator("ol.history").inner_text()
    assert "Scheduled into a teleECHO session by " in history
    assert "_" not in history, "no action names (record_pre_review) in the History"
    # Before the session starts, nothing offers to mark the case presented; the page says when.
    assert page.get_by_role("button", name="Mark presented").count() == 0
    assert "once the session has started" in page.locator("#not-started").inner_text()
    begin_session(live_hub.app, int(session_url.rsplit("/", 1)[-1]))  # a week passes
    coordinator = journey.sign_in(Role.COORDINATOR)  # and the sign-in idled out meanwhile
    page = coordinator.page
    page.goto(f"/cases/{case_id}")
    coordinator.arrive("case-a-week-later")
    page.get_by_role("button", name="Mark presented").click()
    coordinator.arrive("case-presented")
    assert "Presented" in page.locator("p.meta").first.inner_text()

    page.goto(session_url)
    coordinator.arrive("session")
    for role in (Role.CLINICIAN, Role.EXPERT):
        page.get_by_label(PEOPLE[role].name).check()
    page.get_by_role("button", name="Record attendance").click()
    coordinator.arrive("attendance-recorded")
    assert "2 present" in page.get_by_role("status").inner_text()

    expert = journey.sign_in(Role.EXPERT)
    page = expert.page
    page.goto(f"/cases/{case_id}")
    expert.arrive("case")
    page.get_by_label("Summary of the discussion").fill(SUMMARY)
    page.locator("#recommendation-0").fill(RECOMMENDATION)
    page.locator("#rationale-0").fill("ASC-H with HPV 16 carries a high immediate CIN3+ risk.")
    # Typed, never saved by hand: reading the letter saves it first.
    page.get_by_role("button", name="Save and read the letter before signing off").click()
    page.wait_for_url(re.compile(r"/sign-off$"))
    expert.arrive("letter-to-sign")
    letter_read = page.get_by_role("article", name="The letter as it will be sent").inner_text()
    assert RECOMMENDATION in letter_read
    assert SUMMARY in letter_read
    _assert_no_identifiers(letter_read)
    page.get_by_role("button", name="Sign off and send this letter").click()
    expert.arrive("signed-off")
    assert "The panel's letter is ready" in page.locator("#letter").inner_text()

    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    clinician.arrive("my-cases")
    page.locator(f"table a[href='/cases/{case_id}']").click()
    clinician.arrive("case")
    link = page.get_by_role("link", name="Open the letter (PDF)")
    letter = page.request.get(link.get_attribute("href") or "")
    assert letter.ok
    assert letter.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.body())).pages)
    assert RECOMMENDATION in text
    _assert_no_identifiers(text)
    link.click()
    page.wait_for_timeout(1_000)  # the PDF viewer paints after "load", with no event to wait on
    clinician.arrive("letter", ours=False)


# Setting the scene, with the app's own services --------------------------------------


def _draft(hub: LiveHub) -> int:
    with unit_of_work(hub.app) as db:
        case = case_ops.create_case(db, hub.user(Role.CLINICIAN),
                                    hub.program_ids[PROGRAM], CASE)
        return id_of(case)


def _submitted(hub: LiveHub, *, pre_reviewed: bool = False) -> int:
    """The case as journey 1 submits it: false alarm kept, missed name redacted."""
    case_id = _draft(hub)
    start = CASE["narrative"].index(FALSE_ALARM)
    decisions = Decisions(
        restore={SpanRef("narrative", start, start + len(FALSE_ALARM)): FALSE_ALARM_REASON},
        redact=(AddedRedaction(MISSED_NAME),))
    with unit_of_work(hub.app) as db:
        case, clinician = get_case(db, hub.user(Role.CLINICIAN), case_id)
        case_ops.submit_case(db, clinician, case, decisions, expected_version=case.version)
    if pre_reviewed:
        with unit_of_work(hub.app) as db:
            case, expert = get_case(db, hub.user(Role.EXPERT), case_id)
            case_ops.take_action(db, expert, case, "record_pre_review",
                                 expected_version=case.version, payload={"notes": PRE_REVIEW})
    with unit_of_work(hub.app) as db:
        stored = db.get(Case, case_id)
        assert stored is not None
        assert stored.deidentified, "the scene needs a submitted case"
    return case_id


# What a person does on a page ---------------------------------------------------------


def _fill_case_form(page: Page) -> None:
    labels = {"title": "Case title", "question": "Your question for the panel",
              "history": "History", "current_treatment": "Current treatment",
              "labs_imaging": "Relevant labs and imaging"}
    for name, label in labels.items():
        page.get_by_label(label).fill(CASE[name])
    page.get_by_label("Patient age band").select_option(CASE["age_band"])
    page.get_by_label("Patient sex").select_option(CASE["sex"])
    # Pasted, not typed: one input event carrying the whole narrative.
    page.get_by_label("Narrative").focus()
    page.keyboard.insert_text(CASE["narrative"])


def _preview_field(page: Page, label: str) -> Locator:
    return page.locator("section.preview-field").filter(
        has=page.get_by_role("heading", name=label, exact=True))


def _select_word(page: Page, column: Locator, word: str) -> None:
    """Double-click the word, as a person selects it."""
    box = column.evaluate(
        """(column, word) => {
            const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(word);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(walker.currentNode, at);
                range.setEnd(walker.currentNode, at + word.length);
                range.startContainer.parentElement.scrollIntoView({block: "center"});
                const r = range.getBoundingClientRect();
                return {x: r.x + r.width / 2, y: r.y + r.height / 2};
            }
            return null;
        }""", word)
    assert box, f"{word!r} is not on the page"
    page.mouse.dblclick(box["x"], box["y"])
    assert page.evaluate("getSelection().toString().trim()") == word


def _assert_no_identifiers(text: str) -> None:
    leaked = [ident for ident in IDENTIFIERS if ident.lower() in text.lower()]
    assert not leaked, f"identifiers reached a reader: {leaked}"

