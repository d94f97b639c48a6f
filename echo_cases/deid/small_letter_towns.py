"""The town after a street found, on a line typed all in small letters.

Mail is addressed with the town after the street on one line ("Schillerstraße 8, 10625
Berlin", "vul. Khreshchatyk 22, Kyiv."); in mixed case the town's capitals mark where it
starts and ends (analyzer.py). Typed on a phone in small letters ("schillerstraße 8, 10625
berlin.") the capitals are gone and those rules stand aside, so the town leaked though the
street was found. What is left to tell the town by:

* *After a postcode*: a street, a comma and a postcode are followed by the town in every
  country that writes the postcode first; the town is the words up to the end of the clause
  or of the line (at most three), none of them a word no town is made of.
* *Ending the clause right after the street's number*, with no postcode ("..., 22, kyiv."):
  the shape alone is weak in small letters ("rua x 12, thanks."), so the words must also be
  a known town (the gazetteer) or words no language writes very often, nor the clinic's.

A country or first-level region is kept (Safe Harbor), as in mixed case.
"""

from __future__ import annotations

import regex

from echo_cases.deid import lexicon
from echo_cases.deid.candidates import (
    is_clinical_word,
    is_function_word,
    lines_are_caseless,
)
from echo_cases.deid.frequency import is_very_common_word
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.keep import names_a_region
from echo_cases.deid.recognizers.fragments import PARTICLE

_WORD = r"\p{Ll}[\p{Ll}\p{M}'\u2019-]+"
# Up to three words, the fewest that reach the end of the clause or the line.
_TOWN = rf"(?P<town>{_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{_WORD}){{0,2}}?)"
_CLAUSE_END = r"(?=[ \t]*(?:[,.;)|\n]|\Z))"
_POSTCODE_AND_TOWN = regex.compile(
    rf"[ \t]*,[ \t]*(?P<code>\d{{3,5}}(?:[- ]\d{{2,4}})?)[ \t]+{_TOWN}{_CLAUSE_END}"
)
_TOWN_ENDING_THE_CLAUSE = regex.compile(rf"[ \t]*,[ \t]*{_TOWN}(?=[ \t]*(?:[.;)\n]|\Z))")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _may_be_a_town(words: list[str]) -> bool:
    """No word of the town is a function word, a month, a weekday or the clinic's word
    ("10625 berlin" yes; "2019 in march", "22, biopsy." no)."""
    return not any(
        is_function_word(w) or w in lexicon.MONTH_WORDS or is_clinical_word(w) for w in words
    )


def _known_or_uncommon_town(town: str) -> bool:
    # "kyiv" is frequent in English news, so no unknown word, yet far from the everyday
    # words a message ends on ("..., 12, thanks.", "..., 4, ok.").
    return is_known_place(town) or not any(is_very_common_word(w) for w in town.split())


def towns_after_small_letter_streets(
    text: str, streets: list[tuple[int, int, bool]]
) -> list[tuple[str, int, int]]:
    """("ZIP" | "CITY", start, end) for the postcode and town after each street.

    ``streets`` holds each street's span and whether its last character is a house
    number (only then may a town follow it without a postcode).
    """
    found: list[tuple[str, int, int]] = []
    for start, end, numbered in streets:
        if not lines_are_caseless(text, start, end) or not text[start:end].islower():
            continue
        line = _POSTCODE_AND_TOWN.match(text, end)
        if line is not None:
            town = line.group("town")
            year_like = _YEAR.fullmatch(line.group("code"))
            if year_like or names_a_region(town) or not _may_be_a_town(town.split()):
                continue
            found += [("ZIP", *line.span("code")), ("CITY", *line.span("town"))]
            continue
        if not numbered:
            continue
        line = _TOWN_ENDING_THE_CLAUSE.match(text, end)
        if line is None:
            continue
        town = line.group("town")
        if names_a_region(town) or not _may_be_a_town(town.split()):
            continue
        if _known_or_uncommon_town(town):
            found.append(("CITY", *line.span("town")))
    return found
