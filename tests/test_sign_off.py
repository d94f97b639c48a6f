"""Signing off: what the expert typed is saved, the letter is read as it will be sent, then
confirmed; a refusal comes back to the form with the text kept; the sign-off, however it is
taken, queues its own letter e-mail, once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.access import get_case
from echo_cases.db import unit_of_work
from echo_cases.services import cases as case_ops
from models import Delivery, Letter, User
from tests.mail_server import Inbox
from tests.support import RECOMMENDATIONS, Api, Hubs, act, schedule_session, walk_to
from workflows import Role

SUMMARY = "The panel agreed to treat now."
TYPED = "Offer LEEP within four weeks."

pytestmark = pytest.mark.mail


@pytest.fixture
def presented(api_as: Callable[..., Api], submitted_case: dict[str, Any], app: Flask,
              hubs: Hubs) -> dict[str, Any]:
    return walk_to(api_as, submitted_case, "presented", schedule_session(app, hubs))


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="(\d*)"', html)
    assert match, f"the page has no {name} field"
    return match.group(1)


def _letters(app: Flask) -> list[Letter]:
    with unit_of_work(app) as db:
        return list(db.exec(select(Letter)))


def _sign_off_on_the_web(expert: FlaskClient, case_id: int, **typed: str) -> str:
    """Type the recommendations and press "Save and read the letter": the letter page."""
    saved = expert.post(f"/cases/{case_id}/recommendations", data={
        "recommendations_version": "", "summary": SUMMARY, "recommendation-0": TYPED,
        "next": "sign_off", **typed})
    assert saved.status_code == 302, saved.text
    assert saved.location.endswith(f"/cases/{case_id}/sign-off")
    return expert.get(saved.location).text


def test_the_expert_reads_the_letter_with_what_they_typed_before_it_is_sent(
    login_as: Callable[..., FlaskClient], presented: dict[str, Any], app: Flask, inbox: Inbox,
):
    expert = login_as(Role.EXPERT)
    case_page = expert.get(f"/cases/{presented['id']}").text
    assert "Save and read the letter before signing off" in case_page
    assert "Sign off and send recommendations</button>" not in case_page

    letter_page = _sign_off_on_the_web(expert, presented["id"])  # never saved before
    assert "Read the letter, then sign it off" in letter_page
    assert TYPED in letter_page
    assert SUMMARY in letter_page
    assert "Clinician A" in letter_page  # who it goes to
    assert "Nothing has been sent yet" in letter_page
    assert not _letters(app)
    assert not inbox.messages

    pdf = expert.get(f"/cases/{presented['id']}/sign-off/letter.pdf")
    assert pdf.status_code == 200
    assert pdf.data.startswith(b"%PDF")
    assert not _letters(app), "reading the letter stores nothing"

    signed = expert.post(f"/cases/{presented['id']}/actions/sign_off", data={
        "version": _field(letter_page, "version"),
        "recommendations_version": _field(letter_page, "recommendations_version")})
    assert signed.status_code == 302
    assert "The panel's letter is ready" in expert.get(signed.location).text
    assert len(_letters(app)) == 1
    assert len(inbox.messages) == 1


def test_a_refused_save_comes_back_to_the_form_with_everything_typed(
    login_as: Callable[..., FlaskClient], presented: dict[str, Any],
):
    expert = login_as(Role.EXPERT)
    refused = expert.post(f"/cases/{presented['id']}/recommendations", data={
        "recommendations_version": "", "summary": SUMMARY, "recommendation-0": TYPED,
        "rationale-1": "A rationale without its recommendation.", "next": "sign_off"})
    assert refused.status_code == 422
    page = refused.text
    assert "Write the recommendation itself." in page
    assert 'aria-describedby="e-recommendation-1"' in page
    for typed in (SUMMARY, TYPED, "A rationale without its recommendation."):
        assert typed in page
    assert "Back to the start" not in page


def test_a_refused_sign_off_comes_back_to_the_form_not_to_a_dead_end(
    login_as: Callable[..., FlaskClient], presented: dict[str, Any], app: Flask,
):
    expert = login_as(Role.EXPERT)
    saved = expert.post(f"/cases/{presented['id']}/recommendations", data={
        "recommendations_version": "", "summary": "", "recommendation-0": TYPED,
        "next": "sign_off"})
    refused = expert.get(saved.location)
    assert refused.status_code == 422
    assert "a summary of the discussion" in refused.text
    assert TYPED in refused.text  # saved, and shown in the form to complete
    assert 'href="#recommendations"' in refused.text
    assert "Back to the start" not in refused.text
    assert not _letters(app)


def test_recommendations_changed_after_the_letter_was_read_are_not_signed_unread(
    login_as: Callable[..., FlaskClient], presented: dict[str, Any], app: Flask,
    api_as: Callable[..., Api], inbox: Inbox,
):
    expert = login_as(Role.EXPERT)
    letter_page = _sign_off_on_the_web(expert, presented["id"])
    changed = api_as(Role.EXPERT).put(f"/cases/{presented['id']}/recommendations",
                                      {**RECOMMENDATIONS, "version": 1})
    assert changed.status_code == 200, changed.json
    refused = expert.post(f"/cases/{presented['id']}/actions/sign_off", data={
        "version": _field(letter_page, "version"),
        "recommendations_version": _field(letter_page, "recommendations_version")})
    assert refused.status_code == 409
    assert "changed after you read the letter" in refused.text
    assert not _letters(app)
    assert not inbox.messages


def test_the_api_signs_the_saved_recommendations_and_refuses_a_stale_reading(
    api_as: Callable[..., Api], presented: dict[str, Any], inbox: Inbox, app: Flask,
):
    expert = api_as(Role.EXPERT)
    saved = expert.put(f"/cases/{presented['id']}/recommendations", RECOMMENDATIONS).json
    refused = act(expert, saved, "sign_off", recommendations_version=saved["version"] + 5)
    assert refused.status_code == 409
    assert "changed after you read the letter" in refused.json["error"]["message"]
    signed = act(expert, saved, "sign_off", recommendations_version=1)
    assert signed.status_code == 200, signed.json
    assert len(inbox.messages) == 1
    spec = api_as(Role.EXPERT).get("/openapi.json").json
    described = spec["paths"]["/cases/{case_id}/actions/{action}"]["post"]["description"]
    assert "signs the recommendations as saved" in described


# Side effects belong to the operation: one letter e-mail, whoever signs and however. ----


def test_a_sign_off_on_the_web_queues_exactly_one_letter_email(
    login_as: Callable[..., FlaskClient], presented: dict[str, Any], inbox: Inbox, hubs: Hubs,
):
    expert = login_as(Role.EXPERT)
    letter_page = _sign_off_on_the_web(expert, presented["id"])
    expert.post(f"/cases/{presented['id']}/actions/sign_off", data={
        "version": _field(letter_page, "version"),
        "recommendations_version": _field(letter_page, "recommendations_version")})
    assert [m["To"] for m in inbox.messages] == [hubs.user(Role.CLINICIAN).email]


def test_a_sign_off_through_the_api_queues_exactly_one_letter_email(
    api_as: Callable[..., Api], presented: dict[str, Any], inbox: Inbox, hubs: Hubs,
):
    walk_to(api_as, presented, "recommendations_sent", 0)
    assert [m["To"] for m in inbox.messages] == [hubs.user(Role.CLINICIAN).email]


def test_the_sign_off_operation_alone_queues_its_letter_email_once_committed(
    api_as: Callable[..., Api], presented: dict[str, Any], inbox: Inbox, app: Flask,
    hubs: Hubs,
):
    api_as(Role.EXPERT).put(f"/cases/{presented['id']}/recommendations", RECOMMENDATIONS)
    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        assert expert is not None
        case, actor = get_case(db, expert, presented["id"])
        case_ops.take_action(db, actor, case, "sign_off", expected_version=case.version)
        assert not inbox.messages, "nothing is sent before the sign-off is committed"
    assert len(inbox.messages) == 1
    with unit_of_work(app) as db:
        assert [d.status.value for d in db.exec(select(Delivery))] == ["sent"]


def test_a_rolled_back_sign_off_sends_nothing(
    api_as: Callable[..., Api], presented: dict[str, Any], inbox: Inbox, app: Flask,
    hubs: Hubs,
):
    api_as(Role.EXPERT).put(f"/cases/{presented['id']}/recommendations", RECOMMENDATIONS)
    with pytest.raises(RuntimeError, match="failed after the sign-off"):
        _sign_off_then_fail(app, hubs, presented["id"])
    assert not inbox.messages
    assert not _letters(app)


def _sign_off_then_fail(app: Flask, hubs: Hubs, case_id: int) -> None:
    with unit_of_work(app) as db:
        expert = db.get(User, hubs.user(Role.EXPERT).id)
        assert expert is not None
        case, actor = get_case(db, expert, case_id)
        case_ops.take_action(db, actor, case, "sign_off", expected_version=case.version)
        raise RuntimeError("the request failed after the sign-off")


# The expert's page: the expected next step first; reasons-needing moves last. -----------


def _buttons(page: str) -> list[tuple[str, str]]:
    """The (class, label) of each action button under "Next steps", in page order."""
    steps = page.split("<h2>Next steps</h2>")[1].split("<h2>")[0]
    return re.findall(r'<button type="submit" ?(?:class="([^"]*)")?>([^<]+)</button>', steps)


def test_the_experts_next_step_comes_first_and_return_to_clinician_last(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any],
):
    page = login_as(Role.EXPERT).get(f"/cases/{submitted_case['id']}").text
    buttons = _buttons(page)
    assert buttons[0] == ("", "Record pre-review and mark reviewed")  # the primary style
    assert buttons[-1] == ("secondary", "Return to clinician")


def test_after_a_pre_review_the_same_form_is_not_offered_again(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any],
):
    expert = login_as(Role.EXPERT)
    page = expert.get(f"/cases/{submitted_case['id']}").text
    recorded = expert.post(f"/cases/{submitted_case['id']}/actions/record_pre_review",
                           data={"version": _field(page, "version"), "notes": "Ask about HPV."})
    assert recorded.status_code == 302
    page = expert.get(recorded.location).text
    assert "Done: record pre-review" in page
    assert "Ask about HPV." in page
    assert 'name="notes"' not in page


def test_a_refused_action_comes_back_to_its_form_with_what_was_typed(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any],
):
    expert = login_as(Role.EXPERT)
    stale = str(submitted_case["version"] - 1)
    refused = expert.post(f"/cases/{submitted_case['id']}/actions/record_pre_review",
                          data={"version": stale, "notes": "Long notes worth keeping."})
    assert refused.status_code == 409
    assert "reload" in refused.text
    assert "Long notes worth keeping.</textarea>" in refused.text
    assert 'href="#action-record_pre_review"' in refused.text
    assert "Back to the start" not in refused.text


def test_a_coordinators_withdraw_and_return_are_never_the_primary_button(
    login_as: Callable[..., FlaskClient], submitted_case: dict[str, Any],
):
    page = login_as(Role.COORDINATOR).get(f"/cases/{submitted_case['id']}").text
    buttons = _buttons(page)
    assert buttons[0][0] == ""
    assert buttons[-1] == ("secondary", "Return to clinician")
    assert [label for style, label in buttons if style == ""] == [buttons[0][1]]
