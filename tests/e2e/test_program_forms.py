"""A hub's admin gives a program its own case form in the browser (adds a yes/no question
and a number with its unit, removes the narrative); a clinician then writes a case on it:
choosing the program opens its form, a number refuses words, and the saved draft keeps
the new fields.

Every page goes through ``Tab.arrive`` (screenshot, axe, weight, phone width).
"""

from __future__ import annotations

import re

from sqlmodel import select

from echo_cases.db import unit_of_work
from models import Case, Program
from tests.e2e.conftest import PROGRAM, Journey, LiveHub
from tests.e2e.test_hub_admin import ADMIN_EMAIL, _admin, _sign_in_from_the_hubs_link
from workflows import Role


def test_an_admin_gives_a_program_its_own_form_and_a_clinician_writes_on_it(
    journey: Journey, live_hub: LiveHub,
):
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

    # The default form's eight fields are rows 0-7; row 8 is the empty one for a new field.
    page.locator("#row-7").get_by_label(re.compile("Remove this field")).check()
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
