"""Ward notes, session 13 (round 2): nouns of the ward that name lists hold too ("floor",
"hall", "pole", "beat") are the ward's in a ward's position; a name the model ran on into
what the person did ends before the verb; a dose whose unit is in capitals is no code.
Cued names stay found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.recognizers.ids import _a_unit_after
from echo_cases.deid.recognizers.learned import _cut_before_a_verb, _words_of_the_ward_alone
from echo_cases.deid.ward_nouns import a_ward_noun_in_place
from tests.deid.helpers import model_finding
from tests.deid.ward_notes import CAPITALS, MIXED, SMALL, note


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


@pytest.mark.parametrize(
    ("template", "line", "phrase"),
    [
        (SMALL, "plan: onc floor in am if stable.", "onc floor"),
        (SMALL, "activity: walked 4 laps in hall w/ rn.", "hall"),
        (SMALL, "lines: piv x2, amb w/ iv pole.", "iv pole"),
        (CAPITALS, "TELE: SR WITH 6 BEAT RUN VT, ASYMPTOMATIC.", "6 BEAT"),
        (CAPITALS, "PLAN: TRANSFER TO ORTHO FLOOR IF STABLE.", "ORTHO FLOOR"),
        (MIXED, "Plan: Onc floor in am.", "Onc floor"),
    ],
)
def test_a_ward_noun_in_its_place_is_the_wards(template: str, line: str, phrase: str) -> None:
    text = note(template, line)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase))


@pytest.mark.parametrize(
    ("template", "line", "phrase"),
    [
        (SMALL, "social: wife floor at bs, updated.", "floor"),  # after a kinship word
        (SMALL, "plan: dr hall aware of uop.", "hall"),  # after a title
        (CAPITALS, "SOCIAL: DAUGHTER STORM CALLED, UPDATED.", "STORM"),
        (SMALL, "events: seen by hall, no new orders.", "hall"),  # "by": a person
    ],
)
def test_a_ward_noun_cued_or_out_of_place_stays_a_name(
    template: str, line: str, phrase: str
) -> None:
    text = note(template, line)
    assert not _words_of_the_ward_alone(text, model_finding(text, phrase))


def test_a_ward_noun_needs_a_neighbour_of_the_ward() -> None:
    text = "events: seen by hall, spoke w/ pole re: plan."
    for word in ("hall", "pole"):
        start = text.index(word)
        assert not a_ward_noun_in_place(text, start, start + len(word))
    text = "amb w/ iv pole, floor note given."
    for word in ("pole", "floor"):
        start = text.index(word)
        assert a_ward_noun_in_place(text, start, start + len(word))


@pytest.mark.parametrize(
    ("text", "phrase", "name"),
    [
        ("daughter tallulah brought home cpap", "tallulah brought", "tallulah"),
        ("WIFE FLORENCE VISITING DAILY.", "FLORENCE VISITING DAILY", "FLORENCE"),
        ("son oswin called x2, updated.", "oswin called x2", "oswin"),
    ],
)
def test_a_name_ends_before_the_verb_the_model_ran_it_into(
    text: str, phrase: str, name: str
) -> None:
    start = text.index(phrase)
    assert text[start : _cut_before_a_verb(text, start, start + len(phrase))] == name


def test_a_second_name_after_the_verb_keeps_the_span() -> None:
    text = "wife ingrid called Marisol Quenby re: plan"
    phrase = "ingrid called Marisol Quenby"
    start = text.index(phrase)
    assert _cut_before_a_verb(text, start, start + len(phrase)) == start + len(phrase)


def test_the_relative_stays_found_without_the_verb(deid: Deidentifier) -> None:
    text = note(SMALL, "social: daughter tallulah brought home cpap, rt to check.")
    found = {text[f.start : f.end] for f in deid.analyze(text)}
    assert "tallulah" in found
    assert not any("brought" in f for f in found)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("ACTION: NS 500 CC BOLUS X2.", True),
        ("KCL 40 MEQ IV GIVEN.", True),
        ("REF: HKB 2041 CC: DR ADEYEMI", False),  # a copy in a letter's head
        ("MRN QJT 55012 D", False),  # one letter may be a code's
    ],
)
def test_a_unit_in_capitals_after_a_number_makes_it_a_dose(text: str, unit: bool) -> None:
    number = next(w for w in text.split() if w.isdigit())
    assert _a_unit_after(text, text.index(number) + len(number)) is unit


def test_a_bolus_in_capitals_is_no_identifier(deid: Deidentifier) -> None:
    text = note(CAPITALS, "ACTION: NS 500 CC BOLUS X2, MD AWARE.")
    assert not any("500" in text[f.start : f.end] for f in deid.analyze(text))
