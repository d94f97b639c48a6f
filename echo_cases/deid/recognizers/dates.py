"""Dates more specific than a year, in the formats clinicians write them."""

from __future__ import annotations

import functools

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid import cldr_dates, lexicon, wordlists
from echo_cases.deid.recognizers.base import (
    Rule,
    RuleRecognizer,
    cue,
    grow_over_word_before,
    rule,
)
from echo_cases.deid.recognizers.fragments import MONTH, MONTH_ABBR, MONTH_FOREIGN, alternation
from echo_cases.deid.shorthand import (
    DOSE_UNITS,
    UNITS,
    is_changed_to,
    is_level_range,
    is_measured,
    is_setting_or_fraction,
)
from echo_cases.deid.types import EntityType

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MON = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# Hijri and Solar Hijri years, only in full year-first dates: "1403/07/12".
_YEAR_HIJRI = r"(?:1[34]\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_ROMAN_MONTH = r"(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)"
_DATE_CONTEXT_WORDS = (
    "on",
    "dob",
    "d.o.b",
    "d.o.b.",
    "born",
    "dated",
    "date",
    "since",
    "until",
    "till",
    "from",
    "to",
    "by",
    "seen",
    "admitted",
    "discharged",
    "visit",
    "surgery",
    "biopsy",
    "scan",
    "due",
    "lmp",
    "edd",
    "dod",
    "died",
    "board",
    "meeting",
    "session",
    "mdt",
    "clinic",
    "review",
    "appointment",
    "appt",
    # A meeting's or a shift's heading: "REUNIÃO MULTIDISCIPLINAR 1/8", "rounds 3/4".
    "multidisciplinary",
    "multidisciplinar",
    "multidisciplinaria",
    "round",
    "rounds",
    "shift",
    # Events a note dates: "Returned 4/4 with skin ulceration", "extubated 3/2".
    "returned",
    "presented",
    "readmitted",
    "transferred",
    "extubated",
    "intubated",
    # German "geboren": "geb. 19.12."
    "geb.",
)
_DATE_CONTEXT = cue(_DATE_CONTEXT_WORDS)
# Day and month first, two or four digits of year: 07/25/2019, 25/07/2019, 5-14-19, 1/4/33.
_NUMERIC_DATE = rule(
    "DATE", r"(?<![\w./-])\d{1,2}([-/.])\d{1,2}\1(?:\d{4}|\d{2})(?![\w/-]|\.\d)", 0.9
)
# Day/month without a year, only where a date is announced: "seen on 7/15", "until 4/11.",
# "geb. 19.12." (dotted, the day and the month each with its dot); a full stop may end
# the sentence after it, a decimal may not follow.
_DAY_MONTH = rule(
    "DATE",
    rf"{_DATE_CONTEXT}[:\s]+(?P<x>{_DAY}/{_DAY}|{_DAY}\.{_MON}\.(?!\d))(?![\w/-])(?!\.\d)",
    0.8,
    ignore_case=True,
)
# Day/month right before a clock time: "[3/4 18h00] Elizabeth:", "12/10 14:30 seen".
_DAY_MONTH_AT_TIME = rule(
    "DATE",
    rf"(?<![\w/.-])(?P<x>{_DAY}/{_DAY})(?=,?[ \t]+(?:[01]?\d|2[0-3])(?::|h)[0-5]\d(?!\d))",
    0.8,
    requires=r"\d/\d{1,2},?[ \t]+\d{1,2}[:h]\d\d",
    requires_case=True,
)
# Ward and ICU notes write the day of an event bare: "s/p ex-lap 10/20", "POD#3 (10/23)",
# "10/23 0700-1900", "MICU NURSING 10/14". A month and a day with a slash, no year, no
# cue; EchoDateRecognizer.accept turns away the values that share the shape ("BP 12/8",
# "pain 4/10", "2/3 of goal", "2/14 nodes").
_BARE_DAY_MONTH = rule(
    "DATE",
    rf"(?<![\w./+-])(?P<x>{_DAY}/{_DAY})(?![\w/-]|\.\d|[ \t]*[x\u00d7*])",
    0.75,
    requires=r"\d/\d",
    requires_case=True,
)
# With a dash ("3-14"), the shape of every range ("2-3 L", "cpot 1-2"), only where a
# nursing note heads or announces its date: at the start of a line, in brackets, after a
# heading in capitals ("NPN 3-14") or a cue ("since 3-14", "s/p ex-lap 3-14").
_DASHED_DAY_MONTH = rule(
    "DATE",
    rf"(?:^[ \t]*|\([ \t]*|(?<=(?:\b\p{{Lu}}{{2,}}|(?i:{_DATE_CONTEXT}|s/p|f/u|pod\#?\d*))"
    rf"[ \t:]+))(?<![\w./+-])(?P<x>{_MON}-{_DAY})(?![\w/-]|\.\d|[ \t]*[x\u00d7*%])",
    0.75,
    requires=r"\d-\d",
    requires_case=True,
)

# Words that join a date's parts in other languages (data/words/date_words/): "mayo de
# 2021", "ngày 27 tháng 3 năm 2021".
# An entry ending with "-" is glued to the day: Tagalog "ika-5 ng Oktubre 2023".
_JOIN_WORDS = wordlists.words("date_words")
_JOIN = (
    rf"(?:{alternation(w for w in _JOIN_WORDS if not w.endswith('-'))}[ \t]+"
    rf"|{alternation(w for w in _JOIN_WORDS if w.endswith('-'))})?"
)
# Any month word in any case: "dic 2017", "feb 2022", "sept. 2020", "THÁNG CHÍN 2015".
_ANY_MONTH = alternation((*lexicon.MONTHS_FULL, *lexicon.MONTHS_ABBR))
_ANY_MONTH = rf"(?:{MONTH_FOREIGN}|{_ANY_MONTH})"
# The words the rules' month alternations are made of (``rule(needs=...)``): a note that
# names no month in any of them is not searched for a date by month.
_ENGLISH_MONTHS = (*lexicon.MONTHS_FULL, *lexicon.MONTHS_ABBR)
_FOREIGN_MONTHS = (*lexicon.MONTHS_FOREIGN, *lexicon.MONTHS_READ_ONLY)
_ANY_MONTHS = (*_FOREIGN_MONTHS, *_ENGLISH_MONTHS)

_AMBIGUOUS_MONTHS = frozenset(wordlists.words("months_ambiguous_in_small_letters"))
_CASELESS_MONTHS = tuple(
    m
    for m in (
        *lexicon.MONTHS_FULL,
        *lexicon.MONTHS_ABBR,
        *lexicon.MONTHS_FOREIGN,
        *lexicon.MONTHS_READ_ONLY,
    )
    if m.lower() not in _AMBIGUOUS_MONTHS and len(m) >= 3
)
_CASELESS_MONTH = alternation(_CASELESS_MONTHS)
# Units and counts that make the number after a month word no day.
_COUNTED = (
    r"mg|mcg|g|kg|ml|l|mmol|units?|iu|%|x|times|days?|weeks?|months?|years?|cycles?|doses?"
    r"|tabs?|tablets?|hours?|hrs?|cm|mm"
)

# A weekday written out, then a day of the month alone: "jueves 16.", "Thursday 16th",
# "el jueves 16 a las 9" (data/words/date_openers/, without short forms, "sun", "sat",
# and Vietnamese, whose "thứ hai" is also "second"). The day ends the clause, has its
# ordinal's ending or comes before a clock time (data/words/clock_openers/), so "Monday 3
# patients" is no date; the weekday joins it as before any date (_WEEKDAY_BEFORE).
_WEEKDAY_WORDS = tuple(
    w
    for lang, ws in wordlists.by_name("date_openers").items()
    if lang != "vi"
    for w in ws
    if len(w) >= 5
)
_WEEKDAYS = alternation(_WEEKDAY_WORDS)
_WEEKDAY_DAY = rule(
    "DATE",
    rf"(?i:(?<![\w-]){_WEEKDAYS})[ \t]+(?:the[ \t]+)?(?P<x>{_DAY}"
    rf"(?:(?i:st|nd|rd|th)(?!\w)|[º°](?!\w)|(?=[ \t]*(?:[.,;!?)\n]|$))"
    rf"|(?=[ \t]+(?i:{cue(wordlists.words('clock_openers'))})[ \t]+\d)))",
    0.85,
    requires=rf"(?<![\w-]){_WEEKDAYS}[ \t]+(?:the[ \t]+)?\d",
    needs=_WEEKDAY_WORDS,
)

# The day of a month in words, as letters, leases and news write it (data/words/
# day_ordinals/): "the fourteenth of March", "fifth December", "the 1st day of August
# 2025", "first of september 2025". In small letters or capitals a month that is also a
# word (months_ambiguous_in_small_letters) needs "of" before it: "second may", "first march"
# stay words, "fifth december" is a date.
_DAY_ORDINALS = tuple(
    spelling
    for word in wordlists.words("day_ordinals")
    for spelling in dict.fromkeys((word, word.replace("-", " ")))
)
_MONTH_IN_ANY_CASE = alternation(
    m for m in lexicon.MONTHS_FULL if m.lower() not in _AMBIGUOUS_MONTHS
)
_DAY_WORD = rf"(?:{_DAY}(?:st|nd|rd|th)|{alternation(_DAY_ORDINALS)})"
_DAY_IN_WORDS_OF_MONTH = rule(
    "DATE",
    rf"(?i:(?<![\w-]){_DAY_WORD})[ \t]+(?:(?i:(?:day[ \t]+)?of)[ \t]+(?i:{MONTH})|{MONTH}"
    rf"|(?i:{_MONTH_IN_ANY_CASE}))"
    rf"(?:,?[ \t]+{_YEAR})?(?!\w)",
    0.9,
    requires=r"(?:st|nd|rd|th)[ \t]+(?:day[ \t]+)?(?:of[ \t]+)?\p{L}",
    needs=_ENGLISH_MONTHS,
)
# The month first and the day in words: "September twenty-ninth", "March the fourteenth".
_MONTH_DAY_IN_WORDS = rule(
    "DATE",
    rf"\b{MONTH}[ \t]+(?:the[ \t]+)?(?i:{alternation(_DAY_ORDINALS)})(?![\w-])"
    rf"(?:,?[ \t]+{_YEAR})?(?!\w)",
    0.9,
    requires=r"(?:st|nd|rd|th)\b",
)

# A month named alone where the sentence says when ("seen in June", "paraplegic since Aug",
# "inició gefitinib en octubre", "depuis mars", "mid-June"): an element of a date, which
# Safe Harbor removes, after a word of time (data/words/month_alone_cues/). The full names
# of the languages the month lists hold, in any case; those that are words too ("may",
# "mai": "THIS MAY BE") and English's short forms only in Title Case ("in May", "since
# Aug"): "in dec" is decreased on a ward, "JAN" a name in capitals, "Mar" a town's first
# word ("en Mar del Plata"). Not before a number, whose dates the rules above read, nor
# before a word in Title Case: "Julio Pérez", "June Okafor" are names.
_MONTHS_WORDS_TOO = frozenset({"may", "mar", "mai", "mei", "maj"})
_MONTHS_ALONE = tuple(
    m
    for m in (*lexicon.MONTHS_FULL, *(w for ws in lexicon.MONTHS_BY_LANGUAGE.values() for w in ws))
    if m.lower() not in _MONTHS_WORDS_TOO
)
_MONTHS_ALONE_CAPITALISED = tuple(
    m
    for m in (*lexicon.MONTHS_FULL, *lexicon.MONTHS_ABBR)
    if m != "Mar" and (m.lower() in _MONTHS_WORDS_TOO or m in lexicon.MONTHS_ABBR)
)
_MONTH_ALONE = rule(
    "DATE",
    rf"(?i:(?<![\w-]){alternation(wordlists.words('month_alone_cues'))})"
    rf"(?:[ \t]+|(?<=(?i:mid?))-)"
    rf"(?P<x>(?i:{alternation(_MONTHS_ALONE)})|{alternation(_MONTHS_ALONE_CAPITALISED)})"
    rf"\.?(?![\w-]|\.\w|[ \t]*\d|[ \t]+\p{{Lu}}\p{{Ll}})",
    0.85,
    needs=(*_MONTHS_ALONE, *_MONTHS_ALONE_CAPITALISED),
)

# Months of calendars whose names are also given names ("Kartik", "Chaitra"): a month
# only between a year and a day.
_MONTHS_AFTER_A_YEAR = alternation(wordlists.words("months_after_a_year"))

DATE_RULES: tuple[Rule, ...] = (
    _WEEKDAY_DAY,
    _MONTH_ALONE,
    # ISO and year-first: 2019-01-02, 2019/1/2, 2019.01.02
    rule(
        "DATE",
        rf"(?<![\w.-])(?:{_YEAR}|{_YEAR_HIJRI})[-/.]{_MON}[-/.]{_DAY}(?:[T ]\d\d:\d\d(?::\d\d)?)?"
        r"(?![\w-])",
        0.95,
    ),
    _NUMERIC_DATE,
    # Month name first: July 15, Jul 15th, July 15, 2024, Sept. 3 2021
    rule(
        "DATE", rf"\b{MONTH}[ \t]+{_DAY}{_ORD}(?:,?[ \t]+(?:{_YEAR}|['\u2019]\d\d\b))?(?!\d)", 0.95
    ),
    # Day first: 15 July 2024, 15th of July, 15-Jul-2024, 15 JUL 24. A number after a
    # number and a colon is a ratio's or a clock's, no day ("IABP 1:1 AUG 110").
    rule(
        "DATE",
        rf"\b(?<!\d:){_DAY}{_ORD}[ \t]+(?:of[ \t]+)?{MONTH}(?:,?[ \t]+(?:{_YEAR}|'\d\d))?\b",
        0.95,
        needs=_ENGLISH_MONTHS,
    ),
    _DAY_IN_WORDS_OF_MONTH,
    _MONTH_DAY_IN_WORDS,
    rule(
        "DATE",
        rf"\b(?<!\d:){_DAY}[-/ ](?:{MONTH_ABBR}|May|June|July)[-/ ](?:{_YEAR}|\d\d)\b",
        0.95,
        ignore_case=True,
        needs=(*lexicon.MONTHS_ABBR, "May", "June", "July"),
    ),
    # Month and year: March 2024, Mar. 2024, March of 2024
    rule("DATE", rf"\b{MONTH}[ \t]+(?:of[ \t]+)?{_YEAR}\b", 0.9),
    # Dotted with spaces: "5. 3. 2025" (Czech), "2025. 01. 15." (Hungarian)
    rule(
        "DATE",
        rf"(?<![\w.])(?:{_DAY}\.[ \t]?{_MON}\.[ \t]?{_YEAR}|{_YEAR}\.[ \t]?{_MON}\.[ \t]?{_DAY}\.?)"
        r"(?![\w])",
        0.9,
        # Either order holds a number, a dot, the month and its dot; never spans a line.
        requires=r"\d\.[ \t]?\d\d?\.",
        requires_case=True,
        breaks="\n",
    ),
    # Month and an apostrophe year: "March '24", "Sept '19"
    rule("DATE", rf"\b{MONTH}[ \t]+['\u2019]\d\d\b", 0.85),
    # A month in Roman numerals between the day and the year, as much of Europe and Latin
    # America write it: "04.III.2024", "12-IV-2023", "3 XI 2022" (a space only before a
    # four-digit year).
    rule(
        "DATE",
        rf"(?<![\w.\-/])(?:{_DAY}(?P<s>[.\-/])(?:{_ROMAN_MONTH}|(?i:{_ROMAN_MONTH}))(?P=s)"
        rf"(?:{_YEAR}|\d\d)|{_DAY}[ \t]+{_ROMAN_MONTH}[ \t]+{_YEAR})(?![\w\-/]|\.\d)",
        0.9,
        requires=r"\d[.\-/ \t][IVXivx]",
        requires_case=True,
        breaks="\n",
    ),
    # A month's abbreviation glued to a year: "ago/2024", "set/23", "DEC-12", "okt.2019".
    # Words of other languages are months here only (data/words/months_before_a_year/).
    rule(
        "DATE",
        rf"(?<![\w/.\-])(?i:{_ANY_MONTH}|{alternation(wordlists.words('months_before_a_year'))})"
        rf"[/.\-](?:{_YEAR}|\d\d)(?![\w/\-]|\.\d)",
        0.85,
        requires=r"\p{L}[/.\-]\d\d",
        requires_case=True,
        breaks="\n",
    ),
    # A day and a word of formal letters for its month: "biopsy done the 3rd inst.", "your
    # letter of 21st ult." (data/words/month_references/).
    rule(
        "DATE",
        rf"(?<![\w.-]){_DAY}(?:st|nd|rd|th)[ \t]+"
        rf"(?i:{alternation(wordlists.words('month_references'))})\b\.?",
        0.85,
        requires=r"\d(?:st|nd|rd|th)[ \t]+\p{L}",
        requires_case=True,
    ),
    # A day of the month alone where a date is announced: "seen on the 9th.", "can we move
    # her to the 18th?", "hold it till the 3rd"; not an ordinal of a count, a rank or a
    # part of the body ("to the 2nd floor", "after the 4th cycle", "the 5th intercostal").
    rule(
        "DATE",
        rf"(?i:\b(?:on|since|until|till|til|from|by|to|before|after)[ \t]+the)[ \t]+"
        # In capitals too: "MVC ON THE 12TH", not "TO THE 2ND FLOOR".
        rf"(?P<x>{_DAY}(?i:st|nd|rd|th))\b"
        r"(?![ \t]+(?i:day|days|cycle|dose|week|month|year|floor|time|attempt|line|trimester"
        r"|percentile|centile|visit|session|course|round|fraction|postoperative|post-op"
        r"|ward|bed|room|grade|stage|degree|generation|rib|intercostal|space|digit|toe"
        r"|finger|vertebra|ventricle|nerve|molar|place|child|pregnancy|quarter|decile"
        r"|quintile|level|step|infusion|injection|admission|episode|one|of[ \t]+(?:\d|the"
        r"[ \t]+\d))\b)",
        0.85,
    ),
    # Year first with a month name: "2025. március 12.", "2024 Mar 3", and the months only
    # ever read so (data/words/months_after_a_year/: Nepal's "2081 Kartik 12").
    rule(
        "DATE",
        rf"\b{_YEAR}\.?[ \t]+(?:{MONTH}|{MONTH_FOREIGN}|{_MONTHS_AFTER_A_YEAR})[ \t]+{_DAY}\b\.?",
        0.9,
        ignore_case=True,
    ),
    # Numeric month/year: 03/2024, 3-2024
    rule(
        "DATE",
        rf"(?<![\w/.-]){_MON}[/-]{_YEAR}(?![\w/-])",
        0.85,
        requires=rf"\d[/-]{_YEAR}",
        requires_case=True,
        breaks="\n",
    ),
    # Spanish, French, Portuguese: 15 de julio de 2020, 12 mars 2021
    rule(
        "DATE",
        rf"\b{_DAY}(?:er|\.)?[ \t]+(?:de[ \t]+)?{MONTH_FOREIGN}(?:[ \t]+(?:del?[ \t]+)?{_YEAR})?\b",
        0.9,
        ignore_case=True,
        requires=r"\d(?:er|\.)?[ \t]",
        breaks="\n",
        needs=_FOREIGN_MONTHS,
    ),
    _DAY_MONTH,
    # German prepositions of a day before day and month with their dots: "die sich am 13.04.
    # mit", "seit 02.03. stabil" (with a slash "am" is English: "I am 5/10").
    rule(
        "DATE",
        rf"(?i:\b(?:am|vom|seit)\b)[ \t]+(?P<x>{_DAY}\.{_MON}\.)(?!\d)",
        0.8,
    ),
    _DAY_MONTH_AT_TIME,
    _BARE_DAY_MONTH,
    _DASHED_DAY_MONTH,
    # A month's name and a day in any case or language, written the day before or after:
    # "biopsy february 19", "seen 8 apr", "Enero 12". Not the month names that are also
    # words or shorthand in small letters ("may", "march", "dec"), nor a day that is a
    # dose or a count ("june 5 mg"). The year after the day is the date's in every
    # calendar ("Meskerem 28, 2017 E.C.", "Enero 12, 2024").
    rule(
        "DATE",
        rf"(?<![\w-])(?:{_CASELESS_MONTH}\.?[ \t]+{_DAY}{_ORD}(?:,?[ \t]+{_YEAR}(?![\w-]))?"
        rf"|{_DAY}{_ORD}[ \t]+(?:of[ \t]+)?"
        rf"{_CASELESS_MONTH}\.?)(?![\w-])(?![ \t]*(?:{_COUNTED})\b)",
        0.85,
        ignore_case=True,
        # Found from the day's digits (fast); a match never spans a line.
        requires=rf"\d(?:(?<=(?i:{_CASELESS_MONTH})\.?[ \t]+\d)"
        rf"|(?=\d?(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?i:{_CASELESS_MONTH})))",
        breaks="\n",
        needs=_CASELESS_MONTHS,
    ),
    # A month and a year in any case or language, the day before them if it is written:
    # "dic 2017", "maio de 2025", "tháng 8 năm 2021", "20. Nov. 2012", "ika-5 ng Oktubre 2023".
    rule(
        "DATE",
        rf"(?<![\w-]){_JOIN}(?:{_DAY}\.?[ \t]+{_JOIN})?{_ANY_MONTH}\.?[ \t]+{_JOIN}{_YEAR}\b",
        0.85,
        ignore_case=True,
        # Found from the year's digits (fast); a match never spans a line.
        requires=_YEAR,
        requires_case=True,
        breaks="\n",
        needs=_ANY_MONTHS,
    ),
    # A day and a month in any case or language, after a word that joins them: "ngày 27
    # tháng 3", and Tagalog's glued "ika-13 ng Agosto".
    rule(
        "DATE",
        rf"(?<![\w-])(?i:{alternation(w for w in _JOIN_WORDS if not w.endswith('-'))}[ \t]+"
        rf"|{alternation(w for w in _JOIN_WORDS if w.endswith('-'))}){_DAY}[ \t]+{_JOIN}"
        rf"{MONTH_FOREIGN}\b",
        0.85,
        ignore_case=True,
    ),
    # Day and month with a dot after each, then a clock time, opening a line or a bracket:
    # "[02.04. 13:05] Ana:" (a chat's export). Not "Hb 12.5. 14:00 dose given".
    rule(
        "DATE",
        rf"(?:^|(?<=\[))[ \t]*(?P<x>{_DAY}\.{_MON}\.)(?=,?[ \t]+\d{{1,2}}:\d\d)",
        0.85,
        requires=r"\d\.\d\d?\.,?[ \t]+\d\d?:\d\d",
        requires_case=True,
    ),
)


# Every CLDR locale's month names (cldr_dates.py), beside a day or a year in any case:
# "12 stycznia 2024", "ማርች 9", "كانون الأول 2015", "7 вер 2015", "2023 m. gegužės 12 d.".
# A weak name, an ordinary word of another language or clinical shorthand ("mar", "out",
# "sie"), needs its day and its year both: "mar 3 doses", "out 1800" stay values.
_GAP = r"[ \t\u00a0\u202f]+"
# Joining words of the Romance genitive ("12 de março de 2024", "7 d'ag. 2015"), and the
# marks of a year or a day that Slavic, Baltic and Turkic long formats write (Russian
# "2015 g." in Cyrillic, Lithuanian "2023 m.", "12 d.").
_OF = rf"(?:(?:de|del|di|of){_GAP}|d['\u2019])?"
_DAY_X = rf"{_DAY}(?:\.|º|ª|er|st|nd|rd|th)?"
_YEAR_X = rf"{_YEAR}(?:[ \u00a0\u202f]?(?:\u0433|\u0440|\u0436|m|y|d)\.)?"
_STRONG = alternation(cldr_dates.months("strong"))
_WEAK = alternation(cldr_dates.months("weak"))
# Nor a number that goes on as a decimal, a ratio or a fraction ("MBI 11.5", "ene 2/3").
_NOT_COUNTED = rf"(?![\w-])(?![.,:/]\d)(?![ \t]*(?:{_COUNTED})\b)"
# Each shape is two rules, for speed: one opening with the day or the year, tried only
# where a number starts (``starts``), one opening with the month, tried only where one of
# its words starts (``cue``); a tree of 2,000 names tried at every position costs seconds.
# A number, then (past a dot, an ordinal's ending or a year's mark) a space and a letter.
_AT_A_NUMBER = (
    r"(?<![\w-])(?=\d{1,4}(?:\.|º|ª|er|st|nd|rd|th)?[ \t\u00a0\u202f]+"
    r"(?:(?:m|\u0569)[.\u2024][ \t\u00a0\u202f]+)?\p{L})"
)
_CLDR_RULES = (
    rule(
        "DATE",
        rf"(?<![\w-])(?:{_DAY_X}{_GAP}{_OF}{_STRONG}\.?(?:,?{_GAP}{_OF}{_YEAR_X})?"
        # Year first, the day after the month if it is written: "2016. máj.", "2021 թ. հլս 6".
        rf"|{_YEAR}\.?(?:{_GAP}(?:m|թ)[.\u2024])?{_GAP}{_STRONG}\.?(?:{_GAP}{_DAY_X}"
        rf"(?:{_GAP}d\.)?)?){_NOT_COUNTED}",
        0.85,
        ignore_case=True,
        requires=r"\d",
        requires_case=True,
        breaks="\n",
        starts=_AT_A_NUMBER,
        needs=cldr_dates.months("strong"),
    ),
    rule(
        "DATE",
        rf"{cue(cldr_dates.months('strong'))}\.?(?:{_GAP}{_DAY_X}(?:,?{_GAP}{_YEAR_X})?"
        rf"|,?{_GAP}{_OF}{_YEAR_X}){_NOT_COUNTED}",
        0.85,
        ignore_case=True,
        requires=r"\d",
        requires_case=True,
        breaks="\n",
    ),
    rule(
        "DATE",
        rf"(?<![\w-])(?:{_DAY_X}{_GAP}{_OF}{_WEAK}\.?,?{_GAP}{_OF}{_YEAR_X}"
        rf"|{_YEAR}\.?(?:{_GAP}m\.)?{_GAP}{_WEAK}\.?{_GAP}{_DAY_X}(?:{_GAP}d\.)?)"
        rf"{_NOT_COUNTED}",
        0.85,
        ignore_case=True,
        requires=_YEAR,
        requires_case=True,
        breaks="\n",
        starts=_AT_A_NUMBER,
        needs=cldr_dates.months("weak"),
    ),
    rule(
        "DATE",
        rf"{cue(cldr_dates.months('weak'))}\.?{_GAP}{_DAY_X},?{_GAP}{_YEAR_X}{_NOT_COUNTED}",
        0.85,
        ignore_case=True,
        requires=_YEAR,
        requires_case=True,
        breaks="\n",
    ),
)
DATE_RULES = (*DATE_RULES, *_CLDR_RULES)


# A weekday (or Vietnamese "tháng") right before a date is part of it, in any language
# (data/words/date_openers/): "Sat 12/03/24", "lunes 8 de diciembre", "tháng 3/2024".
_WEEKDAY_BEFORE = regex.compile(
    rf"(?i)(?<![\w-]){alternation(wordlists.words('date_openers'))}\.?,?[ \t]+"
    r"(?:the[ \t]+)?$"
)
# Every CLDR locale's weekdays that are no ordinary word elsewhere, before a date found:
# "środa, 31 lipca 2019", "السبت، 29 يوليو 2017", "ሰኞ 9 ኦክቶበር 2023".
_CLDR_WEEKDAY_BEFORE = regex.compile(
    rf"(?i)(?<![\w-]){alternation(cldr_dates.weekdays())}\.?[,\u060c]?[ \t\u00a0\u202f]+$"
)


def _plausible_numeric(value: str) -> bool:
    parts = [p for p in value.replace("/", "-").replace(".", "-").split("-") if p]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return True
    a, b, c = (int(p) for p in parts)
    if len(parts[0]) == 4:  # year first
        return 1 <= b <= 12 and 1 <= c <= 31
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)


_IN_BRACKETS = regex.compile(r"\(")

# What makes a bare month/day a value (data/words/): a scale it is out of, a count word
# before it, a word after it, or a unit.
_SCALE_MAXIMA = frozenset(int(n) for n in wordlists.words("scale_maxima"))
_VALUE_BEFORE = regex.compile(
    rf"(?i)(?<![\w/])(?:{alternation(wordlists.words('value_words_before_day_month'))})"
    r"[ \t#:]*$"
)
_VALUE_AFTER = regex.compile(
    rf"(?i)[ \t]*(?:(?:{alternation(wordlists.words('value_words_after_day_month'))})\b"
    rf"|(?:{alternation((*UNITS, *DOSE_UNITS))})(?![\w/]))"
)
# Weeks of a gestational or corrected age and its label before days of a week: "CGA 30 1/7",
# "PMA 33 1/7" (data/words/gestation_labels.txt); weeks 22 to 44, days 0 to 6.
_GESTATION_BEFORE = regex.compile(
    rf"(?i)(?<![\w/])(?:{alternation(wordlists.words('gestation_labels'))})[ \t:]*"
    r"(?:2[2-9]|3\d|4[0-4])[ \t]+$"
)
_DAYS_OF_A_WEEK = regex.compile(r"[0-6]/7")
_CLOCK_BEFORE = regex.compile(r"(?<![\w.:/-])(?:[01]\d|2[0-3]):?[0-5]\d[ \t]+$")
_CLOCK_AFTER = regex.compile(r"[ \t]+(?:[01]\d|2[0-3]):?[0-5]\d(?![\w.:/-])")


# A date cue right before the numbers: "BP 120/80 on 12-10-24", "cr 1.6 (1.4 on 3/12)". Not
# "to", "from" and "by", which move settings ("ps 10/5 to 12/5").
_DATED_BY_CUE = regex.compile(
    rf"(?:{cue(w for w in _DATE_CONTEXT_WORDS if w not in ('to', 'from', 'by'))})[ \t:]+\Z",
    regex.IGNORECASE,
)


def _measured(text: str, start: int) -> bool:
    """The number at ``start`` is a measurement, unless a date cue stands right before it."""
    return is_measured(text, start) and not _DATED_BY_CUE.search(text, max(0, start - 16), start)


def _out_of_a_scale(value: str) -> bool:
    """ "5/5", "4/10", "2/3": a first number at most its second, a scale's maximum."""
    first, _, second = value.replace("-", "/").replace(".", "/").partition("/")
    second = second.strip("/")
    if not (first.isdigit() and second.isdigit()):
        return False
    return int(first) <= int(second) and int(second) in _SCALE_MAXIMA


def _is_setting_or_fraction(text: str, start: int, end: int) -> bool:
    """A setting moved by a change verb ("weaned to 14/5"), or a fraction before "of" or
    "the" ("2/3 of goal"): only one out of a scale, since "on 6/24 the echo" is a date."""
    if is_changed_to(text, start):
        return True
    return is_setting_or_fraction(text, start, end) and _out_of_a_scale(text[start:end])


def day_month_said_to_be_value(text: str, start: int, end: int) -> bool:
    """A month/day shape that the words around it make a value: a count word before it, a
    word or a unit after it, a label, a change verb, the weeks of a gestational age ("GCS
    3/15 14:00", "abx day 3/7", "2/14 nodes", "PS 10/5", "CGA 30 1/7")."""
    return bool(
        _VALUE_BEFORE.search(text, max(0, start - 20), start)
        or _VALUE_AFTER.match(text, end)
        or (
            _DAYS_OF_A_WEEK.fullmatch(text, start, end)
            and _GESTATION_BEFORE.search(text, max(0, start - 20), start)
        )
        or _measured(text, start)
        or _is_setting_or_fraction(text, start, end)
    )


# How far back a scale's earlier score may stand: "pain 6/10, dilaudid given, relief to
# 2/10" is one clause or two.
_SCALE_REACH = 100
# A score carries on from an earlier one only through a change word right before it ("relief
# to 2/10", "GCS 8/15 -> 12/15", "now 3/10"): after "by", "from", "on" or nothing, the same
# shape is a day and month whatever score stands before it ("Pain 4/10 at rest. Sutures out
# by 5/10", "wound vac from 3/10 to 3/14").
_CHANGE_BEFORE = regex.compile(r"(?i)(?:(?<![\w-])(?:to|now|then)|->|\u2192|=>)[ \t]*\Z")
_SENTENCE_END = regex.compile(r"[.;!?](?=[ \t]|\Z)|\n")


@functools.cache
def _scores_out_of(maximum: str) -> regex.Pattern[str]:
    """Any score out of ``maximum``, as a pattern; the scale maxima are few, so each is
    compiled once."""
    return regex.compile(rf"(?<![\w/.-])\d{{1,2}}/{maximum}(?![\w/-]|\.\d)")


def continues_a_scale(text: str, start: int, end: int) -> bool:
    """A score out of the same maximum as a labelled score earlier in its sentence, reached
    through a change word: "pain 6/10, dilaudid given, relief to 2/10", "GCS 8/15 -> 12/15".
    Not where a clock time stands beside it ("extubated at 2200 5/10"), and only where the
    earlier one is a score by its label: "admitted 5/10, to rehab 6/10" stays two dates."""
    value = text[start:end]
    if not _out_of_a_scale(value) or not _CHANGE_BEFORE.search(text, max(0, start - 8), start):
        return False
    if _CLOCK_BEFORE.search(text, max(0, start - 8), start) or _CLOCK_AFTER.match(text, end):
        return False
    maximum = value.replace("-", "/").replace(".", "/").partition("/")[2].strip("/")
    return any(
        day_month_said_to_be_value(text, m.start(), m.end())
        and not _SENTENCE_END.search(text, m.end(), start)
        for m in _scores_out_of(maximum).finditer(text, max(0, start - _SCALE_REACH), start)
    )


# A run of two or three scores, none over 10, after a score's label: "apgars 4/7/8",
# "apgar 8/9" (data/words/value_words_before_day_month.txt).
_SCORE_RUN = regex.compile(r"(?:10|\d)(?:/(?:10|\d)){1,2}")


def is_labelled_score_run(text: str, start: int, end: int) -> bool:
    """ "apgars 4/7/8": the scores at one, five and ten minutes, no date."""
    return bool(
        _SCORE_RUN.fullmatch(text, start, end)
        and _VALUE_BEFORE.search(text, max(0, start - 20), start)
    )


# Weeks and days of a gestational or corrected age as the model may read them whole, "29
# 2/7" before "wks" or after "CGA": no day and month.
_WEEKS_AND_DAYS = regex.compile(r"(?:2[2-9]|3\d|4[0-4])[ \t]+[0-6]/7")
# The weeks' word, or a corrected age's label, after them ("34 2/7 CGA").
_WEEKS_AFTER = regex.compile(r"(?i)[ \t]*(?:wks?|weeks?|cga|pma)\b")


# The words a gestational age is written with: its labels of one word and its weeks.
GESTATION_WORDS: frozenset[str] = frozenset(
    {w.lower() for w in wordlists.words("gestation_labels") if " " not in w}
    | {"wk", "wks", "week", "weeks"}
)


def gestational_ages_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The gestational ages' weeks and days inside ``text[start:end]`` ("27 5/7")."""
    return [
        m.span()
        for m in _WEEKS_AND_DAYS.finditer(text, start, end)
        if is_gestational_age(text, *m.span())
    ]


def is_gestational_age(text: str, start: int, end: int) -> bool:
    """ "29 2/7 wks", "CGA 34 1/7": weeks and days of a week, by the word after or before."""
    if not _WEEKS_AND_DAYS.fullmatch(text, start, end):
        return False
    days = end - len("0/7")
    return bool(
        _WEEKS_AFTER.match(text, end) or _GESTATION_BEFORE.search(text, max(0, start - 20), days)
    )


def _bare_day_month_is_value(text: str, start: int, end: int) -> bool:
    """A month/day without a year or a cue that reads as a score, a count or a measurement."""
    if day_month_said_to_be_value(text, start, end):
        return True
    # Out of a scale's maximum: "5/5 strength", "c/o 4/10 pain", "2/3 of goal"; but a clock
    # time beside it dates it: "extubated at 2200 5/10".
    return _out_of_a_scale(text[start:end]) and not (
        _CLOCK_BEFORE.search(text, max(0, start - 8), start) or _CLOCK_AFTER.match(text, end)
    )


class EchoDateRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("EchoDateRecognizer", DATE_RULES)

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        if is_level_range(text, start, end):
            return False  # "L RIB FX 4-9": the ribs broken
        if _PERCENT_AFTER.match(text, end):
            return False  # "AC 500 X 14/5/40%": rate, PEEP and FiO2; a date is no share
        if _WEEKDAY_BEFORE.search(text, max(0, start - 14), start):
            return _plausible_numeric(text[start:end])  # "Sat 12/03/24": Saturday, not sats
        if rule_ in (_DAY_MONTH, _DAY_MONTH_AT_TIME) and (
            _measured(text, start)
            or _is_setting_or_fraction(text, start, end)
            or continues_a_scale(text, start, end)
        ):
            return False  # "PS 14/5", "weaned to 14/5", "UO 2/3 of goal", "relief to 2/10"
        if rule_ in (_BARE_DAY_MONTH, _DASHED_DAY_MONTH) and _bare_day_month_is_value(
            text, start, end
        ):
            return False
        if (
            rule_ is _NUMERIC_DATE
            and text[end - 3] in "-/."
            and _measured(text, start)
            and not _IN_BRACKETS.match(text, start - 1)
        ):
            # "SIMV 12/10/10": settings; a four-digit year still makes a date, and so do
            # brackets, where a result's date stands ("PCO2 41.2 (25/01/23)").
            return False
        return _plausible_numeric(text[start:end])

    def finish(
        self, text: str, results: list[RecognizerResult], entities: list[str]
    ) -> list[RecognizerResult]:
        extend_dates(text, results)
        return results


# A per cent sign right after the numbers: a vent's settings ending in its FiO2.
_PERCENT_AFTER = regex.compile(r"(?<=\d)[ \t]?%")


# The first month of a range before a dated month: "Feb-Apr 2024", "jan - mar 2023".
_MONTH_RANGE_BEFORE = regex.compile(rf"(?i)(?<![\w-]){_ANY_MONTH}\.?[ \t]*[-\u2013\u2014][ \t]*$")


def extend_dates(text: str, results: list[RecognizerResult]) -> None:
    """Grow each date, found by a rule or the model, over the weekday written before it
    and over the month that opens a range ending in it."""
    grow_over_word_before(text, results, EntityType.DATE, _WEEKDAY_BEFORE, 20)
    grow_over_word_before(text, results, EntityType.DATE, _CLDR_WEEKDAY_BEFORE, 24)
    grow_over_word_before(text, results, EntityType.DATE, _MONTH_RANGE_BEFORE, 16)
