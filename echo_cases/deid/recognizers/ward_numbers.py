"""Numbers of a ward note that the model reads as identifiers: the clock a nurse writes after
what was done ("SEDATION HOLIDAY 0900", "foley dc'd 0500", "BAND OFF 1800") and the values
and counts it calls dates ("LEVO 1.2", "14 attempts 12 doses").

A ward note names the hour of every act in four digits, and writes a value after its label
with one decimal; neither is a postcode, a phone nor a day of the year. Used by
``learned._words_of_the_ward_alone`` and ``learned.from_entities``, in ward notes only
(``candidates.is_ward_note``).
"""

from __future__ import annotations

import functools

import regex

from echo_cases.deid import frequency, lexicon, shorthand, wordlists
from echo_cases.deid.candidates import (
    is_clinical_word,
    is_function_word,
    is_listed_name,
    is_ordinary_word,
    names_a_facility,
)
from echo_cases.deid.derived import is_drug_name, is_person_name
from echo_cases.deid.gazetteer import is_known_place

CLOCK = regex.compile(r"(?<![\d.,:/-])(?:[01]\d|2[0-3])[0-5]\d(?![\d]|[.,:/-]\d|[ \t-]+\d)")
# The word before a number on its line, with an "@" or a colon between ("dc'd @ 0500").
_WORD_BEFORE = regex.compile(r"(?P<w>\p{L}[\p{L}'\u2019/]*)[ \t]*[@:]?[ \t]*\Z")
# Words after which four digits are a house's, a room's, a box's or a line's number, or a
# place's postcode: never the ward's clock.
_NUMBERED_WORDS = frozenset(
    w.lower().rstrip(".")
    for w in (
        *wordlists.words("number_cues"),
        *wordlists.words("address_units"),
        *wordlists.words("ward_heads"),
        *wordlists.words("ward_units"),
        *wordlists.words("bed_words"),
        *lexicon.STREET_TYPES,
    )
)
# "12.5", "1.2": one decimal place; a dotted date without a year has a day and a month of
# one or two digits each and is written with its closing dot where it is written so.
_ONE_DECIMAL = regex.compile(r"\d{1,3}\.\d")


def _a_word_of_care(word: str) -> bool:
    """A word of the ward, the clinic or English that is nobody's name and no place: "dc'd",
    "HOLIDAY", "OFF", "given"; not a number's cue ("pager", "rm", "bed"), a street's or
    a facility's word, a town ("Darwin NT 0800" is a postcode) or a name."""
    bare = word.strip("'\u2019")
    low = bare.lower()
    if low in _NUMBERED_WORDS or names_a_facility(bare) or len(bare) < 2:
        return False
    if is_person_name(bare) or is_listed_name(bare) or is_known_place(low):
        return False
    if len(bare) < 3 and not is_clinical_word(bare):
        return False  # "NT", "WA": a region's code before its postcode
    return (
        is_clinical_word(bare)
        or shorthand.is_ward_word(bare)
        or is_function_word(bare)
        or is_ordinary_word(bare)
    )


def clock_of_the_ward(text: str, start: int, end: int) -> bool:
    """text[start:end] is a clock time right after a word of care on its line, with no other
    number beside it (a phone's or a postcode's groups)."""
    if CLOCK.fullmatch(text, start, end) is None or CLOCK.match(text, start) is None:
        return False
    if end < len(text) and (text[end].isalnum() or regex.match(r"[ \t-]+\d", text[end:])):
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 32), start)
    return before is not None and _a_word_of_care(before.group("w"))


def without_clocks_of_the_ward(text: str, start: int, end: int) -> str:
    """text[start:end] with the ward's clocks in it blanked, for the checks of identifiers'
    digits ("0500" of "foley dc'd 0500" opens with a zero as a phone's prefix does)."""
    value = list(text[start:end])
    for m in CLOCK.finditer(text, start, end):
        if clock_of_the_ward(text, m.start(), m.end()):
            value[m.start() - start : m.end() - start] = " " * (m.end() - m.start())
    return "".join(value)


@functools.cache
def _date_words() -> frozenset[str]:
    # A weekday tells a date as its month does ("on thursday 14", "sáb 12").
    return lexicon.MONTH_WORDS | frozenset(
        w.lower().rstrip(".")
        for w in (
            *wordlists.words("months_ambiguous_in_small_letters"),
            *wordlists.words("date_openers"),
        )
    )


_LETTERS = regex.compile(r"\p{L}[\p{L}'\u2019]*")
_NUMBERS = regex.compile(r"\d+[sS]?")
_PRESSURE = regex.compile(r"[1-9]\d\d[sS]?")
_RATIO_BEFORE = regex.compile(r"\d:\Z")
_ORDINAL_DAY = regex.compile(r"(?i)\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b")
_LABEL_BEFORE = regex.compile(r"(?P<w>\p{L}[\p{L}\d-]*)[ \t]*[:=]?[ \t]*\Z")


def no_date_of_the_ward(text: str, start: int, end: int) -> bool:
    """A date the model read in a ward note that is none: a value of one decimal after its
    label ("LEVO 1.2", "lactate 3.2"), numbers with English words of the ward and no
    month's ("14 attempts 12 doses"), numbers of three digits ("AUG 110S": an intra-aortic
    balloon's augmentation) or what follows a ratio's colon ("1:2 aug 95"). A dotted day
    and month is written with its year or its closing dot ("3.2.2025", "am 3.2."), and a
    month in any language is no English word of care."""
    value = text[start:end]
    if _RATIO_BEFORE.search(text, max(0, start - 4), start):
        return True  # "IABP 1:2 aug 95": the second term of a ratio, then a pressure
    words = _LETTERS.findall(value)
    numbers = _NUMBERS.findall(value)
    if numbers and all(_PRESSURE.fullmatch(n) for n in numbers):
        return True  # "AUG 110S": no day nor year has three digits
    if not words:
        if _ONE_DECIMAL.fullmatch(value) is None or text.startswith(".", end):
            return False
        before = _LABEL_BEFORE.search(text, max(0, start - 32), start)
        if before is None:
            return False
        label = before.group("w")
        return not is_function_word(label) and (
            is_clinical_word(label) or is_drug_name(label) or shorthand.is_ward_word(label)
        )
    if _ORDINAL_DAY.search(value):
        return False  # "the 14th", "2nd": a day of a month, whatever the words
    return all(
        w.lower() not in _date_words()
        and (frequency.is_frequent_english_word(w) or is_clinical_word(w))
        and not (is_person_name(w) or is_listed_name(w))
        for w in words
    )
