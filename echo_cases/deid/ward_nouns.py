"""Nouns of the ward that name lists also hold: "onc floor", "iv pole", "laps in hall".

"Floor", "Hall", "Pole", "Fall", "Beat" and "Storm" are surnames or given names, so a
span of the model's made of the ward's words and one of them used to stay a name. In a
ward note the noun's neighbours tell it: a clinical word, a number or a place's
preposition before it, or a clinical word after it, makes it the ward's thing. The callers
still refuse a cued one ("dr hall", "wife floor") before they ask.
"""

from __future__ import annotations

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.candidates import is_clinical_word, is_listed_name
from echo_cases.deid.derived import is_person_name

_NOUNS = frozenset(w.lower() for w in wordlists.words("ward_nouns"))
_OPENERS = frozenset(w.lower() for w in wordlists.words("ward_noun_openers"))
# The word right before, on the same line with only blanks between ("iv pole", "in hall";
# not "BOX, FALL": a comma ends what the word before qualifies; nor "w/ pole": a slash's
# shorthand "with" may bring a person).
_WORD_BEFORE = regex.compile(r"(?P<w>[\p{L}\p{N}][\p{L}\p{N}'+.-]*)[ \t]+\Z")
_WORD_AFTER = regex.compile(r"[ \t]+(?P<w>\p{L}[\p{L}'-]*)")


def _the_clinics(word: str) -> bool:
    return is_clinical_word(word) and not (is_person_name(word) or is_listed_name(word))


def a_ward_noun_in_place(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a ward noun where the ward writes one: after a clinical word,
    a number or an opener ("onc floor", "8 beat run", "in hall"), or before a clinical word
    ("floor note", "Fall precautions")."""
    if text[start:end].lower().rstrip(".,:;") not in _NOUNS:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is not None:
        word = before.group("w").rstrip(".")
        if word.lower() in _OPENERS or any(c.isdigit() for c in word) or _the_clinics(word):
            return True
    after = _WORD_AFTER.match(text, end)
    return after is not None and _the_clinics(after.group("w"))
