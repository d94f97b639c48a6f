"""Session 13's speed pass (helper speed20): faster ways to the same answers.

PackedWords is packed in C, whatever order or repeats its words come in; a sentence's case
is read without a loop over its characters when no age-and-sex shorthand can be in it; the
gazetteer's answers are kept for the words notes repeat; a rule's branches are read by
jumping between the characters that shape them. Every answer below is the one the slower
code gave (benchmarks/deid_predictions.py showed every prediction unchanged). Invented text.
"""

from __future__ import annotations

import pytest

from echo_cases.deid.candidates import is_caseless
from echo_cases.deid.gazetteer import known_places
from echo_cases.deid.packed_words import PackedWords
from echo_cases.deid.recognizers.base import _branches

WORDS = ["zaña", "maputo", "", "\ud800x", "nova iguaçu"] + [f"w{i:03d}" for i in range(200)]


@pytest.mark.parametrize(
    "given",
    [
        WORDS,
        tuple(reversed(WORDS)),
        iter(WORDS + WORDS),
        frozenset(WORDS),
    ],
    ids=["list", "reversed tuple", "repeated, one at a time", "frozenset"],
)
def test_words_in_any_order_or_repeated_pack_to_the_same_block(given: object) -> None:
    packed = PackedWords(given)  # type: ignore[arg-type]
    assert packed.state() == PackedWords(sorted(set(WORDS))).state()
    assert set(packed) == set(WORDS)
    assert all(w in packed for w in WORDS)


def test_a_line_break_among_many_words_is_still_refused() -> None:
    with pytest.raises(ValueError, match="line break"):
        PackedWords(iter([*WORDS, "two\nlines"]))


@pytest.mark.parametrize(
    ("sentence", "caseless"),
    [
        ("pt 52F from aromo, family at bedside", True),
        ("kiptoo 71M iten, reviewed at the clinic", True),
        ("PT 52F FROM AROMO, FAMILY AT BEDSIDE", True),
        ("Pt from Aromo, family at bedside", False),
        ("seen by Mwangi at the clinic", False),
        ("pt \u0665\u0662F from aromo, family at bedside", True),  # Arabic-Indic digits
        ("pt 52f from aromo, family at bedside", True),
        ("pt 52F from Aromo, family at bedside", False),
    ],
)
def test_a_sentences_case_is_read_past_an_age_and_sex(sentence: str, caseless: bool) -> None:
    assert is_caseless(sentence) is caseless


@pytest.mark.parametrize(
    ("pattern", "at", "expected"),
    [
        ("a|b|c", 0, ([0, 2, 4], 5)),
        ("a|(?:b|c)|d", 0, ([0, 2, 10], 11)),
        ("[]|]x|y", 0, ([0, 6], 7)),
        ("[^]|]x|y", 0, ([0, 7], 8)),
        ("a\\|b|c", 0, ([0, 5], 6)),
        ("ab\\", 0, ([0], 4)),  # a last backslash: one past the end, as before
        ("(?:b|c)d", 3, ([3, 5], 7)),
        ("(?:b|[|)]c)d", 3, ([3, 5], 11)),
        ("(?:b|c", 3, None),  # unclosed
        ("a|b)", 0, None),  # closes a group it never opened
        ("[[a]]", 0, None),  # a set inside a set is not read
    ],
)
def test_a_rules_branches_are_read_as_before(
    pattern: str, at: int, expected: tuple[list[int], int] | None
) -> None:
    assert _branches(pattern, at) == expected


def test_a_known_place_is_found_again_in_the_next_note() -> None:
    first = "Family lives in Maputo since March."
    again = "Pt returned to maputo today."
    assert [first[s:e] for s, e in known_places(first)] == ["Maputo"]
    assert [again[s:e] for s, e in known_places(again)] == ["maputo"]
    assert [first[s:e] for s, e in known_places(first)] == ["Maputo"]
