"""A list of words is written as a tree of their common beginnings (fragments.alternation):
it matches what the words written out one by one match, longest first, whether the pattern
heeds case or folds it simply; a pattern that folds case fully is compiled as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

import echo_cases.deid  # noqa: F401  (builds every pattern, and so every tree)
from echo_cases.deid.recognizers import fragments
from echo_cases.deid.recognizers.fragments import alternation, as_written, plain_alternation

DEV = Path(__file__).parent / "data" / "dev.jsonl"
# As the patterns use them: case heeded (VERSION0, VERSION1), simple case folding
# (keep.py's and candidates' "(?i)", the rules' "(?-f)" with ignore_case).
MODES = [
    ("", regex.VERSION0),
    ("", regex.VERSION1),
    ("(?i)", regex.VERSION0),
    ("(?-f)(?i)", regex.VERSION1),
]


def _texts(words: list[str]) -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        dev = [json.loads(line)["text"] for line in fh if line.strip()][:15]
    listed = " | ".join(words[:300])
    return [*dev, listed, listed.upper(), listed.lower(), listed.title()]


def _spans(pattern: str, flags: int, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.compile(pattern, flags).finditer(text)]


@pytest.mark.parametrize("tree", sorted(fragments._WORDS_OF_TREE))
def test_a_tree_matches_what_its_words_match(tree: str) -> None:
    words = fragments._WORDS_OF_TREE[tree]
    plain = plain_alternation(words)
    for prefix, flags in MODES:
        for text in _texts(words):
            assert _spans(prefix + tree, flags, text) == _spans(prefix + plain, flags, text)


def test_the_longest_word_is_found_first() -> None:
    tree = alternation(["New", "New Mexico", "Newark", "Nevada", "Ne"])
    assert tree == r"(?:Ne(?:w(?:\ Mexico|ark)?|vada)?)"
    found = regex.compile(rf"{tree}(?: Mexico)?\b").findall("New Mexico, Newark, Nev")
    assert found == ["New Mexico", "Newark"]


def test_letters_of_one_case_are_written_out_below_their_branch() -> None:
    # "r" and "R" may both match a text that ignores case: the words after "D" are listed.
    tree = alternation(["Dr", "DR", "Drs", "Doctor"])
    assert tree == "(?:D(?:octor|rs|R|r))"
    assert regex.compile(f"(?i){tree}").findall("drs DR dOCTOR") == ["drs", "DR", "dOCTOR"]


def test_a_list_with_a_letter_that_folds_to_several_is_written_out() -> None:
    assert alternation(["Straße", "Strasse", "Strand"]) == plain_alternation(
        ["Straße", "Strasse", "Strand"]
    )


def test_no_branch_parts_what_one_letter_may_match() -> None:
    # "ﬁ" matches "FI" by full case folding: no branch between "F" and "I".
    tree = alternation(["Fagerstrom", "FIGO", "Fuhrman"])
    assert "F(?:" not in tree


def test_full_case_folding_compiles_the_words_written_out() -> None:
    outer = alternation(["cda", "cde", "c"])
    inner = alternation(["da", "de"])
    assert outer == "(?:c(?:d(?:a|e))?)"  # holds the tree of the inner list
    written = as_written(f"x{outer}y{inner}")
    assert written == f"x{plain_alternation(['cda', 'cde', 'c'])}y{plain_alternation(['da', 'de'])}"
    score = as_written(f"(?i){alternation(['Fagerstrom', 'FIGO', 'Fuhrman', 'Gleason'])}")
    assert regex.compile(score, regex.VERSION1).fullmatch("\ufb01go")
