"""Everyday words of the languages notes switch into (session 13, helper world19): a carer's
or a community health worker's message in Swahili, Luganda, Hindi, Tamil, Cebuano or
Vietnamese, typed in small letters, holds verbs of asking, being able, running out and
carrying, and words of time and company, that the model read as names and places. In a
note that writes the language (note_languages), they are talk; the names beside them are
still found.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "names", "talk"),
    [
        (
            "habari sister. mzee rashidi amezidiwa usiku, dawa imebaki kidogo sana. mke "
            "wake halima anasema hawezi kumbeba peke yake, tunaomba mtu aje kesho.",
            ["rashidi", "halima"],
            ["imebaki", "kumbeba peke yake, tunaomba mtu aje"],
        ),
        (
            "musawo, jjajja nalwoga akooye nnyo, talya, omubiri gwonna gumuluma. "
            "eddagala liweddewo, tusaba obuyambi.",
            ["nalwoga"],
            ["akooye nnyo, talya, omubiri gwonna gumuluma", "liweddewo, tusaba obuyambi"],
        ),
        (
            "didi, sushila ji ko bahut dard hai, dawai khatam ho gayi. unka beta mahesh "
            "kaam ke liye bahar gaya hai.",
            ["sushila", "mahesh"],
            ["khatam", "kaam ke liye"],
        ),
    ],
)
def test_everyday_words_of_the_note_language_are_talk_beside_the_names(
    deid: Deidentifier, text: str, names: list[str], talk: list[str]
) -> None:
    found = deid.analyze(text)
    for name in names:
        assert uncovered_tokens(text, found, name) == [], name
    for words in talk:
        assert touched_tokens(text, found, words) == [], words
