"""Ordinary vocabulary: capitalised words that are not names (nor guesses at one).

Stop words, clinical section words and terms, titles, kinship terms, months, whole
region names, clinical acronyms, eponyms and drug brands (the words are in
data/words/, see lexicon.py).
"""

from __future__ import annotations

import functools
import unicodedata
from importlib.resources import files

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.derived import is_drug_name, is_person_name, vocabulary
from echo_cases.deid.lexicon import NAME_STOP
from echo_cases.deid.shorthand import WARD_WORDS

# Common words that open clinical sentences or head sections (a hand list), and the rare
# one-word terms of ICD-10-CM, the ICD-10-PCS index and MeSH diseases, less anything that
# could be a name or a place (data/clinical_terms.txt, generated from the packages):
# "acetowhite" and "plasmacytoma" are findings, not people.
CLINICAL_WORDS: frozenset[str] = frozenset(
    w.lower() for w in wordlists.words("clinical_words")
) | vocabulary("clinical_terms")
# Words that are never names or places on their own (safe to reject a span made of them).
COMMON_WORDS = frozenset(
    {w.lower() for w in STOP_WORDS}
    | set(CLINICAL_WORDS)
    | set(NAME_STOP)
    | {m.lower() for m in (*lexicon.MONTHS_FULL, *lexicon.MONTHS_ABBR)}
    | set(lexicon.NON_IDENTIFYING_PLACES)
    | set(lexicon.DRUG_BRANDS)
    | set(lexicon.DEMONYMS)
    | set(lexicon.APPS)
    | set(lexicon.FOREIGN_LABEL_WORDS)
    | WARD_WORDS
)
# Plus words that are also surnames or given names (eponyms, titles, kinship): ordinary
# enough that a sentence made of them needs no NER look, but not proof of "no name".
KNOWN_WORDS = frozenset(
    COMMON_WORDS
    | lexicon.TITLE_WORDS
    | {r.lower() for r in lexicon.RELATIVES}
    | set(lexicon.EPONYMS)
)


# International nonproprietary name stems: a capitalised "Atorvastatin" is a drug, not a name.
_DRUG_STEM = regex.compile(
    r"(?i)(?:mab|tinib|ciclib|parib|rafenib|zomib|lisib|platin|taxel|rubicin|trexed|citabine"
    r"|pril|sartan|statin|olol|dipine|formin|gliptin|gliflozin|glutide|prazole|setron|oxacin"
    r"|cycline|mycin|micin|cillin|cef\w+|navir|tegravir|buvir|ciclovir|parin|xaban|gatran"
    r"|azepam|zolam|triptan|afil|dronate|caine|olone|terol|tropium|profen|coxib|lukast|tidine"
    r"|semide|thiazide|nidazole|conazole|fungin|mectin|zosin|lutamide|tecan|mustine|limus"
    r"|osporine)$"
)


_PLURAL_ACRONYM = regex.compile(r"\p{Lu}{2,}s")  # "LFTs", "MRIs", "CTs"


def _lookup(word: str, vocabulary: frozenset[str]) -> bool:
    low = word.lower().strip(".,;:()")
    if word.isupper() and (low in lexicon.CLINICAL_ACRONYMS or low in lexicon.SERVICE_ACRONYMS):
        return True
    if _PLURAL_ACRONYM.fullmatch(word.strip(".,;:()")):
        return True
    if len(low) > 6 and _DRUG_STEM.search(low):
        return True
    return low in vocabulary or low.removesuffix("'s").removesuffix("\u2019s") in vocabulary


def is_clinical_abbreviation(word: str) -> bool:
    """ "abx", "UOP", "PFTs", "q6h", "c/o", "TBI", "NSVT": a short form of the clinical
    abbreviation inventories (data/clinical_abbreviations.txt) or of the specialties
    (data/clinical_abbreviations_specialties.txt), in any letter case."""
    low = word.lower().strip(".,;:()'\u2019\"")
    return any(
        low in table or (low.endswith("s") and low[:-1] in table)
        for table in (
            vocabulary("clinical_abbreviations"),
            vocabulary("clinical_abbreviations_specialties"),
        )
    )


# Answers kept of the two look-ups below (about 1 MB each): asked some thirty times a
# note, of words notes repeat, each otherwise a lower-casing, two strips and a search.
_ANSWERS_KEPT = 8192


@functools.lru_cache(maxsize=_ANSWERS_KEPT)
def is_known_word(word: str) -> bool:
    """Ordinary vocabulary, eponyms and titles included: no reason to run NER for it."""
    return _lookup(word, KNOWN_WORDS)


@functools.lru_cache(maxsize=_ANSWERS_KEPT)
def is_common_word(word: str) -> bool:
    """Vocabulary that is never a name or place by itself (eponyms and titles excluded)."""
    return _lookup(word, COMMON_WORDS)


# Inflections and spellings of a known word: "biopsied" (biopsy), "weaned" (wean),
# "drips" (drip), "optimise" (optimize), "restage" (stage), "haemoptysis" (hemoptysis).
# A word list holds the base form; notes write every form of it. (suffix, replacement)
# pairs, longest first; "-ies"/"-ied" before "-es"/"-ed".
_ENDINGS = (
    ("isation", "ization"),
    ("ising", "izing"),
    ("ysing", "yzing"),
    ("ised", "ized"),
    ("ysed", "yzed"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("our", "or"),
)
_PREFIXES = ("un", "re", "non", "pre", "post")
# British "ae"/"oe" of Greek stems: "haem", "oesophag", "oedema", "anaemia".
_BRITISH_DIGRAPH = regex.compile(r"(?<=[^aeiou])ae(?=[^aeiou])|(?<=^|[^aeiou])oe(?=[^aeiou])")
_VOWELS = frozenset("aeiouy")


def base_forms(word: str) -> list[str]:
    """Other forms a word list may hold of ``word``: its stem without an inflection or
    a prefix, and its American spelling (each of four letters at least)."""
    low = word.lower()
    forms: list[str] = []
    for suffix, replacement in _ENDINGS:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)]
            forms.append(stem + replacement)
            # "stopped", "oozing": a doubled last consonant is the inflection's.
            doubled = len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS
            if doubled and not replacement:
                forms.append(stem[:-1])
    for prefix in _PREFIXES:
        if low.startswith(prefix) and len(low) - len(prefix) >= 4:
            forms.append(low[len(prefix) :])
    american = _BRITISH_DIGRAPH.sub("e", low)
    if american != low:
        forms.append(american)
    return [f for f in dict.fromkeys(forms) if len(f) >= 4 and f != low]


def _cognate_endings() -> tuple[tuple[str, str], ...]:
    text = (files("echo_cases.deid") / "data" / "cognate_endings.txt").read_text("utf-8")
    pairs = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split()
        if len(line) == 2:
            pairs.append((line[0], "" if line[1] == "-" else line[1]))
    # Longest ending first, so that "omes" is tried before "om".
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


_COGNATE_ENDINGS = _cognate_endings()


def _cognate_spellings() -> tuple[tuple[str, str], ...]:
    text = (files("echo_cases.deid") / "data" / "cognate_spellings.txt").read_text("utf-8")
    pairs = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].split()
        if len(line) == 2:
            pairs.append((line[0], line[1]))
    return tuple(pairs)


_COGNATE_SPELLINGS = _cognate_spellings()


def _respelled(word: str) -> list[str]:
    """``word`` with one of its letters written as English writes it inside a drug's name
    ("morfina" -> "morphina"), one place at a time (data/cognate_spellings.txt)."""
    forms = []
    for theirs, english in _COGNATE_SPELLINGS:
        at = word.find(theirs)
        while at >= 0:
            forms.append(word[:at] + english + word[at + len(theirs) :])
            at = word.find(theirs, at + 1)
    return forms


_DOUBLED = regex.compile(r"([b-df-hj-np-tv-z])\1")


def _without_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clinical_cognates(word: str) -> list[str]:
    """English forms the word lists may hold of a clinical word or drug written in another
    language: "myélome" -> "myeloma", "doxorrubicina" -> "doxorubicin", "Onkologie" ->
    "oncology" (data/cognate_endings.txt)."""
    low = _without_accents(word.lower())
    spellings = dict.fromkeys((low, low.replace("k", "c"), _DOUBLED.sub(r"\1", low)))
    forms = list(spellings)
    for spelling in spellings:
        for ending, english in _COGNATE_ENDINGS:
            if spelling.endswith(ending) and len(spelling) - len(ending) >= 4:
                forms.append(spelling[: -len(ending)] + english)
    forms += [f.removesuffix("s") for f in forms if f.endswith("s")]
    return [f for f in dict.fromkeys(forms) if f != word.lower()]


# The endings a drug's name takes in Spanish, Portuguese and French (data/cognate_endings.txt
# pairs them with English's): only a word with one is looked up, once.
_DRUG_ENDINGS = ("ina", "ino", "ona", "ine", "ol", "il")


@functools.lru_cache(maxsize=16384)
def is_drug_in_another_language(word: str) -> bool:
    """ "Ondansetrona", "morfina", "cisplatino": a drug the list holds in English, written as
    another language writes it, its ending and maybe one of its letters ("dipirona",
    dipyrone); never a name the lists know ("Marina", "Regina")."""
    low = word.lower()
    if len(low) < 6 or not low.endswith(_DRUG_ENDINGS) or is_person_name(low):
        return False
    if any(is_drug_name(f) for f in clinical_cognates(low)):
        return True
    # "morfina", "dipirona": the letters inside differ too, not the ending alone.
    bare = _without_accents(low)
    return any(
        is_drug_name(f)
        for spelling in _respelled(bare)
        for f in (spelling, *clinical_cognates(spelling))
    )
