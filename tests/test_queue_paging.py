"""Paging through the triage and review queues: longest waiting first, a page at a time.

A page link carries the position of the last (or first) case it showed, not a page
number, so a page reads the same few rows however deep it is, and a case leaving the
queue while someone reads it neither hides another case nor shows one twice. A page
link whose position cannot be read gets a plain 400 page asking to start again from
the first page: it is never guessed at, and never an error 500.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, insert
from sqlmodel import SQLModel, col, select

from echo_cases.db import unit_of_work
from echo_cases.services import accounts, review
from models import Case, Hub, utcnow
from tests.support import Api, Hubs
from workflows import CaseState, Role

PAGE = review.PAGE_SIZE
CaseMaker = Callable[..., list[int]]


@pytest.fixture
def make_waiting_cases(app: Flask, hubs: Hubs) -> CaseMaker:
    """Cases of hub A waiting since ``oldest_hours`` ago onwards, oldest first.

    Every third case shares its submission time with the one before it, so pages also
    break between cases that have waited exactly as long.
    """

    def make(count: int, *, state: CaseState = CaseState.DEIDENTIFIED,
             program_id: int | None = None, oldest_hours: int = 10_000,
             assigned_expert_id: int | None = None) -> list[int]:
        start = utcnow() - timedelta(hours=oldest_hours)
        rows = [{
            "hub_id": hubs.hubs["a"].id, "program_id": program_id or hubs.program_id(),
            "author_id": hubs.user(Role.CLINICIAN).id, "assigned_expert_id": assigned_expert_id,
            "state": state, "version": 2,
            "deidentified": {"title": f"Waiting case {n}", "question": "What next?"},
            "created_at": start, "updated_at": start,
            "submitted_at": start + timedelta(minutes=n - (n % 3 == 2)),
        } for n in range(count)]
        with unit_of_work(app) as db:
            before = db.exec(select(func.coalesce(func.max(Case.id), 0))).one()
            db.execute(insert(SQLModel.metadata.tables["case"]), rows)
            return list(db.exec(select(Case.id).where(col(Case.id) > before)
                                .order_by(col(Case.submitted_at), col(Case.id))))

    return make


def shown(page: str) -> list[int]:
    """The ids of the cases a queue page lists, top to bottom."""
    table = page.split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    return [int(case_id) for case_id in re.findall(r'href="/cases/(\d+)"', table)]


def link(page: str, rel_or_label: str) -> str | None:
    """The address of the page's "next"/"prev" link, or of the link labelled so."""
    found = (re.search(rf'<a rel="{rel_or_label}" href="([^"]+)"', page)
             or re.search(rf'<a href="([^"]+)">{rel_or_label}</a>', page))
    return html.unescape(found.group(1)) if found else None


def test_a_coordinator_pages_through_two_and_a_half_pages_longest_waiting_first(
    login_as: Callable[..., FlaskClient], make_waiting_cases: CaseMaker,
):
    waiting = make_waiting_cases(2 * PAGE + PAGE // 2)
    browser = login_as(Role.COORDINATOR)

    first = browser.get("/triage").text
    assert shown(first) == waiting[:PAGE]
    assert f"{len(waiting)} cases in all" in first
    assert link(first, "prev") is None
    assert link(first, "First page") is None

    second_url = link(first, "next")
    assert second_url is not None
    second = browser.get(second_url).text
    assert shown(second) == waiting[PAGE:2 * PAGE]  # no overlap, no gap

    third_url = link(second, "next")
    assert third_url is not None
    third = browser.get(third_url).text
    assert shown(third) == waiting[2 * PAGE:]
    assert link(third, "next") is None  # the last page says so by offering no next one
    assert link(third, "First page") == "/triage"


def test_previous_page_shows_the_same_cases_again_and_ends_on_the_first_page(
    login_as: Callable[..., FlaskClient], make_waiting_cases: CaseMaker,
):
    waiting = make_waiting_cases(2 * PAGE + PAGE // 2)
    browser = login_as(Role.COORDINATOR)
    second = browser.get(link(browser.get("/triage").text, "next") or "").text
    third = browser.get(link(second, "next") or "").text

    back = browser.get(link(third, "prev") or "").text
    assert shown(back) == waiting[PAGE:2 * PAGE]
    start = browser.get(link(back, "prev") or "").text
    assert shown(start) == waiting[:PAGE]
    assert link(start, "prev") is None


def test_filters_are_kept_from_page_to_page(
    app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient],
    make_waiting_cases: CaseMaker,
):
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        other_program = accounts.create_program(db, hub, "Hepatitis C ECHO").id
    make_waiting_cases(60)
    wanted = make_waiting_cases(PAGE + 30, program_id=other_program, oldest_hours=9_000)
    browser = login_as(Role.COORDINATOR)

    first = browser.get(f"/triage?program_id={other_program}&state=deidentified").text
    assert shown(first) == wanted[:PAGE]
    assert f"{len(wanted)} cases in all" in first
    next_url = link(first, "next") or ""
    assert f"program_id={other_program}" in next_url
    assert "state=deidentified" in next_url
    second = browser.get(next_url).text
    assert shown(second) == wanted[PAGE:]
    assert f"program_id={other_program}" in (link(second, "First page") or "")


def test_a_case_leaving_the_queue_while_reading_does_not_make_the_next_page_skip_one(
    app: Flask, login_as: Callable[..., FlaskClient], make_waiting_cases: CaseMaker,
):
    waiting = make_waiting_cases(PAGE + PAGE // 2)
    browser = login_as(Role.COORDINATOR)
    first = browser.get("/triage").text
    with unit_of_work(app) as db:  # the oldest case is presented meanwhile, say
        case = db.get(Case, waiting[0])
        assert case is not None
        case.state = CaseState.RECOMMENDATIONS_SENT
        case.version += 1
        db.add(case)
    second = browser.get(link(first, "next") or "").text
    assert shown(second) == waiting[PAGE:]


def test_an_expert_pages_through_the_cases_open_to_the_panel_and_their_own(
    hubs: Hubs, login_as: Callable[..., FlaskClient], make_waiting_cases: CaseMaker,
):
    mine = make_waiting_cases(30, assigned_expert_id=hubs.user(Role.EXPERT).id)
    open_ = make_waiting_cases(PAGE + PAGE // 2 - 30, oldest_hours=9_000)
    make_waiting_cases(40, assigned_expert_id=hubs.user(Role.COORDINATOR).id,
                       oldest_hours=8_000)  # someone else's: never in this expert's queue
    browser = login_as(Role.EXPERT)

    first = browser.get("/queue").text
    second = browser.get(link(first, "next") or "").text
    assert shown(first) + shown(second) == mine + open_
    assert f"{len(mine) + len(open_)} cases in all" in first
    assert link(second, "next") is None


def test_the_count_stops_at_a_thousand_so_a_long_queue_stays_cheap_to_show(
    login_as: Callable[..., FlaskClient], make_waiting_cases: CaseMaker,
):
    make_waiting_cases(1_001)
    assert "More than 1,000 cases in all" in login_as(Role.COORDINATOR).get("/triage").text


@pytest.mark.parametrize("cursor", ["abc", "12-", "-5", "1-0", "1--2", "1-99999999999",
                                    "999999999999999999999-1", "1.5-2", "%00", "1-2-3"])
@pytest.mark.parametrize("direction", ["after", "before"])
def test_a_broken_page_link_is_refused_plainly_never_with_an_error(
    login_as: Callable[..., FlaskClient], cursor: str, direction: str,
):
    for role, path in ((Role.COORDINATOR, "/triage"), (Role.EXPERT, "/queue")):
        response = login_as(role).get(f"{path}?{direction}={cursor}")
        assert response.status_code == 400, (path, cursor, response.status_code)
        # A NUL is refused before the page reads it, as in every query (naming where).
        expected = (f"&#39;{direction}&#39; holds a NUL character" if cursor == "%00"
                    else "start again from the first page")
        assert expected in response.text


def test_a_made_up_position_shows_nothing_from_another_hub(
    login_as: Callable[..., FlaskClient], make_waiting_cases: CaseMaker,
):
    make_waiting_cases(5)  # hub A's
    page = login_as(Role.COORDINATOR, "b").get("/triage?after=0-1")
    assert page.status_code == 200
    assert shown(page.text) == []
    assert link(page.text, "First page") == "/triage"


def test_through_the_api_the_queue_pages_by_its_next_and_previous_tokens(
    api_as: Callable[..., Api], make_waiting_cases: CaseMaker,
):
    waiting = make_waiting_cases(PAGE + 10)
    coordinator = api_as(Role.COORDINATOR)
    first = coordinator.get("/queue").json
    assert [item["id"] for item in first["items"]] == waiting[:PAGE]
    assert (first["waiting"], first["waiting_capped"], first["previous"]) == \
        (len(waiting), False, None)
    second = coordinator.get(f"/queue?after={first['next']}").json
    assert [item["id"] for item in second["items"]] == waiting[PAGE:]
    assert second["next"] is None
    back = coordinator.get(f"/queue?before={second['previous']}").json
    assert [item["id"] for item in back["items"]] == waiting[:PAGE]
    broken = coordinator.get("/queue?after=not-a-position")
    assert broken.status_code == 400
    assert "first page" in broken.json["error"]["message"]
