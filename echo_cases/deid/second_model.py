"""Which second model, if any, adds its entities to the first's (docs/deid.md, "A second
model, in union").

Every fine-tune of the shipped model since session 7 gained recall on some text and lost it
on other text (public_synth_dev's addresses), so none replaced it. A second model trained on
more varied text runs beside it instead, on the same tokens, and its entities are added to
the first's, through the same filters: the union cannot lose what the first model finds.

The setting ``ECHO_DEID_SECOND_MODEL``: unset, the default below; ``off`` (or ``0``), none;
any other value, the directory of a model to use as the second (to measure a candidate).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import regex
from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import frequency, lexicon, wordlists
from echo_cases.deid.candidates import (
    PARTICLES,
    is_caseless,
    is_clinical_word,
    is_function_word,
    is_listed_name,
    is_ordinary_word,
    is_ordinary_word_of_nobody,
    is_ward_note,
    lines_are_caseless,
    names_a_facility,
)
from echo_cases.deid.derived import is_person_name
from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.keep import is_weekday
from echo_cases.deid.nlp import MODEL_SECOND_PATH, Entity
from echo_cases.deid.note_languages import capital_of_a_sentence, note_languages
from echo_cases.deid.recognizers.learned import (
    STREET_WORDS,
    is_title_or_kin,
    opens_a_name,
    trim_credentials,
)
from echo_cases.deid.types import EntityType
from echo_cases.deid.vocabulary import is_common_word

SETTING = "ECHO_DEID_SECOND_MODEL"
# Whether the shipped second model is used when the setting is unset.
ON_BY_DEFAULT = True
_OFF = frozenset({"off", "0", "false", "no", ""})
_ON = frozenset({"on", "true", "yes"})
# The kinds of the second model's findings that are added. Names and places have no shape a
# rule reads, and they are what it adds on text it never saw; its dates, ages, numbers and
# contacts added mostly false alarms ("extension 15 degrees") to what the rules already find.
ADDED_KINDS = frozenset({EntityType.PERSON, EntityType.LOCATION})

# How much less sure the second model is made of a token's being outside any entity when
# it guesses (``nlp.GreedyNer``'s guess margin): the shipped model's "O" score lowered by
# this much more than its calibration's shift (2). The whole model at a shift of 3 found
# more on 28 of 42 scored-only copies and lost none, but precision fell 0.0076 and it
# proposed the clinic's words ("HER-2", "cycle one of six, day two of twenty-one"). Its
# guesses, kept only where ``worth_a_guess`` says and only in gaps, at 2.5: 41 fewer
# leaking documents on 45 scored-only copies for -0.0012 mean precision, no recall lost;
# a larger margin found a few more for twice the precision (docs/deid.md, "Its guesses").
GUESS_MARGIN = 2.5
# ``ECHO_DEID_SECOND_GUESSES``: unset, GUESS_MARGIN; ``off`` (or ``0``), no guesses; a
# number, that margin (to measure another).
GUESS_SETTING = "ECHO_DEID_SECOND_GUESSES"


def second_model_path() -> Path | None:
    """The second model's directory, or None for the first model alone."""
    value = os.environ.get(SETTING)
    if value is None:
        return MODEL_SECOND_PATH if ON_BY_DEFAULT and MODEL_SECOND_PATH.is_dir() else None
    if value.strip().lower() in _OFF:
        return None
    return Path(value)


def guess_margin() -> float:
    """The margin the second model guesses with (0: it does not guess)."""
    value = os.environ.get(GUESS_SETTING)
    if value is None or value.strip().lower() in _ON:
        return GUESS_MARGIN
    if value.strip().lower() in _OFF:
        return 0.0
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{GUESS_SETTING} is 'off', 'on' or a margin, not {value!r}") from None


# An unexplained word this short is shorthand ("Tol", "IIB"), a name this short a listed one.
_SHORTHAND_LENGTH = 3
# What the dictionaries read: Latin letters, their marks, and a word's inner punctuation.
_LATIN = regex.compile(r"[\p{Latin}\p{M}'\u2019-]+")


def worth_a_guess(text: str, start: int, end: int) -> bool:
    """Whether a guess of the second model's (an entity it reads only when less sure, see
    GUESS_MARGIN) is worth proposing: it holds a word that may be a name, and the note
    writes no language the dictionaries do not read.

    A word may be a name when it is somebody's (not a title: "the Pastor"; if it is an
    ordinary word too, capitalised mid-sentence in a line written in both cases), or when no
    dictionary explains it: no ordinary word of the languages the guesses read, nor the
    clinic's, nor a weekday of any language ("panjshanbe"); in a line written in both cases
    it opens with a capital, as a name there does ("die sich" is German, not a place); it
    is written in Latin letters, which the dictionaries read ("Куратор" is a label). A
    run of known words the model is unsure of is far more often the sentence ("the gate",
    "HER-2", "Cross-match") than a name that is a word, which the model's first reading
    and the rules are there for. In a note that switches into a language of
    ``note_languages``, the model's unsure readings were that language's words ("nói nhà ở
    xa"), which the dictionaries here do not hold.
    """
    if note_languages(text):
        return False
    if is_known_place(text[start:end]):
        return True
    caseless = lines_are_caseless(text, start, end)
    # Whole words of the text: a guess may stop inside one ("3rd Cross" of "Cross-match").
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-'\u2019"):
        start -= 1
    while end < len(text) and (text[end].isalpha() or text[end] in "-'\u2019"):
        end += 1
    return any(
        (caseless or m.group()[:1].isupper())
        and _may_be_a_name(text, m.start(), m.group(), caseless)
        for m in _WHOLE_WORD.finditer(text, start, end)
    )


def _may_be_a_name(text: str, at: int, word: str, caseless: bool) -> bool:
    ordinary = is_ordinary_word(word)
    if is_person_name(word) or is_listed_name(word):
        # A title that is somebody's name too ("Pastor", "Judge") is no name when guessed.
        if is_title_or_kin(word) or word.lower() in lexicon.TITLE_WORDS or is_clinical_word(word):
            return False
        if word.lower() in PARTICLES:
            return False  # "van", "de": a name's part, and a word of several languages
        # A name that is a word too says so only by a capital mid-sentence ("Comfort focus
        # discussed" opens a sentence); in a line in one case, only if English seldom
        # writes it ("north", "HELD" are English's very common words; "grace" is not).
        if caseless:
            return not frequency.is_very_common_english_word(word)
        return not (ordinary and capital_of_a_sentence(text, at, word))
    # The dictionaries read Latin letters: in another script no word is explained by them
    # ("Куратор", "Подпись" are labels), so none is suspect for being unexplained. A word
    # of three letters or fewer they do not hold is shorthand ("Tol", "IIB"): so short a
    # name is one of the name lists'. One capitalised as a sentence's first word is as
    # often a word of a language they do not read ("Anaknya tinggal", "Manman li rete"),
    # and one before a colon a field's label ("Dijagnoza:", "Pasien:").
    return (
        len(word) > _SHORTHAND_LENGTH
        and _LATIN.fullmatch(word) is not None
        and not (ordinary or is_clinical_word(word) or is_weekday(word))
        and not capital_of_a_sentence(text, at, word)
        and not text.startswith(":", at + len(word))
    )


def reads(text: str) -> bool:
    """Whether the second model is run on a text: on every one, ward notes too, since
    ``named_in_a_ward_note`` keeps the names and places it finds there."""
    return bool(text)


_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'\u2019-]*")
# A word with its inner hyphens and apostrophes, none at its edges ("HER-2" is "HER").
_WHOLE_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['\u2019-][\p{L}\p{M}]+)*")


def held_to_the_rules(text: str, start: int, end: int) -> bool:
    """Whether a name or place the second model alone found stands where the rules would
    let the first model's stand.

    The first model's findings in these positions were tuned away over many sessions; the
    second model's are new there, so the classes are held to here, not string by string:
    - in a ward note, the ward's words and values are read as names and places by a model
      trained on prose; there only what ``named_in_a_ward_note`` admits is kept;
    - a name or place has no function word at its edge ("7 Songs Of", "But Really Adore":
      words of a title in Title Case, which the place rules refuse too);
    - a number with only common words after it, none a street's, is a quantity ("15
      degrees", "3 tablets"), not a house and its street.
    """
    if is_ward_note(text) and not named_in_a_ward_note(text, start, end):
        return False
    words = _WORD.findall(text, start, end)
    # A name may open with a particle ("van Gogh", "The Hague"), but ends with none.
    if words and (is_function_word(words[0]) or words[-1].lower() in STOP_WORDS):
        return False
    return not (text[start:end].lstrip()[:1].isdigit() and all(_a_quantitys_word(w) for w in words))


# The words after which a ward note names a person: a relative ("wife honora"), a title
# ("DR SADOWSKI") or a member of the care team ("RN Tasha", "perfusionist grady").
_PERSON_CUES = frozenset(
    w.lower() for w in (*lexicon.RELATIVES, *lexicon.TITLES, *wordlists.words("care_roles"))
)
# The prepositions after which a ward note names where the patient comes from or goes
# ("from Hebrew Rehab", "discharge to Braintree Rehab").
_PLACE_PREPOSITIONS = frozenset(wordlists.words("ward_place_prepositions"))
# The words before a finding, back to the line's start: its last one or two are read.
_A_WORD = r"\p{L}[\p{L}'\u2019-]*"
_WORDS_BEFORE = regex.compile(rf"{_A_WORD}(?:[ \t]+{_A_WORD})?[.:,]?[ \t]*\Z")


def named_in_a_ward_note(text: str, start: int, end: int) -> bool:
    """Whether the second model's finding in a ward note is likely a name or a place.

    A model trained on prose reads the ward's shorthand and phrases as names ("STRONG
    COUGH", "to water seal", "ANCHORFAST"), so a finding stands only in the classes a ward
    note names people and places in, and never when a word of it is the clinic's:
    - after a relative, a title or a member of the care team ("son marcus", "RN Tasha");
    - after "from" or "to" and the like, when it is no run of ordinary words, or names a
      known place or a facility ("from Fall River", "to braintree rehab");
    - in Title Case in a note written in both cases, with a word no dictionary holds
      ("niece Francine Dubois-Amell" without the cue).
    """
    words = _WORD.findall(text, start, end)
    if not words or any(is_clinical_word(w) for w in words):
        return False
    before = _words_before(text, start)
    if before and (before[-1] in _PERSON_CUES or " ".join(before) in _PERSON_CUES):
        return True
    unlisted = any(not is_ordinary_word(w) for w in words)
    span = text[start:end]
    if before and before[-1] in _PLACE_PREPOSITIONS:
        return unlisted or is_known_place(span) or names_a_facility(span)
    return unlisted and _title_case(words) and not is_caseless(_line_of(text, start))


def _words_before(text: str, start: int) -> list[str]:
    """The one or two words before ``start`` on its line, in small letters."""
    line_start = text.rfind("\n", 0, start) + 1
    found = _WORDS_BEFORE.search(text, line_start, start)
    if found is None:
        return []
    return [w.lower() for w in _WORD.findall(found.group())]


def _line_of(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : len(text) if end < 0 else end]


def _title_case(words: list[str]) -> bool:
    return all(w[:1].isupper() and not w.isupper() for w in words)


def _a_quantitys_word(word: str) -> bool:
    """A small-letter ordinary word that names no street nor known place ("degrees")."""
    return (
        word.islower()
        and is_ordinary_word(word)
        and word not in STREET_WORDS
        and not is_known_place(word)
    )


def beside_the_first(
    text: str,
    first: list[RecognizerResult],
    added: list[RecognizerResult],
    identifiers: Sequence[tuple[int, int]] = (),
    first_read: Sequence[Entity] = (),
) -> list[RecognizerResult]:
    """The second model's findings ``added`` (each passed ``held_to_the_rules``) that stand
    beside the first model's findings ``first`` (of its entities ``first_read``) and the
    identifiers the rules found, where they read the same words.

    The rules were tuned on the first model's readings; where the second reads the same
    words otherwise, its reading is held to the first's:
    - where the first reads a person and the second a place over the same words ("Pcte
      Luzia Andrade Teles"), the place opens where the first's person opens, after its
      titles, roles and the words opening its sentence, and ends before a registration
      ("COREN-PR"): the trims of a person, which a place does not have, apply. The same
      words: the first's person was read from the place's first word on, or only titles
      and roles open the place before it ("Sig.ra Marta Rinaldi"); a town before a
      person the first reads inside the place is no title ("são paulo - sp"). Only in
      lines written in both cases;
    - a finding that runs from one of the first's findings to another across words in
      small letters only, in a line written in both cases, adds the sentence between two
      names ("sobrinha Dalvina mora na rua Manoel Tavares Correia": "mora na");
    - a finding made only of titles and kin ("Dott."), a person the second model opens
      with a determiner ("The Quadra"), or a one-word place that is one of English's very
      commonest words in a line written in both cases ("you're Wrong about") is nobody
      and nowhere;
    - a place whose number the rules read as an identifier, with ordinary words only
      besides, is that identifier and its label ("sin 046 832 150");
    - in a line written in both cases, a finding made of ordinary words, one at least the
      clinic's, none a name nor a place's, is the clinic's words in capitals ("Unidad de
      Cuidados", "Se indica Hidratación", "PMTCT option B+").
    """
    persons = [r for r in first if entity_type_of(r.entity_type) is EntityType.PERSON]
    read = [(s, e) for s, e, label in first_read if label == "PERSON"]
    kept = []
    for res in added:
        if entity_type_of(res.entity_type) is EntityType.LOCATION:
            _open_where_the_person_opens(text, res, persons, read)
        if res.end <= res.start:
            continue
        if (
            _between_the_firsts(text, res, first)
            or _nobody_nowhere(text, res)
            or _an_identifiers_label(text, res, identifiers)
            or _the_clinics_words(text, res)
        ):
            continue
        kept.append(res)
    return kept


def _open_where_the_person_opens(
    text: str,
    place: RecognizerResult,
    persons: list[RecognizerResult],
    read: list[tuple[int, int]],
) -> None:
    """Where the first model reads a person over the same words as a place, the place opens
    where that person opens and ends before a registration after it. Not in a line in one
    case: there the first model's person is trimmed by fewer cues (no capitals tell a
    sentence's opener from a name), and opening the place there lost place tokens of
    small-letter and capital copies of a scored-only set, in aggregate."""
    over = [p.start for p in persons if p.start < place.end and place.start < p.end]
    if not over or lines_are_caseless(text, place.start, place.end):
        return
    opens = max(place.start, min(over))
    same_words = any(s <= place.start < e for s, e in read) or _titles_only(
        text, place.start, opens
    )
    if not same_words:
        return
    place.start = opens
    place.end = trim_credentials(text, place.start, place.end)


def _titles_only(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one title, role or label that opens a name, or more, and
    nothing else ("Sig.ra ", "Pcte "; not "14 " nor "UBS Vila ")."""
    words = _WORD.findall(text, start, end)
    return (
        bool(words)
        and not any(c.isdigit() for c in text[start:end])
        and all(opens_a_name(w) for w in words)
    )


def _between_the_firsts(text: str, res: RecognizerResult, first: list[RecognizerResult]) -> bool:
    """``res`` holds two of the first model's findings or more, and only words in small
    letters besides, in a line written in both cases."""
    over = [(r.start, r.end) for r in first if r.start < res.end and res.start < r.end]
    if len(over) < 2 or lines_are_caseless(text, res.start, res.end):
        return False
    uncovered = [text[i] for i in range(res.start, res.end) if not any(a <= i < b for a, b in over)]
    letters = [c for c in uncovered if c.isalpha()]
    return bool(letters) and all(c.islower() for c in letters)


# The words that open a person's or a thing's description, never a name ("The Quadra",
# "that Okafor", "our Brennan"): data/words/determiners_before_person_nouns/.
_DETERMINERS = frozenset(w.lower() for w in wordlists.words("determiners_before_person_nouns"))


def _nobody_nowhere(text: str, res: RecognizerResult) -> bool:
    words = _WORD.findall(text, res.start, res.end)
    if not words or all(is_title_or_kin(w) for w in words):
        return True
    kind = entity_type_of(res.entity_type)
    if kind is EntityType.PERSON and words[0].lower() in _DETERMINERS:
        return True
    return (
        kind is EntityType.LOCATION
        and len(words) == 1
        and text[res.start : res.end] == words[0]
        and _a_very_common_english_word(words[0])
        and not lines_are_caseless(text, res.start, res.end)
    )


def _a_very_common_english_word(word: str) -> bool:
    """ "Like", "Wrong": written once per 100,000 English words at least, nobody's name."""
    return (
        frequency.is_very_common_english_word(word)
        and not is_person_name(word)
        and not is_listed_name(word)
        and not is_known_place(word)
    )


_DIGITS = regex.compile(r"\d+")


def _an_identifiers_label(
    text: str, res: RecognizerResult, identifiers: Sequence[tuple[int, int]]
) -> bool:
    """A place whose every number lies in an identifier the rules found, and whose words
    are ordinary and nobody's, names no place: it is the identifier's label ("sin 046 832
    150", a social insurance number)."""
    numbers = list(_DIGITS.finditer(text, res.start, res.end))
    if not numbers or entity_type_of(res.entity_type) is not EntityType.LOCATION:
        return False
    if not all(any(a <= n.start() and n.end() <= b for a, b in identifiers) for n in numbers):
        return False
    return all(_an_ordinary_word_of_nobody(w) for w in _WORD.findall(text, res.start, res.end))


def _the_clinics_words(text: str, res: RecognizerResult) -> bool:
    """Ordinary words only, nobody's, no street's nor facility's, one at least the clinic's
    vocabulary that names nobody ("Hidratación", "Unidad", "PMTCT"), no number, in a line
    written in both cases: how a note capitalises its clinic, not a name nor a place."""
    span = text[res.start : res.end]
    words = _WORD.findall(span)
    return (
        bool(words)
        and not any(c.isdigit() for c in span)
        and not lines_are_caseless(text, res.start, res.end)
        and not is_known_place(span)
        and not names_a_facility(span)
        and all(_an_ordinary_word_of_nobody(w) and w.lower() not in STREET_WORDS for w in words)
        and any(is_common_word(w) for w in words)
    )


def _an_ordinary_word_of_nobody(word: str) -> bool:
    return is_ordinary_word_of_nobody(word) and not is_known_place(word)
