"""Every page with a table, read on a 390x844 phone: nothing is cut off, nothing scrolls.

On a phone each table row becomes a card, each value under its column's name, the key
columns (title, state, what to do) first; long unbroken words (a pasted URL) wrap instead
of widening the page, and the preview's two columns never overlap. At 1280x800 the same
pages keep their tables. axe runs at the phone's width with no exclusion. Screenshots of
each page at both sizes are saved under test-artifacts/e2e/<test>/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from echo_cases.db import unit_of_work
from echo_cases.services import cases as case_ops
from models import EchoSession, Hub, id_of
from tests.e2e.conftest import OTHER_PROGRAM, PROGRAM, Journey, LiveHub, Tab
from tests.e2e.conftest import _axe as axe_violations
from tests.e2e.conftest import _describe as describe
from tests.e2e.test_home_journeys import _mail_fails, _returned, _signed_off
from tests.e2e.test_hub_admin import ADMIN_EMAIL, _admin, _sign_in_from_the_hubs_link
from tests.e2e.test_journeys import CASE, _preview_field, _submitted
from workflows import Role

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A pasted link with no break opportunity in its 500 characters.
LONG_URL = "https://guidelines.example.org/cervical/" + "a1b2c3d4e5" * 46
assert len(LONG_URL) == 500
LONG_TITLE = "Follow-up of " + LONG_URL[:150]


@dataclass(frozen=True)
class Table:
    """A table as a phone reader needs it: its key columns, read in the first row."""

    locator: str
    key_columns: tuple[str, ...]
    action: bool = False  # a last cell of buttons or links, under no visible heading


def _check_phone(tab: Tab, name: str, tables: list[Table]) -> None:
    """At 390x844: no sideways scroll, axe clean, each key value on screen under its name."""
    page = tab.page
    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=tab.journey.artifacts / f"{name}-390x844.png", full_page=True)
    _assert_no_page_overflow(page, name)
    violations = axe_violations(page)
    assert not violations, f"{name} on a phone:\n" + describe(violations)
    for table in tables:
        row = page.locator(table.locator).locator("tbody tr").first
        row.scroll_into_view_if_needed()
        for column in table.key_columns:
            cell = row.locator(f"td[data-label='{column}']")
            assert cell.count() == 1, f"{name}: no {column!r} cell in {table.locator}"
            _assert_on_screen(page, cell, f"{name}: {column}")
            label = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert column in label, f"{name}: {column!r} is not named on a phone: {label}"
        if table.action:
            _assert_on_screen(page, row.locator("td.do"), f"{name}: what to do")
    page.set_viewport_size(DESKTOP)


def _check_desktop(tab: Tab, name: str, tables: list[Table]) -> None:
    """At 1280x800 a table is still a table: a header row and cells side by side."""
    page = tab.page
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=tab.journey.artifacts / f"{name}-1280x800.png", full_page=True)
    _assert_no_page_overflow(page, name)
    for table in tables:
        element = page.locator(table.locator)
        assert element.evaluate("t => getComputedStyle(t).display") == "table"
        assert element.locator("thead").evaluate("h => h.getBoundingClientRect().height") > 10
        row = element.locator("tbody tr").first
        tops = {round(cell.bounding_box()["y"])  # type: ignore[index]
                for cell in row.locator("td").all()}
        assert len(tops) == 1, f"{name}: the cells of a row are not side by side on a desktop"


def _check(tab: Tab, name: str, *tables: Table) -> None:
    _check_desktop(tab, name, list(tables))
    _check_phone(tab, name, list(tables))


def _assert_no_page_overflow(page: Page, name: str) -> None:
    wide, inner = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide <= inner, f"{name} is {wide} px wide in a {inner} px window"


def _assert_on_screen(page: Page, element: Locator, what: str) -> None:
    box = element.bounding_box()
    assert box, f"{what} is not shown"
    size = page.viewport_size
    assert size
    assert box["width"] > 0
    assert box["height"] > 0
    assert box["x"] >= 0, f"{what} starts {-box['x']} px left of the screen"
    assert box["x"] + box["width"] <= size["width"] + 0.5, f"{what} is cut at the right: {box}"
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= size["height"] + 0.5, f"{what} is below the screen"


def _words_whole(element: Locator) -> bool:
    """No word of the element's text on screen is split over two lines."""
    return bool(element.evaluate("""e => {
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            if (walker.currentNode.parentElement.closest(".visually-hidden")) continue;
            const text = walker.currentNode.data;
            for (const match of text.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(walker.currentNode, match.index);
                range.setEnd(walker.currentNode, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) return false;
            }
        }
        return true;
    }"""))


def _hub_id(hub: LiveHub) -> int:
    with unit_of_work(hub.app) as db:
        return id_of(db.exec(select(Hub)).one())


def _session_id(hub: LiveHub) -> int:
    with unit_of_work(hub.app) as db:
        return id_of(db.exec(select(EchoSession)).one())


def _long_url_draft(hub: LiveHub) -> int:
    fields: dict[str, Any] = {
        **CASE, "title": LONG_TITLE,
        "narrative": CASE["narrative"] + f" The guideline she was given: {LONG_URL} today.",
    }
    with unit_of_work(hub.app) as db:
        return id_of(case_ops.create_case(db, hub.user(Role.CLINICIAN),
                                          hub.program_ids[PROGRAM], fields))


MY_CASES = Table("main table", ("Case", "State", "Changed"))
QUEUE = Table("main table", ("Case", "State", "Expert", "Waiting"))
DELIVERIES = Table("#undelivered", ("Case", "Where it stands"), action=True)


def test_on_a_phone_each_case_list_is_a_stack_of_cards_with_its_key_columns_on_screen(
    journey: Journey, live_hub: LiveHub,
):
    letter_id = _signed_off(live_hub)
    _returned(live_hub)
    _submitted(live_hub)
    _long_url_draft(live_hub)
    _mail_fails(live_hub)

    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    page.goto("/cases")
    clinician.arrive("my-cases")
    _check(clinician, "my-cases", MY_CASES)
    page.set_viewport_size(PHONE)
    flag = page.locator("main tbody tr .flag-letter")
    flag.scroll_into_view_if_needed()
    _assert_on_screen(page, flag, "the letter-waiting flag")
    page.set_viewport_size(DESKTOP)

    expert = journey.sign_in(Role.EXPERT)
    expert.page.goto("/queue")
    expert.arrive("queue")
    _check(expert, "queue", QUEUE)

    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    page.goto("/triage")
    coordinator.arrive("triage")
    _check(coordinator, "triage", Table("main table:not(#undelivered)", QUEUE.key_columns),
           DELIVERIES)
    page.set_viewport_size(PHONE)
    again = page.locator("#undelivered").get_by_role("button", name="Send again").first
    again.scroll_into_view_if_needed()
    _assert_on_screen(page, again, "Send again")
    page.set_viewport_size(DESKTOP)

    page.goto(f"/cases/{letter_id}")
    coordinator.arrive("undelivered-case")
    _check(coordinator, "undelivered-case")
    page.set_viewport_size(PHONE)
    again = page.locator("#letter").get_by_role("button", name="Send again").first
    again.scroll_into_view_if_needed()
    _assert_on_screen(page, again, "Send again on the case page")
    page.set_viewport_size(DESKTOP)


def test_on_a_phone_sessions_the_dashboard_and_exports_fit_without_a_keyboard_trap(
    journey: Journey, live_hub: LiveHub,
):
    _signed_off(live_hub)
    session_id = _session_id(live_hub)
    coordinator = journey.sign_in(Role.COORDINATOR)
    page = coordinator.page
    page.goto("/sessions?all=1")
    coordinator.arrive("sessions")
    _check(coordinator, "sessions", Table("main table", ("When", "Program")))
    page.goto(f"/sessions/{session_id}")
    coordinator.arrive("session")
    _check(coordinator, "session", Table("main table", ("#", "Case", "Time box", "State")))
    page.set_viewport_size(PHONE)
    attendance = page.get_by_role("button", name="Record attendance")
    attendance.scroll_into_view_if_needed()
    _assert_on_screen(page, attendance, "Record attendance")
    page.set_viewport_size(DESKTOP)

    page.goto(f"/hubs/{_hub_id(live_hub)}/dashboard")
    coordinator.arrive("dashboard")
    page.get_by_role("button", name="Prepare a ZIP of every case (CSV and JSON)").click()
    coordinator.arrive("export")
    _check(coordinator, "export")
    page.get_by_role("link", name="Back to the hub dashboard").click()
    coordinator.arrive("dashboard-with-export")
    _check(coordinator, "dashboard",
           Table("table#exports", ("Export", "Status")),
           Table("table#program-states", ("Program", "Draft", "Recommendations sent")))


def test_on_a_phone_the_hubs_people_and_programs_are_cards(
    journey: Journey, live_hub: LiveHub,
):
    _admin(live_hub)
    admin = _sign_in_from_the_hubs_link(journey, "admin", ADMIN_EMAIL)
    page = admin.page
    hub_id = _hub_id(live_hub)
    page.goto(f"/hubs/{hub_id}/people")
    admin.arrive("people")
    _check(admin, "people", Table("main table", ("Name", "Role", "Status"), action=True))
    page.goto(f"/hubs/{hub_id}/programs")
    admin.arrive("programs")
    _check(admin, "programs", Table("main table", ("Program", "Status"), action=True))
    page.set_viewport_size(PHONE)
    archive = page.get_by_role("button", name=f"Archive {OTHER_PROGRAM}")
    archive.scroll_into_view_if_needed()
    _assert_on_screen(page, archive, "Archive")
    page.set_viewport_size(DESKTOP)


def test_a_pasted_500_character_url_wraps_in_the_preview_and_its_columns_do_not_overlap(
    journey: Journey, live_hub: LiveHub,
):
    case_id = _long_url_draft(live_hub)
    submitted_id = _submitted(live_hub)
    clinician = journey.sign_in(Role.CLINICIAN)
    page = clinician.page
    page.goto(f"/cases/{case_id}/preview")
    clinician.arrive("preview")
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.screenshot(path=journey.artifacts / f"preview-{size['width']}x{size['height']}.png",
                        full_page=True)
        _assert_no_page_overflow(page, f"the preview at {size}")
        narrative = _preview_field(page, "Narrative")
        wrote = narrative.locator("[data-original]")
        reads = narrative.locator("[data-original] + div")
        assert narrative.get_by_text("guidelines.example.org").count() >= 1
        first, second = wrote.bounding_box(), reads.bounding_box()
        assert first
        assert second
        side_by_side = second["x"] >= first["x"] + first["width"]
        stacked = second["y"] >= first["y"] + first["height"]
        assert side_by_side or stacked, f"the preview's columns overlap at {size}: " \
                                        f"{first} and {second}"
        for column in (wrote, reads):
            inside = column.evaluate("c => c.scrollWidth <= c.clientWidth")
            assert inside, f"a column's text spills out of it at {size}"
        if size is DESKTOP:
            assert side_by_side, "on a desktop the columns stay side by side"
            row = narrative.locator("tbody tr").filter(has_text="guidelines.example.org")
            for cell in row.locator("td").all()[1:]:
                assert _words_whole(cell), f"a word is broken beside the URL: {cell.inner_text()}"
    violations = axe_violations(page)
    assert not violations, "the preview on a phone:\n" + describe(violations)
    page.set_viewport_size(DESKTOP)

    page.goto(f"/cases/{case_id}")
    clinician.arrive("long-url-draft")
    _check(clinician, "long-url-draft")

    page.goto(f"/cases/{submitted_id}")
    clinician.arrive("submitted-case")
    page.locator("#redaction-record summary").click()
    _check(clinician, "redaction-record",
           Table("#redaction-record table", ("Words", "The hub reads", "Decision")))

    page.goto("/cases")
    clinician.arrive("my-cases")
    _check(clinician, "my-cases-with-a-long-title", MY_CASES)
