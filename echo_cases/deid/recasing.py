"""What the learned models read of a text in capitals: the text recased (truecased).

The models were trained mostly on text in mixed case, and three of the four features their
tok2vec hashes (a word's first letter, its last three, its shape) differ in capitals:
"GRACE WANJIRU" is "XXXX" twice, as is "FEVER AND CHILLS". A text written all in capitals
is given to the models as an ordinary writer would have written it: a word of English or of
clinical vocabulary in small letters, a clinical acronym in capitals, any other word (a
name, a place, a word nobody lists) with a capital, and the first word of a sentence with a
capital. "PT GRACE WANJIRU C/O FEVER" is read as "Pt Grace Wanjiru c/o fever".

A line that is not English stays in capitals: in mixed case, prose in another language is
what the models read worst (docs/deid.md), and in capitals they mostly leave it alone.

Only the models' input changes, never the text the rules read. The recased text has the
same length as the original, character for character (a letter whose other case is longer
or shorter, "İ" or "ß", keeps its case), so every entity's character offsets are those of
the original text. The models' tokenizer splits the recased text as it splits mixed case
("Dr." one token where "DR." was two, "does" "n't" where "DOESN'T" stayed whole): the
tokens the models were trained on; reading the original tokens recased ("Doesn" "'t")
measured worse (docs/deid.md, History, session 19).

Off by default (``ON_BY_DEFAULT``): measured on every corpus (docs/deid.md, History,
session 19) it found more on 48 copies and lost recall on 11, and ward notes in capitals
drew more false alarms from the models recased than as written. The setting
``ECHO_DEID_RECASE`` (``on`` or ``off``; unset, the default) turns it on to measure it, with
a retrained model for instance. Text in small letters is never recased: capitalising its
unknown words found a few more names and made many more false alarms.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.candidates import is_listed_name, is_ordinary_word
from echo_cases.deid.derived import is_person_name, is_plain_english_word, is_rare_english_word
from echo_cases.deid.frequency import (
    is_commonest_word,
    is_frequent_english_word,
    is_very_common_elsewhere,
    is_very_common_english_word,
)
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.shorthand import WARD_WORDS, is_shorthand
from echo_cases.deid.vocabulary import CLINICAL_WORDS, is_clinical_abbreviation

SETTING = "ECHO_DEID_RECASE"
# Whether the models read a text in capitals recased when the setting is unset.
ON_BY_DEFAULT = False

# A text is in capitals when it has no small letter and at least this many capitals: a
# text of a few capitals ("BP 120/80") says nothing about how its writer writes.
MIN_CAPITALS = 8
# A line is recased when at least this share of its words (of two letters or more) is
# English; a line of fewer than MIN_WORDS_JUDGED words goes as the whole text does.
ENGLISH_SHARE = 0.5
MIN_WORDS_JUDGED = 4
# A short form of clinical shorthand this short and no English word is written in capitals
# ("ABG", "UO"); a longer one in small letters ("abx" is no longer than this, "resp" is).
SHORT_FORM_LETTERS = 3

# Words of letters and digits; a word with a digit is an identifier or a measure, left as
# written ("3100A", "Q6H").
_WORD = regex.compile(r"[\p{L}\p{M}\d]+")
_DIGIT = regex.compile(r"\d")
_LETTERS = regex.compile(r"(?<![\p{L}\p{M}\d])[\p{L}\p{M}]{2,}(?![\p{L}\p{M}\d])")
_VOWEL = regex.compile(r"[aeiouy\p{M}]|[^\p{Ascii}]")
# What ends a sentence, between two words: the next word opens one.
_SENTENCE_END = regex.compile(r"[.!?][\s\"'\u2019)]")
# Between two words of one name: spaces and hyphens only.
_IN_A_NAME = regex.compile(r"[ \t-]+")

UPPER, LOWER, TITLE = "upper", "lower", "title"

_STOP = frozenset(w.lower() for w in STOP_WORDS)
# Acronyms stay in capitals, but not those that are a word of every sentence ("ALL", "OR"
# are "all" and "or" far more often than a leukaemia or a theatre).
_ACRONYMS = frozenset((lexicon.CLINICAL_ACRONYMS | lexicon.SERVICE_ACRONYMS) - _STOP)
# Clinical vocabulary and the words of ward notes, never a name or a place: small letters.
_SMALL = frozenset(CLINICAL_WORDS | WARD_WORDS)
# Words a writer capitalises though they are no identifier: titles, months, countries and
# regions, peoples, drug brands, apps, eponyms ("Dr", "Kenyan", "Lasix", "Foley").
_CAPITALISED = frozenset(
    lexicon.TITLE_WORDS
    | lexicon.MONTHS_ABBR_LOWER
    | lexicon.NON_IDENTIFYING_PLACES
    | set(lexicon.DEMONYMS)
    | lexicon.DRUG_BRANDS
    | set(lexicon.APPS)
    | lexicon.EPONYMS
)
# Words of a place's or a facility's name ("national", "hospital", "road", "north"):
# capitalised beside a capitalised word ("Kenyatta National Hospital", "Ngong Road"),
# small elsewhere ("the hospital").
_NAME_PARTS = (
    frozenset(
        part
        for entry in (
            *lexicon.FACILITY_HEADS_FIRST,
            *lexicon.FACILITY_HEADS_LAST,
            *lexicon.STREET_TYPES,
            *wordlists.words("facility_descriptors"),
            *wordlists.words("facility_words"),
            *wordlists.words("compass_words"),
        )
        for part in entry.lower().split()
        if len(part) > 2
    )
    - _STOP
)


@functools.lru_cache(maxsize=16384)
def form_of(word: str) -> str:
    """How a writer of mixed case writes ``word`` (given in small letters): UPPER, LOWER
    or TITLE."""
    if word in _ACRONYMS:
        return UPPER
    if word in _STOP or is_commonest_word(word):
        return LOWER  # "the", "de", "la": a language's every sentence
    short_form = word in WARD_WORDS or is_shorthand(word) or is_clinical_abbreviation(word)
    if short_form and len(word) <= SHORT_FORM_LETTERS and not is_frequent_english_word(word):
        return UPPER  # "ABG", "UO": a short form, no word
    if word in _SMALL:
        return LOWER
    if word in _CAPITALISED:
        return TITLE
    if len(word) > 1 and _VOWEL.search(word) is None:
        return UPPER  # no vowel: an abbreviation ("CXR", "RLL")
    if (
        short_form
        or is_plain_english_word(word)
        or is_rare_english_word(word)
        or is_very_common_english_word(word)
    ):
        return LOWER  # "resp", "reddened", "will", "may"
    if is_person_name(word) or is_listed_name(word) or is_known_place(word):
        return TITLE  # "grace", "okafor", "nairobi"
    if is_ordinary_word(word):
        return LOWER
    return TITLE


@functools.lru_cache(maxsize=16384)
def is_english(word: str) -> bool:
    """A word (in small letters) of English or of English clinical writing, and none that
    Spanish, Portuguese or French write at least once per 100,000 words ("la", "de",
    "hospital"). Their lists hold "the" and "to" too: the share is strict, and measured
    better so than with English's very common words counted back in."""
    if is_very_common_elsewhere(word):
        return False
    return (
        word in _ACRONYMS
        or word in _STOP
        or word in _SMALL
        or is_frequent_english_word(word)
        or is_plain_english_word(word)
        or is_rare_english_word(word)
    )


def reads_as_english(text: str) -> bool | None:
    """Whether at least ENGLISH_SHARE of the words of ``text`` are English; None for a text
    of fewer than MIN_WORDS_JUDGED words."""
    words = _LETTERS.findall(text)
    if len(words) < MIN_WORDS_JUDGED:
        return None
    return sum(is_english(w.lower()) for w in words) >= ENGLISH_SHARE * len(words)


def _small(word: str) -> str:
    """``word.lower()``, but any letter whose small form is longer ("İ") as written."""
    low = word.lower()
    if len(low) == len(word):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def _written(word: str, form: str, opens_sentence: bool) -> str:
    if form == UPPER:
        return word
    low = _small(word)
    if form == TITLE or opens_sentence:
        head = word[0].upper()
        return (head if len(head) == 1 else word[0]) + low[1:]
    return low


def _after_apostrophe(line: str, start: int) -> bool:
    """Letters after an apostrophe after a letter ("DON'T", "PATIENT'S", "O'BRIEN")."""
    return start >= 2 and line[start - 1] in "'\u2019" and line[start - 2].isalpha()


def recase_line(line: str) -> str:
    """A line in capitals, each word as a writer of mixed case writes it (same length)."""
    matches = list(_WORD.finditer(line))
    forms: list[str] = []
    for match in matches:
        start, end = match.span()
        word = match.group()
        if _DIGIT.search(word):
            forms.append(UPPER)
        elif _after_apostrophe(line, start) and end - start <= 2:
            forms.append(LOWER)  # a contraction's tail: "DON'T", "PATIENT'S"
        else:
            forms.append(form_of(word.lower()))
    _grow_names(line, matches, forms)
    out = []
    at = 0
    for i, match in enumerate(matches):
        start, end = match.span()
        opens = (i == 0 or _SENTENCE_END.search(line, at, start) is not None) and not (
            _after_apostrophe(line, start)
        )
        out.append(line[at:start])
        out.append(_written(match.group(), forms[i], opens))
        at = end
    out.append(line[at:])
    return "".join(out)


def _grow_names(line: str, matches: list[regex.Match[str]], forms: list[str]) -> None:
    """Capitalise a name part written small beside a capitalised word, across spaces and
    hyphens, as far as name parts go either way ("Kenyatta National Hospital")."""
    n = len(matches)
    joined = [
        i > 0 and _IN_A_NAME.fullmatch(line, matches[i - 1].end(), matches[i].start()) is not None
        for i in range(n)
    ]
    parts = [forms[i] == LOWER and matches[i].group().lower() in _NAME_PARTS for i in range(n)]
    for i in range(1, n):
        if parts[i] and joined[i] and forms[i - 1] == TITLE:
            forms[i] = TITLE
    for i in range(n - 2, -1, -1):
        if parts[i] and joined[i + 1] and forms[i + 1] == TITLE:
            forms[i] = TITLE


def in_capitals(text: str) -> bool:
    """No small letter, and at least MIN_CAPITALS capitals."""
    if text.isascii():
        return not any("a" <= c <= "z" for c in text) and (
            sum("A" <= c <= "Z" for c in text) >= MIN_CAPITALS
        )
    return not any(c.islower() for c in text) and sum(c.isupper() for c in text) >= MIN_CAPITALS


def recased(text: str) -> str:
    """``text`` as the models read it: a text in capitals with its English lines recased
    (``recase_line``), any other text as it is. Always of the same length."""
    if not in_capitals(text):
        return text
    whole = reads_as_english(text) is not False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        english = reads_as_english(line)
        if english or (english is None and whole):
            lines[i] = recase_line(line)
    return "\n".join(lines)


def recasing_of_setting() -> Callable[[str], str] | None:
    """``recased`` when the setting (or, unset, ``ON_BY_DEFAULT``) says the models read text
    in capitals recased; else None (the models read every text as written)."""
    value = os.environ.get(SETTING)
    on = ON_BY_DEFAULT if value is None else value.strip().lower() in {"on", "1", "true", "yes"}
    return recased if on else None
