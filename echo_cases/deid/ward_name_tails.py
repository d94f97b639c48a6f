"""Names in a ward note typed in one case end where the sentence goes on.

In capitals (or small letters) nothing marks where a name ends, and the rules that grow a
name over the next word, the kinship rule and the model all run on into what the person
did: "HUSBAND RAYMOND LEFT 1800", "WIFE INGRID VISITING Q DAY", "DR. HARRINGTON AWARE OF
CT OUTPUT". In a ward note, on a line in one case, a person's span of two words or more
ends before its first later word that is what somebody does on the ward
(data/words/verbs_after_names/, staff_acts.txt: "left", "visiting", "aware", "notified");
a word that is somebody's name somewhere stays ("ROSE MILLER", "JUNE HOLLIS").

Only those lists' words: plain English in general ends no name, since case notes count as
ward notes too and names hold such words ("MARVIN TWO BULLS", "DAWN SKY", "LIM WEI
LING"; tried in session 18, it lost tokens on eleven sets).
"""

from __future__ import annotations

import itertools

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid import wordlists
from echo_cases.deid.candidates import (
    is_function_word,
    is_listed_name,
    is_ward_note,
    lines_are_caseless,
    names_a_facility,
)
from echo_cases.deid.derived import is_person_name, is_plain_english_word
from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.types import EntityType

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'\u2019-]*")
_KINDS_CLOSING_A_NAME = frozenset(w.lower() for w in wordlists.read("kinds_closing_a_name"))
_DOINGS = frozenset(
    w.lower() for w in (*wordlists.words("verbs_after_names"), *wordlists.read("staff_acts"))
)


def _names_a_place(word: str) -> bool:
    return word.lower() in _KINDS_CLOSING_A_NAME or names_a_facility(word)


def _goes_on(word: str) -> bool:
    if is_person_name(word) or is_listed_name(word):
        return False
    return word.lower() in _DOINGS


def _not_a_name(word: str) -> bool:
    return is_plain_english_word(word) or is_function_word(word)


def cut_tails(text: str, start: int, end: int) -> int:
    """The end of the name at ``text[start:end]``: before its first word after the first
    that goes on with the sentence, or ``end``. Not when the first word is a letter ("s
    spouse marguerite": a possessive's piece, other trims' business) nor when a kind of
    place closes it ("MAPLEWOOD REHAB", "BRIGHTON HOUSE NURSING HOME": a facility's)."""
    words = list(_WORD.finditer(text, start, end))
    first = words[0].group() if words else ""
    if len(words) < 2 or len(first) < 2 or _goes_on(first) or _not_a_name(first):
        return end
    if any(_names_a_place(w.group()) for w in words[1:]):
        return end
    for before, word in itertools.pairwise(words):
        if _goes_on(word.group()):
            return before.end()
    return end


def names_without_tails(text: str, results: list[RecognizerResult]) -> None:
    """Cut in place the tails of persons' spans on one-case lines of a ward note."""
    persons = [
        r
        for r in results
        if entity_type_of(r.entity_type) is EntityType.PERSON and " " in text[r.start : r.end]
    ]
    if not persons or not is_ward_note(text):
        return
    for res in persons:
        if lines_are_caseless(text, res.start, res.end):
            res.end = cut_tails(text, res.start, res.end)
