"""Facilities' names the finders split: at the word for "and", or after a title.

Finders stop at a function word, so a name such as a Turkish training and research
hospital's ("... Eğitim ve ... Hastanesi"), "Institut za onkologiju i radiologiju Srbije"
or "hospital Ruiz y Páez" is
found as two places with the conjunction left between them, and the conjunction is the
name's word an expert reads. Two places or names one conjunction apart
(data/words/facility_name_conjunctions/), exactly one of which names a facility, are one
name; two facilities named in a row ("Aga Khan Hospital and Nairobi Hospital") keep their
own, and a person read after a title is no half of one.

A facility named for a person gives the person's title after its head ("Hospital Dr.
Hernán Henríquez Aravena", "UBS Dr. José Rayol dos Santos"): the name finders take the
person and leave the head and the title, which then read "a hospital of a doctor" beside
a redacted name. A person found right after a facility's head and such a title
(data/words/titles_in_facility_names.txt) is the facility, head and title with it; the
head capitalised as a name's is, or the whole in small letters ("the hospital Dr Smith
called" is prose).

Each test reads the few characters beside spans already found.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.candidates import names_a_facility
from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.types import EntityType

_BETWEEN = regex.compile(
    rf"[ \t]+(?i:{alternation(wordlists.words('facility_name_conjunctions'))})[ \t]+"
)

_HEADS = (
    *lexicon.FACILITY_HEADS_FIRST,
    *wordlists.words("generic_facility_acronyms"),
)
_HEAD_AND_TITLE = regex.compile(
    rf"(?<![\w-])(?i:{alternation(_HEADS)})[ \t]+"
    rf"(?i:{alternation(wordlists.words('titles_in_facility_names'))})\.?[ \t]+\Z"
)
_LOOK_BACK = 40
# A person found at this score or above was read after a cue (a title, a label).
_CUED = 0.85


def join_facility_halves(text: str, results: list[RecognizerResult]) -> None:
    """Grow the first half of each split facility's name over the conjunction and the
    second half (the merge then unites the two findings). Either half may have been found
    as a person ("hospital Ruiz y Páez": a hospital named for two men)."""
    named = [
        r
        for r in results
        if entity_type_of(r.entity_type) in (EntityType.LOCATION, EntityType.PERSON)
    ]
    by_start: dict[int, list[RecognizerResult]] = {}
    for res in named:
        by_start.setdefault(res.start, []).append(res)
    for first in named:
        between = _BETWEEN.match(text, first.end)
        if between is None:
            continue
        for second in by_start.get(between.end(), ()):
            if _one_facility(first, second, text):
                first.end = second.end
                break


def _one_facility(first: RecognizerResult, second: RecognizerResult, text: str) -> bool:
    """Exactly one of the two names a facility; neither is a person read after a cue (a
    title, a label: "Dr Aung and Mya Hospital" are a doctor and a hospital). A person
    judged or spread by the model or by propagation may be either half: a text in capitals
    spreads a name's words over a facility's ("KIRSEHIR EGITIM VE ARASTIRMA HASTANESI")."""
    halves = (first, second)
    facilities = [r for r in halves if names_a_facility(text[r.start : r.end])]
    return len(facilities) == 1 and not any(
        entity_type_of(r.entity_type) is EntityType.PERSON and r.score >= _CUED for r in halves
    )


def facilities_named_for_titled_people(text: str, results: list[RecognizerResult]) -> None:
    """Each person found right after a facility's head and a title becomes the facility
    ("UBS Dr. José Rayol dos Santos")."""
    for res in results:
        if entity_type_of(res.entity_type) is not EntityType.PERSON:
            continue
        head = _HEAD_AND_TITLE.search(text, max(0, res.start - _LOOK_BACK), res.start)
        # A name's head is capitalised as the name is ("Hospital Dr. ..."), in small
        # letters only where the name is too; "the hospital Dr Smith called" is prose.
        if head is not None and (
            head.group()[0].isupper() or not any(c.isupper() for c in text[res.start : res.end])
        ):
            res.start, res.entity_type = head.start(), "FACILITY"
