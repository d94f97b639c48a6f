"""Eight weeks after the letter the presenting clinician is e-mailed: what happened? She
follows the link from her phone, signs in, rates the panel's recommendation, gives the
patient's status and tells the story with the patient's name in it, sees it as the hub
will read it (the name replaced), and sends it; the coordinator's dashboard and the case
page then show the outcome, de-identified. Every page goes through ``Tab.arrive``."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.settings import SmtpSettings
from models import Hub, Letter, as_utc
from tests.e2e.conftest import (
    DESKTOP,
    PEOPLE,
    PROGRAM,
    Journey,
    LiveHub,
    assert_radio_labels_are_touch_targets,
)
from tests.e2e.test_home_journeys import _signed_off
from tests.mail_server import Inbox, text_of
from tests.support import PASSWORD, clock_of
from workflows import Role

if TYPE_CHECKING:
    from playwright.sync_api import Locator

PHONE_390 = {"width": 390, "height": 844}
WHY = "Rosalind Achterberg asked to wait until after her daughter's wedding."
NARRATIVE = ("Rosalind Achterberg had her LEEP at Willowmere Community Clinic six weeks "
             "later; margins were clear.")
IDENTIFIERS = ("Rosalind", "Achterberg", "Willowmere")


@pytest.fixture
def e2e_smtp(smtp_port: int, inbox: Inbox) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=smtp_port, starttls=False,
                        sender="echo@mountainwest.test")


def _eight_weeks_on(live_hub: LiveHub, case_id: int) -> None:
    """The app's clock eight weeks and an hour after the letter, and the hourly cron run."""
    app = live_hub.app
    with unit_of_work(app) as db:
        letter = db.exec(select(Letter).where(Letter.case_id == case_id)).one()
        signed = as_utc(letter.created_at)
    clock_of(app).move_to(signed + timedelta(weeks=8, hours=1))
    result = app.test_cli_runner().invoke(args=["outcomes", "remind"])
    assert "Sent 1 outcome request(s)" in result.output, result.output


def test_the_clinician_tells_the_outcome_from_the_emailed_link_and_the_dashboard_counts_it(
    journey: Journey, live_hub: LiveHub, inbox: Inbox,
):
    case_id = _signed_off(live_hub)
    _eight_weeks_on(live_hub, case_id)
    [asked] = [m for m in inbox.messages if m["To"] == PEOPLE[Role.CLINICIAN].email
               and "What happened" in str(m["Subject"])]
    link = re.search(r"https?://[^/\s]+(/cases/\d+/outcome)\b", text_of(asked))
    assert link, text_of(asked)

    clinician = journey.open_tab("clinician")
    page = clinician.page
    page.set_viewport_size(PHONE_390)
    page.goto(link.group(1))  # signed out: the link asks her to sign in first
    clinician.arrive("sign-in")
    page.get_by_label("E-mail").fill(PEOPLE[Role.CLINICIAN].email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(link.group(1)) + "$"))
    clinician.arrive("outcome-form")
    page.set_viewport_size(PHONE_390)
    assert_radio_labels_are_touch_targets(page, "#outcome-form")

    page.get_by_label("Partly followed").check()
    page.get_by_label("Why (needed unless it was followed)").fill(WHY)
    page.get_by_label("The patient's status now").select_option(label="In treatment")
    page.get_by_label("What happened (optional)").fill(NARRATIVE)
    page.get_by_role("button", name="Preview").click()
    page.wait_for_url(re.compile(r"/outcome/preview$"))
    clinician.arrive("outcome-preview")
    preview = page.locator("#outcome-preview")
    shown = preview.inner_text()
    assert "margins were clear" in shown
    assert not [word for word in IDENTIFIERS if word in shown], shown
    assert preview.locator("[data-preview=narrative] mark.redacted").count() >= 2
    assert preview.locator("[data-preview=why_0] mark.redacted").count() >= 1
    assert "In treatment" in shown
    page.get_by_role("button", name="Send the outcome").click()
    page.wait_for_url(re.compile(rf"/cases/{case_id}(#outcome)?$"))
    clinician.arrive("outcome-sent")
    assert "the hub has the outcome" in page.get_by_role("status").inner_text()

    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    with unit_of_work(live_hub.app) as db:
        hub_id = db.exec(select(Hub).where(Hub.slug == "mountain-west")).one().id
    page.goto(f"/hubs/{hub_id}/dashboard")
    coordinator.arrive("dashboard")
    row = page.locator("#outcomes-by-program tbody tr").filter(has_text=PROGRAM)
    assert page.viewport_size == DESKTOP  # 1280 px wide: the program's name wraps between words
    assert _words_broken_across_lines(row.locator("td[data-label=Program]")) == []
    assert page.locator("#outcomes-by-program").evaluate(  # and within the page's column
        "t => t.getBoundingClientRect().right <= t.parentElement.getBoundingClientRect().right")
    assert row.locator("td[data-label=Told]").inner_text() == "1"
    assert row.locator("td[data-label=Partly]").inner_text() == "1"
    assert row.locator("td[data-label='In treatment']").inner_text() == "1"
    assert page.locator("#awaiting-count").inner_text() == "0"
    page.goto(f"/cases/{case_id}#outcome")
    coordinator.arrive("case-outcome")
    told = page.locator("#outcome").inner_text()
    assert "In treatment" in told
    assert "margins were clear" in told
    assert not [word for word in IDENTIFIERS if word in told], told


def _words_broken_across_lines(cell: Locator) -> list[str]:
    """The words of ``cell`` the browser drew on more than one line (cut mid-word)."""
    broken: list[str] = cell.evaluate(
        """cell => {
            const text = cell.firstChild, broken = [];
            for (const m of text.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(text, m.index);
                range.setEnd(text, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0]);
            }
            return broken;
        }""")
    return broken
