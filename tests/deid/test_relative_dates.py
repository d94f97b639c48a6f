"""A case's dates as staff read them: an interval from the submission, no more precise
than the interval needs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from echo_cases.deid.date_reading import DateRead, Precision
from echo_cases.deid.relative_dates import relative_to_submission

SUBMITTED = date(2026, 11, 29)


def _days_from_submission(days: int) -> str:
    day = SUBMITTED + timedelta(days=days)
    return relative_to_submission(DateRead(day.year, day.month, day.day), SUBMITTED)


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        (0, "on the day of submission"),
        (-1, "1 day before submission"),
        (-3, "3 days before submission"),
        (-13, "13 days before submission"),
        (2, "2 days after submission"),
        (13, "13 days after submission"),
    ],
)
def test_under_two_weeks_a_date_is_given_in_days(days: int, shown: str) -> None:
    assert _days_from_submission(days) == shown


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        (-14, "2 weeks before submission"),
        (-17, "2 weeks before submission"),
        (-18, "3 weeks before submission"),
        (21, "3 weeks after submission"),
        (-90, "13 weeks before submission"),
        (-89, "13 weeks before submission"),
    ],
)
def test_under_three_months_a_date_is_given_in_weeks(days: int, shown: str) -> None:
    assert _days_from_submission(days) == shown


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        (-91, "3 months before submission"),
        (-241, "8 months before submission"),  # 2 April 2026, submitted 29 November 2026
        (120, "4 months after submission"),
        (-700, "23 months before submission"),
    ],
)
def test_under_two_years_a_date_is_given_in_months(days: int, shown: str) -> None:
    assert _days_from_submission(days) == shown


def test_beyond_two_years_a_date_is_given_in_whole_years_like_an_age() -> None:
    born = DateRead(1985, 7, 3)  # 41 years and 5 months before submission
    assert relative_to_submission(born, SUBMITTED) == "41 years before submission"
    assert relative_to_submission(DateRead(1985, 11, 30), SUBMITTED) == (
        "40 years before submission"
    )  # the 41st birthday is tomorrow
    assert relative_to_submission(DateRead(2029, 12, 1), SUBMITTED) == "3 years after submission"


def test_a_date_more_than_89_years_back_does_not_say_how_far() -> None:
    assert relative_to_submission(DateRead(1931, 3, 14), SUBMITTED) == (
        "90 or more years before submission"
    )
    assert relative_to_submission(DateRead(1937, 1, 1), SUBMITTED) == ("89 years before submission")


@pytest.mark.parametrize(
    ("year", "month", "shown"),
    [
        (2026, 11, "in the month of submission"),
        (2026, 10, "1 month before submission"),
        (2026, 4, "7 months before submission"),
        (2027, 2, "3 months after submission"),
        (2024, 3, "2 years before submission"),
        (1930, 1, "90 or more years before submission"),
    ],
)
def test_a_month_without_a_day_is_given_at_month_precision(
    year: int, month: int, shown: str
) -> None:
    when = DateRead(year, month, precision=Precision.MONTH)
    assert relative_to_submission(when, SUBMITTED) == shown


@pytest.mark.parametrize(
    ("year", "shown"),
    [
        (2026, "in the year of submission"),
        (2019, "7 years before submission"),
        (2027, "1 year after submission"),
    ],
)
def test_a_year_alone_is_given_in_years(year: int, shown: str) -> None:
    assert relative_to_submission(DateRead(year, precision=Precision.YEAR), SUBMITTED) == shown
