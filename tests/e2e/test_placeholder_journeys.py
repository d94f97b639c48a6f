"""A clinician corrects the kind of a placeholder on the preview, at a desk and on a phone.

The decision table says the word the placeholder says; a changed kind applies to every
occurrence of the words, is saved with the draft, and is still there after a reload.
Every page reached goes through ``Tab.arrive`` (screenshot, axe, weight, phone width).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from echo_cases.db import unit_of_work
from echo_cases.services import cases as case_ops
from models import id_of
from tests.e2e.conftest import DESKTOP, PHONE, PROGRAM, Journey, LiveHub
from tests.support import IDENTIFIED_CASE
from workflows import Role

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

CASE = {**IDENTIFIED_CASE,
        "narrative": "She lives in Kasese. Her sister Mary Achterberg brings her; call Mary "
                     "on (505) 555-0199."}


def _draft(hub: LiveHub) -> int:
    with unit_of_work(hub.app) as db:
        return id_of(case_ops.create_case(db, hub.user(Role.CLINICIAN),
                                          hub.program_ids[PROGRAM], CASE))


def _narrative(page: Page) -> Locator:
    return page.locator("section.preview-field").filter(
        has=page.get_by_role("heading", name="Narrative", exact=True))


def _experts_read(page: Page) -> str:
    return _narrative(page).locator(".columns > div").nth(1).inner_text()


def _kind(page: Page, words: str) -> Locator:
    return _narrative(page).get_by_label(f"Kind of “{words}”", exact=True)


def test_a_clinician_changes_a_kind_and_finds_it_kept_after_a_reload(
    journey: Journey, live_hub: LiveHub,
):
    case_id = _draft(live_hub)
    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    page.goto(f"/cases/{case_id}/preview")
    clinician.arrive("preview")
    selected = _kind(page, "Mary Achterberg").locator("option:checked")
    assert selected.inner_text() == "relative"
    assert "Her sister [RELATIVE 1] brings her; call [RELATIVE 1]" in _experts_read(page)

    # At a desk: Mary is the patient's sister, but say the kind was wrong.
    _kind(page, "Mary Achterberg").select_option(label="patient")
    page.get_by_role("button", name="Update preview").click()
    clinician.arrive("preview-kind-changed")
    assert "Her sister [PATIENT 1] brings her; call [PATIENT 1]" in _experts_read(page)
    assert _kind(page, "Mary").locator("option:checked").inner_text() == "patient"

    page.reload()
    clinician.arrive("preview-reloaded")
    assert _kind(page, "Mary Achterberg").locator("option:checked").inner_text() == "patient"
    assert "[PATIENT 1]" in _experts_read(page)

    # On a phone: the village is something else again, "other".
    page.set_viewport_size(PHONE)
    _kind(page, "Kasese").select_option(label="other")
    _kind(page, "Kasese").scroll_into_view_if_needed()
    page.screenshot(path=journey.artifacts / "phone-choosing-other.png", full_page=True)
    page.get_by_role("button", name="Update preview").click()
    page.wait_for_load_state("load")
    page.screenshot(path=journey.artifacts / "phone-other-chosen.png", full_page=True)
    assert re.search(r"She lives in \[OTHER 1\]\.", _experts_read(page))
    page.reload()
    page.wait_for_load_state("load")
    page.screenshot(path=journey.artifacts / "phone-reloaded.png", full_page=True)
    assert _kind(page, "Kasese").locator("option:checked").inner_text() == "other"
    assert int(page.evaluate("document.documentElement.scrollWidth")) <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    clinician.arrive("preview-reloaded-after-phone")

    page.get_by_role("button", name="Confirm and submit").click()
    clinician.arrive("submitted")
    hub_reads = page.locator("h2:text('What the hub reads') + dl").inner_text()
    assert "[OTHER 1]" in hub_reads
    assert "call [PATIENT 1]" in hub_reads
    for word in ("Kasese", "Mary", "Achterberg"):
        assert word not in hub_reads
