"""ICU nursing notes: what the model reads as a name, place or number is held to the ward's
conventions (issue 11, session 7; examples written for these tests).

The model's findings are given here as a Doc with entities set by hand, the shape in which
the model hands them over, so that each convention is checked whatever the weights are.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from echo_cases.deid.nlp import entities_of
from echo_cases.deid.recognizers.learned import from_entities
from echo_cases.deid.shorthand import is_heart_rate_by_rhythm

_NLP = spacy.blank("en")


def model_finds(text: str, value: str, label: str) -> list[str]:
    """What survives of the model finding ``value`` (its first occurrence) as ``label``."""
    doc: Doc = _NLP(text)
    start = text.index(value)
    span = doc.char_span(start, start + len(value), label=label)
    assert span is not None, "the value must fall on token boundaries"
    doc.ents = [span]
    return [text[r.start : r.end] for r in from_entities(text, entities_of(doc))]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Access: A-line R radial dampened, flushed.", "dampened"),
        ("Neuro: opens eyes, speech garbled. CV: afib.", "garbled"),
        ("Skin: heels mottled, sacrum intact.", "mottled"),
    ],
)
def test_a_bedside_word_in_small_letters_is_no_persons_name(text: str, value: str) -> None:
    assert model_finds(text, value, "PERSON") == []


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("Social: her grandson teng called.", "teng", "teng"),
        ("Social: wife Gloria reading at bedside.", "Gloria reading", "Gloria"),
        ("Social: son Malcolm visited.", "Malcolm", "Malcolm"),
    ],
)
def test_a_name_written_beside_small_words_stays_a_name(text: str, value: str, name: str) -> None:
    # "teng" is a rarer English word too, but has no suffix of English word-building.
    assert model_finds(text, value, "PERSON") == [name]


def test_a_town_in_small_letters_stays_a_place() -> None:
    text = "Seen at the grundy clinic) last week."
    assert model_finds(text, "grundy clinic", "LOCATION") == ["grundy clinic"]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("CV: ST 100-115, no ectopy.", "ST 100-115", "LOCATION"),
        ("CV: SB 50-60s, no ectopy.", "50-60s", "ID"),
        ("cv: sr 70-80s, sbp 110s.", "70-80s", "ID"),
        ("metoprolol started. hr 60s sb, bp 110s/60s.", "60s sb", "LOCATION"),
    ],
)
def test_a_heart_rate_beside_its_rhythm_is_a_value(text: str, value: str, label: str) -> None:
    assert model_finds(text, value, label) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sr 45 Elm Road, Leeds", "45"),  # a single number: a house, an age
        ("St 12-14 Chapel Lane", "12-14"),  # no heart beats so slowly
        ("Seen on 12/03 by SR", "12/03"),
    ],
)
def test_numbers_beside_a_title_or_street_word_are_not_heart_rates(text: str, value: str) -> None:
    start = text.index(value)
    assert not is_heart_rate_by_rhythm(text, start, start + len(value))


def test_a_participle_in_small_letters_is_no_place_but_a_gerund_town_stays() -> None:
    assert model_finds("GI: abd soft, distended, midline.", "distended", "LOCATION") == []
    text = "Lives in ealing with her son."
    assert model_finds(text, "ealing", "LOCATION") == ["ealing"]


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Resp: intubated. AC 450x20, PEEP 12, FiO2 1.0.", "AC 450x20", "LOCATION"),
        ("Resp: on cmv 500 x 16, peep 5.", "500 x 16", "ID"),
        ("Hypoxemia: pt on 100% NRB on arrival.", "100", "AGE"),
    ],
)
def test_a_ventilator_setting_or_a_share_is_no_identifier(
    text: str, value: str, label: str
) -> None:
    assert model_finds(text, value, label) == []


def test_a_number_beside_a_setting_shaped_word_that_is_no_mode_stays() -> None:
    text = "Patient ID 450x20 on the wristband."
    assert model_finds(text, "450x20", "ID") == ["450x20"]
