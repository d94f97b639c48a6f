"""Each person's work comes to them, in plain words: journeys in headless Chromium.

Every page goes through ``Tab.arrive`` (screenshot, axe, weight, 360 px width) and the
pages these journeys are about are also shot at 1280x800 and on a 390x844 phone, with
axe run again at the phone's width, under test-artifacts/e2e/<test>/.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import select

from echo_cases.access import get_case
from echo_cases.db import unit_of_work
from echo_cases.mail import SmtpMailer
from echo_cases.services import cases as case_ops
from echo_cases.services import letters, review, sessions
from echo_cases.services.worklist import RETURNS
from echo_cases.settings import SmtpSettings
from models import Hub, id_of, utcnow
from tests.e2e.conftest import BLOCKING_IMPACTS, DESKTOP, PEOPLE, PROGRAM, Journey, LiveHub, Tab
from tests.e2e.conftest import _axe as axe_violations
from tests.e2e.test_journeys import FALSE_ALARM, _draft, _preview_field, _submitted
from tests.support import begin_session, clock_of
from workflows import CASE_WORKFLOW, CaseState, Role

if TYPE_CHECKING:
    from playwright.sync_api import Page

SIZES = ({"width": 1280, "height": 800}, {"width": 390, "height": 844})
REASON = "Please add the colposcopy report before the panel sees it."
RECOMMENDATION = "Proceed to LEEP within 4 weeks."


def _shots(tab: Tab, name: str) -> None:
    """The page at 1280x800 and on a 390x844 phone: screenshots, no sideways scroll, axe."""
    page = tab.page
    for size in SIZES:
        page.set_viewport_size(size)
        page.screenshot(path=tab.journey.artifacts / f"{name}-{size['width']}x{size['height']}.png")
        overflow = int(page.evaluate("document.documentElement.scrollWidth")) - size["width"]
        assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {size}"
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{name} on a phone: {[v['id'] for v in blocking]}"
    page.set_viewport_size(DESKTOP)


def _action(effect: str) -> str:
    return next(a.name for a in CASE_WORKFLOW.actions.values() if effect in a.effects)


def _presenting() -> str:
    return next(a.name for a in CASE_WORKFLOW.actions.values()
                if a.target is CaseState.PRESENTED)


# Setting the scene with the app's own services ------------------------------------------


def _returned(hub: LiveHub) -> int:
    case_id = _submitted(hub)
    with unit_of_work(hub.app) as db:
        case, coordinator = get_case(db, hub.user(Role.COORDINATOR), case_id)
        case_ops.take_action(db, coordinator, case, next(iter(RETURNS)),
                             expected_version=case.version, comment=REASON)
    return case_id


def _session(hub: LiveHub) -> int:
    with unit_of_work(hub.app) as db:
        coordinator = hub.user(Role.COORDINATOR)
        start = (clock_of(hub.app)() + timedelta(days=7)).replace(tzinfo=None, microsecond=0)
        session = sessions.schedule_session(db, db.merge(coordinator), sessions.SessionPlan(
            program_id=hub.program_ids[PROGRAM], local_start=start, timezone="UTC",
            panel_ids=(hub.user_ids[Role.EXPERT],)))
        return id_of(session)


def _presented(hub: LiveHub) -> int:
    case_id, session_id = _submitted(hub, pre_reviewed=True), _session(hub)
    with unit_of_work(hub.app) as db:
        case, coordinator = get_case(db, hub.user(Role.COORDINATOR), case_id)
        case_ops.take_action(db, coordinator, case, _action("add_to_agenda"),
                             expected_version=case.version, payload={"session_id": session_id})
    begin_session(hub.app, session_id)
    with unit_of_work(hub.app) as db:
        case, coordinator = get_case(db, hub.user(Role.COORDINATOR), case_id)
        case_ops.take_action(db, coordinator, case, _presenting(), expected_version=case.version)
    return case_id


def _signed_off(hub: LiveHub) -> int:
    case_id = _presented(hub)
    with unit_of_work(hub.app) as db:
        case, expert = get_case(db, hub.user(Role.EXPERT), case_id)
        review.save_recommendations(
            db, db.merge(hub.user(Role.EXPERT)), case, expected_version=None,
            summary="The panel agreed that excisional treatment is appropriate now.",
            items=[{"recommendation": RECOMMENDATION,
                    "rationale": "ASC-H with HPV 16 carries a high immediate CIN3+ risk."}])
    with unit_of_work(hub.app) as db:
        case, expert = get_case(db, hub.user(Role.EXPERT), case_id)
        case_ops.take_action(db, expert, case, _action("issue_letter"),
                             expected_version=case.version)
    return case_id


def _mail_fails(hub: LiveHub) -> None:
    """This server has no mail server: every try of every letter e-mail fails, to the last."""
    with unit_of_work(hub.app) as db:
        for day in range(1, letters.MAX_ATTEMPTS + 1):
            letters.deliver_due(db, SmtpMailer(SmtpSettings()),
                                now=utcnow() + timedelta(days=30 + day))


# The journeys ---------------------------------------------------------------------------


def test_a_clinician_finds_a_returned_case_and_a_letter_waiting_and_reads_it_in_order(
    journey: Journey, live_hub: LiveHub,
):
    returned_id, letter_id = _returned(live_hub), _signed_off(live_hub)
    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    clinician.arrive("my-cases")
    _shots(clinician, "my-cases")
    work = page.get_by_role("region", name="Needs your action")
    returned = work.get_by_role("listitem").filter(
        has=page.locator(f"a[href='/cases/{returned_id}']"))
    assert "Returned to you" in returned.inner_text()
    assert f"Returned by {PEOPLE[Role.COORDINATOR].name}" in returned.inner_text()
    assert REASON in returned.inner_text()
    waiting = work.get_by_role("listitem").filter(
        has=page.locator(f"a[href='/cases/{letter_id}']"))
    assert "Read the recommendations and acknowledge them" in waiting.inner_text()
    table = page.locator("table")
    assert table.get_by_text("Returned to you", exact=True).is_visible()
    assert table.get_by_text("Letter waiting", exact=True).is_visible()
    # States differ in colour as well as in words.
    colours = {page.locator(f".state-{state}").first.evaluate(
        "e => getComputedStyle(e).backgroundColor") for state in ("draft", "recommendations_sent")}
    assert len(colours) == 2

    returned.get_by_role("link").click()
    clinician.arrive("returned-case")
    _shots(clinician, "returned-case")
    banner = page.locator("#returned")
    assert f"Returned to you by {PEOPLE[Role.COORDINATOR].name}" in banner.inner_text()
    assert REASON in banner.inner_text()
    page.set_viewport_size(SIZES[1])
    assert banner.bounding_box()["y"] < SIZES[1]["height"], "the banner is on the first screen"  # type: ignore[index]
    page.set_viewport_size(DESKTOP)

    page.get_by_role("navigation").get_by_role("link", name="My cases").click()
    clinician.arrive("my-cases-again")
    page.locator(f"table a[href='/cases/{letter_id}']").click()
    clinician.arrive("letter-case")
    _shots(clinician, "letter-case")
    _recommendations_then_acknowledgement(page)
    page.get_by_role("button", name="I have read the recommendations").click()
    clinician.arrive("acknowledged")
    assert "you acknowledged it on" in page.locator("#letter").inner_text()
    page.get_by_role("navigation").get_by_role("link", name="My cases").click()
    clinician.arrive("my-cases-after")
    assert page.locator("table").get_by_text("Letter waiting", exact=True).count() == 0


def _recommendations_then_acknowledgement(page: Page) -> None:
    """The recommendations open the page, and the acknowledgement follows them closely."""
    for size in SIZES:
        page.set_viewport_size(size)
        item = page.locator("#letter").get_by_text(RECOMMENDATION)
        button = page.get_by_role("button", name="I have read the recommendations")
        item_box, button_box = item.bounding_box(), button.bounding_box()
        assert item_box
        assert button_box
        assert item_box["y"] < size["height"], f"the recommendations start below the fold {size}"
        gap = button_box["y"] - item_box["y"]
        assert 0 < gap < 600, f"the acknowledgement is {gap} px after the recommendation {size}"
    page.set_viewport_size(DESKTOP)


def test_an_expert_and_a_coordinator_find_their_work_on_their_home(
    journey: Journey, live_hub: LiveHub,
):
    presented_id = _presented(live_hub)
    ready_id = _submitted(live_hub, pre_reviewed=True)
    undelivered_id = _signed_off(live_hub)
    _mail_fails(live_hub)

    expert = journey.sign_in(Role.EXPERT)
    page = expert.page
    expert.arrive("home")
    _shots(expert, "expert-home")
    work = page.get_by_role("region", name="Needs your action")
    item = work.get_by_role("listitem").filter(
        has=page.locator(f"a[href='/cases/{presented_id}']"))
    assert "Write the recommendations, then sign them off" in item.inner_text()
    item.get_by_role("link").click()
    expert.arrive("case-to-write-up")
    assert page.get_by_label("Summary of the discussion").is_visible()

    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    coordinator.arrive("home")
    _shots(coordinator, "coordinator-home")
    work = page.get_by_role("region", name="Needs your action")
    ready = work.get_by_role("listitem").filter(has=page.locator(f"a[href='/cases/{ready_id}']"))
    assert "Schedule it into a session" in ready.inner_text()
    failed = work.get_by_role("listitem").filter(
        has=page.locator(f"a[href='/cases/{undelivered_id}']"))
    assert "Its letter was not delivered: send it again" in failed.first.inner_text()
    failed.first.get_by_role("link").click()
    coordinator.arrive("undelivered-case")
    words = page.locator("#letter").inner_text()
    assert "not delivered: e-mail is not set up on this server yet" in words
    assert "ECHO_SMTP_HOST" not in page.content()
    assert page.locator("#letter").get_by_role("button", name="Send again").first.is_visible()
    page.get_by_role("navigation").get_by_role("link", name="Triage").click()
    coordinator.arrive("triage")
    _shots(coordinator, "triage")
    assert "ECHO_SMTP_HOST" not in page.content()


def test_the_decision_table_speaks_plainly_and_asks_why_only_when_a_confident_finding_is_kept(
    journey: Journey, live_hub: LiveHub,
):
    case_id = _draft(live_hub)
    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    page.goto(f"/cases/{case_id}/preview")
    clinician.arrive("preview")
    _shots(clinician, "preview")
    row = _preview_field(page, "Narrative").get_by_role("row").filter(has_text=FALSE_ALARM)
    assert "%" not in row.inner_text()
    assert row.locator(".confidence").inner_text() == "high"
    assert "Almost surely an identifier" in row.inner_text()
    why = row.get_by_label("why?")
    assert not why.is_visible()
    row.get_by_label("keep, not an identifier").check()
    assert why.is_visible()
    row.get_by_label("keep, not an identifier").uncheck()
    assert not why.is_visible()

    row.get_by_label("keep, not an identifier").check()
    page.get_by_role("button", name="Update preview").click()
    clinician.arrive("preview-needs-a-reason")
    _shots(clinician, "preview-needs-a-reason")
    summary = page.get_by_role("alert")
    assert f"Narrative, “{FALSE_ALARM}”" in summary.inner_text()
    summary.get_by_role("link").first.click()
    row = _preview_field(page, "Narrative").get_by_role("row").filter(has_text=FALSE_ALARM)
    assert row.get_by_label("why?").is_visible()


def test_a_signed_in_404_keeps_the_navigation_and_the_dashboard_labels_fit(
    journey: Journey, live_hub: LiveHub,
):
    _presented(live_hub)
    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    page.goto("/no-such-page")
    coordinator.arrive("not-found")
    _shots(coordinator, "not-found")
    navigation = page.get_by_role("navigation", name="Main")
    assert navigation.get_by_role("link", name="Triage").is_visible()

    with unit_of_work(live_hub.app) as db:
        hub_id = id_of(db.exec(select(Hub)).one())
    page.goto(f"/hubs/{hub_id}/dashboard")
    coordinator.arrive("dashboard")
    _shots(coordinator, "dashboard")
    for size in SIZES:
        page.set_viewport_size(size)
        for chart in page.locator("svg.chart").all():
            left = chart.bounding_box()["x"]  # type: ignore[index]
            for label in chart.locator("text").all():
                box = label.bounding_box()
                assert box
                assert box["x"] >= left - 0.5, f"a label is cut at the left at {size}"
                assert box["height"] >= 10, f"a label is too small to read at {size}"
    page.set_viewport_size(DESKTOP)
