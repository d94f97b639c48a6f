"""The trained recognizer: what the statistical model (``echo_cases/deid/model``) finds.

The model is trained on generated text (``echo_cases.deid.training``) to label PERSON,
LOCATION, DATE, AGE, ID and CONTACT in any genre and letter case. It runs on every text;
the rules add their cued, shaped findings around it, and the keep-list can overrule it.

Conventions of writing hold whoever wrote the text, so the model's findings are held to
them. An identifier with a shape (a date, a number, a contact) has the shape: a year
alone, a time or a temperature is no date, and a number that a vital sign or a
ventilator setting names is a value. Where a text uses capitals at all, an identifier
does not begin or end with a small-letter word of the language ("neighbor Aldo brings"
is "Aldo"), nor consist only of ordinary words that are capitalised for opening a
sentence ("They", "Meet me"), unless one of them is also a name ("Grace", "Elizabeth").
A name or place made only of clinical vocabulary ("Tumor Board", "Vitamin D") is no name
or place, and none is shaped like shorthand ("ACEi", "HbA1c").
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid import frequency, landmarks, lexicon, shorthand, wordlists
from echo_cases.deid.candidates import (
    below_a_closing,
    is_caseless,
    is_clinical_word,
    is_clinical_word_of_any_language,
    is_function_word,
    is_listed_name,
    is_ordinary_word,
    is_ward_note,
    lines_are_caseless,
    names_a_facility,
)
from echo_cases.deid.derived import (
    is_drug_name,
    is_person_name,
    is_plain_english_word,
    is_rare_english_word,
)
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.nlp import Entity
from echo_cases.deid.plain_prose import may_name_a_facility
from echo_cases.deid.recognizers.dates import (
    GESTATION_WORDS,
    continues_a_scale,
    day_month_said_to_be_value,
    gestational_ages_in,
    is_gestational_age,
    is_labelled_score_run,
)
from echo_cases.deid.recognizers.fragments import YEARS_OF_AGE, alternation
from echo_cases.deid.recognizers.ids import WEEKDAYS, is_a_range_per_unit
from echo_cases.deid.recognizers.persons import PARTICLES, PERSON_FIELD_BEFORE
from echo_cases.deid.recognizers.ward_numbers import (
    clock_of_the_ward,
    no_date_of_the_ward,
    without_clocks_of_the_ward,
)
from echo_cases.deid.registrations import registration_label_at
from echo_cases.deid.vocabulary import is_clinical_abbreviation, is_common_word
from echo_cases.deid.ward_nouns import a_ward_noun_in_place

LEARNED_SOURCE = "EchoLearnedRecognizer"
# A model finding is a judgement, not a cue: a clinician may restore it without a reason
# (below HIGH_CONFIDENCE), and the keep-list may overrule it.
LEARNED_SCORE = 0.6
_EDGE_PUNCTUATION = " \t\n.,;:()[]{}\"'\u2019"
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'\u2019-]*")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n]|^[-*\u2022])[ \t\"'(\-*\u2022\d.)]*$")
# A full stop after a word of three or more, then a capital: "... 5512345. Seen ...".
# ("St. Mary", "Dr. Banda" keep their two-letter abbreviations whole.)
_SENTENCE_END = regex.compile(r"(?<=[\p{L}\p{N}]{3})\.[ \t]+(?=\p{Lu})")
_SHAPED = frozenset({"DATE", "AGE", "ID", "CONTACT"})
_NAMED = frozenset({"PERSON", "LOCATION"})
# Shorthand shaped unlike any name: "ACEi", "HbA1c", "SGLT2i", "B-cell", "PD-L1", "eGFR".
# Capitals alone are no such shape: "KEIKO", "JEAN-PIERRE" are names written in capitals;
# nor capitals before a bare number: "ЛВ-44817" is a record's number, "SE-114" a postcode.
_CLINICAL_SHAPE = regex.compile(
    r"\p{Lu}{2,}\p{Ll}{1,2}|\p{L}+\d\p{L}*|\p{Lu}+-(?:\p{Ll}+\d*|\p{Lu}+\d+)"
    r"|\p{Ll}\p{Lu}+\d*\p{L}?|\p{L}\p{Ll}\p{Lu}+\d*\p{L}?"
)
# Words and numbers with what holds them together: "O'Neil", "C16.9", "a.b@c.org".
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'\u2019./@:][\p{L}\p{M}\p{N}]+)*")
_DIGITS = regex.compile(r"\d+")
_SHORT_NUMBER = regex.compile(r"[ \t,(]*\d{1,3}[ \t,.)]*")
_PERCENT = regex.compile(r"\d+(?:[.,]\d+)?%")
_ENGLISH_WORD_ENDING = regex.compile(r"\p{Ll}{3}(?:ed|ing|ness|ment|ous|ive|ful)$")
# The shape of a month and day without a year ("2/10"): the date rules' question whether it
# is a value instead ("pain 2/10") is asked of the model's findings too.
_DAY_MONTH_SHAPE = regex.compile(r"\d{1,2}/\d{1,2}")
# A clock time of four digits, and the word before a number (data/words/number_cues.txt).
_CLOCK = regex.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
# The next word on the line, if nothing but spaces comes before it.
_NEXT_WORD = regex.compile(r"[ \t]+(?P<w>\p{L}[\p{L}'\u2019-]*)")
_WORD_AFTER_NUMBER = regex.compile(r"[ \t,]*(?P<w>\p{L}+)")
_WORD_BEFORE_NUMBER = regex.compile(r"(?P<w>[\p{L}#]+)\.?[ \t]*[:#]?[ \t]*\Z")
_NUMBER_CUES = frozenset(w.lower() for w in wordlists.words("number_cues"))
# Two digits, or a decimal of up to three: a value ("17.904" may be a licence number).
_DECIMAL = regex.compile(r"\d{0,3}\.\d{1,2}")
_SMALL_NUMBER = regex.compile(rf"\d{{1,2}}|{_DECIMAL.pattern}")
_LABEL_AND_NUMBER = regex.compile(
    r"(?P<label>\p{L}[\p{L}/]*(?:\d\p{L}+)?)[ \t]*[:=]?[ \t]*[<>~]?\d[\d.,]*"
)
# Words that make a span a street or a post box: its small words are the place's own.
STREET_WORDS = frozenset(
    w.lower()
    for w in (
        *lexicon.STREET_TYPES,
        *wordlists.words("street_words_before_number"),
        *wordlists.words("post_boxes"),
    )
)
# An "@" inside a word is a mail address's; between spaces it is "at" ("10W @ 1300").
_MAIL_AT = regex.compile(r"\S@\S")
# A result of up to three digits after its label ("A1C 7", "K 4.4"); a longer number after
# a one-letter label may be a phone ("P: 0722123").
_SHORT_RESULT = regex.compile(r"[ \t]*[:=]?[ \t]*[<>~]?\d{1,3}(?:[.,]\d+)?")
# A word that sets a target, then a range (data/clinical_shorthand.txt, [fillers]).
_FILLER_AND_RANGE = regex.compile(
    rf"(?i:{'|'.join(regex.escape(w) for w in shorthand.RANGE_WORDS)})[ \t]*:?[ \t]*"
    r"\d{1,3}(?:\.\d+)?[ \t]*[-\u2013][ \t]*\d{1,3}(?:\.\d+)?"
)
# A target's number: "goal 10 tmrw", "target 92".
_RANGE_WORD_BEFORE = regex.compile(
    rf"(?<![\w-])(?i:{'|'.join(regex.escape(w) for w in shorthand.RANGE_WORDS)})[ \t]*:?[ \t]*\Z"
)
# A term or an age in weeks, days, months or years after the number
# (data/words/age_and_term_units.txt).
_DURATION_AFTER = regex.compile(
    rf"[ \t]*(?i:{alternation(wordlists.words('age_and_term_units'))})\b"
)
# A magnitude after a number makes it a count (data/words/number_magnitudes/).
_MAGNITUDE_AFTER = regex.compile(
    rf"[ \t]+(?i:{alternation(wordlists.words('number_magnitudes'))})(?!\w)"
)
_TIME = regex.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
# A sum of money ("$149.99", "NZ$64.50", "R$ 87,30", "312,75 €") or a software version
# ("v2.4.17", "version 5.2.1"): the model reads identifiers in their digits, but an order
# total or a firmware release names nobody.
_MONEY_OR_VERSION = regex.compile(
    r"\p{Lu}{0,3}\p{Sc}[ \t]?\d(?:[\d.,]*\d)?|\d(?:[\d.,]*\d)?[ \t]?\p{Sc}"
    r"|(?<![\w.])(?i:v|ver\.?[ \t]?|version[ \t]?)\d+(?:\.\d+){1,3}(?![\w.])"
)
_DIGIT = regex.compile(r"\d")
# "20240315": a date written without separators.
_COMPACT_DATE = regex.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def contact_subtype(value: str) -> str:
    """E-mail, URL or phone, by shape: the surrogate keeps the kind."""
    if "@" in value:
        return "EMAIL"
    if value.lower().startswith(("http", "www.")) or ("/" in value and "." in value):
        return "URL"
    return "PHONE"


def has_shape(label: str, value: str) -> bool:
    """A date can be one (see ``_numeric_date``); an ID has a digit; a contact a digit, an @
    or a domain; names, places and ages have no shape to check."""
    digit = any(c.isdigit() for c in value)
    if label == "DATE":
        if any(w.lower() in lexicon.MONTH_WORDS for w in _WORD.findall(value)):
            return True
        return _numeric_date(value)
    if label == "ID":
        return digit
    if label == "CONTACT":
        if "@" in value or "." in value:
            return True
        # A phone has four digits at least ("(+20)" after a weight is a gain), or letters
        # beside its digits ("x4471").
        return digit and (sum(c.isdigit() for c in value) >= 4 or any(c.isalpha() for c in value))
    return True


def _numeric_date(value: str) -> bool:
    """Whether a date found by the model can be one.

    With words in it ("2 Des 2014", "ika-10 ng Marso") it can: month names of every
    language are more than any list holds. Written in numbers alone it needs a day and a
    month: a year alone ("2019"), a time ("14:15"), a temperature ("36.7") or numbers no
    calendar has ("31/14") are not dates.
    """
    if any(c.isalpha() for c in value):
        return any(c.isdigit() for c in value)
    if _COMPACT_DATE.fullmatch(value):
        return True
    if "..." in value or "\u2026" in value:
        return False  # "3... 2... 1... liftoff!": a countdown
    groups = [int(g) for g in _DIGITS.findall(_TIME.sub("", value))]
    if len(groups) < 2:
        return False
    a, b = groups[0], groups[1]
    if a > 31 and len(groups) > 2:  # 2024-03-15: the year first
        a, b = groups[1], groups[2]
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)


# A national ID's label opening a finding before the number ("TC Kimlik No 28471936502",
# "MyKad 880412-14-5522"): the number is the identifier, its label none (data/words/id_labels/).
_ID_LABEL_BEFORE_NUMBER = regex.compile(
    rf"(?i:{alternation(lexicon.ID_LABELS)})(?:[ \t]+(?i:no|nr|number|num)\.?)?[ \t]*[:#]?[ \t]*"
    r"(?=\d)"
)


def _without_money_or_versions(text: str, start: int, end: int) -> tuple[int, int]:
    """A finding less the sums of money and versions at its edges ("88310472 totalling
    $149" is "88310472 totalling "); empty when it is one."""
    low, high = max(0, start - 12), min(len(text), end + 12)
    if _DIGIT.search(text, low, high) is None:
        # Every sum and version holds a digit; most names have none near them.
        return start, max(start, end)
    for m in _MONEY_OR_VERSION.finditer(text, low, high):
        if m.end() <= start or m.start() >= end:
            continue
        if m.start() <= start:
            start = max(start, m.end())
        else:
            end = min(end, m.start())
    return start, max(start, end)


def _trim_small_words(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop small-letter ordinary words from a finding's edges (an empty span: all were).

    A place keeps its end ("12 fourth avenue, calgary" is an address written small), and
    a date its month names ("5 de mayo").
    """
    bedside = _BEDSIDE.get(label, _never)
    return _trim(text, start, end, label, lambda token: token.islower(), bedside)


# A duty cycle in hours ("lido patch on 12h/off 12h", "bipap 12h on/12h off"): durations,
# the words that switch a device, and the ward's own words around them.
_HOURS = regex.compile(r"(?i)(?<!\w)\d{1,2}[ \t]*(?:h|hrs?|hours?)(?!\w)")
_SWITCH = regex.compile(r"(?i)(?<!\w)(?:on|off)(?!\w)")


def _duty_cycle(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    if _HOURS.search(span) is None:
        return False
    rest = _SWITCH.sub("", _HOURS.sub("", span))
    around = text[max(0, start - 4) : end + 4]
    return (
        _SWITCH.search(around) is not None
        and regex.search(r"\d", rest) is None
        and all(_ward_vocabulary(w) for w in _WORD.findall(rest))
    )


def _timed_by_the_ward(text: str, start: int, end: int, label: str) -> bool:
    """A clock time alone ("cath 0940", "from OR 1840", "in for 0900 cares"), with no word
    before it that numbers an extension, a pager or a room ("x4471", "pager 2218").

    Four digits are a postcode as often ("0104 Hafnarstraeti", "Acquapendente 1021",
    "Punjab - 1739"), whatever the model calls them: only between words in small letters
    ("cath 0940 by"), never beside a capital nor alone before it.
    """
    if _CLOCK.fullmatch(text, start, end) is None:
        return False
    if _a_timed_entry(text, start, end):
        return True
    before = _WORD_BEFORE_NUMBER.search(text, max(0, start - 24), start)
    if before is not None and before.group("w").lower() in _NUMBER_CUES:
        return False
    if shorthand.label_follows(text, end):
        return True  # "0830 | T 36.8 | P 97": the time of a row of vital signs
    if before is not None and before.group("w").lower() in WEEKDAYS:
        return True  # "DISCONNECT FRI 1140": a day and its time
    after = _WORD_AFTER_NUMBER.match(text, end)
    return (
        before is not None
        and (
            before.group("w").islower()
            or _names_a_service(text, before)
            or _a_ward_word_in_capitals(before.group("w"))
            or _an_act_before_its_clock_in_capitals(text, start, end, before.group("w"))
        )
        and not (after is not None and after.group("w")[0].isupper() and not text[end:].isupper())
    )


_ACTS_BEFORE_A_CLOCK = frozenset(wordlists.words("acts_before_a_clock"))


def _an_act_before_its_clock_in_capitals(text: str, start: int, end: int, word: str) -> bool:
    """ "SYNAGIS GIVEN 1000", "ECHO ORDERED FOR 0800": in a ward note typed in capitals, where
    a capital says nothing, an act of the ward (data/words/acts_before_a_clock.txt) right
    before four digits times them."""
    return (
        word.lower() in _ACTS_BEFORE_A_CLOCK
        and lines_are_caseless(text, start, end)
        and is_ward_note(text)
    )


# A clock opening a line before a colon ("0100: slept, HR 60s"), and a year's shape that a
# timeline opens its lines with as well ("2015: diagnosed", "1998: TAH").
_TIMED_ENTRY = regex.compile(r"(?m)^[ \t]*(?P<clock>(?:[01]\d|2[0-3])[0-5]\d):[ \t]")
_YEAR_SHAPE = regex.compile(r"(?:19|20)\d\d")


def _a_timed_entry(text: str, start: int, end: int) -> bool:
    """A note written as timed entries, each line opening with its clock ("2200: TR band
    deflated", "0100: slept", "0400: AM labs drawn"): the clock of one, written so on two
    lines at least, is a time, not a phone, an extension or a postcode. A year's shape is
    left to the date rules: a timeline opens its lines so too ("2015: diagnosed")."""
    if _YEAR_SHAPE.fullmatch(text, start, end) or not text.startswith(":", end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    return _timed_entries(text) >= 2


# Every clock of a text is asked about; the text is counted once (its last few kept).
@functools.lru_cache(maxsize=64)
def _timed_entries(text: str) -> int:
    """The lines opening with a clock and a colon, but a year's shape ("2015: diagnosed",
    "2019: relapse"): a timeline's years are no timed entries, whatever their count."""
    return sum(
        1 for m in _TIMED_ENTRY.finditer(text) if _YEAR_SHAPE.fullmatch(m.group("clock")) is None
    )


def _a_ward_word_in_capitals(word: str) -> bool:
    """A word of the ward in capitals ("HANDOVER 1850", "FS 0400"): no town is named so."""
    return (
        word.isupper()
        and len(word) > 2
        and shorthand.is_ward_word(word)
        and not (is_person_name(word) or is_listed_name(word))
    )


def _names_a_service(text: str, before: regex.Match[str]) -> bool:
    """A unit or service of the hospital in capitals after a small word ("from OR 1840", "to
    ED 0215"): the time of a move, not a state code after its town before a postcode
    ("Darwin NT 0800")."""
    word = before.group("w")
    low = word.lower()
    small_word_before = _SMALL_WORD_BEFORE.search(text, max(0, before.start() - 24), before.start())
    return (
        word.isupper()
        and len(word) > 1
        and (low in lexicon.CLINICAL_ACRONYMS or low in lexicon.SERVICE_ACRONYMS)
        and small_word_before is not None
    )


_SMALL_WORD_BEFORE = regex.compile(r"(?<![\w'])\p{Ll}+[ \t]+\Z")


def _number_and_ward_words(text: str, start: int, end: int) -> bool:
    """A number, then only words of the ward: "600 load given", "75 qd", "90s post-PCI",
    "14 attempts/9 doses". An address has a street, a town or a name after its number."""
    tokens = _TOKEN.findall(text, start, end)
    if not tokens or not tokens[0][0].isdigit():
        return False
    words = [w for t in tokens[1:] for w in _WORD.findall(t)]
    # "post-PCI": a hyphenated word is the ward's when every part is ("post" alone is also
    # a street's word, as in "Post Road").
    parts = [p for w in words for p in w.split("-") if p]
    # Ordinary words alone may name a street ("200 maple"): the clinic must speak in them.
    return (
        bool(words)
        and all(_ward_vocabulary(w) or _hyphenated_ward_word(w) for w in words)
        and any(is_clinical_word(p) for p in parts)
    )


def _measured_words_of_the_ward(text: str, start: int, end: int) -> bool:
    """A measured number or a label and its number ("bipap 12/5 fio2 35"), then only
    numbers and labels or words of the ward: the model read a row of settings as one name
    or place."""
    tokens = list(_TOKEN.finditer(text, start, end))
    if not tokens:
        return False
    first = tokens[0]
    if not (
        (text[start].isdigit() and shorthand.is_measured(text, start))
        or shorthand.is_labelled_value(text, first.start(), first.end())
    ):
        return False
    words = [t.group() for t in tokens if not t.group()[0].isdigit()]
    return bool(words) and all(
        shorthand.is_ward_word(w) and not (is_person_name(w) or is_listed_name(w)) for w in words
    )


_WORD_RIGHT_BEFORE = regex.compile(r"(?<![\w/-])(?P<w>\p{L}[\p{L}-]*)[ \t]+\Z")


def _after_a_device_word(text: str, start: int) -> bool:
    """A number right after a word of the ward that is nobody's name ("Optiflux 160"); a
    house number follows a street's name ("Samoilova 3"), which no ward list holds."""
    before = _WORD_RIGHT_BEFORE.search(text, max(0, start - 32), start)
    if before is None:
        return False
    word = before.group("w")
    return (
        shorthand.is_ward_word(word)
        and len(word) > 3
        and not (is_person_name(word) or is_listed_name(word))
        and word.lower() not in STREET_WORDS
    )


def _hyphenated_ward_word(word: str) -> bool:
    parts = [p for p in word.split("-") if p]
    return len(parts) > 1 and all(
        is_ordinary_word(p) and not (is_person_name(p) or is_listed_name(p)) for p in parts
    )


def _ward_vocabulary(word: str) -> bool:
    low = word.lower()
    if low in STREET_WORDS or is_person_name(word) or is_listed_name(word):
        return False
    return shorthand.is_ward_word(word) or is_common_word(word) or is_ordinary_word(word)


def _trim_participles(text: str, start: int, end: int) -> tuple[int, int]:
    """Without case, drop an English participle or verb in -s that ends a name before a
    pause or a function word ("FOLEY PLACED, CLOUDY", "DUODERM APPLIED.", "GRANDMOTHER
    STAYING IN RM", "isabela brings her"): letters no longer tell a name from a word, but
    such a word is nobody's name. Not one that opens a name or goes on into one: "SPOTTED
    ELK", "KIMIMELA STANDING BEAR"; nor a word that is a name ("FRED", "REED", "DARLING")."""
    tokens = list(_TOKEN.finditer(text, start, end))
    while len(tokens) > 1 and _participle_in_any_case(tokens[-1].group()):
        after = _NEXT_WORD.match(text, tokens[-1].end())
        if after is not None and not is_function_word(after.group("w")):
            break
        tokens.pop()
    return start, tokens[-1].end() if tokens else end


def _participle_in_any_case(token: str) -> bool:
    low = token.lower()
    return (low.endswith(("ed", "ing")) and _bedside_word(low)) or _verb_in_s(low)


# A field's value: "re: stranger - 6 nov 1936", "NAME: HOPE". A field names its value.
_FIELD_VALUE_BEFORE = regex.compile(r"\p{L}[ \t]*:[ \t]*\Z")


def _clinical_word_in_capitals(value: str) -> bool:
    return value.isalpha() and value.isupper() and is_clinical_word_of_any_language(value)


def _english_word_in_one_case(value: str, label: str) -> bool:
    """One word in capitals or small letters that is a frequent English word, nobody's name
    and no town ("ANXIOUS", "INTERMITTENTLY CONFUSED", "history is notable for", "brings
    her to visits"): where letters are all of one case, only the word is left to judge."""
    if len(value) < 4 or not value.isalpha() or not (value.isupper() or value.islower()):
        return False  # "jen", "tom": a short word in one case is as often a nickname
    return (
        frequency.is_frequent_english_word(value)
        and not is_person_name(value)
        and not is_listed_name(value)
        and not (label == "LOCATION" and is_known_place(value))
    )


def _short_capitals(value: str, cased: bool) -> bool:
    """Two to four capitals alone: among small letters a short form ("LAD", "ADHF"), the
    names of a text with case being written with small letters; in a text all in capitals,
    a short form only when it is nobody's name ("ANA", "LEE" are names)."""
    if not (2 <= len(value) <= 4 and value.isalpha() and value.isupper()):
        return False
    return cased or not (is_person_name(value) or is_listed_name(value))


def _verb_in_s(low: str) -> bool:
    """ "brings", "wants", "remains": an English word and its stem both, nobody's name
    ("ISABELA BRINGS HER", "mary wants to"); not "evans", "holmes", which are names."""
    return (
        len(low) > 4
        and low.endswith("s")
        and not low.endswith("ss")
        and frequency.is_english_word_written_small(low)
        and frequency.is_english_word_written_small(low[:-1])
        and not is_person_name(low)
        and not is_listed_name(low)
    )


def _never(token: str) -> bool:
    return False


def _bedside_participle(token: str) -> bool:
    return token.endswith("ed") and _bedside_word(token)


def _bedside_word(token: str) -> bool:
    """A rarer English participle or abstract word in small letters that is nobody's name
    ("line dampened", "speech garbled"); rarer bare words include surnames ("teng",
    "grundy"), so the word must have a suffix of English word-building."""
    return (
        _ENGLISH_WORD_ENDING.search(token) is not None
        and frequency.is_english_word_written_small(token)
        and not is_person_name(token)
        and not is_listed_name(token)
    )


# Places only lose participles ("line dampened"): rarer English words in small letters
# include many towns ("from gorakhpur", "the grundy clinic"), some ending as a gerund
# ("ealing"). Dates, ages, IDs and contacts keep their own trimming.
_BEDSIDE: dict[str, Callable[[str], bool]] = {
    "PERSON": _bedside_word,
    "LOCATION": _bedside_participle,
}


def _trim_labels(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Drop words from the edges of a date, number or contact: "Email a.b@c.org" is the
    address, "tel 0722 345 678" the number."""
    return _trim(text, start, end, label, lambda token: not any(c.isdigit() for c in token))


def _trim(
    text: str,
    start: int,
    end: int,
    label: str,
    candidate: Callable[[str], bool],
    also_ordinary: Callable[[str], bool] = lambda token: False,
) -> tuple[int, int]:
    """Drop ``candidate`` tokens that are ordinary words from the edges (a place keeps its
    end, a date its month names)."""

    def droppable(token: str) -> bool:
        return (
            candidate(token)
            and (is_ordinary_word(token) or also_ordinary(token))
            and not (label == "DATE" and token.lower().rstrip(".") in lexicon.MONTH_WORDS)
        )

    tokens = list(_TOKEN.finditer(text, start, end))
    while tokens and droppable(tokens[0].group()):
        tokens.pop(0)
    keeps_end = label == "LOCATION" and (
        _names_a_kind_of_place(tokens) or _house_number_and_street(tokens)
    )
    while not keeps_end and tokens and droppable(tokens[-1].group()):
        tokens.pop()
    if not tokens:
        return start, start
    return tokens[0].start(), end if keeps_end else tokens[-1].end()


def _names_a_kind_of_place(tokens: list[regex.Match[str]]) -> bool:
    """A street, a facility or a settlement is named in the span ("12 fourth avenue,
    calgary", "the grundy clinic"): its small words are the place's own. Without one, small
    ordinary words at a place's end are the sentence going on ("2004 protects individuals
    against employment discrimination")."""
    return any(
        t.group().lower().rstrip(".") in STREET_WORDS or names_a_facility(t.group()) for t in tokens
    )


def _house_number_and_street(tokens: list[regex.Match[str]]) -> bool:
    """A number and one English word: a street named by a word ("lives at 200 maple"),
    written without its type. A word of another language after a number is more often
    its unit ("55 tuổi")."""
    return (
        len(tokens) == 2
        and tokens[0].group().isdigit()
        and frequency.is_english_word_written_small(tokens[1].group())
    )


# Credentials written like initials ("M.D.", "R.N."): after a name they are its holder's
# degree, which the expert may read ("Dr Ana Lima, M.D."), not part of the name.
# Only with their full stops: "Li Ma" is a name, "Li, M.A." a name and a degree.
_CREDENTIALS = frozenset(w.rstrip(".").upper() for w in wordlists.words("not_initials"))


# Slashed shorthand at a name's or a place's edge: "HALL W/ PT", "STAY W/", "S/P MRM".
_SHORTHAND_AT_END = regex.compile(r"[ \t]+(?P<s>\p{L}{1,2}/\p{L}{0,2})[ \t]*\Z")
_LETTERS_AT_END = regex.compile(r"[ \t]+(?P<s>\p{L}{1,2})\Z")
_SLASHED_REST = regex.compile(r"/\p{L}{0,2}(?!\w)")
_SHORTHAND_AT_START = regex.compile(r"(?P<s>\p{L}{1,2}/\p{L}{0,2})[ \t]+")


def _trim_shorthand(text: str, start: int, end: int) -> tuple[int, int]:
    """A finding without the slashed shorthand at its edges ("r/o", "w/", "s/p")."""
    m = _SHORTHAND_AT_END.search(text, start, end)
    if m is not None and shorthand.is_shorthand(m.group("s")):
        end = m.start()
    else:
        # The model may stop inside it: "MARY HALL W" of "MARY HALL W/ PT".
        m = _LETTERS_AT_END.search(text, start, end)
        rest = _SLASHED_REST.match(text, end)
        if (
            m is not None
            and rest is not None
            and shorthand.is_shorthand(m.group("s") + rest.group())
        ):
            end = m.start()
    m = _SHORTHAND_AT_START.match(text, start, end)
    if m is not None and shorthand.is_shorthand(m.group("s")):
        start = m.end()
    return start, end


def _trim_edge(
    text: str, start: int, end: int, drop: Callable[[str], bool], *, at_end: bool
) -> int:
    """The start (or, ``at_end``, the end) of a span without the words ``drop`` takes
    from that edge; the last word left stays whatever it is."""
    tokens = list(_TOKEN.finditer(text, start, end))
    edge = -1 if at_end else 0
    while len(tokens) > 1 and drop(tokens[edge].group()):
        tokens.pop(edge)
    if not tokens:
        return end if at_end else start
    return tokens[-1].end() if at_end else tokens[0].start()


# Verbs after a person that end a name and are nobody's name: "WINIFRED FLEW IN", "PT GAVE
# VERBAL OK" (data/words/verbs_after_initials/ and name_stop/). Not every word that ends a
# rule's name ("Chinle Service Unit" is a facility's), nor one that may be a name in
# capitals ("BROWN, WILL").
_NOT_IN_A_NAME = frozenset(
    w.lower()
    for w in wordlists.words("verbs_after_initials")
    if w.lower() in lexicon.NAME_STOP and not (is_person_name(w) or is_listed_name(w))
)


# What a relative does, after the name the model ran on into it ("tallulah brought",
# "annika called x2"): the verbs after initials that are no function word and nobody's name.
_VERBS_AFTER_A_NAME = frozenset(
    w.lower()
    for w in (*wordlists.words("verbs_after_initials"), *wordlists.words("verbs_after_names"))
    if not (is_function_word(w) or is_person_name(w) or is_listed_name(w))
)


def _cut_before_a_verb(text: str, start: int, end: int) -> int:
    """The end of a name the model ran on into what the person did ("tallulah brought
    home cpap", "WIFE FLORENCE VISITING DAILY", "annika called x2"): it ends before the
    first such verb after its first word, when only ordinary words that are nobody's name or
    numbers follow ("Annika called Mary Jones" keeps its second name)."""
    tokens = list(_TOKEN.finditer(text, start, end))
    for i, token in enumerate(tokens[1:], 1):
        word = token.group()
        if word.lower() not in _VERBS_AFTER_A_NAME:
            continue
        # The word before the verb must be one a name may be ("SON MET W/ ADVANCED": a
        # letter of shorthand is nobody).
        named = tokens[i - 1].group()
        if (
            len(named) > 1
            and named.isalpha()
            and _may_be_a_name(named)
            and all(_no_name_after_a_verb(t.group()) for t in tokens[i + 1 :])
        ):
            return tokens[i - 1].end()
        return end
    return end


def _no_name_after_a_verb(word: str) -> bool:
    return any(c.isdigit() for c in word) or (
        is_ordinary_word(word) and not (is_person_name(word) or is_listed_name(word))
    )


def _trim_name_stops(text: str, start: int, end: int) -> tuple[int, int]:
    """A person without the words at its edges that end a name."""
    end = _trim_edge(text, start, end, _stops_a_name, at_end=True)
    return _trim_edge(text, start, end, _stops_a_name, at_end=False), end


def _trim_clinic_after_comma(text: str, start: int, end: int) -> int:
    """The end of a name the model ran across a comma into what the clinic writes next:
    "SEEN BY DR. KHATRI, PPM PLANNED" is Khatri; "PPM PLANNED" is a pacemaker. Only when
    the first word after the comma is a short form of the inventories or an acronym of the
    clinic, of three letters or more, not written as a name is ("Khatri, Anil" is a name
    turned round) and no word English writes often ("BROWN, WILL": a given name), and
    every word after it is the ward's, nobody's name and no town."""
    for comma in _COMMA.finditer(text, start, end):
        if not _TOKEN.search(text, start, comma.start()):
            continue
        rest = [t.group() for t in _TOKEN.finditer(text, comma.end(), end)]
        if not rest:
            continue
        first = rest[0]
        if (
            len(first) >= 3
            and not first.istitle()
            and (is_clinical_abbreviation(first) or first.lower() in lexicon.CLINICAL_ACRONYMS)
            and not frequency.is_frequent_english_word(first)
            and _the_clinics_word(first)
            and not _a_place(first)
            and all(_a_word_of_the_ward(t) for t in rest)
        ):
            return comma.start()
    return end


_COMMA = regex.compile(r",")


def _may_be_a_name(word: str) -> bool:
    return " " not in word and (
        is_person_name(word) or is_listed_name(word) or not is_ordinary_word(word)
    )


def _stops_a_name(word: str) -> bool:
    # Not a letter: "i. condron" opens with an initial.
    return len(word) > 2 and word.lower() in _NOT_IN_A_NAME


def trim_credentials(text: str, start: int, end: int) -> int:
    """The end of a name without the credentials, or a registration's label ("COREN-SP"),
    that close it."""
    end = _trim_edge(text, start, end, lambda w: w.upper() in _CREDENTIALS, at_end=True)
    last = list(_TOKEN.finditer(text, start, end))
    if len(last) > 1 and registration_label_at(text, *last[-1].span()):
        end = last[-2].end()
    return end


# Titles and kin, in any case and language, announce a name and are not part of it
# ("CHR delbert", "Filho Márcio", "jjajja Kizito"); not those that are given names too
# ("Nora", daughter-in-law in Portuguese).
# Greetings too ("Hello Brian", "Hola Marta"): the model reads them with the name they open.
_TITLES_AND_KIN = frozenset(
    w.lower()
    for w in (*lexicon.TITLES, *lexicon.RELATIVES, *wordlists.words("greetings"))
    if " " not in w and not (is_person_name(w) or is_listed_name(w))
)


# Field labels and the short forms of roles, of the languages notes are written in, open
# a name the model reads with them and are none of it ("Pcte Carlos Nunes", "BS Lê Văn
# Hải", "Paciente Ana Lima"; data/words/label_words/, role_short_forms/): not those that
# are given names.
# A verb opening the sentence before where somebody lives or works ("Resides Kayenta",
# "Lives Round Rock") the model reads into the place, or into a person, too.
VERBS_BEFORE_PLACES = frozenset(
    w.lower()
    for w in wordlists.words("verbs_before_places")
    if not (is_person_name(w) or is_listed_name(w))
)
_OPENERS_OF_A_NAME = _TITLES_AND_KIN | frozenset(
    w
    for w in (*lexicon.FOREIGN_LABEL_WORDS, *lexicon.ROLE_SHORT_FORMS)
    if not (is_person_name(w) or is_listed_name(w))
)


# The English roles of a care team (data/words/role_short_forms/en.txt): after the clinic's
# words of a service, one opens the name it announces ("CARDIOLOGY FELLOW OYELARAN").
_ENGLISH_ROLES = frozenset(w.lower() for w in wordlists.read("role_short_forms", "en"))


def _trim_service_and_role(text: str, start: int, end: int) -> int:
    """The start of a name without the service and the role the model read into it:
    "cardiology fellow oyelaran", "EP FELLOW NAKAGAWA-REID" are the surname only; a role
    with nothing after it stays what the model made of it."""
    tokens = list(_TOKEN.finditer(text, start, end))
    for i, token in enumerate(tokens[:-1]):
        word = token.group().lower()
        if word in _ENGLISH_ROLES:
            return tokens[i + 1].start()
        if not is_clinical_word(word):
            break
    return start


# A place opens with no kinship word ("Grandson Derrick calls" is a grandson); titles may
# open one ("St. Mary's", "Father Muller Hospital").
_KIN = frozenset(
    w.lower() for w in lexicon.RELATIVES if not (is_person_name(w) or is_listed_name(w))
)


def _trim_opening_verb(text: str, start: int, end: int) -> int:
    """The start of a name or place without a capitalised verb opening its sentence
    ("Resides Kayenta"); in small letters the model is taken at its word ("visited aldo"
    may be a name)."""
    return _trim_edge(
        text,
        start,
        end,
        lambda w: w[:1].isupper() and w.lower() in VERBS_BEFORE_PLACES,
        at_end=False,
    )


def is_title_or_kin(word: str) -> bool:
    """A title or a kinship word, of any language, that is nobody's given name ("Dott.",
    "Frau", "sobrinha"): it announces a name and is none of it."""
    return word.lower().rstrip(".") in _TITLES_AND_KIN


def opens_a_name(word: str) -> bool:
    """A title, a kinship word, a role's short form or a field's label that opens a name and
    is none of it ("Dott.", "Pcte", "Sig.ra")."""
    return word.lower().rstrip(".") in _OPENERS_OF_A_NAME


def _trim_titles(text: str, start: int, end: int, words: frozenset[str] = _TITLES_AND_KIN) -> int:
    """The start of a name without the titles and kinship words (or ``words``) that open it."""
    return _trim_edge(text, start, end, lambda w: w.lower().rstrip(".") in words, at_end=False)


# A verb opening an instruction before a full name ("Add Chidera Amarachi Nwankwo"), never a
# word a name list knows.
INSTRUCTION_VERBS = frozenset(
    w
    for w in wordlists.words("instruction_verbs")
    if not (is_person_name(w) or is_listed_name(w) or is_person_name(w.capitalize()))
)


def _trim_sentence_opening(text: str, start: int, end: int) -> int:
    """The start of a full name without the two words that open its sentence before it:
    "Job applicant Fatima Zahra Benali" (a capitalised word and a small-letter one,
    ordinary words both). One ordinary word alone stays: many given names are ordinary
    words ("Prosper Nii Lartey", "Bright Kofi Mensah") and no list knows them all, unless
    it is a verb of instruction_verbs/ no name list knows ("Add Fatima Zahra Benali"). Two words at
    least stay, each a name or no ordinary word, so "Where: UPTON SCUDAMORE Country Club"
    keeps its place."""
    if _SENTENCE_START.search(text, max(0, start - 12), start) is None:
        return start
    tokens = list(_WORD.finditer(text, start, end))
    if (
        len(tokens) >= 3
        and tokens[0].group().lower() in INSTRUCTION_VERBS
        and all(_names_someone(t.group()) for t in tokens[1:])
    ):
        return tokens[1].start()
    if len(tokens) < 4 or len(tokens[0].group()) < 2 or not is_ordinary_word(tokens[0].group()):
        return start
    second = tokens[1].group()
    # Not a word that joins two names ("Anna and Ben Okoro").
    if not (
        second.islower()
        and second not in PARTICLES
        and is_ordinary_word(second)
        and not is_function_word(second)
    ):
        return start
    rest = tokens[2:]
    if all(_names_someone(t.group()) for t in rest):
        return rest[0].start()
    return start


def _names_someone(word: str) -> bool:
    """A capitalised word that is somebody's name or no ordinary word ("Benali", not the
    "Country Club" of "Where: UPTON SCUDAMORE Country Club")."""
    return word[0].isupper() and (
        is_person_name(word) or is_listed_name(word) or not is_ordinary_word(word)
    )


def _only_ordinary_words(text: str, start: int, end: int) -> bool:
    """Every word ordinary and nobody's name, none capitalised but a sentence's first.

    A span with a digit in it ("12 fourth avenue") is an address, whatever its words.
    """
    if any(c.isdigit() for c in text[start:end]):
        return False
    for word in _WORD.finditer(text, start, end):
        value = word.group()
        # A name written as one ("Grace", not "grace"; "Per", not "per") is not dropped.
        if not is_ordinary_word(value) or (value[0].isupper() and is_person_name(value)):
            return False
        opens = _SENTENCE_START.search(text, max(0, word.start() - 12), word.start())
        acronym = value.isupper() and len(value) > 1  # "ASCO": capitals that name no one
        if value[0].isupper() and not opens and not acronym:
            return False
    return True


_LAW_WORDS = frozenset(wordlists.words("law_words"))
_YEAR_AT_END = regex.compile(r"(?:[ \t]+of)?[ \t]+(?:1[6-9]|20)\d\d\Z")


def _names_a_law(text: str, start: int, end: int) -> bool:
    """ "Civil Rights Act of 2016", "Mental Health Act", "Article": a law's name ends with
    its kind (data/words/law_words/), its year after it."""
    words = _WORD.findall(_YEAR_AT_END.sub("", text[start:end]))
    return bool(words) and words[-1].lower() in _LAW_WORDS and not is_person_name(words[-1])


def _only_clinical_words(text: str, start: int, end: int) -> bool:
    """ "Tumor Board", "Grand Rounds", "Vitamin D": vocabulary that never names anyone."""
    words = _WORD.findall(text, start, end)
    return bool(words) and all(is_common_word(w) or len(w) == 1 for w in words)


def _is_measurement(text: str, start: int, end: int) -> bool:
    """A value the ward measured or set: "SpO2 96", "SIMV 12/500/5", "weaned to 14/5",
    "IS 1500"; a dose after its drug ("plavix 600 load", "ASA 325")."""
    return (
        shorthand.is_measured(text, start)
        or shorthand.is_measured_in_mixed_case(text, start)
        or (
            not _aged(text, start, end)
            and (
                _dose_after_drug(text, start, end)
                or _RANGE_WORD_BEFORE.search(text, max(0, start - 12), start) is not None
            )
        )
        or shorthand.is_setting_or_fraction(text, start, end)
        or shorthand.is_level_range(text, start, end)
        or (shorthand.is_small_range(text[start:end]) and shorthand.is_measured(text, start))
    )


# An age over 89 and the sex or years that say it is one ("warfarin 93 female", "target
# 93/F"): no dose nor target is written so.
_OLD_AGE = regex.compile(r"(?:9\d|1[0-2]\d)")
_SEX_OR_YEARS_AFTER = regex.compile(
    rf"[ \t]*/?[ \t]*(?:[MF]\b|(?i:male|female|man|woman|{YEARS_OF_AGE})\b)"
)


def _aged(text: str, start: int, end: int) -> bool:
    return (
        _OLD_AGE.fullmatch(text, start, end) is not None
        and _SEX_OR_YEARS_AFTER.match(text, end) is not None
    )


# A number the model calls a phone, alone or in brackets, with fewer digits than a phone
# has: "Mzee Otieno, (93)" is an age over 89 if it is anything (and a value if a label is
# before it, which the age's checks then find).
_BRACKETED_OLD = regex.compile(r"\(?[ \t]*(?P<n>9\d|1[0-2]\d)[ \t]*\)?")


def _short_contact_as_age(text: str, start: int, end: int) -> tuple[int, int] | None:
    m = _BRACKETED_OLD.fullmatch(text, start, end)
    return None if m is None else m.span("n")


_DRUG_BEFORE = regex.compile(r"(?P<w>\p{L}[\p{L}-]*)[ \t]+\Z")
_DOSE = regex.compile(r"\d{1,4}(?:\.\d+)?")


def _dose_after_drug(text: str, start: int, end: int) -> bool:
    """A number of up to four digits right after a drug's name is its dose."""
    if _DOSE.fullmatch(text, start, end) is None:
        return False
    before = _DRUG_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and is_drug_name(before.group("w"))


def from_entities(text: str, entities: list[Entity], offset: int = 0) -> list[RecognizerResult]:
    """Findings for a model's entities (``nlp.entities_of``) in ``text[offset:]``, offsets
    into ``text``. Each entity is judged on its own: the findings of a list are those of its
    entities, in order."""
    if not entities:
        return []
    cased = not is_caseless(text)
    ward_note = is_ward_note(text)
    results = []
    for start_char, end_char, label_ in entities:
        for a, b in _sentence_pieces(text, offset + start_char, offset + end_char):
            whole = _finding(text, a, b, label_, cased)
            if (
                whole is None
                or (
                    # "UOP 60-100/HR", "40-100cc/hr": a rate, read as a code by the model too.
                    whole.entity_type == "ID" and is_a_range_per_unit(text[whole.start : whole.end])
                )
                or (
                    ward_note
                    and (
                        _words_of_the_ward_alone(text, whole)
                        or _a_device_by_its_maker(text, whole)
                        or (
                            whole.entity_type == "DATE"
                            and no_date_of_the_ward(text, whole.start, whole.end)
                        )
                    )
                )
            ):
                continue
            # Only what passed whole is cut, and its pieces keep its judgement: alone, a
            # piece may read as a word ("Sarah" of "Sarah zona Kangemi").
            for c, d in _name_pieces(text, whole.start, whole.end, whole.entity_type, cased):
                piece = (
                    whole
                    if (c, d) == (whole.start, whole.end)
                    else RecognizerResult(
                        whole.entity_type,
                        c,
                        d,
                        whole.score,
                        recognition_metadata=dict(whole.recognition_metadata or {}),
                    )
                )
                results.extend(_without_dates_and_ages(text, piece))
    return results


def _name_pieces(text: str, start: int, end: int, label: str, cased: bool) -> list[tuple[int, int]]:
    """A name the model ran across the prose between two names is two: in text that writes
    names with capitals, a word in small letters that is ordinary, neither a name's particle
    ("de", "da", "of") nor a function word, is the sentence's ("Basilia de la zona Villa
    Adela", "Zefinha do sítio Lagoa Seca"). A place's name may hold such a word ("Nairobi
    west", "Barra do Garças"), and a street's or a facility's word stays in the piece after
    it ("Thaís da rua José de Alencar"). A span with a number is an address, whose small
    words are its own ("26 rue des lieutenants", "Stensås terrasse 38")."""
    if label != "PERSON":
        return [(start, end)]
    prose = cased and not any(c.isdigit() for c in text[start:end])
    pieces, at = [], start
    facility = False
    for token in _TOKEN.finditer(text, start, end):
        word = token.group()
        # Between two names written with capitals ("高雄 chapter clinic" has none).
        inner = _has_capital(text, start, token.start()) and _has_capital(text, token.end(), end)
        # Around a facility's word, small words describe it ("Centre hospitalier de ...",
        # "Kisumu county Referral Hospital").
        facility = facility or names_a_facility(text[token.start() : end])
        if not (prose and inner and not facility and _prose_between_names(word)):
            continue
        if at < token.start():
            pieces.append((at, token.start()))
        at = token.end()
    if at == start:
        return [(start, end)]  # nothing was cut
    pieces.append((at, end))
    return [edges for a, b in pieces if (edges := _without_glue(text, a, b)) is not None]


def _without_glue(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A piece of a name less the particles and small words left at its edges by the cut
    ("Basilia de la" of "Basilia de la zona Villa Adela"); None when nothing else is left."""
    tokens = list(_TOKEN.finditer(text, start, end))

    def glue(token: regex.Match[str]) -> bool:
        word = token.group()
        return (
            word.islower()
            and (word in PARTICLES or is_function_word(word) or is_ordinary_word(word))
            and not (is_person_name(word) or is_listed_name(word))
        )

    while tokens and glue(tokens[0]):
        tokens.pop(0)
    while tokens and glue(tokens[-1]):
        tokens.pop()
    return (tokens[0].start(), tokens[-1].end()) if tokens else None


def _has_capital(text: str, start: int, end: int) -> bool:
    return any(c.isupper() for c in text[start:end])


def _without_dates_and_ages(text: str, res: RecognizerResult) -> list[RecognizerResult]:
    """A name or place less the dates and ages the model read with it, once the finding was
    judged whole (its words beside them keep the name's edge: "salisu ibrahim 52yrs").
    What is cut stays found when it may be an identifier of its own: a date, or a number
    over 89 (an age to hide, or a number the model took for part of a name)."""
    label = res.entity_type
    if label not in _NAMED:
        return [res]
    pieces: list[tuple[str, int, int]] = []
    at = res.start
    for token in _TOKEN.finditer(text, res.start, res.end):
        word = token.group()
        if _date_beside_a_name(word, label):
            cut = "DATE"
        # A place's number with a letter is its house's or flat's ("Plot 12a"), no age.
        elif label == "PERSON" and _AGE_TOKEN.fullmatch(word):
            cut = "AGE" if int(_DIGITS.match(word).group()) > 89 else ""
        else:
            continue
        pieces.append((label, at, token.start()))
        if cut:
            pieces.append((cut, token.start(), token.end()))
        at = token.end()
    if at == res.start:
        return [res]
    pieces.append((label, at, res.end))
    kept = []
    for kind, a, b in pieces:
        words = list(_TOKEN.finditer(text, a, b))
        if words:
            kept.append(
                RecognizerResult(
                    kind,
                    words[0].start(),
                    words[-1].end(),
                    res.score,
                    recognition_metadata=dict(res.recognition_metadata or {}),
                )
            )
    return kept


# A date or an age beside a name or a place is none of its parts: "Kayenta chapter 11/3/25",
# "Nakato Sarah 33F", "Teodoro Huamán 72a". A place keeps a bare number (its house's) and
# the two numbers of a house ("Av. Santander # 8-3", "Czarnieckiego 97/33").
_NUMERIC_DATE_TOKEN = regex.compile(
    r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})(?P<year>[/.-](?:\d{2}|\d{4}))?"
)


def _date_beside_a_name(word: str, label: str) -> bool:
    date = _NUMERIC_DATE_TOKEN.fullmatch(word)
    if date is None:
        return False
    if date.group("year"):
        return True
    a, b = int(date.group("a")), int(date.group("b"))
    return label == "PERSON" and 1 <= a <= 31 and 1 <= b <= 31 and min(a, b) <= 12


# An age by its ending: a bare number after a name may be a house's ("via dei serpenti
# 35" read as a name in small letters).
_AGE_TOKEN = regex.compile(r"(?i)\d{1,3}(?:[mf]|yo|yrs?|a|ans?|anos|años)")


def _prose_between_names(word: str) -> bool:
    low = word.lower()
    # Short words are the glue of places in other languages too ("Lenart v Slovenskih
    # goricah", "Brod na Kupi").
    return (
        len(word) > 2
        and word.islower()
        and low not in PARTICLES
        and low.rstrip(".") not in STREET_WORDS
        and not names_a_facility(word)
        and not is_function_word(word)
        and is_ordinary_word(word)
        # A given name written small is still a name ("Akinyi grace Otieno").
        and not (is_person_name(word) or is_listed_name(word))
    )


_WARD_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'\u2019./+~-]*")
_SHORTHAND_SLASH = regex.compile(r"\p{L}{1,2}/\p{L}{0,2}")  # "w/", "s/p", "h/o", "W/"
_PLACE_OR_PERSON_CUE = regex.compile(
    rf"(?i:\b(?:{alternation(wordlists.words('place_cues'))}))[ \t]*[:\-]?[ \t]*\Z"
)
# The same cues less the bare prepositions ("at", "from", "in", "to"): a ward writes them
# before its own doings as often as before a place ("AT GOAL 65/HR", "in hallway w/ iv
# pole", "FROM ORTHOTICS"), so they cue a place only where the span holds none of the
# clinic's words or values.
_NOT_PREPOSITIONS = (w for w in wordlists.words("place_cues") if not is_function_word(w))
_PLACE_CUE_NOT_A_PREPOSITION = regex.compile(
    rf"(?i:\b(?:{alternation(_NOT_PREPOSITIONS)}))[ \t]*[:\-]?[ \t]*\Z"
)
_ADDRESS_WORDS = frozenset(
    w.lower().rstrip(".") for w in (*lexicon.STREET_TYPES, *wordlists.words("address_units"))
)


def _words_of_the_ward_alone(text: str, found: RecognizerResult) -> bool:
    """A name or place the model read in a ward note, made only of the ward's words and
    values: in one case, ordinary, clinical or rare English words none of which is a name
    or a town, at least one the clinic's ("BANANA BAG", "anxious w/ mask", "CALORIE COUNT
    2100/2600", "RHC NUMBERS Q6H"), with no cue of a person or place before it and no
    number an identifier's or one to call; or numbers alone, no postcode ("480-520",
    "-125"). In one case the letters say nothing, and a note this dense with
    the clinic's words names its people after a cue ("wife ROSE", "SON FRANK") or with
    words no list holds."""
    if found.entity_type not in _NAMED:
        return False
    value = text[found.start : found.end]
    # The hour of an act opens with a zero as a phone's prefix does ("foley dc'd 0500").
    unclocked = without_clocks_of_the_ward(text, found.start, found.end)
    if _IDENTIFIER_DIGITS.search(unclocked):
        return False  # a number no ward writes: an identifier's, whatever the words
    if any(_date_beside_a_name(t, "PERSON") for t in _WARD_TOKEN.findall(value)):
        return False  # "12/25/24", "MTG 11/29": a date, whatever else the span holds
    letters = [c for c in value if c.isalpha()]
    if not letters:
        # A range, a ratio or one short number; numbers apart are a postcode's ("401 19").
        # Four digits after a word of care are its hour ("SEDATION HOLIDAY 0900").
        return clock_of_the_ward(text, found.start, found.end) or (
            not _POSTCODE_DIGITS.search(value) and _WARD_NUMBERS.fullmatch(value) is not None
        )
    if not (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return _clinic_in_mixed_case(text, found.start, found.end)
    # A span in capitals on a line that has small letters is an acronym, a heading or a
    # name written the EHR's way ("3174-403 LEIRIA" under "Address:"), not the ward's case.
    if not lines_are_caseless(text, found.start, found.end):
        return False
    matches = list(_WARD_TOKEN.finditer(text, found.start, found.end))
    tokens = [m.group() for m in matches]
    # "onc floor", "8 BEAT RUN", "in hall": a noun of the ward a name list holds too, where
    # the ward writes one; it speaks for the ward as the clinic's words do.
    placed = {m.start() for m in matches if a_ward_noun_in_place(text, m.start(), m.end())}
    # A bare number is no proof: "at 23 kenyatta road" is an address after its cue.
    speaks = bool(placed) or any(
        _the_clinics_word(t) or (_a_value(t) and not t.isdigit()) for t in tokens
    )
    if _cued(text, found.start, found.end, prepositions=not speaks) or names_a_facility(value):
        return False  # "north victoria community clinic": ordinary words naming a place
    if any(
        t.lower().rstrip(".:#") in _NUMBER_CUES and any(c.isdigit() for u in tokens[i:] for c in u)
        for i, t in enumerate(tokens[:-1], 1)
    ):
        # "PAGER 412", "ext 33": a number to call, whatever the words; a cue with no
        # number after it cues nothing ("TELE BOX, FALL RISK MOD").
        return False
    # Ordinary words alone are no proof against a name in one case ("tenderness starr",
    # "fern"): the clinic must speak in the span, by its word, a value, or a word English
    # writes small and rarely that no list of names holds ("KNEE IMMOBILIZER"), or the
    # hour of an act ("foley dc'd 0500").
    # Nor is a word English never writes as a name ("OPENS EYES", "air hunger", "NO AIR
    # LEAK"): when every word of the span is one, or the clinic's, or a value, no word of
    # it can be the name ordinary words alone might hide ("tenderness starr", "fern").
    timed = unclocked != value
    return (
        timed
        or bool(placed)
        or any(_the_clinics_word(t) or _a_value(t) or _a_rare_word(t) for t in tokens)
        or (_plain_words_alone(tokens) and not _a_plain_word_naming_a_place(found, tokens))
    ) and all(m.start() in placed or _a_word_of_the_ward(m.group()) for m in matches)


def _a_plain_word_naming_a_place(found: RecognizerResult, tokens: list[str]) -> bool:
    """One plain word the model read as a place may be a facility named by an ordinary
    word ("KINDRED ACCEPTED PT", "summit called back"), unless it is another plain word
    inflected ("NODDING", "flushed", "widower"): a place is seldom named so."""
    return found.entity_type == "LOCATION" and may_name_a_facility(tokens)


def _plain_words_alone(tokens: list[str]) -> bool:
    """Every word is plain English no one is named by, the clinic's own or a value, and
    one at least is plain English ("EMOTIONAL SUPPORT GIVEN" is not: "given" is a
    surname somewhere)."""
    plain = [is_plain_english_word(t) for t in tokens]
    return any(plain) and all(
        p or _the_clinics_word(t) or _a_value(t) or is_function_word(t)
        for p, t in zip(plain, tokens, strict=True)
    )


def _clinic_in_mixed_case(text: str, start: int, end: int) -> bool:
    """A span of a ward note that writes capitals and small letters, made only of the
    ward's words, rhythms and values ("Incentive spirometer 750 x10", "Tele SR 70s"): where
    a capital marks a name ("Husband Gerald"), every capitalised word must open its
    sentence or be the clinic's own, and no cue of a person or place may stand before it."""
    tokens = list(_WARD_TOKEN.finditer(text, start, end))
    if _cued(text, start, end) or names_a_facility(text[start:end]):
        return False
    if any(t.group().lower().rstrip(".:#") in _NUMBER_CUES for t in tokens[:-1]):
        return False  # "Pager 4418": a number to call
    words = [t.group() for t in tokens]
    placed = {t.start() for t in tokens if a_ward_noun_in_place(text, t.start(), t.end())}
    if not (placed or any(_the_clinics_word(w) or _a_value(w) or _a_rare_word(w) for w in words)):
        return False
    for token in tokens:
        word = token.group()
        rhythm = word.lower() in _RHYTHMS
        if not (rhythm or token.start() in placed or _a_word_of_the_ward(word)):
            return False
        if word[0].isupper() and not any(c.isdigit() for c in word) and not rhythm:
            opens = _SENTENCE_START.search(text, max(0, token.start() - 12), token.start())
            if not (opens or is_clinical_word(word)):
                return False
    return True


def _a_value(token: str) -> bool:
    """ "1800/2400", "Q2H", "40cc": a number the ward measured; not a postcode ("3174-403
    LEIRIA"; identifiers' numbers are kept out before: _IDENTIFIER_DIGITS)."""
    return any(c.isdigit() for c in token) and not _POSTCODE_SHAPE.fullmatch(token)


_POSTCODE_SHAPE = regex.compile(r"\d{4,5}(?:-\d{3,4})?")


_POSTCODE_DIGITS = regex.compile(r"\d{4}")
_WARD_NUMBERS = regex.compile(r"[-~]?\d+(?:[.,]\d+)?(?:[ \t]*[-/:][ \t]*\d+(?:[.,]\d+)?)*")
# Five digits in a row, a number opening with a zero ("0712", "12-0045") or three
# numbers joined by hyphens ("VH-6554-8201"): an identifier's or a phone's, never a value
# the ward writes ("0.5", "480-520" are values).
_IDENTIFIER_DIGITS = regex.compile(r"\d{5}|(?<![\d.,])0\d|\w-\d+-\d")
_AFTER_A_NUMBER = regex.compile(r"\d[\w/-]*,[ \t]*\Z")
# The number before the comma, what is glued to it, and the word before it: "NO. 85, ",
# "LDH 290, ", "VT @ 0340, ", "a&ox3, ", "AT -125, ".
_NUMBER_BEFORE_COMMA = regex.compile(
    r"(?:(?P<w>\p{L}+)\.?[ \t]*[<>=:~@]*[ \t]*)??(?P<glue>[\p{L}+&-]+)?"
    r"(?P<n>\d[\w/-]*),[ \t]*\Z"
)
_PLACES_OF_THE_WARD = frozenset(
    w.lower() for kind in ("ward_heads", "ward_units", "bed_words") for w in wordlists.words(kind)
)
_ADDRESS_FIELDS = (*wordlists.words("place_cues"), *wordlists.words("address_field_labels"))
_ADDRESS_FIELD_BEFORE = regex.compile(rf"(?i:\b(?:{alternation(_ADDRESS_FIELDS)}))[ \t]*:[ \t]*\Z")
_WORD_AFTER = regex.compile(r"[ \t]*,?[ \t]*(?P<w>\w+)")
_BARE_CREDENTIALS = frozenset(w.upper() for w in wordlists.words("postnominals"))
_RHYTHMS = frozenset(r.lower() for r in shorthand.RHYTHMS)


# An age in brackets after a name ("ea (89)"), a postcode after a town ("lae 96951").
_PERSON_OR_PLACE_AFTER = regex.compile(r"[ \t]*(?:\([ \t]*\d{1,3}[ \t]*\)|\d{4,6}(?!\d))")


def _cued(text: str, start: int, end: int, *, prepositions: bool = True) -> bool:
    """A title or kinship word ("wife", "DR"), a name ("dr michelle LI"), a person's or an
    address's field ("Patient:", "postcode:"), a house number ("NO. 85, AMARANTE") or a
    place's cue ("lives in", "from") right before, or a credential, an age in brackets or a
    postcode right after ("kenji yamamoto, md", "ea (89)", "lae 96951"), or the line after
    a closing; not the clinic's short forms that are titles elsewhere ("SR 60S"). Without
    ``prepositions``, a bare "at", "from", "in" or "to" is no cue."""
    before = text[max(0, start - 30) : start].rsplit("\n", 1)[-1]
    if (
        PERSON_FIELD_BEFORE.search(before)
        or (_AFTER_A_NUMBER.search(before) and not _a_ward_value_before(before))
        or _ADDRESS_FIELD_BEFORE.search(before)
    ):
        return True
    if below_a_closing(text, start) or _PERSON_OR_PLACE_AFTER.match(text, end):
        return True
    after = _WORD_AFTER.match(text, end)
    inside = (_WORD.findall(text, start, end)[-1:] or [""])[0]
    if any(w.upper() in _BARE_CREDENTIALS for w in (inside, after.group("w") if after else "")):
        return True
    last = (_WORD.findall(before)[-1:] or [""])[0]
    if last and before.rstrip().endswith(last) and (is_person_name(last) or is_listed_name(last)):
        return True
    if last.lower().rstrip(".") in _TITLES_AND_KIN and last.lower() not in _RHYTHMS:
        return True
    cues = _PLACE_OR_PERSON_CUE if prepositions else _PLACE_CUE_NOT_A_PREPOSITION
    return cues.search(before) is not None


_LAST_WORD_OF_SPAN = regex.compile(r"(?<=[\p{L}\p{N}])[ \t]+\p{L}+\Z")


def _a_device_by_its_maker(text: str, found: RecognizerResult) -> bool:
    """ "TRELLIFORM DSG", "waffle overlay": a device's noun closes the span, and no word
    before it is somebody's name (the ward names its people after a cue)."""
    if found.entity_type not in _NAMED:
        return False
    last = _LAST_WORD_OF_SPAN.search(text, found.start, found.end)
    if last is None or not landmarks.brand_of_a_device(text, last.start()):
        return False
    return not any(
        is_person_name(w) or is_listed_name(w) or _a_place(w)
        for w in _WORD.findall(text, found.start, last.start())
    )


def _a_ward_value_before(before: str) -> bool:
    """The number before the comma is a value the ward measured, not a house number ("NO.
    85, AMARANTE"): the clinic's word labels it ("LDH 290, PLASMA FREE HGB", "ASA 81,
    TICAGRELOR", "HOB < 30, KNEE IMMOBILIZER"), a sign or shorthand is glued to it
    ("a&ox3, anxious", "AT -125, OUTPUT", "q2-3h, very edematous legs")."""
    found = _NUMBER_BEFORE_COMMA.search(before)
    if found is None:
        return False
    if _TENS.fullmatch(found.group("n")):
        return True  # "BRADY TO 70S,", "sbp 130s,": the tens a rate or pressure ran in
    glued = before[: found.start("n")]
    if glued.rstrip().endswith("@"):
        return True  # "cpap applied @ 2200,": a time the ward did something
    if glued[-1:] in ("+", "&", "-"):
        return True  # "pulses +2,", "a&ox3,", "AT -125,"
    if glued[-1:].isalpha():
        # "A+OX2,", "q2-3h,": shorthand; not a house number's cue written as one ("No85,").
        letters = regex.search(r"\p{L}+\Z", glued).group().lower()  # type: ignore[union-attr]
        return letters not in _NUMBER_CUES and letters not in _ADDRESS_WORDS
    if glued[-1:] and not glued[-1].isspace() and glued[-1] not in "<>=~@":
        return False  # "No.85,", "#85,", "km 4.5,": a house's or a road's number
    word = found.group("w") or ""
    low = word.lower()
    return (
        is_clinical_word(word)
        and low not in _NUMBER_CUES
        and low not in _ADDRESS_WORDS
        and low not in _PLACES_OF_THE_WARD
        and not (is_person_name(word) or is_listed_name(word) or _a_place(word))
    )


# Tens of a rate or pressure: "70s", "110S"; no house is numbered so.
_TENS = regex.compile(r"\d{1,2}0[sS]")


def _the_clinics_word(token: str) -> bool:
    return is_clinical_word(token) and not (is_person_name(token) or is_listed_name(token))


# English's own endings: what a town or a name seldom ends with ("tamale" is a town in
# Ghana as well as a dish; "immobilizer", "paradoxical", "reddened" are the ward's).
_ENGLISH_MAKING = regex.compile(
    r"(?i)\p{L}{3}(?:ed|ing|ness|ment|ous|ive|ful|izer|iser|er|al|ic|able|ible|less|ity"
    r"|tion|sion)$"
)


def _a_rare_word(token: str) -> bool:
    """ "IMMOBILIZER", "paradoxical", "SPACER": rare English of SCOWL's small letters made
    by English's own endings, nobody's name (data/english_words.txt holds no name of Faker's,
    the generator's or the lists')."""
    return (
        _ENGLISH_MAKING.search(token) is not None
        and is_rare_english_word(token)
        and not (is_person_name(token) or is_listed_name(token))
    )


def _a_place(word: str) -> bool:
    """A town, a country or a region ("Nueva Malawi Clinic" holds one)."""
    # Two letters are a state's code ("IN", "OR", "ME") as often as a word.
    return is_known_place(word) or (
        len(word) > 2 and word.lower() in lexicon.NON_IDENTIFYING_PLACES
    )


def _a_gestational_age_and_its_words(text: str, start: int, end: int) -> bool:
    """ "INFANT 27 5/7 WKS CGA", "now 33 0/7 cga": a gestational age's weeks and days, and
    besides them only its labels and the ward's words; a name or a place beside the age
    keeps the span ("BABY BOY OKAFOR 34 2/7 WKS")."""
    ages = gestational_ages_in(text, start, end)
    if not ages:
        return False
    pieces = [(start, ages[0][0])]
    pieces += [(a_end, b_start) for (_, a_end), (b_start, _) in itertools.pairwise(ages)]
    pieces.append((ages[-1][1], end))
    tokens = [t for a, b in pieces for t in _WARD_TOKEN.findall(text, a, b)]
    return all(
        t.lower().rstrip(".,:") in GESTATION_WORDS
        or (_a_word_of_the_ward(t) and not is_person_name(t.rstrip(".,:")))
        for t in tokens
    )


def _a_word_of_the_ward(token: str) -> bool:
    """A value, shorthand, or a word of the ward that is nobody's name and no town; a
    name-list word that is also the clinic's is the ward's too ("PT", "BAIR")."""
    bare = token.rstrip("./").removesuffix("'s").removesuffix("\u2019s")
    if _SHORTHAND_SLASH.fullmatch(token) or any(c.isdigit() for c in bare):
        return True  # shorthand, a value, a dose or a count: no part of a name
    if len(bare) < 2 or bare.lower() in _ADDRESS_WORDS or _a_place(bare):
        return False  # an initial, a street, a flat or a place: part of a name or an address
    if is_person_name(bare) or is_listed_name(bare):
        # Frequent is not enough: "ROSE", "HOPE", "FRANK" are as often the family at the
        # bedside ("ROSE BP"); only a word of the clinic is the ward's.
        return is_clinical_word(bare)
    if len(bare) <= 3 and not (
        is_clinical_word(bare) or is_function_word(bare) or is_plain_english_word(bare)
    ):
        return False  # "by jen (cath lab rn)": a short word in one case is often a nickname
    return (
        is_clinical_word(bare)
        or is_ordinary_word(bare)
        or is_rare_english_word(bare)
        or frequency.is_frequent_english_word(bare)
    )


def _sentence_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An identifier ends with its sentence: "5512345. Seen 2024-01-03" is two findings."""
    pieces, at = [], start
    for stop in _SENTENCE_END.finditer(text, start, end):
        pieces.append((at, stop.start()))
        at = stop.end()
    pieces.append((at, end))
    return pieces


def _finding(text: str, start: int, end: int, label: str, cased: bool) -> RecognizerResult | None:
    """One model entity, held to the conventions above; None when it fails them."""
    own = (start, end)
    verb_trimmed = named_before_a_stop = titled = False
    if _MAIL_AT.search(text, start, end) or "://" in text[start:end]:
        label = "CONTACT"  # an e-mail or a web address, whatever else it looks like
    elif label == "CONTACT" and (age := _short_contact_as_age(text, start, end)) is not None:
        label, (start, end) = "AGE", age
    start, end = _without_money_or_versions(text, start, end)
    label_first = _ID_LABEL_BEFORE_NUMBER.match(text, start, min(len(text), end + 12))
    if label_first is not None:
        if label_first.end() >= end:
            return None  # "MyKad" alone, before its number
        start = label_first.end()
    if end <= start:
        return None
    if label in _SHAPED:
        start, end = _trim_labels(text, start, end, label)
    elif cased:
        trimmed = _trim_small_words(text, start, end, label)
        # A short number whose words after it went ("55 tuổi", "60 th") is a count or an
        # age, not a postcode; one after a word that went stays ("kv. 3": a flat).
        if trimmed[0] == start and trimmed[1] < end and _SHORT_NUMBER.fullmatch(text, *trimmed):
            return None
        start, end = trimmed
    elif label == "PERSON":
        start, end = _trim_participles(text, start, end)
        verb_trimmed = end < own[1]
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    # "A+OX3, ANXIOUS", "a+ox1-2": an orientation opening a finding is the nurse's.
    start = shorthand.orientation_at(text, start)
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    if label in _NAMED:
        start, end = _trim_shorthand(text, start, end)
    if label == "PERSON":
        untitled = start
        start = _trim_titles(text, start, end, _OPENERS_OF_A_NAME)
        start = _trim_service_and_role(text, start, end)
        # A word the model read after a title ("SEU TIÃO") it read as the title's name.
        titled = start > untitled
        start = _trim_opening_verb(text, start, end)
        if cased:
            start = _trim_sentence_opening(text, start, end)
        end = trim_credentials(text, start, end)
        end = _trim_clinic_after_comma(text, start, end)
        before_stops = (start, end)
        start, end = _trim_name_stops(text, start, end)
        # A name the model read with its verb ("WINIFRED FLEW") is a name, whatever its
        # shape once the verb went.
        named_before_a_stop = (start, end) != before_stops and _may_be_a_name(text[start:end])
        before_verb = end
        end = _cut_before_a_verb(text, start, end)
        named_before_a_stop = named_before_a_stop or (
            end < before_verb and _may_be_a_name(text[start:end])
        )
        if text[start:end].lower().rstrip(".") in _TITLES_AND_KIN:
            return None  # "chaplain Fr. Okafor": the title alone is nobody
        if all(shorthand.is_cut_short_past(w) for w in text[start:end].split()):
            return None  # "PT REC'D ON AC": received, written short
    elif label == "LOCATION":
        start = _trim_opening_verb(text, _trim_titles(text, start, end, _KIN), end)
    while end > start and text[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    if end <= start or not has_shape(label, text[start:end]):
        return None
    letters = any(c.isalpha() for c in text[start:end])
    if (label in _SHAPED or not letters) and _is_measurement(text, start, end):
        return None
    if (
        not letters
        and _DAY_MONTH_SHAPE.fullmatch(text, start, end)
        and day_month_said_to_be_value(text, start, end)
    ):
        # "pain 8/10", "strength 5/5", "gcs 10/15": what the date rules keep too. Not a
        # number merely out of a scale ("labs 1/8", "ct chest 1/10"): the model reads
        # those as the dates they are where the rules cannot.
        return None
    # "29 2/7 wks": a gestational age's weeks and days; "apgars 4/7/8"; "pain 6/10 ->
    # relief to 2/10": scores, no date nor ID.
    if not letters and (
        is_gestational_age(text, start, end)
        or is_labelled_score_run(text, start, end)
        or continues_a_scale(text, start, end)
        or shorthand.is_blood_gas(text[start:end])
        or shorthand.is_pain_score(text, start, end)
        or _timed_by_the_ward(text, start, end, label)
    ):
        return None
    if letters and label in _NAMED and _a_gestational_age_and_its_words(text, start, end):
        return None  # "INFANT 27 5/7 WKS CGA": the newborn's age and its labels
    if (label == "PERSON" and _SMALL_NUMBER.fullmatch(text, start, end)) or (
        label == "LOCATION" and _DECIMAL.fullmatch(text, start, end)
    ):
        # "levo .06", "digoxin level 3.8": a value, not a name or a place. (A place's one
        # or two digits are a house number: "wohnhaft Samoilova 3".)
        return None
    if label == "LOCATION" and _number_and_ward_words(text, start, end):
        return None
    if label in _NAMED and _measured_words_of_the_ward(text, start, end):
        return None  # "bipap 12/5 fio2 35": settings and their labels, not a name or place
    if _duty_cycle(text, start, end):
        return None  # "on 12h/off 12h": hours a patch or a mask is on, not a time or place
    if label in _NAMED and letters and landmarks.brand_of_a_device(text, end):
        return None  # "in Aspen collar", "Philadelphia collar": a device's brand
    if label in _NAMED and not letters and _after_a_device_word(text, start):
        return None  # "Optiflux 160", "Shiley 6": a device's size or model, not a place
    labelled = _LABEL_AND_NUMBER.fullmatch(text, start, end)
    if (
        labelled
        and (label in _NAMED or _SHORT_RESULT.fullmatch(text, labelled.end("label"), end))
        and shorthand.is_labelled_value(text, start, labelled.end("label"))
    ):
        return None  # "FIBRINOGEN 140", "Lipase 44", "A1C 7": a result and its label
    if label in _NAMED and _FILLER_AND_RANGE.fullmatch(text, start, end):
        return None  # "GOAL 60-85", "target 92-96": the range a value is kept in
    if not letters and _MAGNITUDE_AFTER.match(text, end):
        return None  # "nearly 13 million musical works": a count
    if label == "LOCATION" and not letters and _DURATION_AFTER.match(text, end):
        return None  # "infant of 29 2/7 wks", "6 mo baby": an age or a term, not a place
    if cased and _only_ordinary_words(text, start, end):
        return None
    if label in _NAMED and _names_a_law(text, start, end):
        return None
    if shorthand.is_heart_rate_by_rhythm(text, start, end) or shorthand.is_ventilator_setting(
        text, start, end
    ):
        return None
    if label in _SHAPED and _PERCENT.fullmatch(text, start, end + 1):
        return None  # a share ("on 100% NRB"), not an age, a date or a number
    if label in _NAMED and (
        _only_clinical_words(text, start, end)
        or (_CLINICAL_SHAPE.fullmatch(text[start:end]) and not named_before_a_stop)
    ):
        return None
    # A word the model read with its verb ("LC AGREES") it read as a name in context:
    # trimming the verb leaves the name, not a short form to judge alone. A frequent word
    # that is nobody's name stays a word even then ("BRIDGE OF NOSE, FOAM APPLIED").
    alone = not (verb_trimmed or named_before_a_stop or titled)
    if (
        label in _NAMED
        and _english_word_in_one_case(text[start:end], label)
        and not _FIELD_VALUE_BEFORE.search(text, max(0, start - 24), start)
    ):
        return None
    if alone and label in _NAMED and _short_capitals(text[start:end], cased):
        return None  # "ADHF", "SMV", "PVTT": a short form, not a name written in capitals
    if (
        label in _NAMED
        and not (named_before_a_stop or start > own[0])
        and _clinical_word_in_capitals(text[start:end])
    ):
        # "FOLEY (PLACED)", "NEO": the clinic's word, whatever else it names; not an
        # eponym the model read after a title or before what only a person does ("MS.
        # JONES FLEW", "MR. AUSTIN").
        return None
    subtype = contact_subtype(text[start:end]) if label == "CONTACT" else label
    return RecognizerResult(
        subtype,
        start,
        end,
        LEARNED_SCORE,
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: LEARNED_SOURCE},
    )
