"""The expert's recommendations are never lost either: the form autosaves through the same
checks as its button, what was typed comes back when the case page is opened again, and
an expired sign-in keeps what the last autosave saved."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support import Hubs, TestClock, schedule_session, walk_to
from workflows import Role

SUMMARY = "The panel agreed that excision is appropriate; " * 20
FIRST = "Proceed to LEEP within four weeks."
RATIONALE = "ASC-H with HPV 16 carries a high immediate risk of CIN3+."
SECOND = "Repeat co-testing at 12 months after treatment."


@pytest.fixture
def reviewed(api_as: Callable[..., Any], submitted_case: dict[str, Any], app: Flask,
             hubs: Hubs) -> dict[str, Any]:
    """A case pre-reviewed and scheduled: its recommendations can be written."""
    return walk_to(api_as, submitted_case, "reviewed", schedule_session(app, hubs))


def _typed(**extra: str) -> dict[str, str]:
    return {"summary": SUMMARY, "recommendation-0": FIRST, "rationale-0": RATIONALE,
            "recommendation-1": SECOND, **extra}


def _version(html: str) -> str:
    match = re.search(r'name="recommendations_version" value="(\d*)"', html)
    assert match, "the page has no recommendations form"
    return match.group(1)


def _textarea(html: str, name: str) -> str:
    match = re.search(rf'<textarea id="{name}" name="{name}"[^>]*>(.*?)</textarea>', html,
                      re.DOTALL)
    assert match, f"the page has no {name} box"
    return match.group(1)


def test_typed_recommendations_are_autosaved_and_come_back_when_the_page_is_reopened(
    login_as: Callable[..., FlaskClient], reviewed: dict[str, Any],
):
    expert = login_as(Role.EXPERT)
    page = f"/cases/{reviewed['id']}"
    form = expert.get(page).text
    assert f'data-autosave="{page}/recommendations/autosave"' in form
    assert f'data-autosave-key="recommendations-{reviewed["id"]}"' in form
    assert _version(form) == ""  # nothing written yet

    saved = expert.post(f"{page}/recommendations/autosave", data={
        **_typed(), "recommendations_version": ""})
    assert saved.status_code == 200, saved.text
    assert saved.json["saved_at"]
    assert FIRST not in saved.text  # the answer never echoes what was typed
    version = saved.json["fields"]["recommendations_version"]

    typed_on = expert.post(f"{page}/recommendations/autosave", data={
        **_typed(**{"rationale-1": "Guideline follow-up."}), "recommendations_version": version})
    assert typed_on.status_code == 200, typed_on.text
    assert int(typed_on.json["fields"]["recommendations_version"]) == int(version) + 1

    reopened = login_as(Role.EXPERT).get(page).text  # another browser, the same expert
    assert _textarea(reopened, "summary") == SUMMARY.strip()
    assert _textarea(reopened, "recommendation-0") == FIRST
    assert _textarea(reopened, "rationale-0") == RATIONALE
    assert _textarea(reopened, "recommendation-1") == SECOND
    assert _textarea(reopened, "rationale-1") == "Guideline follow-up."
    assert _version(reopened) == typed_on.json["fields"]["recommendations_version"]


def test_an_autosave_from_a_page_left_open_elsewhere_overwrites_nothing(
    login_as: Callable[..., FlaskClient], reviewed: dict[str, Any],
):
    page = f"/cases/{reviewed['id']}"
    laptop, phone = login_as(Role.EXPERT), login_as(Role.EXPERT)
    assert _version(phone.get(page).text) == ""
    saved = laptop.post(f"{page}/recommendations/autosave", data={
        **_typed(), "recommendations_version": ""})
    assert saved.status_code == 200
    stale = phone.post(f"{page}/recommendations/autosave", data={
        "summary": "Typed on the phone.", "recommendation-0": "Wait.",
        "recommendations_version": ""})
    assert stale.status_code == 409
    assert "reload" in stale.json["error"].lower()
    assert _textarea(laptop.get(page).text, "recommendation-0") == FIRST


def test_recommendations_autosaved_before_the_sign_in_expired_are_there_after_signing_in(
    login_as: Callable[..., FlaskClient], reviewed: dict[str, Any], clock: TestClock,
):
    expert = login_as(Role.EXPERT)
    page = f"/cases/{reviewed['id']}"
    saved = expert.post(f"{page}/recommendations/autosave", data={
        **_typed(), "recommendations_version": _version(expert.get(page).text)})
    assert saved.status_code == 200
    version = saved.json["fields"]["recommendations_version"]

    clock.move_to(clock() + timedelta(minutes=31))  # away from the desk: signed out
    late = expert.post(f"{page}/recommendations/autosave", data={
        **_typed(**{"recommendation-0": "Typed after the sign-in ended."}),
        "recommendations_version": version})
    assert late.status_code in (400, 401)
    assert "Typed after the sign-in ended." not in late.text
    refused = expert.post(f"{page}/recommendations", data={
        **_typed(), "recommendations_version": version},
        headers={"Referer": f"http://localhost{page}"})
    assert refused.status_code == 401
    assert "What you typed is kept in this browser tab" in refused.text
    assert f'href="/login?next={page}"' in refused.text

    again = login_as(Role.EXPERT).get(page).text
    assert _textarea(again, "summary") == SUMMARY.strip()
    assert _textarea(again, "recommendation-0") == FIRST  # the last autosave, nothing later
    assert _textarea(again, "recommendation-1") == SECOND
    assert _version(again) == version
