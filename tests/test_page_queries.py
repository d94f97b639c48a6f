"""A page reads its query string as strictly as the API does: a parameter it does not take,
or a value it cannot read, is a 400 page naming the parameter, never silently ignored (a
typo in a filter would show the whole queue as if it were the filtered one). Everything
the pages' own links and GET forms send is taken."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import col, select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts
from models import Case, Hub
from tests.support import Hubs
from workflows import Role


class _Page(HTMLParser):
    """The same-site links of a page and its GET forms, each form as (action, fields, choices):
    what it sends untouched, and each select's options and each radio group's values."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        form = self.forms[-1] if self.forms and self.forms[-1]["open"] else None
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"])
        elif tag == "form" and a.get("method", "get").lower() == "get":
            self.forms.append({"open": True, "action": a.get("action", ""), "fields": {},
                               "choices": {}})
        elif form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                form["choices"].setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a:
                    form["fields"][a["name"]] = a.get("value", "on")
            elif kind != "submit":
                form["fields"][a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            form["choices"][a["name"]] = []
        elif tag == "option" and self._select is not None:
            form["choices"][self._select].append(a.get("value", ""))
            if "selected" in a or self._select not in form["fields"]:
                form["fields"][self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "form" and self.forms:
            self.forms[-1]["open"] = False


SKIPPED = ("/static/", "/api/", "/logout")


def _crawl(browser: FlaskClient, start: str = "/", limit: int = 120) -> dict[str, int]:
    """Every page reachable from ``start`` by links and GET forms (each select's option
    and each radio's value in turn): its status, by address."""
    seen: dict[str, int] = {}
    waiting = [start]
    while waiting and len(seen) < limit:
        address = waiting.pop(0)
        if address in seen or address.startswith(SKIPPED):
            continue
        answer = browser.get(address)
        answer.get_data()  # a streamed export is read to its end, and closed
        answer.close()
        seen[address] = answer.status_code
        if answer.status_code in (301, 302, 303) and answer.location.startswith("/"):
            waiting.append(answer.location)
        if answer.status_code != 200 or answer.mimetype != "text/html":
            continue
        page = _Page()
        page.feed(answer.text)
        waiting += [link.split("#")[0] for link in page.links]
        for form in page.forms:
            action = urljoin(address, form["action"] or urlsplit(address).path)
            waiting.append(f"{action}?{urlencode(form['fields'])}")
            for name, options in form["choices"].items():
                waiting += [f"{action}?{urlencode({**form['fields'], name: v})}"
                            for v in options]
    return seen


@pytest.mark.parametrize("role", list(Role))
def test_every_link_and_get_form_on_the_pages_is_taken(
        role: Role, login_as: Callable[..., FlaskClient], finished_case: dict[str, Any]):
    seen = _crawl(login_as(role))
    refused = {address: status for address, status in seen.items() if status == 400}
    assert not refused
    assert len(seen) > 8
    if role in (Role.COORDINATOR, Role.ADMIN):
        # The triage form was sent, with each of its filters chosen in turn.
        assert any(a.startswith("/triage?") and "state=presented" in a for a in seen)
        assert "/sessions?all=1" in seen


def test_a_typo_in_a_triage_filter_is_named_not_ignored(
        login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any]):
    coordinator = login_as(Role.COORDINATOR)
    typo = coordinator.get("/triage?stat=reviewed")
    assert typo.status_code == 400
    assert "<strong>stat</strong>: This page takes no such query parameter." in typo.text
    unreadable = coordinator.get("/triage?program_id=one")
    assert unreadable.status_code == 400
    assert "<strong>program_id</strong>: Use a whole number from 1 to" in unreadable.text
    unknown_state = coordinator.get("/triage?state=draft")
    assert unknown_state.status_code == 400
    assert "Use one of: deidentified, reviewed, presented." in unknown_state.text
    # The filters the page's own form sends, left on "any", are taken.
    blank = coordinator.get("/triage?program_id=&state=&expert_id=&waiting_days=")
    assert blank.status_code == 200
    assert f'href="/cases/{submitted_case["id"]}"' in blank.text


@pytest.mark.parametrize(("role", "address", "named"), [
    (Role.COORDINATOR, "/sessions?all=yes", "all"),
    (Role.COORDINATOR, "/sessions?upcoming=1", "upcoming"),
    (Role.COORDINATOR, "/sessions/new?program_id=%C2%B2", "program_id"),
    (Role.EXPERT, "/queue?page=2", "page"),
    (Role.CLINICIAN, "/cases?sort=title", "sort"),
    (Role.CLINICIAN, "/cases/new?program_id=1.5", "program_id"),
    (Role.CLINICIAN, "/account/transcript?format=xlsx", "format"),
    (Role.ADMIN, "/", "tab"),
])
def test_each_page_names_what_it_cannot_read(role: Role, address: str, named: str,
                                             login_as: Callable[..., FlaskClient]):
    if address == "/":
        address = "/?tab=1"
    answer = login_as(role).get(address)
    assert answer.status_code == 400, address
    assert f"<strong>{named}</strong>" in answer.text


def test_the_sign_in_page_takes_its_next_and_hub_and_nothing_else(client: FlaskClient,
                                                                  hubs: Hubs):
    assert client.get("/login?hub=hub-a&next=/cases").status_code == 200
    refused = client.get("/login?hubb=hub-a")
    assert refused.status_code == 400
    assert "hubb" in refused.text



def test_a_new_case_opened_for_a_program_is_filed_under_the_program_chosen_on_the_form(
        app: Flask, login_as: Callable[..., FlaskClient], hubs: Hubs):
    """The program list's script opens ``/cases/new?program_id=N``; the form posted from
    there names the program its list shows when it is sent, not the link's."""
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        second = accounts.create_program(db, hub, "Myeloma ECHO")
        second_id = second.id
    clinician = login_as(Role.CLINICIAN)
    opened = clinician.get(f"/cases/new?program_id={hubs.program_id()}")
    assert opened.status_code == 200
    saved = clinician.post(f"/cases/new?program_id={hubs.program_id()}", data={
        "program_id": str(second_id), "title": "Relapse after ASCT",
        "question": "Second-line options?"})
    assert saved.status_code == 302
    with unit_of_work(app) as db:
        case = db.exec(select(Case).order_by(col(Case.id).desc())).first()
        assert case is not None
        assert case.program_id == second_id
