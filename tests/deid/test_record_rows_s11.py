"""A patient's name opening a record's row (session 11): the surname in capitals, a comma,
the given names in any case, then the row's next cell after a bar (a date or a number) or
the age and sex in brackets, as lists of patients and discharge headers paste them under a
heading that may itself be a facility's name; and a form's name field written without its
colon, its value in capitals.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "DISCHARGE SUMMARY - Mater Misericordiae Hospital\nQUINLAVAN, Orna | 22-04-1958 | MM40",
            "QUINLAVAN, Orna",
        ),
        (
            "ADMISSIONS - Rural Health Centre\nTEMBO, CHISOMO GRACE | 1/2/1977 | RH8812",
            "TEMBO, CHISOMO GRACE",
        ),
        ("MDT LIST 4-9-21\nRANA, DEV KUMAR (71/M, reg 55102): rectal ca", "RANA, DEV KUMAR"),
        ("  SOARES, Inês Maria | 1964-10-30", "SOARES, Inês Maria"),
    ],
)
def test_a_surname_in_capitals_opening_a_record_row_is_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("LEFT, Breast | 2 cm mass at 3 o'clock", "LEFT, Breast"),
        ("ECHO, Normal (55/F seen in clinic)", "ECHO, Normal"),
        # A clause's ordinary word in capitals before the comma: the row's first cell.
        ("REVIEWED, Stable | 12 hourly obs", "REVIEWED, Stable"),
    ],
)
def test_a_finding_s_row_or_a_clause_is_no_name(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Transfer approved. Account holder SALMA RASHID AL-BALUSHI.", "SALMA RASHID AL-BALUSHI"),
        ("Cardholder name TRAN THI MAI, expiry 09/28.", "TRAN THI MAI"),
        ("Visa form: surname HOSSEINI; given names MARYAM SADAT.", "HOSSEINI"),
    ],
)
def test_a_name_field_without_its_colon_takes_a_value_in_capitals(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Surname UNKNOWN. Given names NOT RECORDED.", "UNKNOWN"),
        ("The account holder HAS NOT REPLIED.", "HAS NOT REPLIED"),
        ("Please write your family name IN CAPITALS.", "IN CAPITALS"),
    ],
)
def test_ordinary_words_in_capitals_after_a_name_field_are_no_name(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []
