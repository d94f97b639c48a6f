"""ICU notes, session 14: what a word is decides, not which word it is.

A model's span in a ward note written in one case, made only of frequent English words
that English never writes as a name (SCOWL writes them only in small letters, and no name
list, Faker locale or gazetteer holds them), is the ward's prose, not a person or place;
a word that is somebody's name somewhere, or a cue before the span, still keeps it.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.derived import is_plain_english_word
from echo_cases.deid.plain_prose import inflected
from echo_cases.deid.recognizers.learned import _words_of_the_ward_alone
from tests.deid.helpers import model_finding
from tests.deid.ward_notes import CAPITALS, SMALL, note


@pytest.fixture(scope="module")
def deid() -> Deidentifier:
    return Deidentifier()


@pytest.mark.parametrize("word", ["opens", "EYES", "hunger", "Leak", "teaching", "bag"])
def test_a_frequent_word_english_never_capitalises_is_plain_english(word: str) -> None:
    assert is_plain_english_word(word)


@pytest.mark.parametrize(
    "word",
    # Somebody's name (a given name, a surname), a word SCOWL capitalises, a town.
    ["rose", "HOPE", "strong", "bishop", "fern", "hunter", "sunday", "boston"],
)
def test_a_word_that_is_a_name_or_a_place_somewhere_is_not_plain_english(word: str) -> None:
    assert not is_plain_english_word(word)


@pytest.mark.parametrize(
    ("template", "line", "phrase"),
    [
        (CAPITALS, "NEURO: SEDATED, WAKES AND LOOKS AROUND WHEN TURNED.", "LOOKS AROUND"),
        (CAPITALS, "RESP: CT TO WATER SEAL, NO AIR LEAK SEEN.", "AIR LEAK"),
        (SMALL, "comfort: pt restless, air hunger at 0300, morphine given.", "air hunger"),
        (SMALL, "skin: heels soft, elbows dry, lotion applied.", "elbows dry"),
    ],
)
def test_a_span_of_plain_english_alone_in_a_ward_note_is_no_name(
    template: str, line: str, phrase: str
) -> None:
    text = note(template, line)
    assert _words_of_the_ward_alone(text, model_finding(text, phrase, "PERSON"))


@pytest.mark.parametrize(
    ("template", "line", "phrase"),
    [
        # a word that is somebody's name among plain ones
        (CAPITALS, "SOCIAL: LOOKS AROUND FOR HOPE WHEN SHE LEAVES.", "HOPE"),
        (SMALL, "social: visit from bishop tonight, pt calmer.", "bishop"),
        # a kinship word before the span
        (SMALL, "social: pt asks for his sister dusty, updated.", "dusty"),
    ],
)
def test_a_name_somewhere_or_a_cue_keeps_the_span(template: str, line: str, phrase: str) -> None:
    text = note(template, line)
    assert not _words_of_the_ward_alone(text, model_finding(text, phrase, "PERSON"))


@pytest.mark.parametrize(
    ("template", "line", "name"),
    [
        (SMALL, "social: spoke with daughter lorna re plan, updated.", "lorna"),
        (CAPITALS, "EVENTS: PAGED DR. OKAFOR FOR SBP 80S, BOLUS GIVEN.", "OKAFOR"),
    ],
)
def test_names_in_a_ward_note_are_still_found(
    deid: Deidentifier, template: str, line: str, name: str
) -> None:
    text = note(template, line)
    start = text.index(name)
    assert any(f.start <= start and f.end >= start + len(name) for f in deid.analyze(text))


@pytest.mark.parametrize(
    ("template", "line", "word"),
    [
        (CAPITALS, "DISPO: KINDRED ACCEPTED PT, BED TOMORROW.", "KINDRED"),
        (SMALL, "dispo: summit called back, accepted for vent wean.", "summit"),
    ],
)
def test_one_plain_word_read_as_a_place_may_be_a_facility_and_stays(
    template: str, line: str, word: str
) -> None:
    text = note(template, line)
    assert not _words_of_the_ward_alone(text, model_finding(text, word, "LOCATION"))


@pytest.mark.parametrize(
    ("template", "line", "word"),
    [
        (CAPITALS, "NEURO: AWAKE, NODDING, FOLLOWS CMDS.", "NODDING"),
        (SMALL, "social: lives alone, widower, son nearby.", "widower"),
    ],
)
def test_one_plain_word_made_by_english_endings_is_no_place(
    template: str, line: str, word: str
) -> None:
    text = note(template, line)
    assert _words_of_the_ward_alone(text, model_finding(text, word, "LOCATION"))


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("nodding", True),
        ("FLUSHED", True),
        ("widower", True),
        ("bases", True),
        ("kindred", False),
        ("SUMMIT", False),
        ("heritage", False),
    ],
)
def test_an_inflection_is_told_by_its_stem(word: str, expected: bool) -> None:
    assert inflected(word) is expected
