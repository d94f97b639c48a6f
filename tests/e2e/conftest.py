"""A live echo-cases on 127.0.0.1 and headless Chromium (Debian's) driving it as people would.

One browser per test run; each test gets its own server on a free port and its own
database, so journeys never see each other's cases. Every page a journey reaches is
checked the same way (see ``Tab.arrive``): a screenshot as a test artifact, axe-core
with no moderate, serious or critical violation, at most 200 KB transferred, no request
beyond the loopback address, and no sideways scrolling on a 360 px wide phone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.serving import make_server

from echo_cases import create_app, migrations
from echo_cases.db import engine_of, unit_of_work
from echo_cases.deid import get_deidentifier
from echo_cases.services import accounts
from echo_cases.settings import Settings, SmtpSettings
from models import User, id_of
from tests.support import PASSWORD, TestClock
from workflows import Role

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Request

CHROMIUM = Path(os.environ.get("ECHO_CHROMIUM", "/usr/bin/chromium"))
# Chromium's own update checks and first-run pages would be network traffic we did not ask for.
CHROMIUM_ARGS = ["--disable-background-networking", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
PAGE_BUDGET_BYTES = 200 * 1024
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss", "ftp"}
# Moderate too: every page of the journeys passes at that level, so any new one is a step back.
BLOCKING_IMPACTS = {"moderate", "serious", "critical"}

PROGRAM = "Cervical Cancer Prevention ECHO"
OTHER_PROGRAM = "Multiple Myeloma ECHO"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: Role


PEOPLE = {
    Role.CLINICIAN: Person("clinician@hub.test", "Dr. Ama Mensah", Role.CLINICIAN),
    Role.EXPERT: Person("expert@hub.test", "Dr. Lucia Ferreira", Role.EXPERT),
    Role.COORDINATOR: Person("coordinator@hub.test", "Sam Okafor", Role.COORDINATOR),
}


@dataclass
class LiveHub:
    """The running app: where it listens, and its database for setting the scene."""

    app: Flask
    base_url: str
    program_ids: dict[str, int] = field(default_factory=dict)
    user_ids: dict[Role, int] = field(default_factory=dict)

    def user(self, role: Role) -> User:
        with unit_of_work(self.app) as db:
            user = db.get(User, self.user_ids[role])
            assert user is not None
            db.expunge(user)
            return user


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless: a test tool's own browser download needs the internet."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("browser tests need Playwright for Python: run `make test` to install the "
                    "dev dependencies")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}: run `make test` as root to "
                    "install Debian's chromium package, or set ECHO_CHROMIUM to another one")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"Chromium at {CHROMIUM} would not start: {exc.message.splitlines()[0]}")
        yield chromium
        chromium.close()


@pytest.fixture
def e2e_smtp() -> SmtpSettings:
    """No mail server by default; a journey that reads its e-mail serves one and says so."""
    return SmtpSettings()


@pytest.fixture
def live_hub(tmp_path: Path, browser: Browser, e2e_smtp: SmtpSettings) -> Iterator[LiveHub]:
    """echo-cases served for real on 127.0.0.1 and a free port, CSRF on, one hub seeded."""
    app = create_app(Settings(
        environment="test",
        secret_key="e2e-secret-key-" + "x" * 32,
        surrogate_secret="e2e-surrogate-secret-" + "y" * 32,
        database_url=f"sqlite:///{tmp_path / 'echo.sqlite3'}",
        preload_deidentifier=False,
        csrf=True,
        smtp=e2e_smtp,
    ), clock=TestClock())
    migrations.upgrade(engine_of(app))  # the schema production gets, not create_all
    get_deidentifier()  # loaded once per run, so no page pays for spaCy starting up
    hub = _seed(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    hub.base_url = f"http://127.0.0.1:{server.server_port}"
    yield hub
    server.shutdown()
    thread.join(timeout=10)
    engine_of(app).dispose()


def _seed(app: Flask) -> LiveHub:
    hub = LiveHub(app=app, base_url="")
    with unit_of_work(app) as db:
        place = accounts.create_hub(db, "Mountain West Cancer ECHO", "mountain-west",
                                    letterhead="1 University Boulevard, Albuquerque NM")
        for name in (PROGRAM, OTHER_PROGRAM):
            hub.program_ids[name] = id_of(accounts.create_program(db, place, name))
        for person in PEOPLE.values():
            user = accounts.create_user(db, person.email, person.name, PASSWORD)
            accounts.add_member(db, user, place, person.role)
            hub.user_ids[person.role] = id_of(user)
    return hub


@pytest.fixture
def journey(request: pytest.FixtureRequest, browser: Browser,
            live_hub: LiveHub) -> Iterator[Journey]:
    directory = ARTIFACTS / re.sub(r"[^\w.-]", "_", request.node.name)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    trip = Journey(browser, live_hub, directory)
    yield trip
    trip.close()


class Journey:
    """One test's walk through the app, possibly as several people, one browser tab each."""

    def __init__(self, browser: Browser, hub: LiveHub, artifacts: Path) -> None:
        self.browser, self.hub, self.artifacts = browser, hub, artifacts
        self.pages_seen = 0
        self.tabs: list[Tab] = []
        self.report: list[dict[str, Any]] = []

    def open_tab(self, who: str, *, javascript: bool = True) -> Tab:
        context = self.browser.new_context(viewport=DESKTOP, java_script_enabled=javascript,
                                           base_url=self.hub.base_url)
        context.set_default_timeout(15_000)
        tab = Tab(self, context, context.new_page(), who, javascript=javascript)
        self.tabs.append(tab)
        return tab

    def sign_in(self, role: Role, *, javascript: bool = True) -> Tab:
        """Sign in with the keyboard only: Tab past the skip link to the form, Enter to send."""
        from playwright.sync_api import expect

        person = PEOPLE[role]
        tab = self.open_tab(role.value, javascript=javascript)
        page = tab.page
        page.goto("/login")
        tab.arrive("sign-in")
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
        expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
        page.keyboard.press("Enter")  # to the main content, past the header's links
        page.keyboard.press("Tab")
        expect(page.get_by_label("E-mail")).to_be_focused()
        page.keyboard.type(person.email)
        page.keyboard.press("Tab")
        expect(page.get_by_label("Password")).to_be_focused()
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login" not in url)
        return tab

    def close(self) -> None:
        for tab in self.tabs:
            tab.context.close()
        (self.artifacts / "pages.json").write_text(json.dumps(self.report, indent=2))


class Tab:
    """One person's browser tab, recording what each page cost and where it asked for it."""

    def __init__(self, journey: Journey, context: BrowserContext, page: Page, who: str, *,
                 javascript: bool) -> None:
        self.journey, self.context, self.page, self.who = journey, context, page, who
        self.javascript = javascript
        self.finished: list[Request] = []
        self.requested: list[str] = []
        page.on("request", lambda request: self.requested.append(request.url))
        page.on("requestfinished", lambda request: self.finished.append(request))

    def arrive(self, name: str, *, ours: bool = True) -> None:
        """Check the page just reached against everything promised of every page.

        ``ours=False`` is for what the browser shows with its own code, such as its PDF
        viewer: screenshot, weight and network still count; its markup is not ours to check.
        """
        page, journey = self.page, self.journey
        page.wait_for_load_state("load")
        journey.pages_seen += 1
        stem = f"{journey.pages_seen:02d}-{self.who}-{name}"
        page.screenshot(path=journey.artifacts / f"{stem}.png", full_page=True)
        weight = self._bytes_since_last_page()
        foreign = [url for url in self.requested if not _local(url)]
        self.requested.clear()
        # axe and the width check run scripts in the page: only where it may run them.
        # Without JavaScript the server sends the same HTML, checked in the other journeys.
        checkable = ours and self.javascript
        violations = _axe(page) if checkable else []
        overflow = self._phone_overflow(journey.artifacts / f"{stem}.phone.png") if checkable else 0
        journey.report.append({"page": stem, "url": page.url, "bytes": weight,
                               "axe": [{"id": v["id"], "impact": v["impact"],
                                        "nodes": len(v["nodes"])} for v in violations],
                               "phone_overflow_px": overflow})
        assert not foreign, f"{stem} asked beyond this machine: {foreign}"
        assert weight <= PAGE_BUDGET_BYTES, f"{stem} transferred {weight} bytes"
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"{stem} has accessibility violations:\n" + _describe(blocking)
        assert overflow <= 0, f"{stem} scrolls sideways by {overflow} px on a 360 px phone"

    def _bytes_since_last_page(self) -> int:
        total = 0
        for request in self.finished:
            if not request.url.startswith("http"):
                continue  # the browser's own viewer: nothing crossed the wire
            sizes = request.sizes()
            total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
        self.finished.clear()
        return total

    def _phone_overflow(self, screenshot: Path) -> int:
        """How far the page is wider than a 360 px phone; a phone screenshot on the way."""
        page = self.page
        page.set_viewport_size(PHONE)
        overflow = int(page.evaluate("document.documentElement.scrollWidth")) - PHONE["width"]
        page.screenshot(path=screenshot, full_page=True)
        page.set_viewport_size(DESKTOP)
        return overflow


def _local(url: str) -> bool:
    parts = urlsplit(url)
    # data:, about:, and chrome: and chrome-extension: (the browser's own PDF viewer)
    # never leave the machine.
    return parts.scheme not in NETWORK_SCHEMES or parts.hostname in LOOPBACK


def _axe(page: Page) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    return list(Axe().run(page).response["violations"])


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(str(node["target"]) for node in v["nodes"][:5])
        lines.append(f"  {v['impact']}: {v['id']} ({v['help']}) at {targets}")
    return "\n".join(lines)


# A finger's touch target (WCAG 2.5.5, Apple's and Android's guidance): 44 CSS px.
TOUCH_PX = 44


def assert_radio_labels_are_touch_targets(page: Page, within: str) -> None:
    """Each radio in ``within`` sits in its label, and the label is at least 44 px high and
    as wide as its words: a tap anywhere on it chooses the radio."""
    labels = page.locator(f"{within} label:has(input[type=radio])")
    assert labels.count() == page.locator(f"{within} input[type=radio]").count() > 0, \
        f"a radio in {within} is outside its label"
    for label in labels.all():
        box = label.bounding_box()
        assert box is not None
        words = label.evaluate("l => { const r = document.createRange(); "
                               "r.selectNodeContents(l); return r.getBoundingClientRect().width; }")
        assert box["height"] >= TOUCH_PX, f"{label.inner_text()!r} is {box['height']} px high"
        assert box["width"] >= words, f"{label.inner_text()!r} is narrower than its words"
