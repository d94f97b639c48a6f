"""A number typed into a form, a path or a report is ASCII digits in range, or it is
refused with a 4xx that names it: "²" passes ``str.isdigit()`` and then breaks ``int()``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from echo_cases.http.params import int_problem
from echo_cases.numbers import MAX_ID, whole
from tests.support import Api, Hubs, begin_session, schedule_session
from workflows import Role

NOT_NUMBERS = ["²", "١٢", "12³", "-1", "1.5", " 1", "+1", "1_000", "", "-", "9" * 5000,
               "-" + "9" * 5000]


@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_only_ascii_digits_in_range_are_whole_numbers(typed: str):
    assert whole(typed) is None


def test_whole_numbers_up_to_the_limit_are_read():
    assert whole("0") == 0
    assert whole("007") == 7
    assert whole(str(MAX_ID)) == MAX_ID
    assert whole(str(MAX_ID + 1)) is None
    assert whole("240", high=480) == 240
    assert whole("481", high=480) is None
    assert whole("0", low=1) is None


def test_negatives_are_read_only_where_the_bounds_allow_them():
    assert whole("-5", low=-10, high=10) == -5
    assert whole("-11", low=-10, high=10) is None
    assert whole("-0", low=-1, high=1) == 0


def test_the_query_reader_and_the_form_reader_are_one():
    """What a query parameter refuses, a form field refuses too, and says how to fix it."""
    for typed in NOT_NUMBERS:
        assert int_problem("program_id", typed) == f"Use a whole number from 1 to {MAX_ID}."
    assert int_problem("waiting_days", "0") == ""
    assert int_problem("waiting_days", "36501") == "Use a whole number from 0 to 36500."


@pytest.mark.parametrize("typed", ["²", "12³", "9" * 5000])
def test_a_session_form_refuses_a_number_it_cannot_read(
        app: Flask, hubs: Hubs, login_as: Callable[..., FlaskClient], typed: str):
    coordinator = login_as(Role.COORDINATOR)
    made = coordinator.post("/sessions/new", data={
        "program_id": typed, "starts_at_local": "2030-01-08T10:00", "timezone": "UTC",
        "duration_minutes": "60", "topic": "HPV", "facilitator_id": typed,
        "panel_ids": [typed]})
    assert made.status_code == 422, made.status_code
    session_id = schedule_session(app, hubs)
    begin_session(app, session_id)
    coordinator = login_as(Role.COORDINATOR)
    recorded = coordinator.post(f"/sessions/{session_id}/attendance", data={
        "attendance_version": typed, "present": [typed]})
    assert 400 <= recorded.status_code < 500
    # With a good version, a tick that is not a person is refused, not dropped.
    ticked = coordinator.post(f"/sessions/{session_id}/attendance", data={
        "attendance_version": "0", "present": [str(hubs.user(Role.EXPERT).id), typed]})
    assert ticked.status_code == 422
    assert "could not be read" in ticked.text


def test_a_session_form_names_a_panel_or_facilitator_it_cannot_read(
        login_as: Callable[..., FlaskClient], hubs: Hubs):
    made = login_as(Role.COORDINATOR).post("/sessions/new", data={
        "program_id": str(hubs.program_id()), "date": "2030-01-08", "time": "10:00",
        "timezone": "UTC", "duration_minutes": "60", "topic": "HPV",
        "facilitator_id": "x", "panel_ids": ["²"]})
    assert made.status_code == 422
    assert "Choose the facilitator from the list." in made.text
    assert "Choose the panel from the list." in made.text


def test_a_form_version_that_is_not_a_number_is_not_found(api_as: Callable[..., Api],
                                                           hubs: Hubs):
    member = api_as(Role.CLINICIAN)
    answer = member.get(f"/programs/{hubs.program_id()}/form/versions/%C2%B2")
    assert answer.status_code == 404
    assert member.get(f"/programs/{hubs.program_id()}/form/versions/0").status_code == 200
