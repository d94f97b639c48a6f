"""Vocabularies generated from maintained packages, not written by hand.

``data/drug_names.txt`` (drug-named-entity-recognition's dictionary),
``data/clinical_terms.txt`` (ICD-10-CM, the ICD-10-PCS index and MeSH disease names) and
``data/person_names.txt`` (Faker's names that are also frequent words) are written by
scripts/deid/build_vocabularies.py, ``data/english_words.txt`` (SCOWL's rare small-letter
words) and ``data/plain_english_words.txt`` (SCOWL's frequent words no one writes as a name)
by scripts/deid/build_english_words.py; a new release of a source is a re-run.
"""

from __future__ import annotations

import functools
from importlib.resources import files

from echo_cases.deid.packed_words import PackedWords
from echo_cases.deid.wordlists import parse

_STRIP = ".,;:()'\u2019\""


@functools.cache
def vocabulary(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt``, lower-case, read once per process."""
    source = files("echo_cases.deid") / "data" / f"{name}.txt"
    return frozenset(parse(source.read_text(encoding="utf-8")))


@functools.cache
def packed_vocabulary(name: str) -> PackedWords:
    """``vocabulary(name)`` packed (packed_words.py), for a large list a note asks about a
    word or two at most: the rare English words (88,000, 9 MB as a frozenset, 1.3 MB
    packed) and the rare names (27,000, 4 MB and 0.4 MB; benchmarks/deid_memory.py).
    Lists probed for every word of a note, like the drug names, stay frozensets."""
    source = files("echo_cases.deid") / "data" / f"{name}.txt"
    return PackedWords(parse(source.read_text(encoding="utf-8")))


def is_drug_name(word: str) -> bool:
    """ "Propofol", "LASIX", "tamoxifeno": a one-word drug name in any letter case."""
    return word.lower().strip(_STRIP) in vocabulary("drug_names")


def is_person_name(word: str) -> bool:
    """ "Grace", "ELIZABETH": an ordinary word that is also somebody's name somewhere."""
    return word.lower().strip(_STRIP) in vocabulary("person_names")


def is_rare_english_word(word: str) -> bool:
    """ "reddened", "LOGROLL", "perfusionist": a word English writes in small letters, too
    rare for the frequency lists, that is no name or place any of our lists knows."""
    return word.lower().strip(_STRIP) in packed_vocabulary("english_words")


def is_plain_english_word(word: str) -> bool:
    """ "opens", "HUNGER", "leak": a frequent English word English never writes as a
    name (SCOWL writes it only in small letters, and no name list or gazetteer holds it);
    not "rose", "STRONG", "bishop", which are somebody's name too."""
    return word.lower().strip(_STRIP) in packed_vocabulary("plain_english_words")
