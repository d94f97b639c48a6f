"""The hub's CSV and JSON exports carry a case's dates as staff read them everywhere else:
relative to the case's submission, with the submission itself as the anchor beside them,
or, in a hub that shifts dates, each one marked "(shifted)"."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.support import Api, Hubs, TestClock
from tests.test_case_dates import CASE, REAL_DATES, SUBMITTED, _hub_settings, _submit
from workflows import Role

FIELDS = ("history", "labs_imaging", "question")


@pytest.fixture
def clock(clock: TestClock) -> TestClock:
    clock.move_to(SUBMITTED)
    return clock


def _exports(coordinator: FlaskClient, hubs: Hubs, case_id: int
             ) -> tuple[dict[str, str], dict[str, Any]]:
    """The case's CSV row and JSON object, downloaded as the hub's coordinator would."""
    hub_id = hubs.hubs["a"].id
    sheet = coordinator.get(f"/hubs/{hub_id}/exports/cases.csv")
    assert sheet.status_code == 200
    [row] = [r for r in csv.DictReader(io.StringIO(sheet.get_data(as_text=True)))
             if r["case_id"] == str(case_id)]
    document = coordinator.get(f"/hubs/{hub_id}/exports/cases.json")
    assert document.status_code == 200
    [entry] = [c for c in document.json["cases"] if c["case_id"] == case_id]
    return row, entry


def _submitted_by_the_clock(row: dict[str, str], entry: dict[str, Any]) -> None:
    """The anchor is the moment the app's clock said the case was submitted."""
    assert row["submitted_at"] == entry["submitted_at"]
    submitted = datetime.fromisoformat(entry["submitted_at"])
    assert SUBMITTED <= submitted < SUBMITTED + timedelta(minutes=1), submitted


def _no_real_dates(text: str) -> None:
    assert not [d for d in REAL_DATES if d in text], text


def _what_the_case_says(record: dict[str, Any]) -> str:
    """Everything an export carries of the case but the machine's own timestamps, whose
    microseconds may spell "1985" by chance ("23:21:41.198546")."""
    return str({key: value for key, value in record.items()
                if not key.endswith("_at") and key != "transitions"})


def test_the_exports_give_each_date_relative_to_the_submission_they_carry(
    api_as: Callable[..., Api], hubs: Hubs, login_as: Callable[..., FlaskClient],
):
    case = _submit(api_as, hubs, CASE)
    row, entry = _exports(login_as(Role.COORDINATOR), hubs, case["id"])

    _submitted_by_the_clock(row, entry)
    assert row["dates_relative_to"] == entry["dates_relative_to"] == "2026-11-29"
    for fields in ({name: row[f"field:{name}"] for name in FIELDS}, entry["fields"]):
        assert "born 41 years before submission" in fields["history"]
        assert "biopsy 2 weeks before submission showed CIN3" in fields["history"]
        assert fields["labs_imaging"].startswith("Pap 8 months before submission: ASC-H.")
        assert "wait until 3 weeks after submission for treatment" in fields["question"]
        assert "(shifted)" not in str(fields)
    _no_real_dates(_what_the_case_says(row))
    _no_real_dates(_what_the_case_says(entry))


def test_the_exports_of_a_hub_that_shifts_dates_mark_every_one_as_shifted(
    api_as: Callable[..., Api], hubs: Hubs, app: Flask, login_as: Callable[..., FlaskClient],
):
    _hub_settings(app, "--dates", "shifted")
    case = _submit(api_as, hubs, CASE)
    row, entry = _exports(login_as(Role.COORDINATOR), hubs, case["id"])

    _submitted_by_the_clock(row, entry)
    assert row["dates_relative_to"] == ""  # nothing counts from it: the dates were moved
    assert entry["dates_relative_to"] is None
    for text in (" ".join(row[f"field:{name}"] for name in FIELDS),
                 " ".join(entry["fields"][name] for name in FIELDS)):
        assert len(re.findall(r"\d \(shifted\)", text)) == 6, text  # every date, only dates
        assert "submission" not in text
        _no_real_dates(text)
