"""The place of a letter's dateline: "Abidjan, le 19 novembre 2024".

A letter opens, or closes, with the place it was written in and the date, alone on their
line; the place is the writer's town, and the date finders take only the date. On a line
that holds only up to three words, a comma, the words that join a place to a date
(data/words/dateline_joins/: "le", "den", "em") and a date found, the words are the
place, when they are a known town or none of them is an ordinary or clinical word
or English ("Tuesday, 19 November 2024" and "Signed, 19/11/2024" are no places). Each test reads the
line of a date already found.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid import wordlists
from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.types import EntityType

Span = tuple[int, int]

_WORD = r"\p{L}[\p{L}\p{M}'\u2019.-]*"
_PLACE_THEN_COMMA = regex.compile(
    rf"(?:^|(?<=\n))[ \t]*(?P<place>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]*,[ \t]*"
    rf"(?:(?i:{alternation(wordlists.words('dateline_joins'))})[ \t]+)?\Z"
)
_LINE_ENDS = regex.compile(r"[ \t.]*(?:\n|\Z)")
_LOOK_BACK = 60


def dateline_places(text: str, results: list[RecognizerResult]) -> list[Span]:
    """The places written before a date that ends its line, as a dateline writes them."""
    from echo_cases.deid.candidates import is_clinical_word
    from echo_cases.deid.derived import is_plain_english_word
    from echo_cases.deid.gazetteer import is_known_place
    from echo_cases.deid.plain_prose import inflected
    from echo_cases.deid.vocabulary import is_known_word

    found: list[Span] = []
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.DATE:
            continue
        if _LINE_ENDS.match(text, res.end) is None:
            continue
        line = _PLACE_THEN_COMMA.search(text, max(0, res.start - _LOOK_BACK), res.start)
        if line is None:
            continue
        place = line.group("place")
        words = place.split()
        if is_known_place(place) or not any(
            is_known_word(w) or is_clinical_word(w) or is_plain_english_word(w) or inflected(w)
            for w in words
        ):
            found.append((line.start("place"), line.end("place")))
    return found
