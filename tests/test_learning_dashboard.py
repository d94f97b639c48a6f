"""What a hub learns from its sessions, on its dashboard and in its exports: the latest
evaluated sessions with their means and a link to each, each program's means, the monthly
means as CSV and JSON, patients' status by program as a chart, a letter's turnaround kept
from the moment it was sent, and per-session charts over the last twelve months."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from echo_cases.db import unit_of_work
from models import Case, EchoSession, Hub, Letter, as_utc
from tests.mail_server import Inbox
from tests.support import (
    IDENTIFIED_CASE,
    Api,
    Hubs,
    TestClock,
    begin_session,
    schedule_session,
    walk_to,
)
from tests.test_credit_figures import chart_titles, words_of
from tests.test_outcomes import _known_outcomes
from tests.test_session_evaluations import (  # noqa: F401
    PRESENT,
    Held,
    answer,
    held,
    links_by_address,
    send,
)
from workflows import Role

pytestmark = pytest.mark.mail


def answered_by_three(app: Flask, held: Held, inbox: Inbox) -> None:  # noqa: F811
    """Relevance 4, 5, 5 (mean 4.67) and confidence 3, 5, 4 (mean 4.00)."""
    send(held)
    links = links_by_address(inbox)
    for address, relevance, confidence in (("clinician-a@example.org", "4", "3"),
                                           ("expert-a@example.org", "5", "5"),
                                           ("clinician2-a@example.org", "5", "4")):
        status, _page = answer(app, links[address], relevance=relevance,
                               confidence=confidence, intention="yes")
        assert status == 200


def test_the_dashboard_lists_the_latest_evaluated_sessions_with_their_means_and_links(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox):  # noqa: F811
    answered_by_three(app, held, inbox)
    page = held.coordinator.get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text
    listed = re.search(r'<table id="evaluated-sessions">.*?</table>', page, re.S)
    assert listed, page
    row = words_of(listed.group(0))
    assert "HPV and the cervix" in row
    assert "Cervical ECHO a" in row
    assert "3 of 3" in row
    assert "4.67" in row
    assert "4.00" in row
    # The session's own page, one click away.
    assert f'href="/sessions/{held.session_id}/evaluation"' in listed.group(0)
    assert held.coordinator.get(f"/sessions/{held.session_id}/evaluation").status_code == 200
    means = re.search(r'<table class="evaluation-means">.*?</table>', page, re.S)
    assert means, page
    assert "Cervical ECHO a: means over" in means.group(0)
    assert "4.67" in words_of(means.group(0))


def test_an_anonymous_session_with_too_few_answers_shows_counts_and_no_means(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox):  # noqa: F811
    send(held)
    answer(app, links_by_address(inbox)["expert-a@example.org"], relevance="1",
           confidence="1", intention="no")
    page = held.coordinator.get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text
    listed = re.search(r'<table id="evaluated-sessions">.*?</table>', page, re.S)
    assert listed, page
    row = words_of(listed.group(0))
    assert "1 of 3" in row
    assert "1.00" not in row  # one answer would be that person's


def test_the_monthly_means_export_and_its_api_give_n_and_mean_per_question(
        app: Flask, hubs: Hubs, held: Held, inbox: Inbox,  # noqa: F811
        api_as: Callable[..., Api], login_as: Callable[..., FlaskClient]):
    answered_by_three(app, held, inbox)
    hub_id = hubs.hubs["a"].id
    exported = held.coordinator.get(f"/hubs/{hub_id}/exports/evaluations-monthly.csv")
    assert exported.status_code == 200
    assert exported.mimetype == "text/csv"
    assert "evaluations-monthly.csv" in exported.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    with unit_of_work(app) as db:
        session = db.get(EchoSession, held.session_id)
        assert session is not None
        month = as_utc(session.starts_at).strftime("%Y-%m")
    assert [(r["program"], r["month"], r["question_key"], r["n"], r["mean"]) for r in rows] == [
        ("Cervical ECHO a", month, "relevance", "3", "4.67"),
        ("Cervical ECHO a", month, "confidence", "3", "4.00")]
    assert all(r["question"] for r in rows)
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hub_id}/evaluations/monthly")
    assert figures.status_code == 200
    assert [(r["program"], r["month"], r["question_key"], r["n"], r["mean"])
            for r in figures.json["rows"]] == [
        ("Cervical ECHO a", month, "relevance", 3, 4.67),
        ("Cervical ECHO a", month, "confidence", 3, 4.0)]
    # Coordinators and admins only; another hub's coordinator learns nothing of this one.
    assert login_as(Role.CLINICIAN).get(
        f"/hubs/{hub_id}/exports/evaluations-monthly.csv").status_code == 403
    assert api_as(Role.COORDINATOR, "b").get(
        f"/hubs/{hub_id}/evaluations/monthly").status_code in (403, 404)
    spec = api_as(Role.COORDINATOR).get("/openapi.json").json
    assert "/hubs/{hub_id}/evaluations/monthly" in spec["paths"]


def test_a_session_counts_in_the_month_it_met_on_the_hubs_calendar_not_utcs(
        app: Flask, hubs: Hubs, inbox: Inbox, clock: TestClock,
        api_as: Callable[..., Api], login_as: Callable[..., FlaskClient]):
    hub_id = hubs.hubs["a"].id
    with unit_of_work(app) as db:
        hub = db.get(Hub, hub_id)
        assert hub is not None
        hub.timezone = "America/Denver"
    # 18:00 in Denver on the last day of a month: 00:00 or 01:00 UTC on the next month's first.
    today = clock().date()
    soon = today + timedelta(days=7)
    last_day = (soon.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    session_id = schedule_session(app, hubs, days_ahead=(last_day - today).days)
    begin_session(app, session_id)
    recorded = api_as(Role.COORDINATOR).put(f"/sessions/{session_id}/attendance", {
        "version": 0, "present_ids": [hubs.user(role, hub).id for hub, role in PRESENT]})
    assert recorded.status_code == 200, recorded.json
    begin_session(app, session_id, minutes_in=65)
    answered_by_three(app, Held(session_id, login_as(Role.COORDINATOR)), inbox)
    with unit_of_work(app) as db:
        session = db.get(EchoSession, session_id)
        assert session is not None
        utc_month = as_utc(session.starts_at).strftime("%Y-%m")
    hubs_month = last_day.strftime("%Y-%m")
    assert utc_month != hubs_month  # the boundary this test is about

    coordinator = login_as(Role.COORDINATOR)
    page = coordinator.get(f"/hubs/{hub_id}/dashboard").text
    trend = re.search(r'<table class="evaluation-trend">.*?</table>', page, re.S)
    assert trend, page
    assert f"{hubs_month} 1 3 of 3 4.67 4.00" in words_of(trend.group(0))
    assert utc_month not in trend.group(0)
    means = re.search(r'<table class="evaluation-means">.*?</table>', page, re.S)
    assert means, page
    assert f"means over {hubs_month}" in means.group(0)
    exported = coordinator.get(f"/hubs/{hub_id}/exports/evaluations-monthly.csv").text
    assert {r["month"] for r in csv.DictReader(io.StringIO(exported))} == {hubs_month}
    api = api_as(Role.COORDINATOR)
    monthly = api.get(f"/hubs/{hub_id}/evaluations/monthly").json
    assert {r["month"] for r in monthly["rows"]} == {hubs_month}
    figures = api.get(f"/hubs/{hub_id}/evaluations").json
    assert [m["month"] for p in figures["programs"] for m in p["months"]] == [hubs_month]


def test_patients_status_by_program_is_a_chart_with_its_table(
        app: Flask, hubs: Hubs, api_as: Callable[..., Api],
        login_as: Callable[..., FlaskClient]):
    _known_outcomes(app, hubs, api_as)
    page = login_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text
    titles = chart_titles(page)
    assert "Cervical ECHO a: patients' status when told" in titles, titles
    assert "Myeloma ECHO: patients' status when told" in titles, titles
    chart = re.search(r"<svg[^>]*><title[^>]*>Cervical ECHO a: patients&#39; status when told"
                      r".*?</svg>", page, re.S)
    assert chart, page
    # Each status is a labelled bar with its count: one alive without disease, one died.
    bars = re.findall(r'<text x="0"[^>]*>([^<]*)</text><rect[^>]*/><text[^>]*>(\d+)</text>',
                      chart.group(0))
    assert ("Alive, no evidence of disease", "1") in bars
    assert ("Died", "1") in bars
    assert ("In treatment", "0") in bars
    # The same figures as a table for whoever cannot read the chart.
    assert re.search(r'<table id="outcomes-by-program"[^>]*><caption>Outcomes by program', page)
    # Each program's bars under a heading that names it, in the order of the table.
    headed = re.findall(r"<h4[^>]*>([^<]*)</h4>\s*<svg[^>]*><title[^>]*>([^<:]*):", page)
    assert headed == [("Cervical ECHO a", "Cervical ECHO a"),
                      ("Myeloma ECHO", "Myeloma ECHO")], headed


def test_a_signed_letter_keeps_its_turnaround_and_the_dashboard_reads_it(
        app: Flask, hubs: Hubs, api_as: Callable[..., Api], clock: TestClock):
    session_id = schedule_session(app, hubs)
    clinician = api_as(Role.CLINICIAN)
    created = clinician.post("/cases", {"program_id": hubs.program_id(),
                                        "fields": IDENTIFIED_CASE}).json
    case = clinician.post(f"/cases/{created['id']}/submit",
                          {"version": created["version"]}).json
    walk_to(api_as, case, "recommendations_sent", session_id)
    with unit_of_work(app) as db:
        letter = db.exec(select(Letter).where(Letter.case_id == case["id"])).one()
        submitted = db.get(Case, case["id"])
        assert submitted is not None
        assert submitted.submitted_at is not None
        expected = (as_utc(letter.created_at) - as_utc(submitted.submitted_at)
                    ).total_seconds() / 86400
    assert letter.turnaround_days == pytest.approx(expected)
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").json
    assert figures["letters_sent"] == 1
    assert figures["turnaround_days_median"] == round(expected, 1)


def test_the_page_charts_the_last_twelve_months_of_sessions_and_the_api_all_of_them(
        app: Flask, hubs: Hubs, api_as: Callable[..., Api],
        login_as: Callable[..., FlaskClient], clock: TestClock):
    recent = schedule_session(app, hubs)
    with unit_of_work(app) as db:
        old = EchoSession(hub_id=hubs.hubs["a"].id, program_id=hubs.program_id(),
                          starts_at=clock() - timedelta(days=400), timezone="UTC",
                          topic="Thirteen months ago", duration_minutes=60)
        db.add(old)
        db.flush()
        old_id = old.id
    page = login_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").text
    assert "Cases per session, last 12 months" in page
    chart = re.search(r"<svg[^>]*><title[^>]*>Cases per session</title>.*?</svg>", page, re.S)
    assert chart, page
    with unit_of_work(app) as db:
        shown = db.get(EchoSession, recent)
        assert shown is not None
        day = as_utc(shown.starts_at).astimezone(ZoneInfo(shown.timezone)).strftime("%d %B %Y")
    assert chart.group(0).count("<rect") == 1  # next week's session alone
    assert day in chart.group(0)
    assert str(clock().year - 1) not in chart.group(0)
    figures = api_as(Role.COORDINATOR).get(f"/hubs/{hubs.hubs['a'].id}/dashboard").json
    assert [f["session_id"] for f in figures["sessions"]] == [old_id, recent]
