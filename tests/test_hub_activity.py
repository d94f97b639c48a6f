"""A hub's activity page: who changed how the hub runs, and when, newest first, in pages;
its admins and coordinators read it, and it never carries what a case says."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from echo_cases.db import unit_of_work
from echo_cases.services import activity, programs
from models import Hub, User
from tests.support import Hubs, assert_no_identifiers
from workflows import Role


def _hub_a(hubs: Hubs) -> int:
    hub_id = hubs.hubs["a"].id
    assert hub_id is not None
    return hub_id


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
            for row in body.split("</tr>") if row.strip()]


def test_the_admins_changes_and_members_own_changes_show_newest_first(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    clinician = hubs.user(Role.CLINICIAN)
    admin.post(f"/hubs/{hub_id}/people/{clinician.id}/role", data={"role": "expert"})
    admin.post(f"/hubs/{hub_id}/programs", data={"name": "Hepatitis C ECHO"})
    login_as(Role.CLINICIAN).post("/account/tokens",
                                  data={"name": "My script", "expires_in_days": "7"})
    login_as(Role.CLINICIAN, "b").post("/account/tokens",
                                       data={"name": "B's script", "expires_in_days": "7"})
    page = admin.get(f"/hubs/{hub_id}/activity")
    assert page.status_code == 200
    rows = _rows(page.text)
    assert len(rows) == 3, rows
    assert "Clinician A Created a personal API token" in rows[0]
    assert "Admin A Created a program Hepatitis C ECHO" in rows[1]
    assert "Admin A Changed a role Clinician A From clinician to expert" in rows[2]
    assert "Clinician B" not in page.text, "another hub's people are not shown"


def test_coordinators_read_the_activity_clinicians_and_experts_do_not(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    hub_id = _hub_a(hubs)
    assert login_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/activity").status_code == 200
    for role in (Role.CLINICIAN, Role.EXPERT):
        assert login_as(role).get(f"/hubs/{hub_id}/activity").status_code == 403
    assert login_as(Role.ADMIN, "b").get(f"/hubs/{hub_id}/activity").status_code == 404


def test_the_activity_never_carries_what_a_case_says(
    login_as: Callable[..., FlaskClient], hubs: Hubs, submitted_case: dict[str, Any]
):
    admin, hub_id = login_as(Role.ADMIN), _hub_a(hubs)
    admin.post(f"/hubs/{hub_id}/settings", data={
        "name": "Hub A", "timezone": "Europe/Dublin", "locale": "en_GB"})
    page = admin.get(f"/hubs/{hub_id}/activity").text
    assert "Changed the hub&#39;s settings" in page or "Changed the hub's settings" in page
    assert "Europe/Dublin" not in page, "settings are named, not their values"
    assert_no_identifiers(page)


def test_a_long_activity_comes_in_pages(login_as: Callable[..., FlaskClient], app: Flask,
                                        hubs: Hubs):
    hub_id = _hub_a(hubs)
    with unit_of_work(app) as db:
        admin, hub = db.get(User, hubs.user(Role.ADMIN).id), db.get(Hub, hub_id)
        assert admin is not None
        assert hub is not None
        for n in range(activity.PAGE_SIZE + 5):
            programs.create_program(db, admin, hub, f"Program {n:02d}")
    browser = login_as(Role.ADMIN)
    first = browser.get(f"/hubs/{hub_id}/activity").text
    assert len(_rows(first)) == activity.PAGE_SIZE
    assert f"Program {activity.PAGE_SIZE + 4:02d}" in _rows(first)[0]
    older = re.search(r'href="([^"]+before=\d+)"', first)
    assert older, "a link to older changes"
    second = browser.get(older.group(1).replace("&amp;", "&")).text
    assert [r.split("program ")[-1] for r in _rows(second)] == [
        "Program 04", "Program 03", "Program 02", "Program 01", "Program 00"]
    assert 'rel="next"' not in second
    assert browser.get(f"/hubs/{hub_id}/activity?before=abc").status_code == 400


def test_a_member_choosing_the_zone_they_read_times_in_shows_once(
    login_as: Callable[..., FlaskClient], hubs: Hubs
):
    expert = login_as(Role.EXPERT)
    assert expert.post("/calendar/zone", data={"timezone": "Africa/Nairobi"}).status_code == 302
    assert expert.post("/calendar/zone", data={"timezone": "Africa/Nairobi"}).status_code == 302
    rows = _rows(login_as(Role.ADMIN).get(f"/hubs/{_hub_a(hubs)}/activity").text)
    assert len(rows) == 1, rows  # choosing the same zone again changes nothing
    assert "Expert A Changed the time zone they read times in" in rows[0]
    assert "Nairobi" not in rows[0]
