"""Names the model ran on into the sentence around them (session 13, round 2, helper
world20). In a note that switches into Swahili, Luganda, Pidgin or Hindi, typed in small
letters, the model reads a name with the words after it ("kahindi amezidiwa usiku": has
worsened at night) as one person. The tail is cut at its first plain word (nobody's name,
on the hand list of the note's everyday words) when all after it is talk too, even words
of those lists that are somebody's name somewhere ("usiku", night); a span of such words
with a plain one among them is a sentence ("niko na yeye sasa"). Names stay found, a tail
of names with no plain word ("juma baraka") stays a name, and English words are not cut:
a facility the model read as a person is made of them.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.note_languages import is_listed_talk, without_plain_edges
from tests.deid.helpers import touched_tokens, uncovered_tokens

SWAHILI = (
    "habari daktari. mzee chaurembo amezidiwa usiku, maumivu makali ya tumbo, dawa "
    "imebaki kidogo sana. mke wake zuhura anasema hawezi kumbeba peke yake. niko na "
    "yeye sasa hivi, tunaomba mtu aje kesho asubuhi."
)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _cut(text: str, words: str) -> str:
    start, end = without_plain_edges(text, *_span(text, words))
    return text[start:end]


@pytest.mark.parametrize(
    ("words", "name"),
    [
        # A verb nobody is named for, then a word of the list that is a name somewhere.
        ("chaurembo amezidiwa usiku", "chaurembo"),
        ("zuhura anasema", "zuhura"),
    ],
)
def test_a_name_loses_the_sentence_after_it(words: str, name: str) -> None:
    assert _cut(SWAHILI, words) == name


def test_english_words_are_not_cut_they_may_name_a_facility() -> None:
    # "medical", "centre": a facility the model read as a person keeps its words.
    text = SWAHILI + " alipelekwa mwangaza medical centre jana."
    assert _cut(text, "mwangaza medical centre") == "mwangaza medical centre"


@pytest.mark.parametrize(
    "words",
    [
        # Names somewhere, and no plain word among them: two people, or one.
        "zuhura baraka",
        "chaurembo neema",
    ],
)
def test_a_tail_of_names_stays(words: str) -> None:
    text = SWAHILI + " watoto wake ni " + words + "."
    assert _cut(text, words) == words


def test_a_note_in_english_alone_is_left_as_the_model_read_it() -> None:
    text = "Seen today. Her son kato went home after the review; plan unchanged."
    assert _cut(text, "kato went") == "kato went"


def test_listed_words_with_a_plain_one_are_a_sentence() -> None:
    assert is_listed_talk(SWAHILI, *_span(SWAHILI, "niko na yeye sasa"))
    # A name of the list alone, or with no plain word beside it, is not.
    assert not is_listed_talk(SWAHILI, *_span(SWAHILI, "niko"))
    text = SWAHILI + " dada nina atakuja."
    assert not is_listed_talk(text, *_span(text, "dada nina"))


def test_the_note_is_read_with_its_names_and_without_its_talk(deid: Deidentifier) -> None:
    text = "chv message mtwapa\n" + SWAHILI + " chv mwanaisha 0722 415 903"
    found = deid.analyze(text)
    for name in ("mtwapa", "chaurembo", "zuhura", "mwanaisha", "0722 415 903"):
        assert uncovered_tokens(text, found, name) == [], name
    for words in ("amezidiwa usiku", "niko na yeye sasa"):
        assert touched_tokens(text, found, words) == [], words
