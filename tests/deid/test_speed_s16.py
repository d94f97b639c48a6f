"""Session 16, helper gate25: a rule whose pattern folds case fully (it holds a character
full case folding turns into several, as the CLDR strong months hold "μαΐου") is screened
by the words it needs too, met with the text's words as the pattern meets them, folded
fully; it finds what it found before in every text."""

from __future__ import annotations

import dataclasses

import pytest

from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.base import RuleRecognizer, folded_words, matches, rule


def _found(text: str, r: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches(text, r)]  # type: ignore[arg-type]


def test_full_folding_needs_the_ascii_spelling_it_folds_to() -> None:
    # "ß" folds to "ss"; "ΐ" folds to three characters, none in ASCII: nothing to add.
    assert folded_words(("Straße", "Μαΐου")) == {"straße", "strasse", "μαΐου"}


# The number first: a rule whose pattern opens with a word is tried only where its opening
# words start (``Rule.opens``), which full folding is not read into (session 16's leads).
_STREET = rule("ADDRESS", r"\d+[ \t]+Straße(?!\w)", 0.9, ignore_case=True, needs=("Straße",))


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("5 STRASSE", [(0, 9)]),
        ("5 strasse, 7 Straße", [(0, 9), (11, 19)]),
        # The capital sharp s (U+1E9E) folds to "ss" as well, and a word beyond ASCII is
        # met by full folding even in a text that holds a character folding into several.
        ("Müller, 12 STRA\u1e9eE", [(8, 17)]),
        ("Müller, 12 Hauptweg", []),
        ("nothing here but 12", []),
    ],
)
def test_a_fully_folding_rule_finds_what_it_found_without_its_screen(
    text: str, spans: list[tuple[int, int]]
) -> None:
    assert _STREET.needs_folds_fully
    unscreened = dataclasses.replace(_STREET, needs=None)
    assert _found(text, _STREET) == _found(text, unscreened) == spans


def _strong_month_rules() -> list[object]:
    return [
        r
        for recognizer in build_rule_recognizers()
        if isinstance(recognizer, RuleRecognizer)
        for r in recognizer.rules
        if r.needs_folds_fully and r.needs is not None
    ]


def test_the_cldr_strong_month_rule_is_screened() -> None:
    # Its list holds "μαΐου": before, a rule folding fully went without a screen, and was
    # searched on every line with a number of every note.
    assert any("μαΐου" in r.needs for r in _strong_month_rules())  # type: ignore[attr-defined]


# Invented dates with a strong month of several languages, "ΐ" composed and decomposed,
# and lines the screen must skip, in every casing.
_LINES = (
    "Βιοψία 15 Μαΐου 2024, επανέλεγχος 2 Μαρτίου 2025",
    "Βιοψία 15 \u03bc\u03b1\u03b9\u0308\u0301\u03bf\u03c5 2024",
    "seen 12 stycznia 2024 and 2016. máj. 3 and 7 d'agost 2015",
    "Straße 5, 14 März 2023, 3 września 2022",
    "Biyopsi 12 Kas\u0131m 2023, kontrol 3 May\u0131s 2024",
    "BP 120/80 at 14:00, 2 tabs, wt 70 kg",
)


@pytest.mark.parametrize("casing", ["as written", "lower", "upper"])
def test_the_screened_month_rule_finds_what_it_would_without(casing: str) -> None:
    for line in _LINES:
        text = {"as written": line, "lower": line.lower(), "upper": line.upper()}[casing]
        for r in _strong_month_rules():
            unscreened = dataclasses.replace(r, needs=None)  # type: ignore[type-var]
            assert _found(text, r) == _found(text, unscreened), text
