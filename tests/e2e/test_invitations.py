"""A hub grows without a developer: its admin creates a program and invites a clinician and
an expert into it in the browser, both accept through the links in the real e-mails (read
from a loopback SMTP server), choose their passwords and sign in; the clinician submits a
case in the new program, and the expert finds it in the review queue.

Every page goes through ``Tab.arrive`` (screenshot, axe, weight, phone width); the
invitation page is also used at phone width from the start.
"""

from __future__ import annotations

import re
from email.message import Message

import pytest
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from echo_cases.settings import SmtpSettings
from models import Hub
from tests.e2e.conftest import PHONE, Journey, LiveHub, Tab
from tests.e2e.test_journeys import _fill_case_form
from tests.mail_server import Inbox
from tests.support import PASSWORD, assert_no_identifiers
from workflows import Role

ADMIN_EMAIL, ADMIN_NAME = "admin@hub.test", "Grace Adeyemi"
CLINICIAN = ("Dr. Kwame Boateng", "kwame@clinic.test", "A-quiet-river-at-dawn")
EXPERT = ("Dr. Mei Tanaka", "mei@university.test", "seven-paper-lanterns")
NEW_PROGRAM = "Cervical Screening ECHO"


@pytest.fixture
def e2e_smtp(smtp_port: int, inbox: Inbox) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=smtp_port, starttls=False,
                        sender="echo@mountainwest.test")


def _admin(live_hub: LiveHub) -> None:
    with unit_of_work(live_hub.app) as db:
        hub = db.exec(select(Hub).where(Hub.slug == "mountain-west")).one()
        admin = accounts.create_user(db, ADMIN_EMAIL, ADMIN_NAME, PASSWORD)
        accounts.add_member(db, admin, hub, Role.ADMIN)


def _link_to(inbox: Inbox, email: str) -> str:
    """The path of the link in the e-mail sent to ``email``."""
    [message] = [m for m in inbox.messages if m["To"] == email]
    match = re.search(r"https?://[^/\s]+(/invitations/[A-Za-z0-9_-]+)", _text(message))
    assert match, _text(message)
    return match.group(1)


def _text(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def _invite(admin: Tab, name: str, email: str, role: str, shot: str) -> None:
    page = admin.page
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Role").select_option(role)
    page.get_by_label("Program (optional; an expert joins its panel)").select_option(
        label=NEW_PROGRAM)
    page.get_by_role("button", name="Send invitation").click()
    admin.arrive(shot)
    assert page.get_by_role("status").inner_text() == f"Invitation e-mailed to {email}."


def _accept(journey: Journey, who: str, path: str, password: str, *,
            phone: bool = False) -> Tab:
    tab = journey.open_tab(who)
    page = tab.page
    if phone:
        page.set_viewport_size(PHONE)
    page.goto(path)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Join Mountain West Cancer ECHO")
    if phone:
        page.screenshot(path=journey.artifacts / f"{who}-accept.phone-first.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
    tab.arrive("accept")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("The same password again").fill(password)
    page.get_by_role("button", name="Make my account").click()
    page.wait_for_url(lambda url: "/invitations/" not in url)
    return tab


def test_an_admin_invites_a_clinician_and_an_expert_who_accept_and_work_on_a_case(
    journey: Journey, live_hub: LiveHub, inbox: Inbox,
):
    _admin(live_hub)
    admin = journey.open_tab("admin")
    page = admin.page
    page.goto("/h/mountain-west/login")
    page.get_by_label("E-mail").fill(ADMIN_EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hub").click()
    page.get_by_role("link", name="Programs").click()
    admin.arrive("programs")
    page.get_by_label("Name").fill(NEW_PROGRAM)
    page.get_by_label("Description").fill("Screen-and-treat for cervical pre-cancer.")
    page.get_by_role("button", name="Create program").click()
    admin.arrive("program-created")
    page.get_by_role("link", name="Invitations").click()
    admin.arrive("invitations")
    _invite(admin, *CLINICIAN[:2], "clinician", "invited-clinician")
    _invite(admin, *EXPERT[:2], "expert", "invited-expert")
    pending = page.get_by_role("table").inner_text()
    assert CLINICIAN[1] in pending
    assert EXPERT[1] in pending

    # The clinician opens the e-mailed link on a phone, the expert on a desktop.
    clinician = _accept(journey, "clinician", _link_to(inbox, CLINICIAN[1]), CLINICIAN[2],
                        phone=True)
    clinician.arrive("welcome")
    assert "Welcome to Mountain West Cancer ECHO." in clinician.page.get_by_role(
        "status").inner_text()
    expert = _accept(journey, "expert", _link_to(inbox, EXPERT[1]), EXPERT[2])
    expert.arrive("welcome")

    # Accepted invitations leave the list; the links work no more.
    page.reload()
    admin.arrive("invitations-after")
    assert page.get_by_role("table").count() == 0
    used = journey.open_tab("stranger")
    used.page.goto(_link_to(inbox, CLINICIAN[1]))
    used.arrive("used-link")
    assert used.page.get_by_role("heading", level=1).inner_text() == "This link does not work"

    # The clinician signs in again with the chosen password and submits a case.
    clinician.page.get_by_role("button", name="Sign out").click()
    cpage = clinician.page
    cpage.goto("/h/mountain-west/login")
    cpage.get_by_label("E-mail").fill(CLINICIAN[1])
    cpage.get_by_label("Password").fill(CLINICIAN[2])
    cpage.get_by_role("button", name="Sign in").click()
    cpage.wait_for_url(lambda url: "/login" not in url)
    clinician.arrive("my-cases")
    cpage.get_by_role("link", name="Write a new case").click()
    cpage.get_by_label("Program").select_option(label=NEW_PROGRAM)
    _fill_case_form(cpage)
    cpage.get_by_role("button", name="Save draft").click()
    cpage.get_by_role("link", name="Preview de-identification and submit").click()
    clinician.arrive("preview")
    cpage.get_by_role("button", name="Confirm and submit").click()
    clinician.arrive("submitted")
    case_url = cpage.url
    case_path = re.sub(r"^https?://[^/]+", "", case_url).split("?")[0]

    # The expert finds it in the review queue, de-identified.
    epage = expert.page
    epage.get_by_role("navigation").get_by_role("link", name="Review queue").click()
    expert.arrive("queue")
    epage.locator(f"table a[href='{case_path}']").click()
    expert.arrive("case")
    # (the neighbour's lower-case name the clinician did not redact is another journey's)
    assert_no_identifiers(epage.content())
