"""A hub's admin gives a program its own case form in the browser (adds a yes/no question
and a number with its unit, removes the narrative); a clinician then writes a case on it:
choosing the program opens its form, a number refuses words, and the saved draft keeps
the new fields.

Every page goes through ``Tab.arrive`` (screenshot, axe, weight, phone width).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlmodel import select

from echo_cases.db import unit_of_work
from models import Case, Hub, Program
from tests.e2e.conftest import PROGRAM, Journey, LiveHub
from tests.e2e.test_hub_admin import ADMIN_EMAIL, _admin, _sign_in_from_the_hubs_link
from tests.support import PASSWORD
from workflows import Role

if TYPE_CHECKING:
    from playwright.sync_api import Page


def _hub_id(live_hub: LiveHub) -> int:
    with unit_of_work(live_hub.app) as db:
        return db.exec(select(Hub).where(Hub.slug == "mountain-west")).one().id or 0


def test_an_admin_gives_a_program_its_own_form_and_a_clinician_writes_on_it(
    journey: Journey, live_hub: LiveHub,
):
    from playwright.sync_api import expect

    _admin(live_hub)
    admin = _sign_in_from_the_hubs_link(journey, "admin", ADMIN_EMAIL)
    page = admin.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hub").click()
    admin.arrive("people")
    page.get_by_role("link", name="Programs").click()
    admin.arrive("programs")
    page.get_by_role("link", name=PROGRAM).click()
    admin.arrive("program")
    page.get_by_role("link", name="Edit the case form").click()
    admin.arrive("case-form")

    # The default form's eight fields are rows 0-7 and row 8 the empty one for a new field,
    # each folded to one line until it is opened.
    page.locator("#row-7 > summary").click()
    page.locator("#row-7").get_by_label(re.compile("Remove this field")).check()
    page.locator("#row-8 > summary").click()
    smoker = page.locator("#row-8")
    smoker.get_by_label("Label").fill("Smoker")
    smoker.get_by_label("Kind").select_option(label="Yes / no")
    smoker.get_by_label("Required to submit").check()
    page.get_by_role("button", name="Add another field").click()
    admin.arrive("case-form-another-row")
    pack_years = page.locator("#row-9")
    pack_years.get_by_label("Label").fill("Pack-years")
    pack_years.get_by_label("Kind").select_option(label="Number")
    pack_years.get_by_label(re.compile("^Unit")).fill("pack-years")
    pack_years.get_by_label("Position").fill("8.5")  # before the smoker question
    page.get_by_role("button", name="Save form").click()
    admin.arrive("case-form-saved")
    assert "Form saved as version 1" in page.get_by_role("status").inner_text()

    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    clinician.arrive("my-cases")
    page.get_by_role("link", name="Write a new case").click()
    clinician.arrive("new-case")
    assert page.get_by_label("Narrative").count() == 1  # the default form, until chosen
    page.get_by_label("Program").select_option(label=PROGRAM)
    page.wait_for_url(re.compile(r"program_id=\d+"))
    clinician.arrive("new-case-program-form")
    assert page.get_by_label("Narrative").count() == 0
    page.get_by_label("Case title").fill("ASC-H Pap in a 34-year-old")
    page.get_by_label("Your question for the panel").fill("LEEP now or colposcopy first?")
    page.get_by_label("Pack-years").fill("about twenty")
    page.get_by_label(re.compile("^Smoker")).select_option("yes")
    page.get_by_role("button", name="Save draft").click()
    # The refusal comes back at the same address: wait for it, not for a new URL.
    expect(page.locator(".field-error")).to_be_visible()
    clinician.arrive("new-case-refused")
    assert "Enter a number in pack-years" in page.locator(".field-error").inner_text()
    page.get_by_label("Pack-years").fill("20")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/cases/\d+$"))
    clinician.arrive("draft")
    assert "20 pack-years" in page.get_by_role("main").inner_text()

    with unit_of_work(live_hub.app) as db:
        program = db.exec(select(Program).where(Program.name == PROGRAM)).one()
        [case] = db.exec(select(Case).where(Case.program_id == program.id)).all()
        assert case.form_version == 1


PHONE = {"width": 390, "height": 844}
# The default form's eight fields and a new one: each field's every setting used to make
# one 6,800 px column; folded, the whole page is under two screens (about 1,500 px).
MOST_PX = 2_000


def _folded(page: Page) -> list[str]:
    """The fields folded to their one line (label, kind), as a reader of the page sees them."""
    return [" ".join(text.split()) for text in
            page.locator("details.form-field:not([open]) > summary").all_inner_texts()]


def test_on_a_phone_each_field_folds_to_its_label_and_kind_and_one_opens_to_be_edited(
    journey: Journey, live_hub: LiveHub,
):
    _admin(live_hub)
    admin = _sign_in_from_the_hubs_link(journey, "admin", ADMIN_EMAIL)
    page = admin.page
    page.set_viewport_size(PHONE)
    page.goto(f"/hubs/{_hub_id(live_hub)}/programs/{live_hub.program_ids[PROGRAM]}/form")
    admin.arrive("case-form")
    page.set_viewport_size(PHONE)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= MOST_PX, f"the editor is {height} px tall on a phone"
    assert _folded(page)[:3] == ["Case title Short text, required",
                                 "Your question for the panel Long text, required",
                                 "Patient age band Single choice, required"]
    assert _folded(page)[-1] == "New field"
    assert page.locator("details.form-field[open]").count() == 0
    page.screenshot(path=journey.artifacts / "case-form-390.png", full_page=True)

    history = page.locator("#row-4")
    history.locator("summary").click()
    history.get_by_label("Help text").fill("Screening history first, then treatment.")
    page.get_by_role("button", name="Save form").click()
    admin.arrive("case-form-saved")
    assert "Form saved as version 1" in page.get_by_role("status").inner_text()
    page.locator("#row-4 > summary").click()
    assert page.locator("#help-4").input_value() == "Screening history first, then treatment."


def test_without_javascript_a_folded_field_opens_and_a_refused_one_comes_back_open(
    journey: Journey, live_hub: LiveHub,
):
    _admin(live_hub)
    admin = journey.open_tab("admin", javascript=False)
    page = admin.page
    page.goto("/h/mountain-west/login")
    page.get_by_label("E-mail").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.set_viewport_size(PHONE)
    page.goto(f"/hubs/{_hub_id(live_hub)}/programs/{live_hub.program_ids[PROGRAM]}/form")
    admin.arrive("case-form-no-script")

    page.locator("#row-2 > summary").click()  # the age band: a single choice
    page.locator("#row-2").get_by_label("Choices, one a line").fill("")
    page.get_by_role("button", name="Save form").click()
    admin.arrive("case-form-refused")
    # Only the row with the problem comes back open, saying so.
    assert page.locator("details.form-field[open]").count() == 1
    assert "needs a change" in page.locator("#row-2 > summary").inner_text()
    assert page.locator("#e-choices-2").inner_text() == "Give at least two choices, one a line."
    assert page.locator("#e-choices-2").is_visible()
    assert page.locator("#row-2").get_by_label("Choices, one a line").input_value() == ""
