"""Clinical shorthand and vital signs: what the rules must read as words and values.

Ward and ICU notes are written in shorthand ("R/O sepsis", "c/o pain", "s/p CABG")
and full of measurements ("sats now 96", "PS 14/5", "SBP 120-140"). The
recognizers ask this module whether a cue is really shorthand and whether a
number is really a measurement; the vocabulary lives in data/clinical_shorthand.txt.
"""

from __future__ import annotations

from importlib.resources import files

import regex

from echo_cases.deid import wordlists

_DATA = files("echo_cases.deid") / "data" / "clinical_shorthand.txt"


def _sections(text: str) -> dict[str, tuple[str, ...]]:
    """Entries of each ``[section]`` of the data file, in file order."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return {name: tuple(words) for name, words in sections.items()}


_SECTIONS = _sections(_DATA.read_text(encoding="utf-8"))

SHORTHAND: frozenset[str] = frozenset(_SECTIONS["shorthand"])
VITAL_LABELS: tuple[str, ...] = _SECTIONS["vital_labels"]
LAB_LABELS: tuple[str, ...] = _SECTIONS["lab_labels"]
RHYTHMS: tuple[str, ...] = _SECTIONS["rhythms"]
VENT_MODES: tuple[str, ...] = _SECTIONS["vent_modes"]
FILLERS: tuple[str, ...] = _SECTIONS["fillers"]
CHANGE_VERBS: tuple[str, ...] = _SECTIONS["change_verbs"]
UNITS: tuple[str, ...] = _SECTIONS["units"]
DOSE_UNITS: tuple[str, ...] = _SECTIONS["dose_units"]
ROUTES: tuple[str, ...] = _SECTIONS["routes"]
SHORTHAND_BEFORE_A_WORD: frozenset[str] = frozenset(_SECTIONS["shorthand_before_a_word"])
SHORTHAND_OBJECTS: frozenset[str] = frozenset(_SECTIONS["shorthand_objects"])
PAIN_LABELS: tuple[str, ...] = _SECTIONS["pain_labels"]
RANGE_WORDS: tuple[str, ...] = _SECTIONS["range_words"]
LEVEL_WORDS: tuple[str, ...] = _SECTIONS["level_words"]
# Dressings, lines, monitors, airway devices, feeds, pumps and beds the ward names by brand
# ("xeroform + abd pad", "LICOX PBTO2 24", "YANKAUER FOR ORAL"), kind by kind in
# data/words/device_brands/: a brand no person or town is named after is the ward's word.
DEVICE_BRANDS: frozenset[str] = frozenset(w.lower() for w in wordlists.words("device_brands"))
# The ward's pagers and handsets in English ("bleep 212", "vocera'd charge RN"), from
# data/words/paging_words/en.txt: no name list holds them.
PAGING_WORDS: frozenset[str] = frozenset(w.lower() for w in wordlists.read("paging_words", "en"))
# The ward makes verbs of its handsets ("vocera'd charge RN", "SPECTRALINK'D PHARMACY",
# "beeped"): each form is a ward word as its device is.
_PAGED: frozenset[str] = frozenset(
    w + ending for w in PAGING_WORDS for ending in ("'d", "\u2019d", "ed", "'ed")
)
# Every word of the file, the device brands and the pagers: ordinary vocabulary of notes,
# never a name or a place by itself.
WARD_WORDS: frozenset[str] = (
    frozenset(
        w.lower()
        for section in ("shorthand", "vital_labels", "lab_labels", "ward_words")
        for w in _SECTIONS[section]
        if " " not in w and len(w) > 1  # "T", "P": letters of initials too
    )
    | DEVICE_BRANDS
    | PAGING_WORDS
    | _PAGED
)


def _alternation(entries: list[str]) -> str:
    # Longest first, so that "o2 sats" wins over "o2". (The recognizers' own helper lives in
    # a package that imports this module.)
    return "|".join(regex.escape(e) for e in sorted(entries, key=len, reverse=True))


def _alternatives(entries: tuple[str, ...]) -> str:
    """Lower-case entries in any case, the others as written."""
    lower = [e for e in entries if e == e.lower()]
    exact = [e for e in entries if e != e.lower()]
    parts = [f"(?i:{_alternation(lower)})"] if lower else []
    if exact:
        parts.append(f"(?:{_alternation(exact)})")
    return f"(?:{'|'.join(parts)})"


def _words(entries: tuple[str, ...]) -> str:
    """Whole words only: "T" is a label in "T 38.5", not in "PT"."""
    return rf"(?<![\w/]){_alternatives(entries)}(?![\w/])"


_LABEL = _words((*VITAL_LABELS, *LAB_LABELS))
_NUMBER = r"[<>~+\-]?\d[\d.,]*(?:[/:\-]\d[\d.,]*)*%?"
# A unit written against its number: "2L", "4.5g", "20mcg".
_GLUED = rf"(?:(?:{_alternatives(UNITS)}|{_alternatives(DOSE_UNITS)})(?![\w/]))"
_LINK = (
    rf"(?:{_NUMBER}{_GLUED}?|{_words(UNITS)}|{_words(FILLERS)}|{_words(CHANGE_VERBS)}"
    r"|[:=,~@()])"
)
# A vital-sign or laboratory label, then only numbers, units and fillers up to the value;
# the value may be the second of a range or a ratio the model read apart ("MAP goal 65-75",
# "I/O 904/1279"). Not on the next line: a table's header of labels stands above its
# dates ("bnp\n11.09. 88.5").
# Both only ever asked whether they end at a position: searched from the end ("(?r)"), the
# one place a match can end is tried first, not every start in the window before it.
_MEASURED = regex.compile(
    rf"(?r){_LABEL}(?:[ \t]*{_LINK})*[ \t]*(?:[:=]|(?<=\d)[-/])?[ \t]*\Z", regex.VERSION1
)
# "weaned to 14/5", "dropped from 2/3", "switched to Meropenem": a setting or a drug
# moved, not a date or a place.
_CHANGED = regex.compile(
    rf"(?r){_words(CHANGE_VERBS)}(?:[ \t]+\p{{L}}+)?[ \t]+(?i:to|from|by)[ \t]+\Z", regex.VERSION1
)
# "Tazocin 4.5g", "Amiodarone infusion": a dose or a route after the word.
_DOSED = regex.compile(
    rf"[ \t]+(?:\d[\d.,]*[ \t]*{_alternatives(DOSE_UNITS)}(?![\w/])|{_words(ROUTES)})",
    regex.VERSION1,
)
# "2/3 of target", "1/2 the dose": a fraction.
_FRACTION_AFTER = regex.compile(r"[ \t]+(?i:of|the)\b")
_SMALL_RANGE = regex.compile(r"\d{1,3}(?:\.\d+)?%?(?:[ \t]*[-/][ \t]*\d{1,3}(?:\.\d+)?%?){1,4}")
_WINDOW = 60
_LABEL_WORD = regex.compile(_alternatives((*VITAL_LABELS, *LAB_LABELS)), regex.VERSION1)
_VALUE_AFTER = regex.compile(r"[ \t]*[:=]?[ \t]*[<>~]?\d")


def is_measured(text: str, start: int) -> bool:
    """The number at ``start`` follows a vital-sign label: "HR 102", "sats now 96", "PEEP 5"."""
    return _MEASURED.search(text, max(0, start - _WINDOW), start) is not None


# Labels that are words of the language in capitals ("IS 1500" is incentive spirometry,
# "PT IS 95" an age): read only in a note that writes small letters too.
_MIXED_CASE_LABEL = _words(_SECTIONS["labels_in_mixed_case"])
_MEASURED_IN_MIXED_CASE = regex.compile(
    rf"{_MIXED_CASE_LABEL}(?:[ \t]*{_LINK})*[ \t]*(?:[:=]|(?<=\d)[-/])?[ \t]*\Z", regex.VERSION1
)


def is_measured_in_mixed_case(text: str, start: int) -> bool:
    """The number at ``start`` follows a label that is one only among small letters
    ("strong cough, IS 1250"), or in capitals where it opens a clause ("RA 95%, IS 1500";
    not "PT IS 95")."""
    m = _MEASURED_IN_MIXED_CASE.search(text, max(0, start - _WINDOW), start)
    if m is None:
        return False
    return (
        any(c.islower() for c in text)
        or _OPENS_A_CLAUSE.search(text, max(0, m.start() - 4), m.start()) is not None
    )


_OPENS_A_CLAUSE = regex.compile(r"(?:^|[,;:.(\n])[ \t]*\Z")


# A vital sign's label right after a number: "1030 | T 37.2 | P 94", "0400 HR 88".
_LABEL_AFTER = regex.compile(rf"[ \t|,;:]*{_LABEL}[ \t]*[:=]?[ \t]*\d", regex.VERSION1)


def label_follows(text: str, end: int) -> bool:
    """A vital-sign or laboratory label and its value follow ``end``: the number before
    them is the time they were taken ("0830 | T 36.8 | P 97")."""
    return _LABEL_AFTER.match(text, end) is not None


def is_labelled_value(text: str, start: int, end: int) -> bool:
    """text[start:end] is a measurement label with its number after it: "Cr 1.4", "HR: 102"."""
    return _LABEL_WORD.fullmatch(text, start, end) is not None and (
        _VALUE_AFTER.match(text, end) is not None
    )


def is_changed_to(text: str, start: int) -> bool:
    """What starts at ``start`` is what a change verb moved to: "weaned to 14/5"."""
    return _CHANGED.search(text, max(0, start - _WINDOW), start) is not None


def is_setting_or_fraction(text: str, start: int, end: int) -> bool:
    """A ratio moved by a change verb ("weaned to 14/5") or a fraction ("2/3 of goal")."""
    return is_changed_to(text, start) or _FRACTION_AFTER.match(text, end) is not None


def is_drug(text: str, start: int, end: int) -> bool:
    """A word given as a drug: switched to it, or a dose or route after it."""
    return is_changed_to(text, start) or _DOSED.match(text, end) is not None


# A level word, then a side or an opening bracket: "RIB FX 4-9", "rib fx (R 4-8)".
_LEVELS_BEFORE = regex.compile(
    rf"{_words(LEVEL_WORDS)}[ \t]*"
    r"(?:\(?[ \t]*(?i:r|l|rt|lt|right|left|bilat)\.?[ \t]+)?\(?[ \t]*\Z",
    regex.VERSION1,
)
_LEVEL_RANGE = regex.compile(r"\d{1,2}[ \t]*[-\u2013][ \t]*\d{1,2}")


def is_level_range(text: str, start: int, end: int) -> bool:
    """ "L RIB FX 4-9", "rib fx (R 4-8)": the ribs or vertebrae a range numbers."""
    return (
        _LEVEL_RANGE.fullmatch(text, start, end) is not None
        and _LEVELS_BEFORE.search(text, max(0, start - 24), start) is not None
    )


def is_small_range(value: str) -> bool:
    """Numbers of up to three digits joined by "-" or "/": "120-140", "110/70", "12/500/5"."""
    return _SMALL_RANGE.fullmatch(value.strip()) is not None


def is_shorthand(word: str) -> bool:
    """ "r/o", "C/O", "s/p": clinical shorthand, whatever its case."""
    return word.lower() in SHORTHAND


def is_ward_word(word: str) -> bool:
    """Ordinary vocabulary of ward notes ("Resting", "Bay", "PT", "MO")."""
    return word.lower().strip(".,;:()") in WARD_WORDS


# A heart rate: a range of two- or three-digit numbers, or tens ("80s"), 30 to 250.
_RATE = r"(?P<low>\d{2,3})(?P<lowtens>[sS])?(?:-(?P<high>\d{2,3}))?(?P<tens>[sS])?"
_RHYTHM = rf"(?i:{_alternation(list(RHYTHMS))})"
_RATE_BY_RHYTHM = regex.compile(
    rf"(?P<before>(?<![\w/-]){_RHYTHM}[ \t]+)?{_RATE}(?P<after>[ \t]+{_RHYTHM})?"
)
_RHYTHM_BEFORE = regex.compile(rf"(?<![\w/-]){_RHYTHM}[ \t]+$")
_RHYTHM_AFTER = regex.compile(rf"[ \t]+{_RHYTHM}(?![\w/-])")


# A rhythm and rate that changed into another: "ST 100-110 -> NSR 90S".
_CHANGED_INTO = regex.compile(r"[ \t]*(?:-+>|=>|\u2192)[ \t]*")


def is_heart_rate_by_rhythm(text: str, start: int, end: int) -> bool:
    """text[start:end] is a heart rate with its rhythm: "ST 100-115", "SB 50-60s", "60s sb",
    "sr/st 90s-110s", or rhythms and rates one changed into the next ("ST 100-110 -> NSR 90S").

    A range or tens only ("Sr 45" may be a sister's age), and only rates a heart has.
    """
    arrows = list(_CHANGED_INTO.finditer(text, start, end))
    if arrows:
        bounds = [start, *(b for a in arrows for b in a.span()), end]
        pieces = list(zip(bounds[::2], bounds[1::2], strict=True))
        return all(
            _RATE_BY_RHYTHM.fullmatch(text, a, b) is not None
            and _rate_by_rhythm(text, a, b, alone=False)
            for a, b in pieces
        )
    return _rate_by_rhythm(text, start, end, alone=True)


def _rate_by_rhythm(text: str, start: int, end: int, *, alone: bool) -> bool:
    m = _RATE_BY_RHYTHM.fullmatch(text, start, end)
    if m is None:
        return False
    low, high = int(m.group("low")), int(m.group("high") or m.group("low"))
    if not (30 <= low <= high <= 250) or not (
        m.group("high") or m.group("tens") or m.group("lowtens")
    ):
        return False
    if m.group("before") or m.group("after"):
        return True  # the rhythm is inside the finding
    if not alone:
        return False
    before = _RHYTHM_BEFORE.search(text, max(0, start - 16), start) is not None
    after = _RHYTHM_AFTER.match(text, end) is not None
    return before or after


_MODE = rf"(?i:{_alternation(list(VENT_MODES))})"
# A tidal volume and a rate: "500x14", "450 x 16", "AC 420/14".
_VOLUME_BY_RATE = regex.compile(
    rf"(?P<mode>(?<![\w/-]){_MODE}[ \t]+)?\d{{3}}[ \t]?[xX/][ \t]?\d{{1,2}}(?![\w-])"
)
_MODE_BEFORE = regex.compile(rf"(?<![\w/-]){_MODE}[ \t]+$")


def is_ventilator_setting(text: str, start: int, end: int) -> bool:
    """text[start:end] is a volume and a rate set after a ventilator mode: "AC 500x14"."""
    m = _VOLUME_BY_RATE.fullmatch(text, start, end)
    if m is None:
        return False
    return bool(m.group("mode")) or _MODE_BEFORE.search(text, max(0, start - 12), start) is not None


def after_ventilator_mode(text: str, start: int) -> bool:
    """A ventilator mode stands right before ``start``: "AC 500/14/PEEP 5", "simv 12"."""
    return _MODE_BEFORE.search(text, max(0, start - 12), start) is not None


# An arterial or venous blood gas: pH, then pCO2 and pO2, perhaps bicarbonate and base
# excess ("7.29/52/68/25/-2", "ABG 7.43/44/82"). No date or identifier is written so.
_BLOOD_GAS = regex.compile(r"[67]\.\d{1,2}/\d{2,3}/\d{2,3}(?:/[-+]?\d{1,2}(?:\.\d)?){0,3}")


def is_blood_gas(value: str) -> bool:
    """``value`` is a blood gas: "7.41/38/102/24/0"."""
    return _BLOOD_GAS.fullmatch(value.strip()) is not None


# Alert and oriented, times the spheres ("A+Ox3", "AAOx4", "a&o x2", "ox1-2"): a nurse's
# finding in any case, never a name or a number of anyone's.
_ORIENTATION = regex.compile(
    r"(?i)(?<![\w])(?:a{1,2}[ \t]*[+&/]?[ \t]*)?o[ \t]*x[ \t]*[0-4](?:[ \t]*-[ \t]*[0-4])?(?![\w])"
)


def orientation_at(text: str, start: int) -> int:
    """The end of an orientation written at ``start`` ("A+Ox3, anxious"), else ``start``."""
    m = _ORIENTATION.match(text, start)
    return m.end() if m else start


# A pain score out of ten, with a word for pain earlier on its line ("pain control poor
# early, 8/10", "Pain: 0/10 cp, 2/10 groin", "Douleur EVA 4/10"). Out of ten alone it may
# be a date ("ct chest 1/10"); the pain word says which.
_OUT_OF_TEN = regex.compile(r"(?P<n>\d{1,2})(?:-(?P<m>\d{1,2}))?/10")
_PAIN_BEFORE = regex.compile(rf"{_words(PAIN_LABELS)}[^\n]{{0,40}}\Z", regex.VERSION1)


def is_pain_score(text: str, start: int, end: int) -> bool:
    """text[start:end] is a pain score: "8/10" after "pain" on the same line."""
    m = _OUT_OF_TEN.fullmatch(text, start, end)
    if m is None or int(m.group("n")) > 10 or int(m.group("m") or 0) > 10:
        return False
    return _PAIN_BEFORE.search(text, max(0, start - 48), start) is not None


# A ward's verb cut short before its past's ending: "rec'd" (received), "SX'D"
# (suctioned), "d/c'd", "cx'd". No name ends so, when the stem is the clinic's short form:
# "PT REC'D ON AC 450"; "Sa'd", "SA'D" (an Arabic given name) are names.
_CUT_SHORT_PAST = regex.compile(r"(?P<stem>[\p{L}/]{2,5})['\u2019][dD]")


def is_cut_short_past(word: str) -> bool:
    """ "rec'd", "SX'D", "d/c'd": a verb of the ward written short, never a name."""
    from echo_cases.deid.vocabulary import is_clinical_abbreviation  # imports this module

    m = _CUT_SHORT_PAST.fullmatch(word)
    if m is None:
        return False
    stem = m.group("stem")
    titled = word[:1].isupper() and not word.isupper()
    if len(stem) < _LETTERS_OF_A_TITLED_STEM and titled:
        return False  # "Na'd", "Ha'd": given names; "sx'd", "SX'D" the ward's
    return is_shorthand(stem.lower()) or is_ward_word(stem) or is_clinical_abbreviation(stem)


_LETTERS_OF_A_TITLED_STEM = 3
