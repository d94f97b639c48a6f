"""What a hub reports on: exports and the dashboard, for the hub's coordinators only."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from echo_cases.db import engine_of, unit_of_work
from echo_cases.services.exports import safe_cell
from models import Case, Letter, as_utc
from tests.support import IDENTIFIED_CASE, IDENTIFIERS, Api, Hubs
from workflows import Role


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("plain", "plain"), (None, ""), (42, "42"),
])
def test_spreadsheet_formulas_are_neutralised(value: Any, cell: str):
    assert safe_cell(value) == cell


def test_the_csv_export_has_every_milestone_and_the_turnaround(
    api_as: Callable[..., Api], finished_case: dict[str, Any], hubs: Hubs
):
    coordinator = api_as(Role.COORDINATOR)
    response = coordinator.get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 1
    row = rows[0]
    assert row["state"] == "recommendations_sent"
    for column in ("submitted_at", "pre_reviewed_at", "scheduled_at", "presented_at",
                   "letter_sent_at"):
        assert row[column], column
    assert float(row["turnaround_hours"]) >= 0
    assert row["session_id"] == str(finished_case["session_id"])
    assert row["session_attendance"] == "1"
    text = response.get_data(as_text=True)
    assert all(ident not in text for ident in IDENTIFIERS)


def test_the_json_export_matches_the_csv(api_as: Callable[..., Api],
                                         finished_case: dict[str, Any], hubs: Hubs):
    exported = api_as(Role.ADMIN).get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.json").json
    assert [c["case_id"] for c in exported["cases"]] == [finished_case["id"]]


def test_a_sessions_letters_come_as_one_zip(api_as: Callable[..., Api],
                                            finished_case: dict[str, Any]):
    response = api_as(Role.COORDINATOR).get(f"/sessions/{finished_case['session_id']}/letters.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.namelist() == [f"case-{finished_case['id']}-recommendations.pdf"]
    assert archive.read(archive.namelist()[0]).startswith(b"%PDF")


def test_the_dashboard_counts_and_draws(api_as: Callable[..., Api],
                                        finished_case: dict[str, Any], hubs: Hubs,
                                        login_as: Callable[..., FlaskClient]):
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").json
    assert figures["letters_sent"] == 1
    assert figures["turnaround_days_median"] is not None
    assert {(c["state"], c["count"]) for c in figures["cases"]} == {("recommendations_sent", 1)}
    page = login_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard")
    assert page.status_code == 200
    assert page.text.count("<svg") == 3
    assert "Cases per program" in page.text


@pytest.mark.parametrize("path", [
    "/hubs/{hub}/exports/cases.csv", "/hubs/{hub}/exports/cases.json", "/hubs/{hub}/dashboard",
    "/sessions/{session}/letters.zip",
])
def test_exports_are_refused_outside_the_hub_and_to_other_roles(
    api_as: Callable[..., Api], finished_case: dict[str, Any], hubs: Hubs, path: str
):
    url = path.format(hub=hubs.hubs["a"].id, session=finished_case["session_id"])
    for role in Role:  # refused by role (403) or, for a hub's own organisers, not found (404)
        expected = 404 if role in (Role.COORDINATOR, Role.ADMIN) else 403
        assert api_as(role, "b").get(url).status_code == expected, (role, url)
    for role in (Role.CLINICIAN, Role.EXPERT):
        assert api_as(role).get(url).status_code == 403, (role, url)


@pytest.mark.parametrize("path", [
    "/hubs/{hub}/exports/cases.csv", "/hubs/{hub}/dashboard", "/sessions/{session}/letters.zip",
])
def test_export_pages_are_refused_outside_the_hub(
    login_as: Callable[..., FlaskClient], finished_case: dict[str, Any], hubs: Hubs, path: str
):
    url = path.format(hub=hubs.hubs["a"].id, session=finished_case["session_id"])
    assert login_as(Role.COORDINATOR, "b").get(url).status_code == 404
    assert login_as(Role.EXPERT).get(url).status_code == 403


def test_the_export_lists_every_transition_in_order(
    api_as: Callable[..., Api], finished_case: dict[str, Any], hubs: Hubs
):
    exported = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/exports/cases.json").json
    transitions = exported["cases"][0]["transitions"]
    assert [t["action"] for t in transitions] == [
        "submit", "record_pre_review", "schedule", "mark_presented", "sign_off"]
    text = api_as(Role.COORDINATOR).get(
        f"/hubs/{hubs.hubs['a'].id}/exports/cases.csv").get_data(as_text=True)
    assert "submit@" in text
    assert "sign_off@" in text


@pytest.mark.parametrize("path", [
    "/api/v1/hubs/{hub}/exports/cases.csv", "/api/v1/hubs/{hub}/exports/cases.json",
])
def test_a_streamed_export_gives_its_database_connection_back_when_it_ends(
    api_as: Callable[..., Api], finished_case: dict[str, Any], hubs: Hubs, app: Flask, path: str
):
    """Otherwise each export leaves a transaction open, holding locks, until the collector."""
    coordinator = api_as(Role.COORDINATOR)
    response = coordinator.client.get(path.format(hub=hubs.hubs["a"].id),
                                      headers=coordinator.headers)
    assert str(finished_case["id"]) in response.get_data(as_text=True)
    response.close()
    assert engine_of(app).pool.checkedout() == 0


@pytest.mark.parametrize(("days", "median", "p90"), [
    ([1, 2, 3.5, 10, 40], 3.5, 40.0),  # odd: the middle letter
    ([10, 1, 3, 2], 2.5, 10.0),  # even: halfway between the two middle ones
    ([0.25, 0.3, 0.35, 7, 7, 7, 7, 7, 7, 7, 8, 9], 7.0, 8.0),  # nearest rank, not interpolated
])
def test_the_dashboard_turnaround_is_the_median_and_90th_percentile_of_the_letters(
        api_as: Callable[..., Api], hubs: Hubs, app: Flask, days: list[float], median: float,
        p90: float):
    clinician = api_as(Role.CLINICIAN)
    case_ids = []
    for _ in days:
        created = clinician.post("/cases", {"program_id": hubs.program_id(),
                                            "fields": IDENTIFIED_CASE})
        submitted = clinician.post(f"/cases/{created.json['id']}/submit",
                                   {"version": created.json["version"]})
        case_ids.append(submitted.json["id"])
    with unit_of_work(app) as db:  # letters signed so many days after each submission
        for case_id, after in zip(case_ids, days, strict=True):
            case = db.get(Case, case_id)
            assert case is not None
            assert case.submitted_at is not None
            db.add(Letter(case_id=case_id, hub_id=case.hub_id, pdf=b"%PDF-1.4", sha256="0" * 64,
                          signed_by_id=hubs.user(Role.EXPERT).id or 0,
                          created_at=as_utc(case.submitted_at) + timedelta(days=after),
                          turnaround_days=after))  # as the sign-off stores it
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").json
    assert figures["letters_sent"] == len(days)
    assert (figures["turnaround_days_median"], figures["turnaround_days_p90"]) == (median, p90)
    assert api_as(Role.COORDINATOR, "b").get(
        f"/hubs/{hubs.hubs['b'].id}/dashboard").json["letters_sent"] == 0
