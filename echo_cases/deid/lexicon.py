"""Word lists the rules share: what signals an identifier, and what must survive.

The words live in ``data/words/`` (read by ``wordlists``); this module names the
lists and derives the sets the rules look words up in. They are general
vocabularies (titles, months, US states, countries, medical eponyms), never names
taken from any evaluation corpus.
"""

from __future__ import annotations

from echo_cases.deid import locale_titles
from echo_cases.deid.wordlists import by_name, keys, pairs, read, words

# English is the analyzer's own language: its months and country names are the base
# lists, every other language's are variants.
_BASE_LANGUAGE = "en"


def _lower(entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in entries)


# Titles that mark a clinician ("Dr", "Sister"), and all honorifics and roles that
# precede a person's name, the hand lists' and every Faker locale's ("Fru", "Dott"); the
# title itself is kept.
CLINICAL_TITLES: tuple[str, ...] = words("clinical_titles")
TITLES: tuple[str, ...] = tuple(
    dict.fromkeys((*CLINICAL_TITLES, *words("titles"), *locale_titles.TITLES))
)
# Every title in small letters ("dr", "sr"), as a word of the text is looked up; the lists
# write titles without their dot (test_wordlists), so "Dr." is looked up as "dr".
TITLE_WORDS: frozenset[str] = _lower(TITLES)
# Titles that are also given names ("Sister", "Chief"): redacted with the name.
GIVEN_NAME_TITLES: tuple[str, ...] = words("given_name_titles")

# Relatives and other people who appear in a case history ("her son X").
RELATIVES: tuple[str, ...] = words("relatives")

MONTHS_FULL: tuple[str, ...] = read("months", _BASE_LANGUAGE)
MONTHS_ABBR: tuple[str, ...] = words("month_abbreviations")
# Month names in the other languages a hub may write dates in, in calendar order
# (the date shifter writes a shifted date back in the same language).
MONTHS_BY_LANGUAGE: dict[str, list[str]] = {
    lang: list(names) for lang, names in by_name("months").items() if lang != _BASE_LANGUAGE
}
_MONTHS_READ_ONLY = by_name("months_read_only")
# Spellings that are read as months but never written: Peruvian "setiembre".
MONTH_VARIANTS: tuple[str, ...] = tuple(
    w for lang in MONTHS_BY_LANGUAGE for w in _MONTHS_READ_ONLY.get(lang, ())
)
MONTHS_FOREIGN: tuple[str, ...] = tuple(
    dict.fromkeys(
        [*(name for names in MONTHS_BY_LANGUAGE.values() for name in names), *MONTH_VARIANTS]
    )
)
# Month names in more languages, read as dates but not written back (a shifted date in
# one of these becomes a tag).
MONTHS_READ_ONLY: tuple[str, ...] = tuple(
    dict.fromkeys(
        w
        for lang, names in _MONTHS_READ_ONLY.items()
        if lang not in MONTHS_BY_LANGUAGE
        for w in names
    )
)

US_STATES: dict[str, str] = pairs("regions", "US")
# States and provinces of other countries ECHO hubs commonly serve.
OTHER_REGIONS: tuple[str, ...] = keys(words("regions", exclude=("US",)))
# The postal codes some of them carry ("New South Wales = NSW"), written before a postcode
# in addresses ("Bondi NSW 2026"). Not kept as places alone: "BC", "PE", "NS" are clinical.
OTHER_REGION_CODES: frozenset[str] = frozenset(
    code
    for country in by_name("regions")
    if country != "US"
    for code in pairs("regions", country).values()
    if code
)
COUNTRIES: tuple[str, ...] = read("countries", _BASE_LANGUAGE)
# Countries as written in Spanish, Portuguese and French case notes.
COUNTRY_VARIANTS: tuple[str, ...] = words("countries", exclude=(_BASE_LANGUAGE,))

# Places that stand alone are not identifying (HIPAA Safe Harbor keeps states).
NON_IDENTIFYING_PLACES: frozenset[str] = frozenset(
    p.lower()
    for p in (*US_STATES, *US_STATES.values(), *OTHER_REGIONS, *COUNTRIES, *COUNTRY_VARIANTS)
)

# Disease eponyms, scores and tests named after people: clinical meaning, not identifiers.
EPONYMS: frozenset[str] = _lower(words("eponyms"))
# Drug and brand names clinicians capitalise; a non-exhaustive guard for NER false alarms.
DRUG_BRANDS: frozenset[str] = _lower(words("drug_brands"))
# Acronyms and bodies that look like organisations but carry clinical meaning.
CLINICAL_ACRONYMS: frozenset[str] = _lower(words("clinical_acronyms"))
# Capitalised words that end a name: labels, pronouns, clinical vocabulary.
NAME_STOP: frozenset[str] = _lower(words("name_stop"))

# Words for "hospital", "clinic", "institute" written BEFORE the name ("Szpital
# Wojewódzki", "Rumah Sakit Umum") and AFTER it ("Ankara Şehir Hastanesi").
FACILITY_HEADS_FIRST: tuple[str, ...] = words("facility_heads_first")
FACILITY_HEADS_LAST: tuple[str, ...] = words("facility_heads_last")
# Words for a street or neighbourhood after a house number ("514 Ilori Burg").
STREET_TYPES: tuple[str, ...] = words("street_types")

# Labels of national, insurance and programme numbers around the world: the value after
# one of these is an identifier ("PESEL 44051401458", "PhilHealth no. 12-0501...").
ID_LABELS: tuple[str, ...] = words("id_labels")

# Nationalities, peoples, their languages and religions: capitalised, never identifying alone.
DEMONYMS: tuple[str, ...] = tuple(w.lower() for w in words("peoples"))
# Apps and services that name a channel, not a person ("via WhatsApp", "on Zoom").
APPS: tuple[str, ...] = tuple(w.lower() for w in words("apps"))
# Case-note words of other languages that open sentences or label fields: never names.
FOREIGN_LABEL_WORDS: tuple[str, ...] = tuple(w.lower() for w in words("label_words"))
# Short forms of roles that open a line before a name ("Pcte", Vietnamese "BS"): stripped
# from a name's front, but no ordinary words elsewhere ("Mã BN: BN2504418" is a number).
ROLE_SHORT_FORMS: tuple[str, ...] = tuple(w.lower() for w in words("role_short_forms"))

# Departments, programmes, roles, credentials, tests and diagnoses written in capitals: in
# "seen at OPD" or "referred to ENT" they are services, not facilities. Only ever matched
# in capitals (several are also names in other case: "Sam", "Ho", "Ngo").
SERVICE_ACRONYMS: frozenset[str] = _lower(words("service_acronyms"))
# Kinds of facility written in capitals: "referred from PHC" names no place by itself,
# "Gulu RRH" does; nor does a kind told apart by its number alone ("al HGZ"; "HGZ 1" is one).
GENERIC_FACILITY_ACRONYMS: frozenset[str] = frozenset(
    (*words("generic_facility_acronyms"), *words("numbered_facility_kinds"))
)
# Countries written in capitals: regions, kept.
COUNTRY_ACRONYMS: frozenset[str] = frozenset(words("country_acronyms"))

MONTHS_ABBR_LOWER: frozenset[str] = frozenset(m.lower() for m in (*MONTHS_ABBR, *MONTHS_FULL))
# Every month's name and short form the rules know, in small letters without a closing dot.
# ... and only those of the languages dates are shifted in (with their read-only spellings,
# "setiembre"): the months a date the rules write back may hold.
MONTH_WORDS_OF_SHIFTED_LANGUAGES: frozenset[str] = frozenset(
    w.lower().rstrip(".") for w in (*MONTHS_FULL, *MONTHS_ABBR, *MONTHS_FOREIGN)
)
MONTH_WORDS: frozenset[str] = MONTH_WORDS_OF_SHIFTED_LANGUAGES | frozenset(
    w.lower().rstrip(".") for w in MONTHS_READ_ONLY
)
