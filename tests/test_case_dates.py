"""Dates the panel can trust: every date in a case reaches staff relative to the case's
submission, with the day of submission beside it (pages, API, letters, exports); a hub that
shifts dates instead marks each one "(shifted)"."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import text

from echo_cases import migrations
from echo_cases.db import engine_of, unit_of_work
from echo_cases.services.cases import redactions_of
from models import Case, Hub
from tests.support import IDENTIFIED_CASE, Api, Hubs, TestClock, schedule_session, walk_to
from workflows import Role

BEFORE_RELATIVE_DATES = "cefe8cd114c9"  # the revision before dates relative to submission
SUBMITTED = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
ANCHOR = "Dates are shown relative to submission on 29 November 2026."
# 14/11/2026 can only be day-first: the whole case reads day-first, in a month-first hub.
CASE = {
    **IDENTIFIED_CASE,
    "history": "Rosalind Achterberg, MRN 80417733, born 03/07/1985, had a Pap on 02/04/2026 "
               "(ASC-H); biopsy 14/11/2026 showed CIN3.",
    "labs_imaging": "Pap 02/04/2026: ASC-H. Symptoms since March 2026.",
    "question": "Can she safely wait until 20 December 2026 for treatment?",
}
REAL_DATES = ["03/07/1985", "02/04/2026", "14/11/2026", "20 December 2026", "1985", "April",
              "March 2026"]


@pytest.fixture
def clock(clock: TestClock) -> TestClock:
    clock.move_to(SUBMITTED)
    return clock


def _submit(api_as: Callable[..., Api], hubs: Hubs, fields: dict[str, str]) -> dict[str, Any]:
    clinician = api_as(Role.CLINICIAN)
    case = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": fields}).json
    submitted = clinician.post(f"/cases/{case['id']}/submit", {"version": case["version"]})
    assert submitted.status_code == 200, submitted.json
    return dict(submitted.json)


def _hub_settings(app: Flask, *args: str) -> str:
    result = app.test_cli_runner().invoke(args=["hub-settings", "hub-a", *args])
    assert result.exit_code == 0, result.output
    return str(result.output)


def _pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _no_real_dates(text: str) -> None:
    assert not [d for d in REAL_DATES if d in text], text


def test_the_expert_reads_each_date_as_an_interval_from_submission_through_the_api(
    api_as: Callable[..., Api], hubs: Hubs
):
    case = _submit(api_as, hubs, CASE)
    seen = api_as(Role.EXPERT).get(f"/cases/{case['id']}").json
    fields = seen["deidentified_fields"]
    assert fields["history"].endswith(
        ", born 41 years before submission, had a Pap 8 months before submission "
        "(ASC-H); biopsy 2 weeks before submission showed CIN3.")
    assert fields["labs_imaging"] == (
        "Pap 8 months before submission: ASC-H. Symptoms since 8 months before submission.")
    assert fields["question"] == (
        "Can she safely wait until 3 weeks after submission for treatment?")
    assert seen["dates_relative_to"] == "2026-11-29"
    assert seen["dates_note"] == ANCHOR
    _no_real_dates(str(fields))


def test_the_case_page_shows_relative_dates_with_the_day_of_submission(
    api_as: Callable[..., Api], hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    case = _submit(api_as, hubs, CASE)
    page = login_as(Role.EXPERT).get(f"/cases/{case['id']}").text
    assert ANCHOR in page
    assert "born 41 years before submission" in page
    assert "wait until 3 weeks after submission" in page
    assert "had a Pap 8 months before submission" in page
    _no_real_dates(page)


def test_the_author_sees_what_the_hub_reads_and_the_preview_says_from_which_day(
    api_as: Callable[..., Api], hubs: Hubs, login_as: Callable[..., FlaskClient]
):
    clinician = api_as(Role.CLINICIAN)
    draft = clinician.post("/cases", {"program_id": hubs.program_id(), "fields": CASE}).json
    preview = clinician.post(f"/cases/{draft['id']}/preview", {}).json
    assert preview["dates_relative_to"] == "2026-11-29"
    assert "biopsy 2 weeks before submission" in preview["fields"]["history"]
    page = login_as(Role.CLINICIAN).get(f"/cases/{draft['id']}/preview").text
    assert "today, 29 November 2026, if you submit now" in page
    assert "2 weeks before submission" in page


def test_the_letter_and_the_sessions_letter_export_carry_the_relative_dates(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask, login_as: Callable[..., FlaskClient]
):
    case = _submit(api_as, hubs, CASE)
    session_id = schedule_session(app, hubs)
    walk_to(api_as, case, "recommendations_sent", session_id)
    letter = _pdf_text(api_as(Role.CLINICIAN).get(f"/cases/{case['id']}/letter.pdf").data)
    assert ANCHOR in letter
    assert "wait until 3 weeks after submission for treatment" in letter
    assert "biopsy 2 weeks before submission showed CIN3" in letter
    assert "had a Pap 8 months before submission" in letter
    _no_real_dates(letter)

    export = login_as(Role.COORDINATOR).get(f"/sessions/{session_id}/letters.zip")
    assert export.status_code == 200
    with zipfile.ZipFile(io.BytesIO(export.data)) as zf:
        [name] = zf.namelist()
        exported = _pdf_text(zf.read(name))
    assert ANCHOR in exported
    assert "had a Pap 8 months before submission" in exported
    _no_real_dates(exported)


def test_a_hub_that_shifts_dates_marks_every_one_as_shifted(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask, login_as: Callable[..., FlaskClient]
):
    assert "dates: relative" in _hub_settings(app)
    assert "dates: shifted" in _hub_settings(app, "--dates", "shifted")
    case = _submit(api_as, hubs, CASE)
    seen = api_as(Role.EXPERT).get(f"/cases/{case['id']}").json
    text = " ".join(seen["deidentified_fields"].values())
    assert len(re.findall(r"\d \(shifted\)", text)) == 6, text  # every date, and only dates
    assert "before submission" not in text
    assert seen["dates_relative_to"] is None
    assert "(shifted)" in seen["dates_note"]
    page = login_as(Role.EXPERT).get(f"/cases/{case['id']}").text
    assert "Dates marked (shifted) were moved" in page
    _no_real_dates(text)


def test_a_hub_can_set_the_order_of_ambiguous_numeric_dates(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask
):
    fields = {**IDENTIFIED_CASE, "history": "Seen on 02/11/2026 at the clinic."}
    month_first = _submit(api_as, hubs, fields)  # hub A is en_US: 11 February
    assert "date_order: day-first" in _hub_settings(app, "--date-order", "day-first")
    day_first = _submit(api_as, hubs, fields)  # now 2 November
    expert = api_as(Role.EXPERT)
    assert "Seen 10 months before submission" in (
        expert.get(f"/cases/{month_first['id']}").json["deidentified_fields"]["history"])
    assert "Seen 4 weeks before submission" in (
        expert.get(f"/cases/{day_first['id']}").json["deidentified_fields"]["history"])


def test_redeidentify_rewrites_shifted_dates_relative_to_the_original_submission(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask, clock: TestClock
):
    _hub_settings(app, "--dates", "shifted")
    case = _submit(api_as, hubs, CASE)
    _hub_settings(app, "--dates", "relative")
    clock.move_to(datetime(2026, 12, 20, 9, 0, tzinfo=UTC))  # the re-run is weeks later
    with unit_of_work(app) as db:
        row = db.get(Case, case["id"])
        assert row is not None
        row.submitted_at = SUBMITTED  # the clock, not the machine's time, is the test's
    result = app.test_cli_runner().invoke(
        args=["redeidentify", "--as", hubs.user(Role.ADMIN).email])
    assert result.exit_code == 0, result.output
    seen = api_as(Role.EXPERT).get(f"/cases/{case['id']}").json
    assert seen["dates_note"] == ANCHOR
    assert "wait until 3 weeks after submission" in seen["deidentified_fields"]["question"]
    assert "(shifted)" not in str(seen["deidentified_fields"])
    again = app.test_cli_runner().invoke(
        args=["redeidentify", "--as", hubs.user(Role.ADMIN).email])
    assert again.exit_code == 0, again.output
    assert api_as(Role.EXPERT).get(f"/cases/{case['id']}").json["version"] == seen["version"]


def test_redeidentify_gives_a_case_stored_with_on_before_an_interval_a_sentence_that_reads(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask
):
    case = _submit(api_as, hubs, CASE)
    with unit_of_work(app) as db:  # as the de-identifier wrote it before this release
        row = db.get(Case, case["id"])
        assert row is not None
        fields = dict(row.deidentified or {})
        fields["history"] = fields["history"].replace("Pap 8 months", "Pap on 8 months")
        assert "had a Pap on 8 months before submission" in fields["history"]
        row.deidentified = fields
    result = app.test_cli_runner().invoke(
        args=["redeidentify", "--as", hubs.user(Role.ADMIN).email])
    assert result.exit_code == 0, result.output
    seen = api_as(Role.EXPERT).get(f"/cases/{case['id']}").json["deidentified_fields"]
    assert "had a Pap 8 months before submission (ASC-H)" in seen["history"]


def test_cases_stored_with_shifted_dates_before_the_upgrade_show_them_marked(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask, login_as: Callable[..., FlaskClient]
):
    _hub_settings(app, "--dates", "shifted")
    case = _submit(api_as, hubs, CASE)
    engine = engine_of(app)
    migrations.downgrade(engine, BEFORE_RELATIVE_DATES)  # as the old code stored them
    with engine.connect() as connection:
        stored = connection.execute(text('SELECT deidentified FROM "case" WHERE id = :id'),
                                    {"id": case["id"]}).scalar_one()
        surrogates = connection.execute(text(
            "SELECT surrogate FROM redaction WHERE case_id = :id AND entity_type = 'DATE'"),
            {"id": case["id"]}).scalars().all()
    assert "(shifted)" not in str(stored)
    assert len(surrogates) == 6
    assert all(s in str(stored) for s in surrogates)  # dates that read as if they were real

    migrations.upgrade(engine)

    seen = api_as(Role.EXPERT).get(f"/cases/{case['id']}").json
    shown = " ".join(seen["deidentified_fields"].values())
    assert all(f"{s} (shifted)" in shown for s in surrogates), shown
    assert shown.count("(shifted)") == 6
    page = login_as(Role.EXPERT).get(f"/cases/{case['id']}").text
    assert "Dates marked (shifted) were moved" in page
    with unit_of_work(app) as db:
        row = db.get(Case, case["id"])
        assert row is not None
        marked = [r.surrogate for r in redactions_of(db, row) if r.entity_type == "DATE"]
    assert sorted(marked) == sorted(f"{s} (shifted)" for s in surrogates)


def test_the_day_of_submission_is_the_hubs_own_day_not_utcs(
    app: Flask, api_as: Callable[..., Api], hubs: Hubs, clock: TestClock
):
    # 20:00 UTC on 28 November is already 29 November in Auckland (UTC+13).
    clock.move_to(datetime(2026, 11, 28, 20, 0, tzinfo=UTC))
    with unit_of_work(app) as db:
        hub = db.get(Hub, hubs.hubs["a"].id)
        assert hub is not None
        hub.timezone = "Pacific/Auckland"
        db.add(hub)
    case = _submit(api_as, hubs, CASE)
    seen = api_as(Role.EXPERT).get(f"/cases/{case['id']}").json
    assert seen["dates_relative_to"] == "2026-11-29"
    assert "biopsy 15 days before submission" in seen["deidentified_fields"]["history"] or (
        "biopsy 2 weeks before submission" in seen["deidentified_fields"]["history"])
