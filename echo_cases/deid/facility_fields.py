"""The value of a form's field for a facility, whatever words make it.

"Facility: National Center of Oncology and Hematology, Bishkek", "hospital: oncology
teaching hospital, medical city", "FACILITY: NATIONAL REFERRAL HOSPITAL, HONIARA": a field
labelled for the facility (data/words/facility_labels/) holds the facility's own name, even
one made only of ordinary words, in any case, and with its head word ("Center") anywhere in
it. The other facility rules need a word that is no ordinary word, or capitals, or the head
last; the label is the cue here. The value ends at a comma, a semicolon, a bracket or the
line's end (the town after the comma is the location rules' business).

Two words are not enough ("Facility: Oncology Clinic" names a service every hospital has),
so, as for capitalised fields (locations._fills_a_facility_field), three words or more, one
of them a facility's head word, and none of them a word of a sentence ("Hospital: was
admitted to the district hospital" is no name).
"""

from __future__ import annotations

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import wordlists
from echo_cases.deid.recognizers.base import cue


def _head_words() -> frozenset[str]:
    """One word of each head: the last of a head written after the name ("Teaching
    Hospital" -> hospital), the first of one written before it ("Centre de Santé" -> centre)."""
    last = {h.split()[-1].lower() for h in wordlists.words("facility_heads_last")}
    first = {h.split()[0].lower() for h in wordlists.words("facility_heads_first")}
    weak = set(wordlists.words("facility_field_weak_heads"))
    return frozenset(w for w in last | first if len(w) > 3 and w not in weak)


_HEADS = _head_words()
# Words that join a facility's name and are no sign of a sentence.
_JOINERS = frozenset(
    ("of", "and", "&", "the", "for", "de", "del", "do", "da", "dos", "das", "la", "le", "des")
)
_FIELD = regex.compile(
    rf"(?m)^[ \t]*(?i:{cue(wordlists.words('facility_labels'))})[ \t]*:[ \t]*"
    r"(?P<v>[^\n,;()]+?)[ \t]*(?=[,;(\n]|\Z)"
)
_WORD = regex.compile(r"[\p{L}\p{M}&'\u2019-]+|\S+")
_MIN_WORDS, _MAX_WORDS = 3, 8


def facility_field_values(text: str) -> list[tuple[int, int]]:
    """Spans of facility names that fill a facility's field (see the module's comment)."""
    spans = []
    for m in _FIELD.finditer(text):
        words = [w.lower() for w in _WORD.findall(m.group("v"))]
        if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
            continue
        if not any(w in _HEADS for w in words):
            continue
        if any(not w.isalpha() and w != "&" for w in words):
            continue  # digits or marks: a ward, a bed, a date, not a name
        if any(w in STOP_WORDS and w not in _JOINERS for w in words):
            continue
        spans.append(m.span("v"))
    return spans
