"""What clinicians need to keep: eponyms, staging, drugs, acronyms, regions, ICD codes.

Only weak findings (the model, guesses, propagation) yield to these spans; a name with
a strong cue ("Dr. Parkinson") is still redacted.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.derived import is_drug_name, is_person_name
from echo_cases.deid.recognizers.base import after_opening_words, in_stretches, opening_words
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.vocabulary import is_clinical_abbreviation, is_drug_in_another_language

# Nouns that make an eponym clinical, in any of the languages listed, before or after it:
# "Paget disease", "Whipple procedure", "linfoma de Burkitt", "Morbus Hodgkin"; and a
# number after it makes it a score or a stage: "Deauville 4", "Ann Arbor IIB".
_HEADS = alternation(wordlists.words("eponym_heads"))
_EPONYM = alternation(w.capitalize() for w in lexicon.EPONYMS if w.isalpha())
# In small letters or capitals too, and of several words, right before a head noun:
# "sister mary joseph nodule", "PAGET DISEASE OF THE BREAST", "IVOR LEWIS ESOPHAGECTOMY"
# (chat, ward capitals).
_EPONYM_ANY_CASE = alternation(lexicon.EPONYMS)
_SCORE = alternation(wordlists.words("score_eponyms"))
_OF = r"(?:de|del|da|do|di|du|des|von|of|the|d['\u2019])"
_EPONYM_PHRASE = regex.compile(
    rf"\b(?:non-)?{_EPONYM}(?:['\u2019]s?)?(?:[ -]{_EPONYM}(?:['\u2019]s?)?)*"
    rf"(?:[ \t]+\p{{L}}+){{0,2}}?[ \t]+(?i:{_HEADS})\b"
    rf"|\b(?:non-|classical[ \t]+|classic[ \t]+)(?:{_EPONYM})\b"
    rf"|\b(?i:{_EPONYM_ANY_CASE}(?:['\u2019]s?)?(?:[ -]{_EPONYM_ANY_CASE}(?:['\u2019]s?)?)*"
    rf"[ \t]+{_HEADS})\b"
    rf"|\b(?i:{_HEADS})[ \t]+(?:(?i:{_OF})[ \t]*)?(?:(?i:no|non)[ -])?{_EPONYM}"
    rf"(?:[ -]{_EPONYM})*\b"
    rf"|\b(?i:{_SCORE})(?:[ \t]+(?i:stage|score|grade|class|RS))?[ \t]+"
    rf"(?:[IVX]{{1,4}}[A-Ea-e]?|\d{{1,2}}(?:[.,]\d)?)\b"
)
# Every eponym phrase opens with one of these words (each alternative above opens with
# one at a word boundary, then a space, a hyphen or an apostrophe): the phrase is searched
# for only where one starts, not at every position of the text.
_EPONYM_OPENS = opening_words(
    (
        *lexicon.EPONYMS,  # all of them: "sister mary joseph" opens the any-case alternative
        *wordlists.words("eponym_heads"),
        *wordlists.words("score_eponyms"),
        "non",
        "classical",
        "classic",
    )
)
_ACRONYMS = regex.compile(
    rf"\b{alternation(a for a in lexicon.CLINICAL_ACRONYMS if a.upper() == a or True)}\b",
    regex.IGNORECASE,
)


_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}-]*")
_BRAND_WORDS = frozenset(b for b in lexicon.DRUG_BRANDS if " " not in b)
_BRAND_PHRASES = regex.compile(
    rf"(?i)\b{alternation(b for b in lexicon.DRUG_BRANDS if ' ' in b)}\b"
)


# A first-level region named with its kind ("Anambra State", "Lviv Oblast"): kept like a
# US state.
_FIRST_LEVEL_REGION = regex.compile(
    r"\b\p{Lu}[\p{L}\p{M}'-]+(?:[ \t]+\p{Lu}[\p{L}\p{M}'-]+)?[ \t]+(?:State|Province|Region"
    r"|Oblast|Governorate|Prefecture|Voivodeship|Krai|Emirate)\b"
)


# Measurements are clinical content (Safe Harbor keeps lab values and doses): a number or a
# range with its unit ("2.1 to 9.8 ng/mL", "40-70 CC/HR", "10MG", "28 ppm") and a clock
# time, which no rule of Safe Harbor counts as a date ("AT 0230",
# "@ 1030", "11pm", "14:00"). Not a bare decimal ("CEA 2.1"): a weak finding touching a kept
# span is dropped whole, and the model's "WW612692 Hgb 12.6" would take the ID with it.
_UNIT = (
    rf"(?:{alternation(wordlists.words('measure_units'))}"
    # A distance walked, in small letters only ("amb 150 ft"): "1200 Ft Washington Ave"
    # is an address.
    r"|(?-i:ft|feet))(?:/[a-z0-9]+)*"
)
# Durations only as a range ("5-10 years", "6-8 weeks"): "34yrs" after a name is an age, and
# a weak finding that touches a kept span is dropped whole, name and all.
_DURATION = alternation(wordlists.words("durations"))
_NUMBER = r"\d+(?:[.,]\d+)?"
_RANGE = rf"{_NUMBER}[ \t]*(?:-|\u2013|to)[ \t]*{_NUMBER}"
_HOUR = r"(?:1[0-2]|0?[1-9])"
# A clock time written with a colon or an "h" ("16:50", "9h50"), and in any notation.
_CLOCK_WRITTEN = r"(?:[01]?\d|2[0-3])[:h][0-5]\d"
_CLOCK_ANY = rf"(?:{_CLOCK_WRITTEN}|(?:[01]\d|2[0-3])[0-5]\d)"
_MEASURE = regex.compile(
    rf"(?i)(?<![\w./-])(?:{_RANGE}|{_NUMBER})[ \t]*{_UNIT}\b"
    rf"|(?i)(?<![\w./-]){_RANGE}[ \t]*{_DURATION}\b"
    # A time after "at" is not the house number of "at 1127 Blackberry Rd": a word after
    # it must be one no street is named with ("at 0300 asking", "at 1100 with dr").
    r"|(?i:\b(?:at|@|by|since|until|till|from|to|connected|disconnect(?:ed)?)[ \t]+)"
    r"(?:[01]\d|2[0-3])[0-5]\d\b(?![ \t]+(?!(?i:with|after|before|for|and|per|when|while"
    r"|then|until|asking|via|as|because|but|or)\b)\p{L})"
    r"|(?i)(?<![\w./-])(?:1[0-2]|0?\d)(?::[0-5]\d)?[ \t]*[ap]\.?m\b"
    # A shift written as two clock times ("NPN 1900-0700", "0700-1500"); not two years
    # ("2000-2010").
    r"|(?<![\w./-])(?!(?:19|20)\d\d[ \t]*[-\u2013][ \t]*(?:19|20)\d\d\b)"
    r"(?:[01]\d|2[0-3])[0-5]\d[ \t]*[-\u2013][ \t]*(?:[01]\d|2[0-3])[0-5]\d\b(?![-/.]\d)"
    # ... and in any notation of the clock ("Infusion 9h50-0605", "2205-16:50",
    # "22:00-2030").
    rf"|(?<![\w./:-])(?:{_CLOCK_WRITTEN}[ \t]*[-\u2013][ \t]*{_CLOCK_ANY}"
    rf"|{_CLOCK_ANY}[ \t]*[-\u2013][ \t]*{_CLOCK_WRITTEN})(?![\w/:-]|[-/.:]\d)"
    # Minutes and hours of a procedure or a trial ("pressure 20 min", "tolerated 2 hrs");
    # not years, which after a name are an age ("34yrs").
    rf"|(?i)(?<![\w./-]){_NUMBER}[ \t]*(?:mins?|minutes|hrs?|hours)\b"
    # A rate after "@" ("jevity 1.5 @ 55"), and a bound inside a line ("residuals <50",
    # "MAP >65"; a ">" opening a line quotes an e-mail, address and all).
    r"|(?<=\s)@[ \t]+\d{1,3}(?:\.\d+)?\b(?![:.]\d)"
    r"|(?<=[ \t(,;:=])[<>\u2264\u2265]=?[ \t]*\d{1,4}(?:\.\d+)?\b"
    # A cycle and its day ("Taxotere C1D19", "c5d10"), the calendar of a regimen.
    r"|(?i)\bC\d{1,2}D\d{1,2}\b"
    # The Glasgow coma scale written by its parts: "E3VTM6", "e4v5m6".
    r"|(?i)\bE[1-4]V(?:[1-5]|T)M[1-6]\b"
    r"|(?<![\w./-])(?:[01]?\d|2[0-3]):[0-5]\d(?![\w/-]|:\d|\.\d)"
    # A clock-face position says where on the cervix, breast or anus a lesion is, not where
    # anybody lives: "at 3 o'clock", "12 O'CLOCK POSITION", "between 2 and 5 o'clock".
    rf"|(?<![\w./-])(?:{_HOUR}[ \t]*(?:-|\u2013|(?i:to|and))[ \t]*)?{_HOUR}[ \t]*"
    r"(?i:o['\u2019]?[ \t]*clock(?:[ \t]+positions?)?)\b"
)
# Every measure holds a digit and stays on its line, nor looks past it: only the lines
# with a digit are searched (in_stretches), and there only where a measure can start: a
# digit that opens a number, "@", a bound, a cue of a clock time, a cycle, a coma score.
_DIGIT = regex.compile(r"\d")
_MEASURE_STARTS = regex.compile(
    r"(?=(?<![\w./-])\d|[@<>\u2264\u2265]"
    r"|(?i:\b(?:at|by|since|until|till|from|to|connected|disconnect|c\d|e[1-4])))"
)


def measures(text: str) -> Iterator[regex.Match[str]]:
    """The measures of ``text`` (``_MEASURE.finditer(text)``)."""
    return in_stretches(text, _MEASURE, _DIGIT, "\n", _MEASURE_STARTS)


# A stage or grade in Roman numerals, any letter case ("figo stage iib", "ESTADIO IIIA"):
# without case "iib" is as unknown as a name, and it is none.
_STAGE = regex.compile(
    r"(?i)\b(?:stage|stages|estadio|est\u00e1dio|stade|stadium|grade|grado|grau)[ \t]+"
    r"(?:i{1,3}|iv|v)[a-c]?[0-9]?\b"
    # And in digits ("hh grade 3", "stage 2 sacral ulcer", "GR 1").
    r"|(?i)\b(?:stage|estadio|est\u00e1dio|stade|grade|grado|grau|gr)[ \t]+[0-5][a-c]?\b"
    r"(?![.,:/-]?\d)"
)


# A TNM stage is clinical content in any case and with any prefix ("FIGO IIB (T2bN0M0)",
# "ypT0 N0", "pt1c n1a m0"); its letters and digits look like a name or an ID to the model.
# A T alone is not enough ("T2" is also an MRI weighting, a vertebra).
_TNM = regex.compile(
    r"(?i)(?<![\w])(?:y?[cpra]|u)?T(?:[0-4x]|is)[a-d]?(?:\(m\))?[ \t]*"
    r"(?:[cp])?N[0-3x][a-c]?(?:\((?:i|sn|mi)[+-]?\))?"
    r"(?:[ \t]*(?:[cp])?M[01x][a-c]?)?(?![\w])"
)


# Diagnosis codes are clinical content (Safe Harbor keeps them): "ICD-10 C50.9 and C79.51",
# and a code of that shape anywhere ("Z85.3").
_ICD_CODE = r"[A-TV-Z]\d{2}(?:\.\d{1,4})?"
_ICD = regex.compile(
    rf"\bICD(?:-?(?:9|10|11|O(?:-3)?))?(?:-CM)?[:\s]*{_ICD_CODE}"
    rf"(?:(?:[,;/]|\s+and|\s+or)\s*{_ICD_CODE}\b)*"
    r"|\b[A-TV-Z]\d{2}\.\d{1,4}\b"
)


@functools.lru_cache(maxsize=256)
def eponym_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``eponym_phrases`` are (cached: asked twice per text)."""
    return tuple(m.span() for m in eponym_phrases(text))


def eponym_phrases(text: str) -> list[regex.Match[str]]:
    """Eponyms made clinical by a head noun or a stage ("Paget disease", "Deauville 4")."""
    if _EPONYM_OPENS is None:
        return list(_EPONYM_PHRASE.finditer(text))
    return list(after_opening_words(text, _EPONYM_OPENS, _EPONYM_PHRASE))


@functools.lru_cache(maxsize=256)
def protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans that weak findings must not redact (cached: asked twice per text)."""
    spans = list(eponym_spans(text))
    # A set lookup per word is far cheaper than one huge case-insensitive alternation.
    spans += [
        m.span()
        for m in _WORDS.finditer(text)
        if m.group().lower() in _BRAND_WORDS
        or is_drug_name(m.group())
        or is_drug_in_another_language(m.group())
    ]
    spans += [m.span() for m in _BRAND_PHRASES.finditer(text)]
    spans += list(_drugs_by_their_dose(text))
    spans += [m.span() for m in _FIRST_LEVEL_REGION.finditer(text)]
    spans += [m.span() for m in _ICD.finditer(text)]
    spans += [m.span() for m in measures(text)]
    spans += [m.span() for m in _STAGE.finditer(text)]
    spans += [m.span() for m in _TNM.finditer(text)]
    if "acid" in text.lower():
        spans += [m.span() for m in _ACID.finditer(text)]
    return tuple(sorted(spans))


# A drug known by how it is given, brand or not, listed or not ("Gave Plasil inj", "take
# Dolo 650 mg tds", "Ciproxina 500 mg c/12h", "Vonau 8mg ev", "Gabapin 100 hs"): a word of
# four letters or more right before a dose form (data/words/dose_forms.txt), or before a
# dose and its schedule or route (data/words/dose_schedules.txt, or every so many hours:
# "c/12h", "8/8h", "q6h"), or before a bare strength and how often it is taken. Not
# before a form and a drug ("gave Amina tab paracetamol": she is given it), nor a name the
# lists know ("Rosa").
_DOSE_FORMS = alternation(wordlists.words("dose_forms"))
_DOSE_SCHEDULES = alternation(wordlists.words("dose_schedules"))
# A brand's bare strength, then how often (data/words/dose_frequencies.txt): "Dolo 650 sos".
_DOSE_FREQUENCIES = alternation(wordlists.words("dose_frequencies"))
_DRUG_BY_ITS_DOSE = regex.compile(
    r"(?i)(?<![\w'\u2019-])(?P<drug>\p{L}[\p{L}\p{M}]{3,})[ \t]+"
    rf"(?:(?:{_DOSE_FORMS})\b(?:[ \t]+(?P<next>\p{{L}}[\p{{L}}\p{{M}}]+))?"
    rf"|\d+(?:[.,]\d+)?[ \t]*(?:mg|mcg|\u00b5g|g|ml|iu|ui|u)\b[ \t]*"
    rf"(?:{_DOSE_SCHEDULES}\b|(?:c/|q|cada[ \t]+)?\d{{1,2}}(?:/\d{{1,2}})?[ \t]*h\b)"
    rf"|\d{{1,4}}(?:[.,]\d+)?[ \t]+(?:{_DOSE_FREQUENCIES})\b)"
)


def _drugs_by_their_dose(text: str) -> Iterator[tuple[int, int]]:
    from echo_cases.deid.candidates import is_listed_name
    from echo_cases.deid.derived import is_person_name

    for m in _DRUG_BY_ITS_DOSE.finditer(text):
        word = m.group("drug")
        if is_person_name(word) or is_listed_name(word):
            continue
        given = m.group("next")
        if given and (is_drug_name(given) or given.lower() in _BRAND_WORDS):
            continue  # "gave Amina tab paracetamol": the drug follows the form
        yield m.span("drug")


# An acid named by its adjective is a drug or a chemical, never a person ("zoledronic acid",
# "TRANEXAMIC ACID", "valproic acid", "folinic acid"), whether or not a list holds it.
_ACID = regex.compile(r"(?i)\b\p{L}{3,}(?:ic|ous)[ \t]+acid\b")


_SHORTHAND_WORD = regex.compile(r"[^\s,;:()]+")


def names_a_region(value: str) -> bool:
    """A country or first-level region, which Safe Harbor keeps ("Ghana", "Volta Region")."""
    value = value.strip(" \t,.")
    return value.lower() in lexicon.NON_IDENTIFYING_PLACES or bool(
        _FIRST_LEVEL_REGION.fullmatch(value)
    )


def is_weekday(word: str) -> bool:
    """A weekday written out in a language of ``data/words/date_openers/`` ("yekshanbe")."""
    return word.lower() in _weekdays()


@functools.cache
def _weekdays() -> frozenset[str]:
    """Weekdays written out in any language (data/words/date_openers/): "came on sabtu",
    "seen again yekshanbe" name a day, not a person. Not the short forms ("sun", "thu") nor
    a weekday that is somebody's given name too ("Domingo")."""
    return frozenset(
        w.lower()
        for w in wordlists.words("date_openers")
        if len(w) >= 5 and " " not in w and not is_person_name(w)
    )


def is_protected_value(value: str) -> bool:
    """A weak finding that is exactly a region, an acronym, a kind of facility or a brand
    stays ("PHC" is any primary health centre), and so does one made only of clinical
    short forms ("NPO, TPN", "MG BID", "abx")."""
    low = value.strip().lower()
    words = _SHORTHAND_WORD.findall(value)
    if words and all(
        (is_clinical_abbreviation(w) and not w.istitle()) or is_drug_name(w) for w in words
    ):
        return True
    from echo_cases.deid.candidates import (
        common_words_and_the_clinics_without_case,
        names_a_facility,
        ordinary_words_without_case,
    )

    if (
        ordinary_words_without_case(value) or common_words_and_the_clinics_without_case(value)
    ) and not names_a_facility(value):
        return True  # "FOLEY DRAINING", "WEIGHT GAIN", "STRONG COUGH"
    return (
        low in lexicon.NON_IDENTIFYING_PLACES
        or low in _weekdays()
        or low in lexicon.CLINICAL_ACRONYMS
        or low in lexicon.SERVICE_ACRONYMS
        or value.strip() in lexicon.GENERIC_FACILITY_ACRONYMS
        or low in lexicon.DRUG_BRANDS
        or bool(_ACRONYMS.fullmatch(value.strip()) and value.isupper())
    )
