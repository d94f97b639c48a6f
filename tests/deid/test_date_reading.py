"""Reading the dates of a case: one order per case, settled by its own dates, else the hub's."""

from __future__ import annotations

from datetime import date

import pytest

from echo_cases.deid.date_reading import (
    DateOrder,
    DateRead,
    Precision,
    order_for_locale,
    read_date,
    settle_order,
)

SUBMITTED = date(2026, 11, 29)
DAY_FIRST, MONTH_FIRST = DateOrder.DAY_FIRST, DateOrder.MONTH_FIRST


@pytest.mark.parametrize(
    ("locale", "order"),
    [
        ("en_US", MONTH_FIRST),
        ("en_PH", MONTH_FIRST),
        ("en_CA", MONTH_FIRST),
        ("en_GB", DAY_FIRST),
        ("en_KE", DAY_FIRST),
        ("es_MX", DAY_FIRST),
        ("pt_BR", DAY_FIRST),
    ],
)
def test_a_hub_reads_numeric_dates_in_its_locales_order(locale: str, order: DateOrder) -> None:
    assert order_for_locale(locale) is order


def test_a_day_over_12_in_first_place_makes_the_whole_case_day_first() -> None:
    assert settle_order(["03/07/1985", "14/03/2026"], MONTH_FIRST) is DAY_FIRST


def test_a_day_over_12_in_second_place_makes_the_whole_case_month_first() -> None:
    assert settle_order(["03/07/1985", "03/14/2026"], DAY_FIRST) is MONTH_FIRST


def test_without_evidence_the_hubs_order_decides() -> None:
    assert settle_order(["03/07/1985", "2026-03-14", "14 March 2026"], DAY_FIRST) is DAY_FIRST
    assert settle_order(["03/07/1985"], MONTH_FIRST) is MONTH_FIRST
    assert settle_order([], DAY_FIRST) is DAY_FIRST


def test_contradicting_evidence_leaves_the_hubs_order() -> None:
    assert settle_order(["14/03/2026", "03/14/2026", "03/07/1985"], DAY_FIRST) is DAY_FIRST


def test_the_numbers_of_an_iso_date_are_no_evidence() -> None:
    assert settle_order(["2026-02-13"], DAY_FIRST) is DAY_FIRST


def test_spaced_numeric_dates_count_as_evidence() -> None:
    assert settle_order(["5. 13. 2025"], DAY_FIRST) is MONTH_FIRST


@pytest.mark.parametrize(
    ("written", "order", "day"),
    [
        ("03/07/1985", DAY_FIRST, date(1985, 7, 3)),
        ("03/07/1985", MONTH_FIRST, date(1985, 3, 7)),
        ("14/03/2026", MONTH_FIRST, date(2026, 3, 14)),  # only one reading is possible
        ("03/14/2026", DAY_FIRST, date(2026, 3, 14)),
        ("3/9/22", MONTH_FIRST, date(2022, 3, 9)),
        ("14.07.2021", DAY_FIRST, date(2021, 7, 14)),
        ("5. 3. 2025", DAY_FIRST, date(2025, 3, 5)),
        ("2023-11-07", DAY_FIRST, date(2023, 11, 7)),
        ("2025. 01. 15.", DAY_FIRST, date(2025, 1, 15)),
        ("March 3, 2024", DAY_FIRST, date(2024, 3, 3)),
        ("July 15th, 2024", DAY_FIRST, date(2024, 7, 15)),
        ("21 January 2022", MONTH_FIRST, date(2022, 1, 21)),
        ("3rd of May 2021", MONTH_FIRST, date(2021, 5, 3)),
        ("03-FEB-2023", MONTH_FIRST, date(2023, 2, 3)),
        ("5 de mayo de 2021", DAY_FIRST, date(2021, 5, 5)),
        ("2 April 2026", DAY_FIRST, date(2026, 4, 2)),
    ],
)
def test_a_date_written_to_the_day_names_that_day(
    written: str, order: DateOrder, day: date
) -> None:
    assert read_date(written, order, near=SUBMITTED) == DateRead(day.year, day.month, day.day)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("Jul 15", date(2026, 7, 15)),
        ("Sept. 9th", date(2026, 9, 9)),
        ("6/14", date(2026, 6, 14)),
        ("Jan 3", date(2027, 1, 3)),  # five weeks after submission, not eleven months before
    ],
)
def test_a_date_without_a_year_is_the_occurrence_nearest_the_submission(
    written: str, day: date
) -> None:
    found = read_date(written, MONTH_FIRST, near=SUBMITTED)
    assert found is not None
    assert found.first_day == day


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("March 2024", (2024, 3)),
        ("04/2026", (2026, 4)),
        ("Sept '23", (2023, 9)),
    ],
)
def test_a_month_and_year_name_a_month_not_a_day(written: str, month: tuple[int, int]) -> None:
    found = read_date(written, DAY_FIRST, near=SUBMITTED)
    assert found is not None
    assert (found.year, found.month, found.precision) == (*month, Precision.MONTH)


def test_a_two_digit_year_is_never_far_in_the_future() -> None:
    assert read_date("03/07/85", MONTH_FIRST, near=SUBMITTED) == DateRead(1985, 3, 7)
    assert read_date("03/07/26", MONTH_FIRST, near=SUBMITTED) == DateRead(2026, 3, 7)


@pytest.mark.parametrize(
    "written",
    [
        "the feast day",
        "14th",
        "1402/11/05",
        "31/02/2024",
        "13/13/2024",
        "Smarch 2024",
    ],
)
def test_what_cannot_be_read_as_a_plausible_date_is_not_read(written: str) -> None:
    assert read_date(written, DAY_FIRST, near=SUBMITTED) is None
