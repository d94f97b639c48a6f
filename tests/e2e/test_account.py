"""A clinician keeps their own account in the browser, on a desktop and (checked on each
page) a phone: credentials for letters, a personal API token shown once and revoked, and a
new password; the hub's coordinator then reads those changes on the activity page.

Every page goes through ``Tab.arrive`` (screenshot, axe, weight, phone width).
"""

from __future__ import annotations

import httpx

from tests.e2e.conftest import PEOPLE, Journey, LiveHub
from tests.support import PASSWORD
from workflows import Role

NEW_PASSWORD = "a-longer-walk-by-the-river"


def test_a_clinician_keeps_their_account_and_the_coordinator_sees_the_activity(
    journey: Journey, live_hub: LiveHub,
):
    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    clinician.arrive("account")
    page.get_by_label("Credentials").fill("RN, MSN")
    page.get_by_role("button", name="Save profile").click()
    clinician.arrive("account-saved")
    assert page.get_by_role("status").inner_text() == "Profile saved."

    page.get_by_label("What will use it").fill("REDCap sync")
    page.get_by_role("button", name="Create token").click()
    clinician.arrive("token-made")
    token = page.get_by_label("Your new token").input_value()
    assert token.startswith("ec_")
    me = httpx.get(f"{live_hub.base_url}/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    page.get_by_role("button", name="Revoke REDCap sync").click()
    clinician.arrive("token-revoked")
    assert "Revoked" in page.get_by_role("row").filter(has_text="REDCap sync").inner_text()
    refused = httpx.get(f"{live_hub.base_url}/api/v1/me",
                        headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401

    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    clinician.arrive("password-changed")
    assert page.get_by_role("status").inner_text().startswith("Password changed.")

    coordinator = journey.sign_in(Role.COORDINATOR)
    coordinator.page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Hub").click()
    coordinator.page.get_by_role("link", name="Activity").click()
    coordinator.arrive("activity")
    rows = coordinator.page.get_by_role("row").filter(has_text=PEOPLE[Role.CLINICIAN].name)
    what = rows.all_inner_texts()
    assert any("Changed their password" in row for row in what), what
    assert any("Revoked a personal API token" in row for row in what), what
