"""A hub's admin sets the hub up in the browser, on a desktop and (checked on each page)
a phone: signs in from the hub's link, records an expert's credentials, creates a
program with its panel and facilitator, archives another, sets the time zone, and
deactivates someone; a coordinator then reads the people page and changes nothing.

Every page goes through ``Tab.arrive`` (screenshot, axe, weight, phone width).
"""

from __future__ import annotations

from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import Hub, Program, User, id_of
from tests.e2e.conftest import OTHER_PROGRAM, PEOPLE, Journey, LiveHub, Tab
from tests.support import PASSWORD
from workflows import Role

ADMIN_EMAIL, ADMIN_NAME = "admin@hub.test", "Grace Adeyemi"
NEW_PROGRAM = "Hepatitis C ECHO"


def _admin(live_hub: LiveHub) -> None:
    with unit_of_work(live_hub.app) as db:
        hub = db.exec(select(Hub).where(Hub.slug == "mountain-west")).one()
        admin = accounts.create_user(db, ADMIN_EMAIL, ADMIN_NAME, PASSWORD)
        accounts.add_member(db, admin, hub, Role.ADMIN)


def _sign_in_from_the_hubs_link(journey: Journey, who: str, email: str) -> Tab:
    tab = journey.open_tab(who)
    page = tab.page
    page.goto("/h/mountain-west/login")
    tab.arrive("sign-in")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Sign in to Mountain West Cancer ECHO")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    return tab


def test_an_admin_sets_up_programs_people_and_settings_in_the_browser(
    journey: Journey, live_hub: LiveHub,
):
    _admin(live_hub)
    admin = _sign_in_from_the_hubs_link(journey, "admin", ADMIN_EMAIL)
    page = admin.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hub").click()
    admin.arrive("people")
    expert = PEOPLE[Role.EXPERT]
    page.get_by_role("link", name=f"Manage {expert.name}").click()
    admin.arrive("person")
    page.get_by_label("Credentials").fill("MD, MPH")
    page.get_by_label("Profession").fill("Gynaecologic oncologist")
    page.get_by_role("button", name="Save profile").click()
    admin.arrive("person-saved")
    assert page.get_by_role("heading", level=1).inner_text() == f"{expert.name}, MD, MPH"

    page.get_by_role("link", name="Programs").click()
    admin.arrive("programs")
    page.get_by_label("Name").fill(NEW_PROGRAM)
    page.get_by_label("Description").fill("Treating HCV in primary care.")
    page.get_by_role("button", name="Create program").click()
    admin.arrive("program")
    page.get_by_label(f"{expert.name}, MD, MPH").check()
    coordinator = PEOPLE[Role.COORDINATOR]
    page.get_by_label("Default facilitator").select_option(label=f"{coordinator.name} "
                                                                 "(coordinator)")
    page.get_by_role("button", name="Save program").click()
    admin.arrive("programs-saved")
    page.get_by_role("button", name=f"Archive {OTHER_PROGRAM}").click()
    admin.arrive("program-archived")
    row = page.get_by_role("row").filter(has_text=OTHER_PROGRAM)
    assert "Archived" in row.inner_text()

    page.get_by_role("link", name="Hub settings").click()
    admin.arrive("settings")
    page.get_by_label("Default time zone").select_option("America/Denver")
    page.get_by_label("Contact e-mail").fill("not an address")
    page.get_by_role("button", name="Save settings").click()
    admin.arrive("settings-refused")
    assert "Enter an e-mail address" in page.locator(".field-error").inner_text()
    page.get_by_label("Contact e-mail").fill("echo@mountainwest.example.org")
    page.get_by_role("button", name="Save settings").click()
    admin.arrive("settings-saved")
    assert page.get_by_role("status").inner_text() == "Settings saved."

    clinician = PEOPLE[Role.CLINICIAN]
    page.get_by_role("link", name="People").click()
    page.get_by_role("link", name=f"Manage {clinician.name}").click()
    admin.arrive("clinician")
    page.get_by_role("button", name=f"Deactivate {clinician.name}").click()
    admin.arrive("clinician-deactivated")
    page.get_by_role("link", name="People").click()
    admin.arrive("people-after")
    assert "Deactivated" in page.get_by_role("row").filter(has_text=clinician.name).inner_text()

    with unit_of_work(live_hub.app) as db:
        hub = db.exec(select(Hub).where(Hub.slug == "mountain-west")).one()
        assert (hub.timezone, hub.contact_email) == ("America/Denver",
                                                     "echo@mountainwest.example.org")
        program = db.exec(select(Program).where(Program.name == NEW_PROGRAM)).one()
        assert program.default_facilitator_id == live_hub.user_ids[Role.COORDINATOR]
        user = db.get(User, live_hub.user_ids[Role.CLINICIAN])
        assert user is not None
        assert not user.active

    reader = _sign_in_from_the_hubs_link(journey, "coordinator", coordinator.email)
    reader.page.get_by_role("navigation", name="Main").get_by_role("link", name="Hub").click()
    reader.arrive("people")
    assert "MD, MPH" in reader.page.get_by_role("row").filter(has_text=expert.name).inner_text()
    assert reader.page.get_by_role("link", name="Programs").count() == 0
    assert reader.page.get_by_role("link", name=f"Manage {expert.name}").count() == 0
    assert id_of(program) > 0
