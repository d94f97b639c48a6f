"""Session 15, helper speedA: a rule that needs a word of a list (``rule(needs=...)``) is
not searched in a text that holds none of them (its words beyond ASCII met as the rule
ignores case), and finds what it found before in every other text."""

from __future__ import annotations

import dataclasses

import pytest

from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.base import RuleRecognizer, matches, needed_words, rule

_MONTHS = ("March", "Sept.", "tishreen al-awwal")
_DAY_BEFORE_MONTH = rule(
    "DATE",
    r"(?<![\w-])\d{1,2}[ \t]+(?:March|Sept\.|tishreen al-awwal)(?![\w-])",
    0.9,
    ignore_case=True,
    needs=_MONTHS,
)


def test_the_needed_words_are_the_first_words_of_the_entries_in_small_letters() -> None:
    assert needed_words(_MONTHS) == {"march", "sept", "tishreen"}


def test_an_entry_that_opens_with_no_word_cannot_be_needed() -> None:
    with pytest.raises(ValueError, match="opens with no word"):
        needed_words(("March", "#ward"))


def test_a_word_ignoring_case_may_match_in_ascii_is_needed_in_its_ascii_spelling_too() -> None:
    # The long s matches "s" when case is ignored, but stays itself in small letters:
    # "\u017feptember" matches "september", a word the screen must know it needs.
    assert needed_words(("\u017feptember",)) == {"\u017feptember", "september"}
    # The dotless i (U+0131) has "I" as its capital: the Turkish month in capitals, "KASIM",
    # is "kasim" in small letters.
    assert needed_words(("Kas\u0131m",)) == {"kas\u0131m", "kasim"}
    # The Kelvin sign is "k" in small letters already: "kislev" is needed, as it should be.
    assert needed_words(("\u212aislev",)) == {"kislev"}


def _found(text: str, r: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches(text, r)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("seen 14 march, then 3 SEPT. and 2 Tishreen al-Awwal", [(5, 13), (20, 27), (32, 51)]),
        ("seen 14 marching bands on 3 Sept. again", [(26, 33)]),
        ("seen on 14/3 and 2 Juni: nothing to find", []),
        # A word beyond ASCII is met as the rule ignores case; "March" is needed here.
        ("Müller seen 14 March", [(12, 20)]),
    ],
)
def test_a_rule_finds_what_it_found_without_its_needed_words(
    text: str, spans: list[tuple[int, int]]
) -> None:
    unscreened = dataclasses.replace(_DAY_BEFORE_MONTH, needs=None)
    assert _found(text, _DAY_BEFORE_MONTH) == _found(text, unscreened) == spans


# Invented lines in the shapes of the rules given needed words (dates by month name in
# several languages and calendars, weekdays, street words before a name, facility heads,
# a place before its region), in every casing.
_SHAPES = (
    "Biopsy on 14 March 2024; seen March 15th, reviewed 3rd of April.",
    "DOB 3 Jan. 1950, last visit 12-Feb-24, next Tuesday 16th at 9.",
    "biopsy february 19, seen 8 apr, Enero 12, 2024 and dic 2017.",
    "Nació el 15 de julio de 2020; consulta 12 mars 2021, maio de 2025.",
    "seen 12 stycznia 2024 and 2016. máj. 3 and 7 d'agost 2015",
    "ngày 27 tháng 3 năm 2021, ika-5 ng Oktubre 2023",
    "Lives at ul. Piotrkowska 104/6, then Calle Mayor 9 and Str. Mihai Eminescu nr. 5.",
    "Referred to Kenyatta National Hospital from St. Mary's Mission Hospital.",
    "Moved from Leesberg, Oklahoma to Jaunpur, India; family in Kisumu, Kenya.",
    "Meskerem 28, 2017 E.C. and the 1st day of August 2025, fifth December.",
    "Straße 5, 14 März 2023, ﬁrst seen 2 Oct 2022",
    "nothing here but 12/3 and 4-5 and BP 120/80",
    # Turkish months with a dotless i: "12 KASIM 2023" in capitals is all ASCII.
    "Biyopsi 12 Kas\u0131m 2023, kontrol 3 May\u0131s 2024",
)


def _rules_with_needed_words() -> list[tuple[str, object]]:
    return [
        (f"{recognizer.name}[{i}]", r)
        for recognizer in build_rule_recognizers()
        if isinstance(recognizer, RuleRecognizer)
        for i, r in enumerate(recognizer.rules)
        if r.needs is not None
    ]


def test_the_month_street_facility_and_region_rules_need_words() -> None:
    names = {name.split("[")[0] for name, _ in _rules_with_needed_words()}
    assert {"EchoDateRecognizer", "EchoLocationRecognizer"} <= names


@pytest.mark.parametrize("casing", ["as written", "lower", "upper"])
def test_every_rule_with_needed_words_finds_what_it_would_without(casing: str) -> None:
    for line in _SHAPES:
        text = {"as written": line, "lower": line.lower(), "upper": line.upper()}[casing]
        for name, r in _rules_with_needed_words():
            unscreened = dataclasses.replace(r, needs=None)  # type: ignore[type-var]
            assert _found(text, r) == _found(text, unscreened), (name, text)


def test_words_beyond_ascii_are_met_as_the_rule_ignores_case() -> None:
    r = rule(
        "DATE",
        r"(?<!\w)\d{1,2}\.?[ \t]+(?:März|Mai)(?!\w)",
        0.9,
        ignore_case=True,
        needs=("März", "Mai"),
    )
    assert r.needs == {"märz", "mai"}
    assert _found("Müller, seen 14. MÄRZ", r) == [(13, 21)]
    assert _found("Müller, seen on 14/3", r) == []


def test_a_pattern_that_folds_case_fully_is_screened_by_full_folding() -> None:
    # Ignoring case fully, "Straße" matches "STRASSE": the screen needs "strasse" too, and
    # meets the text's other words folding fully (session 16, tests/deid/test_speed_s16.py).
    r = rule("ADDRESS", r"Straße[ \t]+\d+", 0.9, ignore_case=True, needs=("Straße",))
    assert r.needs == {"straße", "strasse"}
    assert _found("STRASSE 5", r) == [(0, 9)]
