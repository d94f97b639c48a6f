"""Guesses: words that look like names and that neither the rules nor the model explained.

Recall first: a word that is neither ordinary in a language clinicians write in
(frequency.py) nor clinical vocabulary (vocabulary.py), sitting where a name can sit,
is proposed at a low score. The clinician's review of the preview is where precision
is paid for.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.derived import (
    is_drug_name,
    is_person_name,
    is_plain_english_word,
    is_rare_english_word,
    packed_vocabulary,
)
from echo_cases.deid.frequency import (
    is_english_sentence,
    is_english_word_written_small,
    is_foreign_in_english,
    is_frequent_english_word,
    is_frequent_word,
    is_very_common_english_word,
    is_very_common_word,
)
from echo_cases.deid.recognizers.base import matched_at, opening_places
from echo_cases.deid.recognizers.fragments import YEARS_OF_AGE, alternation
from echo_cases.deid.recognizers.openers import pattern_opening_words
from echo_cases.deid.recognizers.persons import PARTICLES
from echo_cases.deid.shorthand import (
    SHORTHAND_BEFORE_A_WORD,
    SHORTHAND_OBJECTS,
    WARD_WORDS,
    is_cut_short_past,
    is_shorthand,
)
from echo_cases.deid.vocabulary import (
    CLINICAL_WORDS,
    base_forms,
    clinical_cognates,
    is_clinical_abbreviation,
    is_drug_in_another_language,
    is_known_word,
)

# "hypercalcaemia", "EXTRAVASATION", "oropharyngeal": clinical by their ending.
_CLINICAL_ENDING = regex.compile(rf"(?i){alternation(wordlists.words('clinical_suffixes'))}$")
# A capitalised word with at least one lower-case letter ("Amina", "McKay"; not "HIV").
_CAP_WORD = regex.compile(
    r"(?<![\w'\u2019-])\p{Lu}[\p{L}\p{M}'\u2019-]*\p{Ll}[\p{L}\p{M}'\u2019-]*"
)
# Any word of letters, for text without case ("wanjiru", "MWANGI").
_ANY_WORD = regex.compile(r"(?<![\w'\u2019-])\p{L}[\p{L}\p{M}'\u2019-]*\p{L}(?![\w])")
# Sentences: split at line breaks and at ". " before a capital.
_SENTENCE = regex.compile(r"[^\n]+?(?:(?<=[.!?])(?=[ \t]+\p{Lu})|(?=\n)|$)")
_MAX_SEGMENT = 1000
# "Aadhaar", "UHID", "CURP": the label of a number names no one (data/words/id_labels/).
_ID_LABEL_WORDS = frozenset(w.lower() for label in lexicon.ID_LABELS for w in label.split())


def _within_one(span: tuple[int, int], covered: Sequence[tuple[int, int]]) -> bool:
    """The span lies inside one that something already found."""
    return any(s <= span[0] and span[1] <= e for s, e in covered)


def _overlaps_one(span: tuple[int, int], covered: Sequence[tuple[int, int]]) -> bool:
    """The span shares a character with one that something already found."""
    return any(s < span[1] and span[0] < e for s, e in covered)


def guesses(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Words of ``text`` that look like names nothing explained, sentence by sentence."""
    spans = sorted(covered)
    found: list[tuple[int, int]] = []
    for sent in _SENTENCE.finditer(text):
        a, b = sent.span()
        if b - a >= 2:
            found += unexplained_words(text, (a, min(b, a + _MAX_SEGMENT)), spans)
    return found


# "B-cell", "FDG-avid", "HbA1c": capitals of clinical shorthand, not of names.
_NOT_A_NAME = regex.compile(r"\p{Lu}+-|[\p{L}]+\d|\p{L}+-\d|\p{Lu}{3,}\p{Ll}\b")
_PERSON_VERB = regex.compile(
    r"(?:['\u2019]s)?[ \t]+(?:reports|reported|complains|complained|presents|presented|states"
    r"|stated|says|said|denies|denied|notes|noted|was|is|has|had|lives|lived|works|worked"
    r"|underwent|developed|returned|attended|attends|called|asked|wants|wanted|prefers"
    r"|preferred|declined|agreed|consented|refused|reached|came|comes|arrived|visited|missed"
    r"|defaulted|collects|collected|started|stopped|continues|continued|remains|remained|needs"
    r"|needed|died|delivered|tested|received|completed|takes|took|lost|gained|felt|feels|stays"
    r"|stayed|works|sells|trades|farms|cares|lives|uses|used|walks|walked|travels|travelled"
    r"|missed|skipped|brought|brings|told|tells|explained|understands|speaks|spoke|asks"
    r"|shouted|yelled|replied|answered|wrote|writes|whispered|smiled|laughed|met|saw|gave"
    r"|sent|left|went|joined|married|signed|shared)\b"
)
# "Nekolná and Pearson were ...": coordinated with a capitalised word, an opener is a name
# as much as it is before a verb (it must still be no ordinary word).
_AND_A_NAME = regex.compile(r"[ \t]+(?:and|&)[ \t]+\p{Lu}\p{Ll}")
# A field whose value is a name or a place: "T/A: Kapeni", "Village: Mpemba", "Prénom: X";
# its value opens no sentence.
_FIELD_LABELS = (*wordlists.words("place_cues"), *wordlists.words("name_fields"))
_NAME_OR_PLACE_FIELD = regex.compile(
    rf"(?i)(?<![\w/]){alternation(_FIELD_LABELS)}(?:\(s\))?[ \t]*:[ \t]*\Z"
)
_OPENER = regex.compile(r"(?:^|[:;\n]|[.!?][ \t]+)[ \t\-*\u2022\d.)]*$")


def is_ordinary_word(word: str) -> bool:
    """Clinical vocabulary, or a word frequent in a language clinicians write in, or an
    inflection of one that is nobody's name ("biopsied", "drips", "optimise").

    Acronyms count in any case: "cxr" typed on a phone is still a chest X-ray.
    """
    if "-" in word.strip("-"):
        # "work-up", "e-cigarettes", "HIV-negative": ordinary when every part is.
        return all(is_ordinary_word(part) for part in word.split("-") if len(part) > 1)
    if (verb := _SHORTHAND_VERB.fullmatch(word)) is not None:
        base = verb.group("base")
        return len(base) > 1 and (is_shorthand(base) or is_ordinary_word(base))
    if is_cut_short_past(word):
        return True  # "REC'D", "SX'D" in a note's capitals (not "SA'D", a given name)
    return _listed_word(word) or _inflection_of_listed_word(word)


# An article, a pronoun or a preposition French and Italian elide before a vowel and glue
# to the next word with an apostrophe: "d'hématologie", "l'échographie", "qu'elle",
# "dell'ospedale". Not the letters that open names so ("D'Souza", "N'Djamena", "M'Boi",
# "O'Neil" are names whatever the word after them).
_MIN_ELIDED_WORD = 5
_ELIDED = regex.compile(r"(?i:d|l|qu|j|c|dell|nell|dall|all|sull)['\u2019](?P<word>\p{L}.*)")
_WORD_BEFORE = regex.compile(r"(?P<w>\p{L}+)[ \t]+\Z")


def _after_a_facility_word(text: str, start: int) -> bool:
    """ "Institut d'Oncologie ...", "CENTRE D'HÉMATOLOGIE ...": the clinic's word after a
    facility's head is the facility's name."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and names_a_facility(before.group("w"))


def _elided_before_a_clinical_word(word: str) -> bool:
    """ "d'hématologie", "D'INDUCTION", "l'échographie": an elided article before the
    clinic's word is no unknown word. Not before an ordinary word: places are named so
    ("L'Assomption", "Anse d'Hainault"); nor before a name, a known town, a facility's head
    or a short form ("d'Angelo", "l'Aquila", "l'Hôpital Le Dantec", "à l'HR")."""
    from echo_cases.deid.gazetteer import is_known_place

    elided = _ELIDED.fullmatch(word)
    if elided is None:
        return False
    rest = elided.group("word")
    return (
        len(rest) >= _MIN_ELIDED_WORD
        and is_clinical_word_of_any_language(rest)
        and not (is_person_name(rest) or is_listed_name(rest) or is_known_place(rest))
        and not names_a_facility(rest)
    )


# Shorthand made a verb with an apostrophe, in small letters: "sx'd", "d/c'd", "dc'd".
_SHORTHAND_VERB = regex.compile(r"(?P<base>[a-z][a-z/]*)['\u2019](?:d|ed|ing)")


@functools.lru_cache(maxsize=65536)
def _inflection_of_listed_word(word: str) -> bool:
    if len(word) < 5 or is_person_name(word) or is_listed_name(word):
        return False
    # A capitalised word keeps its capital: "Endos" may be a surname as "Endo" may.
    forms = base_forms(word)
    if any(_listed_word(f.capitalize() if word.istitle() else f) for f in forms):
        return True
    # Another language's clinical word or drug ("myélome", "cisplatine"): only the
    # clinic's lists count, not frequency, whose words are names in many languages.
    return len(word) >= 6 and any(
        f in CLINICAL_WORDS or is_drug_name(f) for f in clinical_cognates(word)
    )


def _listed_word(word: str) -> bool:
    return (
        word.lower() in _ID_LABEL_WORDS
        or is_known_word(word)
        or is_known_word(word.upper())
        or is_frequent_word(word)
        or is_drug_name(word)
        # "Endo" with a capital may be a surname; "abx", "PFTs" are short forms.
        or (not word.istitle() and is_clinical_abbreviation(word))
        or (len(word) >= 7 and _CLINICAL_ENDING.search(word) is not None)
        or built_from_clinical_roots(word)
    )


# Prefixes and combining forms of clinical words, longest first ("trans" before "tri"...).
_CLINICAL_PREFIXES = tuple(
    sorted({p.lower() for p in wordlists.words("clinical_prefixes")}, key=len, reverse=True)
)
_MIN_ROOTED_WORD = 8
_MIN_STEM = 5


@functools.lru_cache(maxsize=65536)
def built_from_clinical_roots(word: str) -> bool:
    """ "BIFRONTAL", "transfemoral", "bioprosthetic", "NORMOTHERMIA": a word of eight letters
    or more made of a clinical prefix (data/words/clinical_prefixes.txt) and a stem of five
    letters or more that is itself a known word ("frontal"), or one after another prefix of
    the list ("hypo" + "thermia"). No lists hold every such compound; the parts say what it
    is. Never a word a name list or the gazetteer holds ("Isobella", "Oroville")."""
    from echo_cases.deid.gazetteer import is_known_place

    low = word.lower()
    if len(low) < _MIN_ROOTED_WORD or not low.isalpha() or not low.isascii():
        return False
    if is_person_name(word) or is_listed_name(word) or is_known_place(low):
        return False
    for prefix in _CLINICAL_PREFIXES:
        stem = low[len(prefix) :]
        if not low.startswith(prefix) or len(stem) < _MIN_STEM:
            continue
        if _known_stem(stem) or any(
            other != prefix and _clinical_stem(other + stem) for other in _CLINICAL_PREFIXES
        ):
            return True
    return False


def _known_stem(stem: str) -> bool:
    """What follows a clinical prefix is a word of English or of the clinic, no name nor
    place: "frontal", "femoral", "prosthetic" (not a word only another language writes
    often, as "bella" and "ville" are, nor "jaipur" of "Bijaipur")."""
    from echo_cases.deid.gazetteer import is_known_place

    if is_person_name(stem) or is_listed_name(stem) or is_known_place(stem):
        return False
    return (
        _clinical_stem(stem)
        or is_english_word_written_small(stem)
        or any(is_english_word_written_small(f) for f in base_forms(stem))
    )


def _clinical_stem(word: str) -> bool:
    """A word of the clinic's own lists: its terms, drugs and short forms."""
    return word in CLINICAL_WORDS or is_drug_name(word)


# A title shortened inside one word ("Dipl.-Ing.", "Univ.Prof."): its pieces are no words
# of their own, nor names.
_SHORTENED_TITLE = regex.compile(
    rf"(?i:{alternation(t for t in lexicon.TITLES if '.' in t or '-' in t)})(?![\w-])"
)


def unexplained_words(
    text: str, segment: tuple[int, int], covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Unknown words inside a sentence that nothing has explained: proposed as names.

    Called after the model: what is still unexplained mid-sentence ("with Adaeze", "the
    Bwindi team") is most likely a name it missed. Where the sentence has capitals and
    small letters, only a capitalised word is a candidate, and a sentence's first word
    only when a person-verb follows ("Okello reports"). In a sentence written all in
    small letters or all in capitals (a phone, an old EHR), case says nothing, so every
    word that is neither ordinary nor clinical is a candidate.
    """
    a, b = segment
    caseless = is_caseless(text[a:b])
    words: list[tuple[int, int]] = []
    for word in (_ANY_WORD if caseless else _CAP_WORD).finditer(text, a, b):
        ws, we = word.span()
        if not caseless:
            opener = not text[a:ws].strip(" \t-*\u2022") or _OPENER.search(
                text, max(0, ws - 12), ws
            )
            if (
                opener
                and not (_PERSON_VERB.match(text, we) or _AND_A_NAME.match(text, we))
                and not _NAME_OR_PLACE_FIELD.search(text, max(0, ws - 32), ws)
            ):
                continue
            if _NOT_A_NAME.match(text, ws):
                continue
        if _SHORTENED_TITLE.match(text, ws):
            continue
        value = word.group()
        if len(value) < 3 or (
            is_ordinary_word(value)
            and not _capitalised_name(value, caseless)
            and not (caseless and _foreign_name_in_english(value, text, (a, b)))
        ):
            continue
        if _elided_before_a_clinical_word(value) and not _after_a_facility_word(text, ws):
            continue
        if caseless and is_rare_english_word(value) and is_ward_note(text):
            # In one case only the word is left to judge; English writes it small
            # ("REDDENED", "perfusionist") and a ward note names people after a cue.
            continue
        if _shorthand_verb_after_slash(text, ws, we) or _shorthand_in_context(text, ws, we):
            continue
        if _brand_on_the_ward(text, we):
            continue
        if _within_one((ws, we), covered):
            continue
        if value.endswith(("'s", "\u2019s")):
            we -= 2  # "Massawe's case": the possessive is not the name
        words.append((ws, we))
    return words


def _brand_on_the_ward(text: str, end: int) -> bool:
    """ "Prevalon boots", "XEROFORM DSG", "zio patch": in a ward note, an unknown word right
    before a device's noun is the device's maker, not a person; the ward names its people
    after a cue ("wife Rosa")."""
    from echo_cases.deid.landmarks import brand_of_a_device

    return brand_of_a_device(text, end) and is_ward_note(text)


# The letters and slash before a word: "d/" of "foley d/c'd".
_SLASHED_BEFORE = regex.compile(r"(?<![\w/])\p{L}{1,3}/\Z")


def _shorthand_verb_after_slash(text: str, start: int, end: int) -> bool:
    """ "d/c'd", "D/C'D": the word after the slash ends shorthand made a verb, in either case."""
    before = _SLASHED_BEFORE.search(text, max(0, start - 4), start)
    if before is None:
        return False
    whole = text[before.start() : end]
    verb = _SHORTHAND_VERB.fullmatch(whole.lower() if whole.isupper() else whole)
    return verb is not None and is_shorthand(verb.group("base"))


# A slashed short form is one word ("tol w/o distress").
_WORD_AFTER = regex.compile(r"[ \t]+(?P<w>\p{L}[\p{L}'\u2019/-]*)")
_AS_OR_NOT_BEFORE = regex.compile(r"(?<![\w])(?i:as|not)[ \t]+\Z")
# An amount after the shorthand ("TOL 45-55 ML Q3H", "tol 30ml"): a number or range of up
# to three digits with its unit of measure (data/words/measure_units.txt). No name is
# followed by a volume.
_AMOUNT_AFTER = regex.compile(
    r"[ \t]+\d{1,3}(?:\.\d+)?(?:[-\u2013]\d{1,3}(?:\.\d+)?)?[ \t]?(?P<u>\p{L}+)"
)
_MEASURE_UNITS = frozenset(w.lower() for w in wordlists.words("measure_units"))
# The shorthand as an item of a list of findings ("gavaged, tol, girth 22 cm", "pt ate,
# tol."): after a comma or semicolon and closing its clause.
_LIST_ITEM_BEFORE = regex.compile(r"[,;][ \t]+\Z")
_CLAUSE_END_AFTER = regex.compile(r"[,;.](?:\s|\Z)|\Z")


def _shorthand_in_context(text: str, start: int, end: int) -> bool:
    """ "tol well", "TOL CLEARS", "advance as tol": shorthand that is a surname somewhere
    (data: clinical_shorthand.txt [shorthand_before_a_word]), read so only beside the words
    that make it shorthand."""
    from echo_cases.deid.derived import is_person_name

    if text[start:end].lower() not in SHORTHAND_BEFORE_A_WORD:
        return False
    if _AS_OR_NOT_BEFORE.search(text, max(0, start - 10), start):
        return True
    amount = _AMOUNT_AFTER.match(text, end)
    if amount is not None and amount.group("u").lower() in _MEASURE_UNITS:
        return True
    if (
        _LIST_ITEM_BEFORE.search(text, max(0, start - 4), start)
        and _CLAUSE_END_AFTER.match(text, end)
        and is_ward_note(text)
    ):
        # A ward note names its people after a cue ("wife", "RN"), not alone in a list.
        return True
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return False
    word = after.group("w")
    if word.lower() in SHORTHAND_OBJECTS:
        return True  # "tol po", "TOL BREAKFAST": nobody's name is followed by them
    return is_clinical_word(word) and not (is_person_name(word) or is_listed_name(word))


def _foreign_name_in_english(word: str, text: str, sentence: tuple[int, int]) -> bool:
    """ "saw lucía today", "ORTEGA CALLED BACK": in an English sentence without case, a
    given name or surname only Spanish, Portuguese or French writes often is no ordinary
    word there, as an unknown word is none. Not a short word, which in small letters is
    as often shorthand ("fem sheath", "bal sent"), nor in a ward note, which names its
    people after a cue."""
    from echo_cases.deid.derived import is_person_name

    return (
        len(word) >= _MIN_FOREIGN_NAME
        and is_person_name(word)
        and is_foreign_in_english(word)
        and not is_ordinary_word_of_the_clinic(word)
        and is_english_sentence(text[sentence[0] : sentence[1]])
        and not is_ward_note(text)
    )


_MIN_FOREIGN_NAME = 5


def _capitalised_name(word: str, caseless: bool) -> bool:
    """ "why is Ivan so", "my kid Lukas": a capital mid-sentence on a word that is a given
    name or surname somewhere is a name, though the word is frequent (names are)."""
    from echo_cases.deid.derived import is_person_name

    if caseless or not word.istitle() or not is_person_name(word):
        return False
    low = word.lower()
    return not (
        low in _NOT_A_CAPITALISED_NAME
        or is_clinical_word(word)
        or is_drug_name(word)
        or names_a_facility(word)
    )


_FACILITY_WORDS = frozenset(
    w.lower()
    for w in (
        *wordlists.words("facility_words"),
        *lexicon.FACILITY_HEADS_FIRST,
        *lexicon.FACILITY_HEADS_LAST,
        *wordlists.words("settlement_kinds"),
    )
)
_CLINICAL_VOCABULARY = (
    frozenset({*CLINICAL_WORDS, *WARD_WORDS, *lexicon.EPONYMS, *lexicon.CLINICAL_ACRONYMS})
    - PARTICLES
)
_LETTER_WORD = regex.compile(r"\p{L}[\p{L}'\u2019-]*")
# Words that open or close a person's name: titles, kin, credentials, people's roles.
_PERSON_WORDS = frozenset(
    w.lower().rstrip(".")
    for w in (
        *lexicon.TITLES,
        *lexicon.CLINICAL_TITLES,
        *lexicon.RELATIVES,
        *wordlists.words("not_initials"),
        *wordlists.words("person_nouns"),
    )
)


def ordinary_words_without_case(value: str) -> bool:
    """All capitals (or all small letters), and every word ordinary, none a person's name.

    Without case, a cue or the model's guess is no evidence of a name ("PT REMAINS",
    "FOLEY DRAINING"), provided one word at least is the clinic's; "MRS YOUNG" and
    "SON FRANK" stay, their words being names somewhere. A single letter is an initial
    ("M.D. - 34 yo F").
    """
    from echo_cases.deid.derived import is_person_name

    if "\n" in value or "," in value or any(c.isdigit() for c in value):
        # "tuesday 9th", "RT 04/RW 11", "RED CLOUD, CRYSTAL", an address over lines.
        return False
    letters = [c for c in value if c.isalpha()]
    words = [w.removesuffix("'s").removesuffix("\u2019s") for w in _LETTER_WORD.findall(value)]
    if all(c.islower() for c in letters):
        if len(words) < 2:
            return False  # "precious", "roberto": a lone small word may be a chat's name
    elif not all(c.isupper() for c in letters):
        return False
    return all(
        len(w) > 1 and is_ordinary_word(w) and not is_person_name(w) and not is_listed_name(w)
        for w in words
    ) and any(is_clinical_word(w) or is_function_word(w) for w in words)


def common_words_and_the_clinics_without_case(value: str) -> bool:
    """All capitals (or several small words): the clinic's words, and otherwise only words
    English writes at least once per 100,000 words, names or not ("STRONG COUGH", "DARK
    GREEN EMESIS", "BROWN SPUTUM").

    A name is seldom made with a clinical word of four letters or more that is nobody's
    name; a title, kinship or person word opens a name ("DR GREEN", "SON WILL") and a
    credential closes one ("YOUNG RN"), so none of them counts as the clinic's here.
    """
    if "\n" in value or "," in value or any(c.isdigit() for c in value):
        return False  # "BROWN, WILL": a surname, a comma and a given name
    letters = [c for c in value if c.isalpha()]
    words = _LETTER_WORD.findall(value)
    if len(words) < 2 or not (
        all(c.isupper() for c in letters) or all(c.islower() for c in letters)
    ):
        return False
    clinic = [w for w in words if _the_clinics_own(w)]
    return bool(clinic) and all(
        w in clinic or (is_very_common_english_word(w) and w.lower() not in _PERSON_WORDS)
        for w in words
    )


def _the_clinics_own(word: str) -> bool:
    from echo_cases.deid.derived import is_person_name

    low = word.lower()
    return (
        len(word) >= 4
        and is_clinical_word_of_any_language(word)
        and not is_function_word(word)
        and low not in _PERSON_WORDS
        and not (is_person_name(word) or is_listed_name(word))
    )


# A nursing or ward note speaks the clinic's vocabulary in about one word of three at least
# (ICU, ward and case notes: 0.37-0.54 of their words; PII sentences, letters and chat:
# under 0.2 as a rule), and says who is who with a cue ("wife", "Dr.", "RN").
WARD_NOTE_SHARE = 0.35
_NOTE_WORD = regex.compile(r"\p{L}[\p{L}'/-]*")
_WARD_NOTE_MIN_WORDS = 20


@functools.lru_cache(maxsize=64)
def is_ward_note(
    text: str, *, min_words: int = _WARD_NOTE_MIN_WORDS, share: float = WARD_NOTE_SHARE
) -> bool:
    """A text dense with the clinic's words: a nursing, ward or case note (``min_words``
    words at least, ``share`` of them the clinic's)."""
    words = _note_words(text)
    if len(words) < min_words:
        return False
    return _clinical_count(text) >= share * len(words)


# A note's words and how many are the clinic's, kept apart from ``is_ward_note``'s answers:
# a ward note is asked about with two thresholds (staff_names.py's too), and each answer
# otherwise read every word of the note again.
@functools.lru_cache(maxsize=64)
def _note_words(text: str) -> list[str]:
    return _NOTE_WORD.findall(text)


@functools.lru_cache(maxsize=64)
def _clinical_count(text: str) -> int:
    return sum(1 for w in _note_words(text) if is_clinical_word(w))


# Answers of is_clinical_word kept (about 1 MB): ``is_ward_note`` asks it of every word of
# every note, and notes repeat their words ("the", "pt", "bp", "pain"): about 35 asks a
# note, most of them answered before, each otherwise five vocabulary look-ups.
_CLINICAL_ANSWERS_KEPT = 8192
# A cognate is judged on six letters at least: shorter words match too many endings.
_MIN_COGNATE = 6


@functools.lru_cache(maxsize=_CLINICAL_ANSWERS_KEPT)
def is_clinical_word(word: str) -> bool:
    """ "PT", "FOLEY", "BID", "abx": a word of the clinic, not merely a frequent one.

    Ordinary words alone are no proof against a name in text without case ("LIBERTY CASH",
    "cleverness castle", "miss kills enemy" are all names), so a span yields only if the
    clinic speaks in it, or a function word ("some vivid dreams", "PT NOT READY").
    """
    low = word.lower()
    return low not in PARTICLES and (
        is_clinical_abbreviation(word)
        or is_drug_name(word)
        or low in _CLINICAL_VOCABULARY
        or is_drug_in_another_language(word)
    )


def is_clinical_word_of_any_language(word: str) -> bool:
    """The clinic's word (``is_clinical_word``) or another language's form of one
    (``is_clinical_cognate``: "oncologie", "CARCINOME"). Only where a span of the clinic's
    words is judged: the rules that grow or stop a facility's name at the clinic's word
    keep English's vocabularies ("HOSPITAL ONCOLÓGICO ..." is one name; session 18)."""
    return is_clinical_word(word) or (word.lower() not in PARTICLES and is_clinical_cognate(word))


@functools.lru_cache(maxsize=_CLINICAL_ANSWERS_KEPT)
def is_clinical_cognate(word: str) -> bool:
    """ "oncologie", "CARCINOME", "urología", "biopsija": a clinical word of another
    language, known by the English word the lists hold under its ending
    (``vocabulary.clinical_cognates``, data/cognate_endings.txt); never a word English
    writes often ("nights", "services"), a name or a known place."""
    from echo_cases.deid.gazetteer import is_known_place

    low = word.lower()
    if (
        len(low) < _MIN_COGNATE
        or is_frequent_english_word(low)
        or is_person_name(low)
        or is_listed_name(low)
        or is_known_place(low)
    ):
        return False
    return any(f in CLINICAL_WORDS for f in clinical_cognates(low))


def is_function_word(word: str) -> bool:
    """ "some", "just", "NOT", "THESE": a word no name is made of (a name's particles,
    "da", "van", "bin", are made of)."""
    low = word.lower()
    return low in STOP_WORDS and low not in PARTICLES


def names_a_facility(value: str) -> bool:
    """ "LEMON GROVE INDIAN HEALTH CENTER": ordinary words, and a facility's name. A Turkish
    word in capitals is read without the dot its "İ" keeps in small letters and without the
    ending an apostrophe adds to a name ("HASTANESİ'NDE", at the hospital)."""
    return any(
        low in _FACILITY_WORDS or low.split("'")[0] in _FACILITY_WORDS
        for low in (w.lower().replace("\u0307", "") for w in _LETTER_WORD.findall(value))
    )


def is_listed_name(word: str) -> bool:
    """A given name or surname of Faker's training locales that is rare as a word."""
    return word.lower().strip("'\u2019") in packed_vocabulary("rare_person_names")


def is_ordinary_word_of_nobody(word: str) -> bool:
    """An ordinary word (``is_ordinary_word``) that no list holds as somebody's name."""
    return is_ordinary_word(word) and not (is_person_name(word) or is_listed_name(word))


def _digit_then_capital(sentence: str) -> bool:
    # Cheap first: most sentences have no digit, or no capital right after one.
    return _has_digit(sentence) and _CAPITAL_ON_A_NUMBER.search(sentence) is not None


_ASCII_DIGIT = regex.compile(r"[0-9]")


def _has_digit(text: str) -> bool:
    # In ASCII, str.isdigit holds for 0-9 alone: a search in C rather than a loop.
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(c.isdigit() for c in text)


# Every byte of ASCII that is not a letter, to delete: what is left are letters with case.
_ASCII_NOT_LETTERS = bytes(i for i in range(128) if not chr(i).isalpha())


def lines_are_caseless(text: str, start: int, end: int | None = None) -> bool:
    """The whole line (or lines) holding ``text[start:end]`` is in one case."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start if end is None else end)
    return is_caseless(text[line_start : len(text) if line_end < 0 else line_end])


# An age and a sex in capitals are shorthand, not the writer's case: "kiptoo 71M iten",
# "pt 52F from aromo" are still typed small. (Units are not: "1.5L" sits in ward notes whose
# case says other things.)
_CAPITAL_ON_A_NUMBER = regex.compile(r"(?<=(?<![\d.,])\d{1,3})(?:M|F)(?![\p{L}\d])")


def is_caseless(sentence: str) -> bool:
    """All letters small, or all capitals (a sentence of a few letters says nothing)."""
    # Every match of _CAPITAL_ON_A_NUMBER is an "M" or an "F": without one the sentence
    # needs no cutting, and its characters no reading one by one for a digit.
    if ("M" in sentence or "F" in sentence) and _digit_then_capital(sentence):
        sentence = _CAPITAL_ON_A_NUMBER.sub("", sentence)
    if sentence.isascii():
        # The same test in C: asked of every line and sentence of a note, in Python's
        # loop it costs about a per cent of a text's time.
        ascii_letters = sentence.encode().translate(None, _ASCII_NOT_LETTERS)
        return len(ascii_letters) >= 8 and (ascii_letters.islower() or ascii_letters.isupper())
    letters = [c for c in sentence if c.isalpha()]
    return len(letters) >= 8 and (
        all(c.islower() for c in letters) or all(c.isupper() for c in letters)
    )


# Cued names: "please call Fern", "WIFE DORIS IN TO VISIT", "her mom rose is driving".
# After a title, a kinship word or a greeting, or a verb that takes a person
# (data/words/greetings/, name_cues/), the next words are a name until one cannot be: a
# name made of ordinary words ("River", "Liberty") is still proposed there, where no
# cue-less guess would dare.
# Titles are cues in any case when they cannot be read otherwise ("dr", "mrs"); short
# ones only as written or in capitals ("Col" is a colonel, "col utérin" a cervix).
_ANY_CASE_TITLES = frozenset(
    {"dr", "dra", "mr", "mrs", "ms", "sr", "sra", "srta"}
    | {t.lower() for t in wordlists.words("titles_in_any_case")}
)
_TITLES_AS_WRITTEN = tuple(
    t
    for t in lexicon.TITLES
    if not (t.isupper() and len(t) <= 4)  # "CO", "ASHA": acronyms
)
_STRONG_CUES = (
    *wordlists.words("greetings"),
    *wordlists.words("self_introductions"),
    *lexicon.RELATIVES,
    *(
        t
        for t in lexicon.TITLES
        if (len(t) >= 4 and t in _TITLES_AS_WRITTEN) or t.lower() in _ANY_CASE_TITLES
    ),
)
_CUE_TAIL = r"\.?(?![\w'\u2019])[ \t]*[:,]?[ \t]*"
_STRONG_CUE = regex.compile(
    rf"(?<![\w'\u2019])(?:(?i:{alternation(_STRONG_CUES)})"
    rf"|{alternation((*_TITLES_AS_WRITTEN, *(t.upper() for t in _TITLES_AS_WRITTEN)))}){_CUE_TAIL}"
)
# "Bed 14: Liberty, febrile", "bed 3 - mr tembo": a ward list's line opens with its bed.
_BED_CUE = regex.compile(
    rf"(?im)^[ \t\-*\u2022]*{alternation(wordlists.words('bed_words'))}[ \t]*\d{{1,3}}[a-z]?"
    r"[ \t]*[:\-\u2013][ \t]*"
)
# "best, ram prasad islam", "Cheers, Selin": a closing, its comma, then the writer.
_SIGN_OFF_CUE = regex.compile(
    rf"(?i)(?<![\w'\u2019]){alternation(wordlists.words('sign_offs'))}[ \t]*,[ \t]*"
)
_VERB_CUE = regex.compile(
    rf"(?i)(?<![\w'\u2019]){alternation(wordlists.words('name_cues'))}{_CUE_TAIL}"
)
# "our webmaster felix", "guest Li Wei": a noun for a person's role or trade, then the
# person (data/words/role_nouns/). Weaker than a verb: a capital after it is no evidence
# ("Customer Service"), so only words that may be a name written small follow it.
_ROLE_CUE = regex.compile(
    rf"(?i)(?<![\w'\u2019-]){alternation(wordlists.words('role_nouns'))}[ \t]+"
)
# "the pt abdul-rahman issah 44", "daughter of pt nakimuli.": the patient's short label
# before a name typed small. Only words that are no ordinary word follow it as a name
# ("pt tolerated", "pt dolor 6/10" are what the patient does or feels); a capitalised word
# after it is the patient rule's (recognizers/persons.py).
_PATIENT_LABEL_THEN_SMALL = regex.compile(
    rf"(?<![\w'\u2019])(?i:{alternation(wordlists.words('patient_short_labels'))})"
    r"\.?[ \t]+(?=\p{Ll})"
)
_ENDS_IN_PREPOSITION = regex.compile(r"(?i)[ \t](?:to|with|for|a|con|com|para)[ \t:,]*\Z")
# Capitalised words that are names somewhere but mostly something else mid-sentence:
# months ("May", "June"), places that are countries or regions, days, titles.
_NOT_A_CAPITALISED_NAME = frozenset(
    {
        *lexicon.MONTHS_ABBR_LOWER,
        *(w.lower() for w in (*lexicon.COUNTRIES, *lexicon.COUNTRY_VARIANTS)),
        *(w.lower() for w in (*lexicon.OTHER_REGIONS, *lexicon.US_STATES)),
        *lexicon.NAME_STOP,
        *lexicon.TITLE_WORDS,
        *(w.lower() for w in lexicon.RELATIVES),
        *lexicon.DEMONYMS,  # "studying English", "a Ghanaian woman"
        *wordlists.words("compass_words"),  # "West Bengal"
    }
)
_NOT_NAME_AFTER_CUE = frozenset(
    {
        *(w.lower() for w in wordlists.words("addressees")),
        *lexicon.NAME_STOP,
        *lexicon.MONTHS_ABBR_LOWER,
        *(w.lower() for w in lexicon.MONTHS_READ_ONLY),
        *(w.lower() for w in lexicon.MONTHS_FOREIGN),
        *(w.lower() for w in (*_STRONG_CUES, *lexicon.TITLES)),
    }
)
# A second title before the name is skipped ("dear Dr Vaz"), and so is a chat's word for a
# doctor ("hi doc saeed": data/words/titles_after_greetings.txt).
_TITLES_AFTER_CUES = lexicon.TITLE_WORDS | frozenset(wordlists.words("titles_after_greetings"))
_NEXT_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'\u2019-]*\p{L}(?![\w])")
_WORD_GAP = regex.compile(r"\.?[ \t]")
_MAX_NAME_WORDS = 3


_LINE = regex.compile(r"[^\n]+")
# The cues a name follows, and whether each announces one surely.
_CUES = (
    (_STRONG_CUE, True),
    (_BED_CUE, True),
    (_SIGN_OFF_CUE, True),
    (_VERB_CUE, False),
    (_ROLE_CUE, False),
    (_PATIENT_LABEL_THEN_SMALL, False),
)
# The words each cue's matches open with (recognizers/openers.py), or None (the bed's
# cue opens a line, after any bullet).
_CUE_OPENS = tuple(pattern_opening_words(cue.pattern) for cue, _ in _CUES)


def _holds(places: list[int], start: int, end: int) -> bool:
    at = bisect.bisect_left(places, start)
    return at < len(places) and places[at] < end


def cued_names(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names right after a cue that nothing explained, line by line."""
    found: list[tuple[int, int]] = []
    # A cue is tried only where a word it opens with starts: the titles', kinship words'
    # and greetings' alternation, tried at every position, was a twentieth of a note's time.
    places = [None if opens is None else opening_places(text, opens) for opens in _CUE_OPENS]
    for line in _LINE.finditer(text):
        a, b = line.span()
        for (cue, strong), at in zip(_CUES, places, strict=True):
            if at is None:
                matches = cue.finditer(text, a, b)
            elif _holds(at, a, b):
                matches = matched_at(text, cue, at, a, b)
            else:
                continue
            for cue_match in matches:
                # The line's case is read only for a bed's cue, rare, not for every line.
                if (
                    cue is _BED_CUE
                    and text[cue_match.end() : b][:1].islower()
                    and not is_caseless(text[a:b])
                ):
                    continue  # "Bed 4: febrile overnight": a state, not a name
                # "spoke with mary", "falar com ana": a verb and its preposition announce a
                # person as surely as a title does. After a closing every word may be the
                # writer's, given names and surnames alike ("best, ram prasad islam"); after
                # other cues only the first.
                announced = strong or _ENDS_IN_PREPOSITION.search(cue_match.group()) is not None
                span = _name_after(
                    text, cue_match.end(), b, strong=announced, every=cue is _SIGN_OFF_CUE
                )
                if cue is _ROLE_CUE:
                    span = role_named(text, cue_match.end(), b)
                elif span is None and cue is _VERB_CUE:
                    span = _full_name_after(text, cue_match.end(), b)
                if span is None and cue is _STRONG_CUE:
                    span = _month_named_person(text, cue_match.end(), b)
                if span is None and cue is _STRONG_CUE:
                    span = _surname_after_a_title(text, cue_match, b)
                if span and cue is _PATIENT_LABEL_THEN_SMALL:
                    span = _no_bedside_word(text, span)
                if span and not _within_one(span, covered):
                    found.append(span)
    return sorted(set(found))


# A month written as a given name right after a title or a kinship word: "wife June (also
# 83)", "her daughter April, 19", "Mrs May". Without a day or a year after it: "son May 3",
# "seen by Dr June 2024" are dates.
# In any case: "WIFE JUNE AT BS", "wife june here"; but "may" in one case is the verb
# ("SON MAY VISIT").
_MONTH_AS_NAME = regex.compile(
    rf"(?P<name>(?i:{alternation(lexicon.MONTHS_FULL)}))(?![\w'\u2019-])"
    r"(?![ \t]*[,.]?[ \t]*(?:\d|(?i:of|the|\p{Lu}\p{Ll}*day)\b))"
)


def _month_named_person(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """A capitalised month that is somebody's given name, right at ``pos`` after a cue."""
    from echo_cases.deid.derived import is_person_name

    month = _MONTH_AS_NAME.match(text, pos, end)
    if month is None or not is_person_name(month.group("name")):
        return None
    name = month.group("name")
    if not name.istitle() and name.lower() == "may":
        return None
    return month.span("name")


# The titles that stand before a surname in any case ("dr. goldman", "MRS. KOWALCZYK").
_SURNAME_TITLES = frozenset({"dr", "dra", "mr", "mrs", "ms"})


def _surname_after_a_title(
    text: str, cue_match: regex.Match[str], end: int
) -> tuple[int, int] | None:
    """ "by dr. goldberg", "DR. GOLDMAN AWARE": after a title, in small letters or capitals,
    a word the frequency lists hold that is no English word of the ward (SCOWL writes it
    with a capital only: no plain English word, "aware", "notified"), nor the clinic's nor
    a function word, is the surname the title announces, though no name list holds it."""
    title = cue_match.group().strip(" \t.:,").lower()
    if title not in _SURNAME_TITLES:
        return None
    word = _NEXT_WORD.match(text, cue_match.end(), end)
    if word is None:
        return None
    value = word.group().removesuffix("'s").removesuffix("\u2019s")
    if (
        len(value) < _MOST_LETTERS_OF_A_SYMBOL + 1
        or is_function_word(value)
        or is_clinical_word(value)
        or is_plain_english_word(value)
        or is_very_common_word(value)
        or is_rare_english_word(value)
        or value.lower() in _NOT_NAME_AFTER_CUE
    ):
        return None
    return word.start(), word.start() + len(value)


def _no_bedside_word(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The span after the patient's label unless a word of it is one a nurse types small
    ("pt tol well", "pt tearful re path"), English however rare, and nobody's name."""
    from echo_cases.deid.derived import is_person_name

    for word in _NEXT_WORD.finditer(text, *span):
        w = word.group()
        if is_english_word_written_small(w) and not (is_person_name(w) or is_listed_name(w)):
            return None
    return span


def _name_after(
    text: str, pos: int, end: int, *, strong: bool, every: bool = False
) -> tuple[int, int] | None:
    """The words at ``pos`` that may be a name (a second title is skipped: "dear Dr Vaz")."""
    start = last = None
    words = 0
    set_apart = _small_letters_on_line(text, pos, end)
    english = _english_line(text, pos, end)
    while words < _MAX_NAME_WORDS:
        word = _NEXT_WORD.match(text, pos, end)
        if word is None:
            break
        value = word.group().removesuffix("'s").removesuffix("\u2019s")
        if start is None and value.lower() in _TITLES_AFTER_CUES:
            gap = _WORD_GAP.match(text, word.end(), end)
            pos = gap.end() if gap else end
            continue
        first = strong and (start is None or every)
        # In English, a word only another language writes often is a name's as much as
        # an unknown word is, right after the cue or going on with the name it opened.
        foreign = english and (first or start is not None) and is_foreign_in_english(value)
        if not (
            _may_be_name(value, first=first, set_apart=set_apart)
            or (foreign and _may_be_foreign_name(value))
            or (start is None and _given_name_like_the_clinic(text, word, end))
        ):
            break
        start = word.start() if start is None else start
        last = word.start() + len(value)
        words += 1
        gap = _SPACE.match(text, word.end(), end)
        if gap is None or value != word.group():
            break
        pos = gap.end()
    return (start, last) if start is not None and last is not None else None


_SPACE = regex.compile(r"[ \t]")


def _full_name_after(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """Two words or more after a verb that takes a person, each somebody's name though
    ordinary, are a given name and a surname ("i saw promise penny on april 4th", "saw
    antónio amaral"); one alone is not ("discussed hope")."""
    span = _name_after(text, pos, end, strong=True, every=True)
    if span is None or not _SPACE.search(text, span[0], span[1]):
        return None
    return span


def role_named(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The name right after a role noun: each word one that may be a name written small
    ("felix", "okafor"), read in small letters so that a capital proves nothing."""
    start = last = None
    for _ in range(_MAX_NAME_WORDS):
        word = _NEXT_WORD.match(text, pos, end)
        if word is None:
            break
        value = word.group().removesuffix("'s").removesuffix("\u2019s")
        if start is None and value.lower() in _TITLES_AFTER_CUES:
            return None  # "our colleague Dr Konaté": the title's own cue reads the name
        if not (
            _may_be_name(value.lower(), first=True)
            or (start is None and _given_name_like_the_clinic(text, word, end))
        ):
            break
        start = word.start() if start is None else start
        last = word.start() + len(value)
        gap = _SPACE.match(text, word.end(), end)
        if gap is None or value != word.group():
            break
        pos = gap.end()
    return (start, last) if start is not None and last is not None else None


_MOST_LETTERS_OF_A_SYMBOL = 3


def _given_name_like_the_clinic(text: str, word: regex.Match[str], end: int) -> bool:
    """ "call Li Wei", "guest Na Young-ho": right after a cue, a capitalised word the clinic
    also writes (lithium's "Li") opens a name when a capitalised word follows it that is
    neither the clinic's nor a very common word ("Wei" is frequent on the web, yet no word
    English writes); the clinic writes lithium before a dose or a level."""
    value = word.group()
    # Only a symbol or a short form ("Li", "Na", "Ca"): a longer clinical word after a cue
    # is the note's own ("morphine SR. Patient Bryan ...": "SR." reads as a title).
    short = len(value) <= _MOST_LETTERS_OF_A_SYMBOL
    if not (short and value.istitle() and is_clinical_word(value)):
        return False
    gap = _SPACE.match(text, word.end(), end)
    after = _NEXT_WORD.match(text, gap.end(), end) if gap else None
    if after is None:
        return False
    name = after.group().removesuffix("'s").removesuffix("\u2019s")
    return (
        name[0].isupper()
        and not name.isupper()
        and not is_very_common_word(name)
        and not is_clinical_word(name)
        and not is_ordinary_word_of_the_clinic(name)
    )


def _english_line(text: str, pos: int, end: int) -> bool:
    """The line around ``pos`` is written in English, not Spanish, Portuguese or French."""
    return is_english_sentence(text[text.rfind("\n", 0, pos) + 1 : end])


def _may_be_foreign_name(word: str) -> bool:
    """A word another language writes often that may still be a name where one is
    announced: no clinical word, no function word nor a word a cue never names."""
    return not (
        len(word) < 3
        or is_function_word(word)
        or is_ordinary_word_of_the_clinic(word)
        or _the_clinics_own(word)
        or word.lower() in _NOT_NAME_AFTER_CUE
        or names_a_facility(word)
    )


def _small_letters_on_line(text: str, pos: int, end: int) -> bool:
    """The line around ``pos`` has small letters, so a word in capitals on it stands out."""
    line_start = text.rfind("\n", 0, pos) + 1
    return any(c.islower() for c in text[line_start:end])


def _may_be_name(word: str, *, first: bool, set_apart: bool = False) -> bool:
    """A word that can be part of a name where a cue announces one.

    Capitalised among small letters ("call River") the capital is the evidence, and so are
    capitals on a line with small letters (``set_apart``: "mr HOPE 58 prostate", "his wife
    BLESSING"), unless the word is the clinic's ("PSA"); in small letters or in a line of
    capitals it is not, and an ordinary word counts only when it is a name
    somewhere and not a very common word ("her mom rose", "SON FRANK"), and only as the
    first word after a title, kinship word or greeting (``first``: "delphine said" is not
    a surname, "discussed hope" no name).
    """
    from echo_cases.deid.derived import is_person_name

    low = word.lower()
    if len(word) < 2 or is_function_word(word):
        return False
    # A surname that is also an eponym ("MR. AUSTIN", "her son Foley") is a name where a
    # title or kinship word announces it; elsewhere it is the clinic's word.
    if is_clinical_word(word) and not (first and is_person_name(word)):
        return False
    if _NOT_A_NAME.match(word):
        return False  # "BI-RADS", "HbA1c"
    if low in _NOT_NAME_AFTER_CUE or names_a_facility(word):
        return False
    if word[0].isupper() and (not word.isupper() or (set_apart and len(word) > 2)):
        return not is_ordinary_word_of_the_clinic(word)
    if is_listed_name(word) or not is_ordinary_word(word):
        return True
    return (
        first
        and (is_person_name(word) or _PREFIXED_SURNAME.fullmatch(word) is not None)
        and not is_very_common_word(word)
    )


# "mcallister", "MCCRACKEN": a surname glued to its Gaelic prefix
# (data/words/surname_prefixes.txt), at least four letters after it.
_PREFIXED_SURNAME = regex.compile(
    rf"(?i:{alternation(wordlists.words('surname_prefixes'))})\p{{L}}{{4,}}"
)


def is_ordinary_word_of_the_clinic(word: str) -> bool:
    """Clinical vocabulary and drugs, in any case ("Radiology", "Lasix")."""
    return is_drug_name(word) or is_clinical_abbreviation(word) or word.lower() in CLINICAL_WORDS


# "MBEWE, CHILESHE | Ward 7B | 25.04.2019", "Rahman, Tariq   27.08.1964": a record's
# header, family name first, then a field separator or the record's own number or date.
_NAME_WORD_SHAPE = r"\p{L}[\p{L}\p{M}'\u2019-]*\p{L}"
# "LOPES, Maria do Carmo |": a small particle inside the given names (data/words/
# name_particles/), which the case of the header's words says nothing about.
_SMALL_PARTICLE = rf"(?:{alternation(sorted(p for p in PARTICLES if p.islower()))})"
_FAMILY_NAME_FIRST = regex.compile(
    rf"(?<![\w'\u2019-])(?P<family>{_NAME_WORD_SHAPE}(?:[ ]{_NAME_WORD_SHAPE})?),[ \t]+"
    rf"(?P<given>{_NAME_WORD_SHAPE}(?:[ ](?:{_SMALL_PARTICLE}[ ])?{_NAME_WORD_SHAPE})?)"
    r"(?=[ \t]*(?:\||\t)|[ ]{2,}|[ \t]+[^\s,;]*\d|[ \t]*\((?=\d))",
    regex.MULTILINE,
)
_PLACES_NAMED_WHOLE = frozenset(
    w.lower()
    for w in (
        *lexicon.COUNTRIES,
        *lexicon.COUNTRY_VARIANTS,
        *lexicon.OTHER_REGIONS,
        *lexicon.US_STATES,
        *lexicon.US_STATES.values(),
        *lexicon.ID_LABELS,  # "Debrecen, TAJ 123 456 789": a town, then a number's label
    )
)


def family_name_first(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names written "FAMILY, Given" before a record's fields that nothing explained."""
    found: list[tuple[int, int]] = []
    for m in _FAMILY_NAME_FIRST.finditer(text, overlapped=True):
        family, given = m.group("family").split(), m.group("given").split()
        # A particle only between given names is left out of the case's test below.
        words = [*family, given[0], *(w for w in given[1:] if w not in PARTICLES)]
        # After a particle a given name is often an ordinary word ("do Carmo", "da Luz").
        after_particle = {b for a, b in itertools.pairwise(given) if a in PARTICLES}
        # One case throughout ("MBEWE, CHILESHE", "Rahman, Tariq", "gomez, martina"):
        # "chart BAA, JOSHUA" starts at BAA, which the overlapping search tries next.
        if len({w[0].isupper() for w in words}) > 1:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if words[0][0].islower() and not is_caseless(line):
            continue  # "post molar preg, bhcg 14,200": small words among capitals
        if not all(
            _may_be_header_name(w) or (w in after_particle and _may_follow_a_particle(w))
            for w in words
        ):
            continue
        span = (m.start("family"), m.end("given"))
        if not _within_one(span, covered):
            found.append(span)
    return [
        span
        for span in found
        if not any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in found)
    ]


def _may_follow_a_particle(word: str) -> bool:
    """A given name after a small particle in a header, ordinary word or not ("Maria do
    Carmo"), unless it is a function word, the clinic's word or a place's."""
    return not (
        is_function_word(word)
        or is_clinical_word(word)
        or is_ordinary_word_of_the_clinic(word)
        or word.lower() in _PLACES_NAMED_WHOLE
        or names_a_facility(word)
    )


def _may_be_header_name(word: str) -> bool:
    """A word of a "FAMILY, Given" header: a name somewhere, or no ordinary word at all
    ("anos, prontuário 628" and "cuello uterino, anti-HCV 512" are words of a note)."""
    from echo_cases.deid.derived import is_person_name

    low = word.lower()
    if len(word) < 3 and word.isupper():
        return False  # "Lodge Grass, SD 74464": a state's code
    if is_function_word(word) or is_clinical_word(word) or _NOT_A_NAME.match(word):
        return False
    if is_ordinary_word(word) and not (is_person_name(word) or is_listed_name(word)):
        return False
    if low in _NOT_NAME_AFTER_CUE or low in _PLACES_NAMED_WHOLE or names_a_facility(word):
        return False
    return not is_ordinary_word_of_the_clinic(word) and not is_frequent_clinical_label(word)


def is_frequent_clinical_label(word: str) -> bool:
    """Field labels of a record that are ordinary words ("Ward", "Result", "Normal")."""
    return word.lower() in lexicon.NAME_STOP or word.lower() in WARD_WORDS


# A task line names who does it: "Action: Drennan, Billie-Jo to book", "ACTION SEBASTIAN
# CARRIZO DIAZ TO BOOK", "r: rojas sebastián to review". After the line's label
# (data/words/assignees/), the words up to "to <verb>" are a name when they may be one.
_ASSIGNEE_LABELS = wordlists.words("assignees")
_ASSIGNEE_CUE = regex.compile(
    rf"(?i)(?<![\w'\u2019]|[\w][ \t])(?:{alternation(w for w in _ASSIGNEE_LABELS if len(w) > 1)}"
    rf"[ \t]*[:\-]?|{alternation(w for w in _ASSIGNEE_LABELS if len(w) == 1)}[ \t]*:)[ \t]*"
)
_FAMILY_COMMA = regex.compile(r",[ \t]+")
_TO_A_TASK = regex.compile(r"(?i)[ \t]+to[ \t]+\p{L}")


def assigned_names(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names of a task line's assignee that nothing explained."""
    found: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        a, b = line.span()
        for cue in _ASSIGNEE_CUE.finditer(text, a, b):
            span = _assignee(text, cue.end(), b)
            if span and not _within_one(span, covered):
                found.append(span)
    return sorted(set(found))


def _assignee(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """Up to three words that may each open a name, a comma allowed once after the first
    ("Drennan, Billie-Jo"), then "to <verb>": the task's "to" is what makes them a name."""
    start = last = None
    for words in range(_MAX_NAME_WORDS):
        word = _NEXT_WORD.match(text, pos, end)
        if word is None or not _may_be_name(word.group(), first=True):
            break
        start = word.start() if start is None else start
        last = word.end()
        gap = (_FAMILY_COMMA if words == 0 else _SPACE).match(text, last, end)
        gap = gap or _SPACE.match(text, last, end)
        if gap is None:
            break
        pos = gap.end()
    if start is None or last is None or not _TO_A_TASK.match(text, last, end):
        return None
    return start, last


# A list of people in brackets, one a semicolon apart from the next: "Panel (Deborah Hoey;
# Sheree McCaffrey)", "panel (hazel green; jack c. currie)". When one item is a name found
# otherwise, the others of a name's shape (words of letters, no digits) are names too.
_BRACKETED_LIST = regex.compile(r"\((?P<items>[^()\n;]{2,60}(?:;[^()\n;]{2,60})+)\)")
_LIST_ITEM = regex.compile(r"[^;]+")
_NAME_SHAPED_ITEM = regex.compile(
    r"[ \t]*(?P<name>\p{L}[\p{L}\p{M}'\u2019.-]*(?:[ \t]+\p{L}[\p{L}\p{M}'\u2019.-]*){0,3})[ \t]*"
)


# A list of people run into a sentence, commas and a last "and": "they had 6: silvana,
# adam, kristina, chad and caleb", "Ama, Kofi, Yaw & Esi came". When two items or more
# are names found otherwise, the others of a name's shape are names too (the model tires
# along a list, and a name may be a word elsewhere: "chad", "hope").
_LAST_OF_A_LIST = regex.compile(r",?[ \t]+(?:and|&)[ \t]+")
# Two words only when both are capitalised ("Kofi Mensah, Ama and Esi"): "saw adam" is one.
_ITEM_BEFORE = regex.compile(
    r"(?<![\p{L}\p{M}'\u2019.-])(?:\p{Lu}[\p{L}\p{M}'\u2019-]*[ \t]+\p{Lu}[\p{L}\p{M}'\u2019-]*"
    r"|\p{L}[\p{L}\p{M}'\u2019-]*)\Z"
)
_ITEM_AFTER = regex.compile(r"\p{L}[\p{L}\p{M}'\u2019-]*(?![\w'\u2019-])")
_COMMA_BEFORE = regex.compile(r"[ \t]*,[ \t]*\Z")
_MAX_LIST_ITEMS = 12


def _comma_list_items(text: str) -> Iterator[list[tuple[int, int]]]:
    """The name-shaped items (a word or two) of each "a, b, c and d" in ``text``."""
    for conj in _LAST_OF_A_LIST.finditer(text):
        last = _ITEM_AFTER.match(text, conj.end())
        if last is None:
            continue
        items = [last.span()]
        end = conj.start()
        while len(items) < _MAX_LIST_ITEMS:
            item = _ITEM_BEFORE.search(text, max(0, end - 60), end)
            if item is None:
                break
            words = list(_NEXT_WORD.finditer(text, *item.span()))
            # "The Clark, Romero and Hall Orchestra": an article opens no name.
            if len(words) > 1 and words[0].group().lower() in STOP_WORDS:
                items.append(words[-1].span())
                break
            items.append(item.span())
            comma = _COMMA_BEFORE.search(text, max(0, item.start() - 5), item.start())
            if comma is None:
                break
            end = comma.start()
        if len(items) >= 3:
            yield items[::-1]


def listed_with_names(
    text: str, persons: Sequence[tuple[int, int]], covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Items of a list of people, beside names found as persons, that nothing found."""
    found: list[tuple[int, int]] = []
    lists = [
        [m.span() for m in _LIST_ITEM.finditer(text, *bracket.span("items"))]
        for bracket in _BRACKETED_LIST.finditer(text)
    ]
    bracketed = len(lists)
    lists += _comma_list_items(text)
    for n, items in enumerate(lists):
        named = sum(any(s < e2 and s2 < e for s2, e2 in persons) for s, e in items)
        if named < (1 if n < bracketed else 2):
            continue
        for s, e in items:
            item = _NAME_SHAPED_ITEM.fullmatch(text, s, e)
            if item is None:
                continue
            span = item.span("name")
            words = item.group("name").split()
            if all(is_ordinary_word_of_the_clinic(w) or is_function_word(w) for w in words):
                continue
            overlapping = [(cs, ce) for cs, ce in covered if cs < span[1] and span[0] < ce]
            if not overlapping:
                found.append(span)
            elif all(o in persons for o in overlapping) and not any(
                is_known_word(w.group())
                for w in _NEXT_WORD.finditer(text, *span)
                if not any(cs <= w.start() < ce for cs, ce in overlapping)
            ):
                found.append(span)  # "Sheree McCaffrey" where "McCaffrey" alone was found
    return found


# A patient named in small letters right before the age, where nothing after the cue has
# case: "my pt blessing okafor 34yrs", "pt rai zubair 43/m", "paciente ana ruiz, 61 anos",
# family name first as a list of patients writes it ("pt: oyelaran, bisi, 58f").
# The cue and the age on either side say it is a name, whatever its words are elsewhere.
_PATIENT_CUE = regex.compile(
    r"(?i)(?<![\w'\u2019])(?:pt|patient|paciente|pte|pcte)\.?[ \t]*:?[ \t]+"
)
_AGE_AFTER_NAME = regex.compile(
    r"(?i)(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+)\d{1,3}(?:[ \t]*/?[ \t]*"
    rf"(?:m|f|y|{YEARS_OF_AGE}|a|anos|años|tuổi)\b|[ \t]*[),])"
)

# Two names or more after the cue may take a bare number: "pt akello brenda 36 cx ca";
# one word before a number may be what the patient has ("pt day 3", "pt bed 12").
_BARE_AGE_AFTER_NAME = regex.compile(
    r"(?i)[ \t]+\d{1,3}(?=[ \t]+\p{L}|[ \t]*$)(?![ \t]+(?:mg|mcg|g|kg|cm|mm|ml|l|days?|d"
    r"|weeks?|wks?|months?|mo|hours?|hrs?|h|mins?|times|x|cycles?|doses?|tabs?|units?|iu)\b)",
    regex.MULTILINE,
)


def patients_before_age(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names of small letters between a patient cue and an age that nothing explained."""
    found: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        a, b = line.span()
        for cue in _PATIENT_CUE.finditer(text, a, b):
            # A chat's "Dr Chidinma: my pt ..." counts from the cue on; in a line with
            # capitals, a name typed small is set apart by its case ("Ntungamo HC IV pt
            # tumusiime 45M").
            caseless = is_caseless(text[cue.end() : b])
            pos, start, last = cue.end(), None, None
            for _ in range(_MAX_NAME_WORDS):
                word = _NEXT_WORD.match(text, pos, b)
                if (
                    word is None
                    or not (caseless or word.group().islower())
                    or not _may_be_name(word.group(), first=True)
                ):
                    break
                start = word.start() if start is None else start
                last = word.end()
                if _AGE_AFTER_NAME.match(text, last, b) or (
                    start < word.start() and _BARE_AGE_AFTER_NAME.match(text, last, b)
                ):
                    span = (start, last)
                    if not _within_one(span, covered):
                        found.append(span)
                    break
                gap = _SPACE.match(text, last, b)
                if gap is None and start == word.start():
                    # "pt: stone, wanda, 66f": the family name first, a comma, the given.
                    gap = _COMMA_GAP.match(text, last, b)
                if gap is None:
                    break
                pos = gap.end()
    return found


_COMMA_GAP = regex.compile(r",[ \t]+")


# "the ELK SHOULDER lady, 67", "that Spotted Eagle man": capitalised words set apart in a
# line of small letters, right before a word for a person (data/words/person_nouns/), are
# how a writer names the patient by family name. After "the", "that" or the like, or
# opening a sentence (data/words/determiners_before_person_nouns/); never the clinic's
# words ("the HER2 lady", "the PET guy"), a people ("the Ghanaian woman"), an app, a day or
# a month.
_DETERMINER_OR_OPENING = (
    r"(?:(?<![\w'\u2019])"
    rf"(?i:{alternation(wordlists.words('determiners_before_person_nouns'))})[ \t]+"
    r"|(?:^|(?<=[.!?:;\"\u201c][ \t]))[ \t]*)"
)
_CAPITALISED_WORDS_BEFORE_PERSON = regex.compile(
    rf"(?m){_DETERMINER_OR_OPENING}(?P<name>\p{{Lu}}[\p{{L}}\p{{M}}'\u2019-]+"
    rf"(?:[ \t]\p{{Lu}}[\p{{L}}\p{{M}}'\u2019-]+){{0,2}})[ \t]+"
    rf"(?:{alternation(wordlists.words('person_nouns'))})(?![\w'\u2019-])"
)
_NOT_NAMES_BEFORE_PERSON = frozenset(
    {
        *_NOT_A_CAPITALISED_NAME,
        *(w.lower() for w in lexicon.APPS),
        *(w.lower() for w in wordlists.words("date_openers")),
    }
)


def _family_name_of_a_ward_word(words: list[str]) -> bool:
    """Two or three words set apart, the last a plain word of the ward's ("ELK SHOULDER",
    "RAVEN KNEE"): a family name made of ordinary words, as many are, when every word
    before it may be a name and none is a very common one. What describes the person puts
    the ward's word first ("the WEIGHT GAIN lady") or a common word before it ("the BIG
    TOE man")."""
    *others, last = words
    return (
        bool(others)
        and last.isalpha()
        and last.lower() in WARD_WORDS
        and not is_drug_name(last)
        and all(
            w.lower() not in WARD_WORDS
            and _may_be_name(w, first=True, set_apart=True)
            and not is_very_common_word(w)
            for w in others
        )
    )


class NamesSetApart(NamedTuple):
    """Family names set apart before a person's noun: those whose every word may be a
    name, and those that end in a plain word of the ward ("ELK SHOULDER"), which the
    keep-list would read as the ward's words in capitals ("WEIGHT GAIN")."""

    names: list[tuple[int, int]]
    of_ward_words: list[tuple[int, int]]


def names_before_a_person_noun(text: str, covered: Sequence[tuple[int, int]]) -> NamesSetApart:
    """Family names in capitals set apart before "lady", "man", "woman" and the like."""
    found = NamesSetApart([], [])
    for m in _CAPITALISED_WORDS_BEFORE_PERSON.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if not any(c.islower() for c in line.replace(m.group("name"), "")):
            continue  # a line without small letters sets no capital apart
        words = m.group("name").split()
        opening = not text[m.start() : m.start("name")].strip()
        if len(words) == 1 and not words[0].isupper() and opening:
            continue  # a sentence's first capital sets nothing apart: "Cachectic man"
        # One ordinary word alone is more often what the person has or gets ("the CHEMO
        # lady") than their name; two together ("ELK SHOULDER") are a family name.
        if len(words) == 1 and is_ordinary_word(words[0]):
            continue
        if not all(len(w) > 2 and w.lower() not in _NOT_NAMES_BEFORE_PERSON for w in words):
            continue
        span = m.span("name")
        if _within_one(span, covered):
            continue
        if all(_may_be_name(w, first=True, set_apart=True) for w in words):
            found.names.append(span)
        if _family_name_of_a_ward_word(words):
            found.of_ward_words.append(span)
    return found


# "Oksana, thank you.", "Kezia, here it is": a reply that opens its paragraph by calling
# its reader, one word, a comma, then how a reply goes on (data/words/reply_openers/:
# not "Dyspnoea, worse on exertion"). Only a word no
# language we read writes as an ordinary or clinical word ("Tamoxifen, then", "Overall,
# stable", "Grace, ..." and "Hope, ..." stay: their words are ordinary too), unless an
# e-mail header above names the reader by it (mail_headers.py).
_ADDRESSED_READER = regex.compile(
    r"(?m)(?:\A|(?<=\n[ \t]*\r?\n))[ \t]*(?P<name>\p{Lu}\p{Ll}[\p{L}\p{M}'\u2019-]+),[ \t]+"
    rf"(?i:{alternation(wordlists.words('reply_openers'))})(?![\w'\u2019-])"
)
# An adverb of how or when ("Radiographically, we agree", "Postoperatively, thanks to"):
# long, ending in "-ly", and nobody's name (names end so too: "Beverly", "Kimberly").
_ADVERB = regex.compile(r"\p{L}{6,}ly")


def readers_opening_a_paragraph(
    text: str, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The reader a paragraph opens by name ("Oksana, thank you.")."""
    from echo_cases.deid.derived import is_person_name

    found: list[tuple[int, int]] = []
    for m in _ADDRESSED_READER.finditer(text):
        word = m.group("name")
        if (
            is_ordinary_word(word)
            or is_function_word(word)
            or is_ordinary_word_of_the_clinic(word)
            or word.lower() in _NOT_A_CAPITALISED_NAME
            or names_a_facility(word)
            or (_ADVERB.fullmatch(word) and not (is_listed_name(word) or is_person_name(word)))
        ):
            continue
        span = m.span("name")
        if not _within_one(span, covered):
            found.append(span)
    return found


# A chat export's message, after its time stamp and its sender: "12/11/24, 10:42 - Amaka:
# ", "[02.04.25, 13:05] Tunde: ". One name then a bare number opening the message is a
# patient presented by name and age ("Chukwuemeka 67 psa 212", "mama akinyi 54 ca cx"), as
# a patient cue before them would say; a known word before the number is what it counts
# ("Bed 12 free", "Day 3 of chemo").
_CHAT_MESSAGE = regex.compile(
    r"^[ \t]*\[?\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4},?[ \t]+\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:[ \t]?(?i:[ap]\.?m\.?))?\]?[ \t]*[-\u2013]?[ \t]*[^:\n]{1,40}:[ \t]*",
    regex.MULTILINE,
)


def patients_opening_a_message(
    text: str, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A name that opens a chat message before a bare age, that nothing explained."""
    from echo_cases.deid.derived import is_person_name

    found: list[tuple[int, int]] = []
    for message in _CHAT_MESSAGE.finditer(text):
        word = _NEXT_WORD.match(text, message.end())
        if word is None or not _BARE_AGE_AFTER_NAME.match(text, word.end()):
            continue
        name = word.group()
        if is_ordinary_word_of_the_clinic(name) or is_function_word(name):
            continue
        if is_known_word(name) and not (
            is_person_name(name) and not is_very_common_english_word(name)
        ):
            continue
        span = word.span()
        if not _within_one(span, covered):
            found.append(span)
    return found


# A chat's sender in small letters, opening a line: "tracy: pt is settled", "- grace: ok",
# "[10:42] sarah: will review". Only a word that is somebody's name and no common English,
# clinical or label word ("plan:", "nurse:", "will:"), and only before words: a form's
# count or value after its label ("pages: 7") makes the label a field.
_SPEAKER_LABEL = regex.compile(
    r"^[ \t]*(?:[-*\u2022\u2013>][ \t]*"
    r"|\[?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\]?[ \t]*[-\u2013]?[ \t]*)?"
    r"(?P<w>\p{Ll}[\p{Ll}\p{M}]+)[ \t]*:[ \t]+(?=\p{L})",
    regex.MULTILINE,
)


def speakers_opening_a_line(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Senders of a chat in small letters before their message, that nothing found."""
    from echo_cases.deid.derived import is_person_name

    found: list[tuple[int, int]] = []
    for m in _SPEAKER_LABEL.finditer(text):
        word = m.group("w")
        if (
            not is_person_name(word)
            or is_very_common_english_word(word)
            or is_frequent_clinical_label(word)
            or is_ordinary_word_of_the_clinic(word)
            or is_clinical_word(word)
            or is_function_word(word)
            or word in lexicon.MONTHS_ABBR_LOWER
            or word in lexicon.FOREIGN_LABEL_WORDS
        ):
            continue
        span = m.span("w")
        if not _overlaps_one(span, covered):
            found.append(span)
    return found


# A closing alone on its line, then the writer's name alone on the next, maybe after bullets
# an export garbled ("Kind regards,\n??? Carly Jones", "Cheers\n\n\ufffd\ufffd Ana Lima, CNS").
# The name must fill its line up to a comma: "Thanks,\nPlease call the ward" names nobody.
_CLOSING_LINE = regex.compile(
    rf"(?im)^[ \t]*{alternation(wordlists.words('sign_offs'))}[ \t]*[,.!]?[ \t]*\n(?:[ \t]*\n)*"
    r"[ \t]*(?:[?\ufffd*\u2022\u00b7#>~\-\u2013]+[ \t]*)?"
)
_NAME_LINE_END = regex.compile(r"[ \t]*(?:,|$)", regex.MULTILINE)


def below_a_closing(text: str, start: int) -> bool:
    """What starts at ``start`` is on the line after a closing ("REGARDS\nENF. ELVIS ...")."""
    line = text.rfind("\n", 0, start) + 1
    # Over blank lines, as a closing's own pattern reads them ("REGARDS,\n\nJOHN KAMAU").
    above = line - 1
    while above > 0 and not text[text.rfind("\n", 0, above) + 1 : above].strip():
        above = text.rfind("\n", 0, above)
    if above <= 0:
        return False
    before = text.rfind("\n", 0, above) + 1
    m = _CLOSING_LINE.match(text, before)
    return m is not None and m.end() <= start and "\n" not in text[m.end() : start]


def writers_below_a_closing(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The writer's name on the line after a closing, that nothing found."""
    found: list[tuple[int, int]] = []
    for m in _CLOSING_LINE.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        span = _name_after(text, m.end(), end, strong=True, every=True)
        if span is None or not _NAME_LINE_END.match(text, span[1]):
            span = _line_of_a_name(text, m.end(), end)
        if span is None:
            continue
        if not _within_one(span, covered):
            found.append(span)
    return found


# One or two words filling the line below a closing, up to a comma: "warm regards,\nhoney",
# "thanks,\nrusty". The place is the writer's, so a name made of ordinary words ("honey",
# "rusty", "sunny") is still taken there; not a team, a service, the clinic's words, the
# commonest words or a word no name is ("regards,\noncology team", "thanks,\nall",
# "thanks,\nadmin office").
_WRITER_LINE = regex.compile(
    r"(?P<name>\p{L}[\p{L}\p{M}'\u2019-]+(?:[ \t]+\p{L}[\p{L}\p{M}'\u2019-]+)?)"
)


def _line_of_a_name(text: str, pos: int, end: int) -> tuple[int, int] | None:
    m = _WRITER_LINE.match(text, pos, end)
    if m is None or not _NAME_LINE_END.match(text, m.end()):
        return None
    for word in m.group("name").split():
        if (
            len(word) < 3
            or is_function_word(word)
            or is_clinical_word(word)
            or word.lower() in _NOT_NAME_AFTER_CUE
            or names_a_facility(word)
            or (is_very_common_word(word) and not is_listed_name(word))
        ):
            return None
    return m.span("name")


# A facility's short form after "at" or a verb of going "to", in a sentence without case
# or in capitals among small letters: "25 fractions at uci now bleeding", "seen at kch
# last week", "FOLLOWED UP AT KNH", "asked them to come to UCI". A word of three to five
# letters that is no English word, no clinical or service short form, no ward and no kind of
# facility is the place's own: "at icu", "at opd", "at phc" name none.
_AT_SHORT_FORM = regex.compile(
    r"(?<![\w'\u2019-])(?i:at|(?:come|came|coming|referred|transferred|sent|went|back)[ \t]+to)"
    r"[ \t]+(?P<w>\p{L}{3,5})(?![\w'\u2019-])(?![ \t]*[\d/:])"
)
_NOT_FACILITY_SHORT_FORMS = frozenset(
    (
        *lexicon.CLINICAL_ACRONYMS,
        *lexicon.SERVICE_ACRONYMS,
        *(w.lower() for w in lexicon.GENERIC_FACILITY_ACRONYMS),
        *(w.lower() for w in lexicon.COUNTRY_ACRONYMS),
        *lexicon.MONTHS_ABBR_LOWER,
    )
)


def facility_short_forms_after_at(
    text: str, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Short forms of a facility after "at" or "come to", that nothing found."""
    found: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        caseless = is_caseless(line.group())
        for m in _AT_SHORT_FORM.finditer(text, *line.span()):
            word = m.group("w")
            low = word.lower()
            if not (caseless or word.isupper()):
                continue  # "at Mulago" is the model's; "at UCI" among small letters is ours
            if (
                low in _NOT_FACILITY_SHORT_FORMS
                or is_known_word(word)
                or is_frequent_english_word(word)
                or is_ordinary_word_of_the_clinic(word)
                or is_clinical_word(word)
                or is_function_word(word)
                or is_shorthand(word)
                or low in WARD_WORDS
            ):
                continue
            span = m.span("w")
            if not _overlaps_one(span, covered):
                found.append(span)
    return found


# The word right before a name, one space apart on its line, in small letters.
_SMALL_WORD_BEFORE = regex.compile(
    r"(?<![\w'\u2019-])(?P<w>\p{Ll}[\p{Ll}\p{M}'\u2019-]*\p{Ll})[ ]$"
)


def grow_over_small_given_names(text: str, persons: list[tuple[int, int]]) -> list[int]:
    """New starts for names written in small letters that have a given name before them
    ("beatrice akinyi odhiambo", "ana maria gatchalian", "harold tsosie"): found is the
    surname or the rest, and the word before is somebody's name and no common English
    word ("will"), clinical word, title or kinship word."""
    from echo_cases.deid.derived import is_person_name

    starts = []
    for start, end in persons:
        while text[start:end][:1].islower():
            before = _SMALL_WORD_BEFORE.search(text, max(0, start - 30), start)
            if before is None:
                break
            word = before.group("w")
            if not (is_person_name(word) or is_listed_name(word)) or (
                is_very_common_english_word(word)
                or is_clinical_word(word)
                or is_drug_name(word)
                or word in _NOT_NAMES_BEFORE
            ):
                break
            start = before.start("w")
        starts.append(start)
    return starts


_NOT_NAMES_BEFORE = frozenset(
    w.lower() for w in (*lexicon.TITLES, *lexicon.RELATIVES, *wordlists.words("person_nouns"))
)
