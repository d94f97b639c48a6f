"""Plain English in a ward note: words English never writes as a name, and their
inflections.

``derived.is_plain_english_word`` knows the frequent words SCOWL writes only in small
letters that no name list, Faker locale, gazetteer or eponym holds ("opens", "leak",
"bases"). A model's span of a ward note written in one case and made only of such words,
the clinic's words and function words is the ward's prose. One such word alone may still
be a facility named by an ordinary word ("Kindred", "Summit"), unless it is another plain
word inflected ("NODDING", "bases", "widower").
"""

from __future__ import annotations

import regex

from echo_cases.deid import frequency
from echo_cases.deid.derived import is_plain_english_word, is_rare_english_word

_INFLECTION = regex.compile(r"(?i)(\p{L}{3,}?)(\p{L})?(ing|ed|er|s|es)")


def inflected(word: str) -> bool:
    """ "nodding" (nod), "FLUSHED" (flush), "widower" (widow), "bases" (base): an ending of
    English's inflections on a stem English knows; not "kindred", "summit"."""
    m = _INFLECTION.fullmatch(word)
    if m is None:
        return False
    stem, last = m.group(1), m.group(2) or ""
    stems = {stem + last, stem + last + "e"}
    if last and stem[-1:].lower() == last.lower():
        stems.add(stem)  # a doubled consonant: "nodding", "stopped"
    return any(
        is_plain_english_word(s) or is_rare_english_word(s) or frequency.is_frequent_english_word(s)
        for s in stems
    )


def may_name_a_facility(words: list[str]) -> bool:
    """One plain word, not inflected, may be a facility's name ("KINDRED ACCEPTED PT")."""
    return len(words) == 1 and not inflected(words[0])
