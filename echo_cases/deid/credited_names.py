"""Names typed in small letters before a credential: "presenter: cody white, RN",
"- amina yusuf, RN".

A credential after a comma ("RN", "MD", "APRN": data/words/postnominals.txt) says the words
before it are a person's, as a signature or an attendee list writes them; typed in small
letters they have no capital to show it. The name fills its line up to the comma, or the
stretch after a label's colon or a list's dash, so that "pain controlled, RN aware" (no
line of its own) and "plan: family meeting, MD" (no name's words) name nobody. One word at
least must be one a cue would take; the others may be somebody's name that is the clinic's
word too ("white").
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.candidates import (
    _may_be_name,
    _within_one,
    is_clinical_word,
    is_function_word,
    is_very_common_word,
)
from echo_cases.deid.derived import is_person_name
from echo_cases.deid.recognizers.fragments import alternation

_CREDENTIAL = rf"(?:{alternation(w.upper() for w in wordlists.words('postnominals'))})"
# Cheap first: a comma and a credential in capitals, ending its clause.
_GATE = regex.compile(rf",[ \t]*{_CREDENTIAL}(?![\w-])")
_NAMED = regex.compile(
    r"(?m)(?:^|:|^[ \t]*[-\u2013*\u2022])[ \t]*"
    r"(?P<name>\p{Ll}[\p{Ll}\p{M}'\u2019-]*(?:[ \t]+\p{Ll}[\p{Ll}\p{M}'\u2019-]*){1,2})"
    rf"[ \t]*,[ \t]*{_CREDENTIAL}(?![\w-])(?=[ \t]*(?:[,;)(]|$))"
)
_WORD = regex.compile(r"[^ \t]+")


def _of_a_name(word: str) -> bool:
    """A word a name here may hold beside one a cue would take: somebody's name even if it
    is the clinic's word too ("cody white, RN"), or a word neither the clinic's nor very
    common ("gail brook, NP")."""
    if is_function_word(word):
        return False
    if _may_be_name(word, first=True) or is_person_name(word.capitalize()):
        return True
    return not (is_clinical_word(word) or is_very_common_word(word))


def names_before_credentials(
    text: str, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Names of two or three small-letter words before ", RN" and the like, not yet found."""
    if _GATE.search(text) is None:
        return []
    found: list[tuple[int, int]] = []
    for m in _NAMED.finditer(text):
        words = [w.group() for w in _WORD.finditer(m.group("name"))]
        if not (any(_may_be_name(w, first=True) for w in words) and all(map(_of_a_name, words))):
            continue
        span = m.span("name")
        if not _within_one(span, covered):
            found.append(span)
    return found
