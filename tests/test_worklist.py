"""Each person's work comes to them: the "needs your action" list at the top of each home.

Actions are found in the workflow definition by what they do, as the lists themselves
find them, so these tests read the same whatever the actions are called.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts, worklist
from models import Delivery, DeliveryStatus, Hub, User
from tests.support import (
    IDENTIFIED_CASE,
    PASSWORD,
    RECOMMENDATIONS,
    Api,
    Hubs,
    act,
    begin_session,
    schedule_session,
    walk_to,
)
from workflows import CASE_WORKFLOW, Role

REASON = "Please add the colposcopy report."


def _named(effect: str) -> str:
    """The action that has ``effect``, by its name in the workflow definition."""
    return next(a.name for a in CASE_WORKFLOW.actions.values() if effect in a.effects)


RETURN = next(iter(worklist.RETURNS))
PRE_REVIEW = _named("record_pre_review")


def _section(html: str, heading_id: str) -> str:
    """The text of one worklist section of a page."""
    match = re.search(rf'<section class="worklist" aria-labelledby="{heading_id}">(.*?)</section>',
                      html, re.DOTALL)
    assert match, f"no worklist {heading_id} on the page"
    return match.group(1)


def _returned(api_as: Callable[..., Api], case: dict[str, Any]) -> dict[str, Any]:
    returned = act(api_as(Role.COORDINATOR), case, RETURN, comment=REASON)
    assert returned.status_code == 200, returned.json
    return dict(returned.json)


# --- the clinician ----------------------------------------------------------------------


def test_a_returned_case_comes_back_to_my_cases_with_who_when_and_why(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
    submitted_case: dict[str, Any], hubs: Hubs,
):
    _returned(api_as, submitted_case)
    page = login_as(Role.CLINICIAN).get("/cases").text
    work = _section(page, "work-clinician")
    assert IDENTIFIED_CASE["title"] in work  # the author's own title, as they wrote it
    assert "Returned to you" in work
    assert f"Returned by {hubs.user(Role.COORDINATOR).name}" in work
    assert f"<q class=\"why-returned\">{REASON}</q>" in work
    assert re.search(r"\d{2} \w+ \d{4}, \d{2}:\d{2} UTC", work)
    row = page.split("<tbody>")[1].split("</tr>")[0]
    assert 'class="state state-draft">Draft</span>' in row
    assert '<span class="flag flag-returned">Returned to you</span>' in row


def test_a_returned_case_opens_with_who_returned_it_and_why_above_the_case(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
    submitted_case: dict[str, Any], hubs: Hubs,
):
    _returned(api_as, submitted_case)
    page = login_as(Role.CLINICIAN).get(f"/cases/{submitted_case['id']}").text
    banner = page.split('id="returned"')[1].split("</div>")[0]
    assert f"Returned to you by {hubs.user(Role.COORDINATOR).name}" in banner
    assert f"<q>{REASON}</q>" in banner
    assert page.index('id="returned"') < page.index('<dl class="case">')
    assert page.index('id="returned"') < page.index("Withdraw case")


def test_a_new_draft_and_a_resubmitted_case_are_not_flagged_returned(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
    submitted_case: dict[str, Any], hubs: Hubs,
):
    clinician = api_as(Role.CLINICIAN)
    draft = clinician.post("/cases", {"program_id": hubs.program_id(),
                                      "fields": IDENTIFIED_CASE}).json
    case = _returned(api_as, submitted_case)
    resubmitted = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]})
    assert resubmitted.status_code == 200
    browser = login_as(Role.CLINICIAN)
    assert "flag-returned" not in browser.get("/cases").text
    assert 'id="returned"' not in browser.get(f"/cases/{draft['id']}").text
    assert 'id="returned"' not in browser.get(f"/cases/{case['id']}").text


def test_a_letter_waits_on_my_cases_until_it_is_acknowledged(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any],
):
    browser = login_as(Role.CLINICIAN)
    page = browser.get("/cases").text
    work = _section(page, "work-clinician")
    assert "Read the recommendations and acknowledge them" in work
    assert f'href="/cases/{finished_case["id"]}"' in work
    assert '<span class="flag flag-letter">Letter waiting</span>' in page
    assert 'class="state state-recommendations_sent">Recommendations sent</span>' in page

    assert browser.post(f"/cases/{finished_case['id']}/letter/acknowledge",
                        data={"version": finished_case["version"]}).status_code == 302
    page = browser.get("/cases").text
    assert "flag-letter" not in page
    assert 'aria-labelledby="work-clinician"' not in page  # nothing left to do


# --- the expert -------------------------------------------------------------------------


def test_an_expert_finds_the_cases_assigned_to_them_to_pre_review(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
    submitted_case: dict[str, Any], hubs: Hubs,
):
    browser = login_as(Role.EXPERT)
    assert "Nothing needs you right now." in _section(browser.get("/").text, "work-expert")
    assigned = act(api_as(Role.COORDINATOR), submitted_case, "assign_expert",
                   expert_id=hubs.user(Role.EXPERT).id)
    assert assigned.status_code == 200, assigned.json
    work = _section(browser.get("/").text, "work-expert")
    assert "Pre-review it for the panel" in work
    assert f'href="/cases/{submitted_case["id"]}"' in work
    assert "Rosalind" not in work  # the de-identified title, never the original

    reviewed = act(api_as(Role.EXPERT), assigned.json, PRE_REVIEW, notes="Ask about HPV.")
    assert reviewed.status_code == 200, reviewed.json
    assert "Pre-review it" not in browser.get("/").text


def test_the_lead_expert_is_asked_to_write_then_to_sign_off_the_recommendations(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
    submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
):
    session_id = schedule_session(app, hubs)
    case = walk_to(api_as, submitted_case, "presented", session_id)
    browser = login_as(Role.EXPERT)
    work = _section(browser.get("/").text, "work-expert")
    assert "Write the recommendations, then sign them off" in work
    expert = api_as(Role.EXPERT)
    saved = expert.put(f"/cases/{case['id']}/recommendations", RECOMMENDATIONS)
    assert saved.status_code == 200, saved.json
    assert "Sign off the recommendations" in _section(browser.get("/").text, "work-expert")
    begin_session(app, session_id)
    signed = act(expert, expert.get(f"/cases/{case['id']}").json, "sign_off")
    assert signed.status_code == 200, signed.json
    assert "Nothing needs you right now." in _section(browser.get("/").text, "work-expert")


def _panelist(app: Flask, hubs: Hubs) -> tuple[Callable[[], FlaskClient], Api, int]:
    """Another expert of hub A, not the lead of any case: signing in, a token, an id."""
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        other = accounts.create_user(db, "panelist-a@example.org", "Pat Panelist", PASSWORD)
        accounts.add_member(db, other, hub, Role.EXPERT)
        token = accounts.issue_token(db, other, "tests")
        other_id = other.id or 0

    def signed_in() -> FlaskClient:
        browser = app.test_client()
        browser.post("/login", data={"email": "panelist-a@example.org", "password": PASSWORD})
        return browser

    return signed_in, Api(app.test_client(), token), other_id


def test_a_panelist_who_is_not_the_lead_is_asked_to_write_the_recommendations(
    app: Flask, api_as: Callable[..., Api], submitted_case: dict[str, Any], hubs: Hubs,
):
    sign_in, panelist, panelist_id = _panelist(app, hubs)
    session_id = schedule_session(app, hubs, panel_ids=(panelist_id,))
    case = walk_to(api_as, submitted_case, "presented", session_id)
    browser = sign_in()  # the session has begun: the clock moved past any earlier sign-in
    work = _section(browser.get("/").text, "work-expert")
    assert "Write the recommendations with the panel" in work
    assert f'href="/cases/{case["id"]}"' in work
    assert "Sign off" not in work  # the lead signs off, not them

    written = panelist.put(f"/cases/{case['id']}/recommendations", RECOMMENDATIONS)
    assert written.status_code == 200, written.json
    assert "Nothing needs you right now." in _section(browser.get("/").text, "work-expert")


def test_an_expert_of_another_hub_is_not_asked_about_this_hubs_cases(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
    submitted_case: dict[str, Any], hubs: Hubs,
):
    assigned = act(api_as(Role.COORDINATOR), submitted_case, "assign_expert",
                   expert_id=hubs.user(Role.EXPERT).id)
    assert assigned.status_code == 200, assigned.json
    other = _section(login_as(Role.EXPERT, "b").get("/").text, "work-expert")
    assert "Nothing needs you right now." in other


# --- the coordinator --------------------------------------------------------------------


def test_a_coordinator_finds_pre_reviewed_cases_to_schedule_until_they_are(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api],
    submitted_case: dict[str, Any], app: Flask, hubs: Hubs,
):
    browser = login_as(Role.COORDINATOR)
    assert "Schedule it into a session" not in browser.get("/").text  # not pre-reviewed yet
    reviewed = act(api_as(Role.EXPERT), submitted_case, PRE_REVIEW, notes="Ask about HPV.")
    assert reviewed.status_code == 200, reviewed.json
    work = _section(browser.get("/").text, "work-coordinator")
    assert "Schedule it into a session" in work
    assert f'href="/cases/{submitted_case["id"]}"' in work

    scheduled = act(api_as(Role.COORDINATOR), reviewed.json, "schedule",
                    session_id=schedule_session(app, hubs))
    assert scheduled.status_code == 200, scheduled.json
    assert "Schedule it into a session" not in browser.get("/").text
    assert "Schedule it into a session" not in login_as(Role.COORDINATOR, "b").get("/").text


def test_a_letter_whose_e_mail_failed_is_on_the_coordinators_list_in_plain_words(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], app: Flask,
):
    with unit_of_work(app) as db:
        for delivery in db.exec(select(Delivery)):
            delivery.status = DeliveryStatus.FAILED
            db.add(delivery)
    work = _section(login_as(Role.COORDINATOR).get("/").text, "work-coordinator")
    assert "Its letter was not delivered: send it again" in work
    assert f'href="/cases/{finished_case["id"]}"' in work
    assert "To Clinician A" in work


def test_each_list_shows_a_screenful_and_points_to_the_rest(
    login_as: Callable[..., FlaskClient], api_as: Callable[..., Api], hubs: Hubs,
):
    clinician, coordinator = api_as(Role.CLINICIAN), api_as(Role.COORDINATOR)
    for _ in range(worklist.LIMIT + 1):
        case = clinician.post("/cases", {"program_id": hubs.program_id(),
                                         "fields": IDENTIFIED_CASE}).json
        case = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]}).json
        assert act(coordinator, case, RETURN, comment=REASON).status_code == 200
    page = login_as(Role.CLINICIAN).get("/cases").text
    work = _section(page, "work-clinician")
    assert work.count("<li>") == worklist.LIMIT
    assert page.count("flag-returned") == worklist.LIMIT + 1  # My cases lists every one


def test_someone_with_two_roles_sees_both_lists_on_one_home(
    app: Flask, login_as: Callable[..., FlaskClient], hubs: Hubs,
):
    from echo_cases.services import accounts

    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        accounts.add_member(db, expert, hubs.hubs["b"], Role.COORDINATOR)
    page = login_as(Role.EXPERT).get("/").text
    assert "Needs your action as expert" in page
    assert "Needs your action as coordinator" in page
