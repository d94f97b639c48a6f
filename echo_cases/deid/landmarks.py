"""Places that hubs write without the capitals or the word order the rules of
``recognizers/locations.py`` read: a named or numbered ward ("Ward 6B", "ward c bed 12",
"khoa nội 2"), a place named by the landmark after it ("githurai market", "gayaza high
school"), and a facility named head first in small letters ("hospital central de maputo",
"centro de saúde de chamanculo").

Each finder returns (subtype, start, end) spans; the location recognizer reports them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.recognizers.base import by_opening_words
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.shorthand import is_shorthand, is_ward_word
from echo_cases.deid.stop_words import spacy_stop_words

Span = tuple[str, int, int]

_WORD = r"[\p{L}\p{M}][\p{L}\p{M}'\u2019-]*"


def _all_words(kind: str) -> tuple[str, ...]:
    return tuple(w for name in wordlists.names(kind) for w in wordlists.read(kind, name))


# A ward's number or letter: "6B", "11", "C"; one letter only where the sentence cannot go
# on with it ("ward a few days" is no ward), and no number a duration or a dose follows.
def _ward_id() -> str:
    counts = alternation(wordlists.words("counts_after_ward_numbers"))
    after_letter = alternation(wordlists.words("words_after_ward_letters"))
    return (
        rf"(?:\d{{1,3}}[A-Za-z]?(?![\w/.:-]\d)(?![ \t]*(?:%|(?:{counts})\b))"
        rf"|[A-Za-z](?=[ \t]*(?:[,.;:)\n]|$|(?:{after_letter})\b)))"
    )


_ONE_WORD_BETWEEN = frozenset(wordlists.read("ward_heads", "vi"))


@functools.cache
def _ward_pattern() -> regex.Pattern[str]:
    heads = alternation(w for w in _all_words("ward_heads") if w not in _ONE_WORD_BETWEEN)
    between = alternation(_ONE_WORD_BETWEEN)
    return regex.compile(
        rf"(?i)(?<![\w-])(?:(?:{heads})\.?[ \t]+|(?:{between})[ \t]+{_WORD}(?:[ \t]+{_WORD})?"
        rf"[ \t]+(?=\d)){_ward_id()}(?![\w-])",
        regex.MULTILINE,
    )


# "transferred from 7 South": a floor's number and its wing written out ("8W" alone is
# left to the model: ICU notes other hubs wrote keep it).
_WING = alternation(w for w in wordlists.words("compass_words") if not w.endswith(("ern", "al")))
_FLOOR_WING = regex.compile(rf"(?<![\w/.:-])\d{{1,2}}[ \t]?(?i:{_WING})(?![\w-])")


def numbered_wards(text: str) -> list[Span]:
    """ "Ward 6B", "moving to ward 4", "from ward c bed 12", "Nằm khoa nội 2", "7 South"."""
    # Tried where a ward's head starts ("ward", "wd", "khoa"; ``by_opening_words``).
    found = [m for p in (_ward_pattern(), _FLOOR_WING) for m in by_opening_words(text, p)]
    return [("LOCATION", m.start(), m.end()) for m in found]


@functools.cache
def _landmark_pattern() -> regex.Pattern[str]:
    landmarks = alternation(_all_words("landmark_kinds"))
    adjectives = alternation(wordlists.words("landmark_kinds_also_adjectives"))
    facilities = alternation(_all_words("facility_kinds_in_any_case"))
    streets = alternation(_all_words("street_kinds_in_any_case"))
    small = r"(?:for|to|at|in|on|and|or|near|by|from|with)(?![\w-])"
    return regex.compile(
        rf"(?i)(?<![\w-])(?:(?P<facility>{facilities})|(?P<street>{streets})|{landmarks}"
        rf"|(?:{adjectives})(?![ \t]+(?!{small})\p{{L}}))"
        r"(?![\w-])"
    )


_JOINS = frozenset(_all_words("place_name_joins"))


_WORD_BEFORE = regex.compile(r"(?r)(?<![\w'\u2019-])([\p{L}\p{M}][\p{L}\p{M}'\u2019-]*)[ \t]+")
_MAX_NAME_WORDS = 3
# "health centre iv", "HC III": the level of a facility in Uganda's or Kenya's ladder.
_LEVEL = regex.compile(r"(?i)[ \t]+(?:ii|iii|iv|level[ \t]+[1-6])(?![\w-])")
_KIND_ACRONYM = regex.compile(r"\p{Lu}{2,5}")


_PLACE_CUES = frozenset(w.lower() for w in wordlists.words("place_cues"))


def _names_a_place(word: str, in_capitals: bool = False) -> bool:
    """A word a place's name is made of: no ordinary word of a language clinicians write
    in, no clinical vocabulary, no ward shorthand ("CHPS compound" is a kind, not a place);
    in capitals only where the line is all capitals ("AT FÈS HEALTH CENTRE")."""
    from echo_cases.deid.candidates import is_function_word, is_ordinary_word

    if word.lower() in _PLACE_CUES:
        return False  # "wohnhaft Essien Street": the cue before the street
    if is_known_place(word):
        return True
    return not (
        len(word) < 3
        or is_function_word(word)
        or is_ordinary_word(word)
        or is_shorthand(word)
        or is_ward_word(word)
        or word.lower() in lexicon.NON_IDENTIFYING_PLACES
        or (word.isupper() and not in_capitals)
    )


# A device after the words (data/words/device_nouns/): "Aspen collar", "Miami J collar";
# not a bed with its number, which places the patient ("KATH bed 14", "ward c bed 12").
_DEVICE_AFTER = regex.compile(
    rf"[ \t]+(?i:{alternation(wordlists.words('device_nouns'))})(?![\w-])"
    r"(?!(?<=(?i:bed|beds))[ \t]*(?:#|(?i:no)\b|\d))"
)


def brand_of_a_device(text: str, end: int) -> bool:
    """The words before ``end`` name a device's brand: "in Aspen collar", "via RAM cannula"
    (Aspen is a town, and the collar is named after it; the patient is not there). A word
    such as "when" or "his" is no maker: "at Korle Bu NRCNM when bed is ready"."""
    if _DEVICE_AFTER.match(text, end) is None:
        return False
    before = _LAST_WORD.search(text, max(0, end - 40), end)
    return before is None or before.group(1).lower() not in STOP_WORDS


_COMPASS = frozenset(w.lower() for w in wordlists.words("compass_words"))


def _someones_name(word: str) -> bool:
    """ "Baker Stepdown", "LACHMAN STEPDOWN": a unit named after someone; a sign's eponym or
    a surname that is also a word is a person's name before a facility's kind."""
    from echo_cases.deid.derived import is_person_name

    # "5 North step-down": a wing's compass word is a numbered ward's, not a person's.
    return (
        word[0].isupper()
        and word.lower() not in _COMPASS
        and (word.lower() in lexicon.EPONYMS or is_person_name(word))
    )


_UNIT_WORDS = frozenset(w.lower() for w in wordlists.words("ward_units"))


@functools.cache
def _unit_openers() -> frozenset[str]:
    from echo_cases.deid.derived import is_person_name

    return frozenset(
        w.lower()
        for w in wordlists.words("ward_unit_openers")
        if not (is_person_name(w) or is_person_name(w.capitalize()))
    )


_SPAN_WORD = regex.compile(r"[^\s,;:()]+")
_LAST_WORD = regex.compile(r"([^\s,;:()]+)[ \t]*$")


def is_bare_unit_word(text: str, start: int, end: int) -> bool:
    """ "neuro stepdown nsg note", "to stepdown in am": a unit's bare word, after nothing but
    its service or a going word, with ward words after it, is the ward's; any other word
    before it ("Baker Stepdown", "5 West stepdown") may be whom or where the unit is named."""
    words = [w.lower() for w in _SPAN_WORD.findall(text, start, end)]
    units = [i for i, w in enumerate(words) if w in _UNIT_WORDS]
    if not units:
        return False
    first = units[0]
    if any(w not in _unit_openers() for w in words[:first]):
        return False
    if any(not (w in _UNIT_WORDS or is_ward_word(w) or is_shorthand(w)) for w in words[first:]):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = _LAST_WORD.search(text, line_start, start)
    # After a line's start or a label's colon ("plan: stepdown"), the word stands alone.
    return before is None or before.group(1).lower() in _unit_openers()


def landmark_places(text: str) -> list[Span]:
    """ "behind githurai market", "near Gayaza high school", "zinga dispensary": unknown
    words right before a kind of landmark (the place) or of small facility (with it)."""
    spans = []
    for kind in by_opening_words(text, _landmark_pattern()):
        line = text[text.rfind("\n", 0, kind.start()) + 1 : kind.start()]
        in_capitals = line.upper() == line
        start = pos = kind.start()
        name_end = 0
        for _ in range(_MAX_NAME_WORDS):
            word = _WORD_BEFORE.match(text, 0, pos)
            if word is None:
                break
            if pos == kind.start() and _KIND_ACRONYM.fullmatch(word.group(1)):
                pos = word.start()  # "Abrafo CHPS compound": the acronym is of the kind
                continue
            if name_end and word.group(1).lower() in _JOINS:
                start = pos = word.start()
                continue
            if not (
                _names_a_place(word.group(1), in_capitals)
                or (kind.group("facility") and _someones_name(word.group(1)))
            ):
                break
            name_end = name_end or word.end(1)
            start = pos = word.start()
        if start < kind.start():
            if kind.group("facility"):
                level = _LEVEL.match(text, kind.end())
                spans.append(("FACILITY", start, level.end() if level else kind.end()))
            elif kind.group("street"):
                spans.append(("ADDRESS", start, kind.end()))
            else:
                spans.append(("CITY", start, name_end))
    return spans


@functools.cache
def _head_first_pattern() -> regex.Pattern[str]:
    heads = alternation(h.lower() for h in lexicon.FACILITY_HEADS_FIRST if " " in h or len(h) > 5)
    return regex.compile(rf"(?i)(?<![\w-])(?:{heads})(?![\w-])")


_STOPS = frozenset(w.lower() for w in _all_words("facility_name_stops"))
_PARTICLES = frozenset(
    {"de", "do", "da", "dos", "das", "del", "di", "el", "la", "las", "los", "of"}
)
_NEXT_WORD = regex.compile(rf"[ \t]+({_WORD})")
_MAX_FACILITY_WORDS = 5


def head_first_facilities(text: str) -> list[Span]:
    """ "referida ao hospital central de maputo para colposcopia", "puesto de salud
    llachón": a facility's head word first, then its name up to a word that goes on with
    the sentence; the name must hold a word that is no ordinary word ("hospital de día" is
    none)."""
    return _named_after_head(text, _head_first_pattern(), "FACILITY", full_names=True)


@functools.cache
def _landmark_head_pattern() -> regex.Pattern[str]:
    heads = alternation(_all_words("landmark_heads_first"))
    return regex.compile(rf"(?i)(?<![\w-])(?:{heads})(?![\w-])")


def head_first_landmarks(text: str) -> list[Span]:
    """ "vive a un lado de la iglesia de san juan", "atrás da igreja são josé": a landmark
    named head first (data/words/landmark_heads_first/) places the home as a village's
    market does; read as a facility's name is ("frente a la iglesia" names none)."""
    return _named_after_head(text, _landmark_head_pattern(), "CITY")


_SAINT_TITLES = frozenset(w.lower() for w in wordlists.words("saint_titles"))


def _words_of_a_name(text: str, pos: int, most: int) -> Iterator[regex.Match[str]]:
    """The words after ``pos`` that may name what a head or a kind opens, up to ``most``
    words: a particle counts but is passed over, since it joins the name's words ("centro de
    saúde de chamanculo"; "la" after "de" too) and never ends it; a facility's stop or a
    stop word ends it ("para colposcopia"; "Teaching Hospital on Apr-20")."""
    for _ in range(most):
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            return
        word = m.group(1).lower()
        pos = m.end()
        if word in _PARTICLES:
            continue
        if word in _STOPS or word in STOP_WORDS:
            return
        yield m


def _named_after_head(
    text: str, pattern: regex.Pattern[str], subtype: str, full_names: bool = False
) -> list[Span]:
    """``full_names``: a given name and a surname in a row name a facility though each is an
    ordinary word ("hospital central antonio maría pineda")."""
    from echo_cases.deid.candidates import is_listed_name, is_ordinary_word
    from echo_cases.deid.derived import is_person_name

    spans = []
    for head in by_opening_words(text, pattern):
        end = head.end()
        named = after_saint = after_a_name = False
        # Ordinary words before the name belong to it ("regional manuel núñez butrón").
        for m in _words_of_a_name(text, head.end(), _MAX_FACILITY_WORDS):
            word = m.group(1).lower()
            a_name = full_names and is_person_name(word)
            # A person's name names a facility too ("hôpital de district de bernard").
            # The word after a saint's title is the saint's name ("igreja são josé").
            ordinary = (
                is_ordinary_word(m.group(1))
                and not is_known_place(word)
                and not is_listed_name(m.group(1))
                and not after_saint
                and not (a_name and after_a_name)
            )
            after_a_name = a_name
            if named and ordinary:
                break  # "puesto de salud llachón señora": the sentence goes on
            end = m.end()
            named = not ordinary
            after_saint = word in _SAINT_TITLES
        if named:
            spans.append((subtype, head.start(), end))
    return spans


@functools.cache
def _kind_after_names_pattern() -> regex.Pattern[str]:
    kinds = alternation(_all_words("facility_kinds_after_names"))
    return regex.compile(rf"(?i)(?<![\w-])(?:{kinds})(?![\w-])")


_DESCRIPTORS = frozenset(_all_words("facility_descriptors"))
# Where a facility's name may start: a line or clause's start, or a word that says where.
_NAME_OPENERS = frozenset(("at", "to", "from", "in", "into", "the"))
# An app a message went by ("mandé whatsapp enfermería hospital civil") names a channel,
# and so opens what follows like a word that says where; a department's or a field's word
# of the note's language ("enfermería", "oncología") names no facility by itself.
_CHANNELS = frozenset(lexicon.APPS)
_DEPARTMENTS = frozenset(lexicon.FOREIGN_LABEL_WORDS)
_CLAUSE_START = regex.compile(r"(?:^|[,;:(\u2014\u2013-])[ \t]*\Z", regex.MULTILINE)
_MAX_ORDINARY_NAME_WORDS = 5
_NAME_JOINS = frozenset(("and", "of", "&"))
# An article or preposition right before the kind: "se avisó al hospital de las culturas",
# "took her to a hospital". No name stands before the kind then; the words further back
# are the sentence's, and what names the facility, if anything, follows the kind.
_BEFORE_AN_UNNAMED_KIND = frozenset(w.lower() for w in _all_words("words_before_an_unnamed_kind"))
# Two spaces or a tab part a header's or a form's fields.
_FIELD_GAP = regex.compile(r"[ ]{2,}|\t")


def _opens_a_name(text: str, line_start: int, pos: int, caseless: bool) -> bool:
    """Where a facility's name typed small may start with no word that says where: a clause's
    start in a line without case; in a line with capitals only the line's own start, where a
    note's heading names the place it was written ("ocean road cancer institute - ORCI day
    care"): after a comma or a colon the small letters may be prose going on."""
    if _WITH_SHORT.search(text, line_start, pos):
        return True  # "f/u w/ birchwood family pediatrics": "with" as the ward writes it
    if caseless:
        return bool(_CLAUSE_START.search(text, line_start, pos))
    return not text[line_start:pos].strip()


_WITH_SHORT = regex.compile(r"(?i)(?<![\w/])w/[ \t]*\Z")


def facilities_of_ordinary_words(text: str) -> list[Span]:
    """ "at mercy hospital", "cho ray hospital, hcmc", "moi teaching and referral hospital":
    in a line without case, the words before a facility's kind, back to a word that says
    where or a clause's start, when one of them is no kind of facility, no clinical word
    and no very common English word. In a line with capitals, a facility typed all in small
    letters after a word that says where counts too ("Referred from mahatma gandhi memorial
    hospital with a mass"): the sentence's capitals say nothing of the name."""
    from echo_cases.deid.candidates import is_caseless, is_clinical_word, is_function_word
    from echo_cases.deid.frequency import is_very_common_english_word

    spans = facilities_of_rare_names(text)
    for kind in by_opening_words(text, _kind_after_names_pattern()):
        line_start = text.rfind("\n", 0, kind.start()) + 1
        line_end = text.find("\n", kind.end())
        caseless = is_caseless(text[line_start : len(text) if line_end < 0 else line_end])
        if not (caseless or kind.group().islower()):
            continue
        start = pos = kind.start()
        naming = False
        opened = False
        named_after = False
        words = 0
        while words <= _MAX_ORDINARY_NAME_WORDS:
            word = _WORD_BEFORE.match(text, line_start, pos)
            if word is None:
                opened = _opens_a_name(text, line_start, pos, caseless)
                break
            if _FIELD_GAP.search(text, word.end(1), pos):
                opened = caseless  # "ICU PROGRESS  MULAGO ...": a header's fields apart
                break
            low = word.group(1).lower()
            if low in _NAME_OPENERS or low in _CHANNELS:
                opened = True
                break
            if not (caseless or word.group(1).islower()):
                break  # "from Mercy hospital": capitals are other finders' evidence
            if start == kind.start() and low in _BEFORE_AN_UNNAMED_KIND:
                named_after = True
            if start < kind.start() and low in _NAME_JOINS:
                # "moi teaching and referral": joined, not started, and no word of the name
                pos = word.start()
                continue
            words += 1
            if is_known_place(low) and low not in _PLACE_CUES and not is_function_word(low):
                # "kisii teaching and referral hospital": a town opens the facility's name
                start, naming, opened = word.start(), True, True
                break
            if is_function_word(low) or low in _PLACE_CUES:
                break
            if not (low in _DESCRIPTORS or low in _DEPARTMENTS or is_clinical_word(low)) and not (
                is_very_common_english_word(low) or len(low) < 3
            ):
                naming = True
            start = pos = word.start()
        if opened and naming and start < kind.start():
            if named_after:
                spans.append(("FACILITY", kind.start(), _name_after_kind(text, kind.end())))
            else:
                spans.append(("FACILITY", start, kind.end()))
    return spans


@functools.cache
def _kind_after_rare_names_pattern() -> regex.Pattern[str]:
    """The kinds a small-letter name closes only with a word that names (see below): the
    small facilities read in any case, bodies, the kinds of facility_kinds_after_rare_names/
    and the heads other languages write last; the kinds that close ordinary words are
    facilities_of_ordinary_words' own."""
    after_names = {k.lower() for k in _all_words("facility_kinds_after_names")}
    kinds = {
        k.lower()
        for k in (
            *_all_words("facility_kinds_in_any_case"),
            *_all_words("facility_kinds_after_rare_names"),
            *wordlists.words("organisation_heads"),
            *(
                w
                for name in wordlists.names("facility_heads_last")
                if name != "en"
                for w in wordlists.read("facility_heads_last", name)
            ),
        )
    } - after_names
    return regex.compile(rf"(?i)(?<![\w-])(?:{alternation(sorted(kinds))})(?![\w-])")


_MAX_RARE_NAME_WORDS = 3
_POSSESSIVE = regex.compile(r"['\u2019]s\Z")


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset(c.lower() for c in (*lexicon.COUNTRIES, *lexicon.COUNTRY_VARIANTS))


def _word_naming_a_facility(word: str) -> bool | None:
    """True for a word that names a facility typed in small letters: a known town, a
    country ("colombia health center"), somebody's name ("shepherd's hospice", "natalie
    ville"; an everyday English word that is a name, "memory", "hope", only as a possessive)
    or a word of five letters or more no language's frequency list holds; None for the
    clinic's word, which makes the kind a service ("oncology clinic", "wound clinic"); False
    for any other."""
    from echo_cases.deid.candidates import (
        is_clinical_word_of_any_language,
        is_listed_name,
        is_ordinary_word,
    )
    from echo_cases.deid.derived import is_person_name, is_rare_english_word
    from echo_cases.deid.frequency import is_english_word_written_small

    possessive = _POSSESSIVE.search(word) is not None
    low = _POSSESSIVE.sub("", word.lower())
    if low in _DESCRIPTORS:
        return False  # "regional", "cancer": what kind, not which
    if (
        low in _DEPARTMENTS
        or is_clinical_word_of_any_language(low)
        or is_shorthand(low)
        or is_ward_word(low)
    ):
        return None
    if len(low) < 3:
        return False
    if is_known_place(low) or low in _countries() or is_listed_name(low):
        return True
    if is_person_name(low):
        return possessive or not is_english_word_written_small(low)
    # A rare word of four letters or fewer typed small is as likely a service's acronym
    # ("mopc clinic"), and one English writes though too rare for the frequency lists is
    # English's ("podiatry clinic", "telehealth clinic").
    return len(low) > 4 and not (is_ordinary_word(low) or is_rare_english_word(low))


def facilities_of_rare_names(text: str) -> list[Span]:
    """ "at colombia health center", "with shepherd's hospice", "(natalie ville regional
    hospice)": in a line with no capital, one to three words before a kind of
    ``_kind_after_rare_names_pattern`` name a facility when one of them names
    (``_word_naming_a_facility``) and none is the clinic's. Generic kinds stay: "the health
    center", "a private clinic", "oncology clinic", "the cancer institute". In capitals or
    Title Case the capitals carry the name to the other finders."""
    from echo_cases.deid.candidates import is_function_word

    spans: list[Span] = []
    for kind in by_opening_words(text, _kind_after_rare_names_pattern()):
        line_start = text.rfind("\n", 0, kind.start()) + 1
        line_end = text.find("\n", kind.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if line != line.lower():
            continue
        start = pos = kind.start()
        naming = False
        words = 0
        while words < _MAX_RARE_NAME_WORDS:
            word = _WORD_BEFORE.match(text, line_start, pos)
            if word is None or _FIELD_GAP.search(text, word.end(1), pos):
                break
            low = word.group(1).lower()
            if low in _NAME_OPENERS or low in _CHANNELS or low in _PLACE_CUES:
                break
            if start == kind.start() and low in _BEFORE_AN_UNNAMED_KIND:
                break  # "her clinic", "a hospice"
            if start < kind.start() and low in _NAME_JOINS and low != "of":
                pos = word.start()  # "pain and palliative care society": joined
                continue
            if is_function_word(low) or low == "of":
                # "palliative care with shepherd's hospice", "dr wanjiru kamau of othaya
                # health centre": the sentence's word; "of" before the kind's own words
                # joins a person to where they work, not a name's halves.
                break
            names = _word_naming_a_facility(word.group(1))
            if names is None:
                # "oncology clinic", "kisumu oncology clinic": the clinic's word before the
                # kind makes it a service; further back ("seen kibera health centre") it is
                # the sentence's, and the name starts after it.
                break
            naming = naming or names
            words += 1
            start = pos = word.start()
        if naming and start < kind.start():
            spans.append(("FACILITY", start, kind.end()))
    return spans


_BODY_WORDS = frozenset(_all_words("words_continuing_a_body"))
# The last word of an English facility's kind ("Hospital", "Medical Centre", "Institute").
_LAST_HEAD_WORDS = frozenset(
    h.split()[-1].lower() for h in wordlists.read("facility_heads_last", "en")
)
_MAX_KIND_WORDS = 3
# A word after the kind that carries the name on past it (a body's word, a join, "for").
_WORDS_CONTINUING_A_NAME = _BODY_WORDS | _NAME_JOINS | {"for"}
_NEXT_LETTERS = regex.compile(rf"[ \t]+({_WORD})")


@functools.cache
def _one_place_opener_pattern() -> regex.Pattern[str]:
    openers = alternation(_all_words("facility_openers_of_one_place"))
    return regex.compile(rf"(?i)(?<![\w-])(?:{openers})(?![\w-])")


def facilities_of_one_place(text: str) -> list[Span]:
    """ "the National Cancer Centre", "NATIONAL ONCOLOGY CENTRE", "national radiotherapy
    centre": a facility named in words that each say only what kind it is, opened by a word
    that makes it the one of its country. facilities_of_ordinary_words wants a word of the
    name that is no kind; here the opener is that word. A scheme or a body named so ("the
    National Hospital Insurance Fund") is none: the word after the kind says so."""
    from echo_cases.deid.candidates import is_clinical_word

    spans = []
    for opener in by_opening_words(text, _one_place_opener_pattern()):
        pos = opener.end()
        end = 0
        for _ in range(_MAX_KIND_WORDS + 1):
            word = _NEXT_LETTERS.match(text, pos)
            if word is None:
                break
            low = word.group(1).lower()
            if low in _LAST_HEAD_WORDS:
                end = pos = word.end()
                continue
            if end or not (low in _DESCRIPTORS or is_clinical_word(low) or low in _NAME_JOINS):
                break
            pos = word.end()
        if not end:
            continue
        after = _NEXT_LETTERS.match(text, end)
        if after and after.group(1).lower() in _WORDS_CONTINUING_A_NAME:
            # "the national Hospice and Palliative Care Organization", "NATIONAL CENTRE FOR
            # RADIOTHERAPY" after its hospital: the name goes on past the kind, a body's or
            # a unit's, where this finder cannot tell its end.
            continue
        spans.append(("FACILITY", opener.start(), end))
    return spans


_MAX_WORDS_AFTER_KIND = 4


def _name_after_kind(text: str, pos: int) -> int:
    """Where a facility's name ends that follows its kind ("al hospital de las culturas
    en ...", "ao hospital municipal, ..."): its words up to one that goes on with the
    sentence, a stop word or punctuation; particles join words, never end the name."""
    end = pos
    for m in _words_of_a_name(text, pos, _MAX_WORDS_AFTER_KIND):
        end = m.end()
    return end


def places(text: str) -> list[Span]:
    """Every span of the three finders above."""
    return (
        numbered_wards(text)
        + landmark_places(text)
        + head_first_facilities(text)
        + head_first_landmarks(text)
        + facilities_of_ordinary_words(text)
        + facilities_of_one_place(text)
        + cued_places(text)
        + streets_in_small_letters(text)
        + numbered_streets(text)
        + settlements_named_after_kind(text)
    )


@functools.cache
def _settled_pattern() -> regex.Pattern[str]:
    cues = alternation(_all_words("settled_cues"))
    return regex.compile(rf"(?i)(?<![\w/-])(?:{cues})(?![\w/-])")


_FOLLOWING = regex.compile(rf"[ \t]+({_WORD})")
_MAX_PLACE_WORDS = 3


def cued_places(text: str) -> list[Span]:
    """ "lives alone in lepage since ...", "anakaa kobura karibu na ...", "taga lumbangan":
    after a word that says where somebody lives or comes from, the next words that are no
    ordinary or clinical word (or are a known town), in any case."""
    spans = []
    for cue_ in by_opening_words(text, _settled_pattern()):
        pos = end = cue_.end()
        for _ in range(_MAX_PLACE_WORDS):
            m = _FOLLOWING.match(text, pos)
            if (
                m is None
                or not _names_a_place(m.group(1))
                or m.group(1).endswith(("'s", "\u2019s"))  # "from Abebe's wife": a person
                or _settled_pattern().match(text, m.start(1))  # "kobura karibu na ombeyi"
            ):
                break
            pos = end = m.end()
        if end > cue_.end():
            start = _FOLLOWING.match(text, cue_.end()).start(1)  # type: ignore[union-attr]
            # A known town after a cue of the gazetteer's is the gazetteer's to report.
            if not (
                " ".join(cue_.group().lower().split()) in _PLACE_CUES
                and is_known_place(text[start:end])
            ):
                spans.append(("CITY", start, end))
    return spans


_HOUSE = r"\d{1,5}[a-z]?(?:[-/]\d{1,4}[a-z]?)?(?![\w/.,-]\d)"


@functools.cache
def _street_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    # Only the hand list: Faker's street words (locale_streets.py) are ordinary words of their
    # language too, which a note in small letters sets before a number ("área de 2 cm",
    # "retorno em 30 dias", "acceso periférico 2").
    heads = alternation(_all_words("street_heads_in_small_letters"))
    endings = alternation(
        w[1:].lower() for w in wordlists.words("street_words_before_number") if w.startswith("-")
    )
    # The number may follow the name after a comma, as Italian and Portuguese write it
    # ("rua augusta, 1508", "largo amorim, 39").
    head_first = regex.compile(
        rf"(?<![\w-])(?:{heads})[ \t]+(?:[\p{{Ll}}\p{{M}}'-]+[ \t]+){{0,4}}?"
        rf"(?:[\p{{Ll}}\p{{M}}'-]+,[ \t]*)?{_HOUSE}"
    )
    fused = regex.compile(rf"(?<![\w-])\p{{Ll}}[\p{{Ll}}\p{{M}}-]{{2,}}(?:{endings})[ \t]+{_HOUSE}")
    return head_first, fused


def streets_in_small_letters(text: str) -> list[Span]:
    """ "mora na rua das flores 88", "calle 8", "wohnt in der hauptstraße 14": a street and
    its house number typed without capitals (the rules of locations.py read them with)."""
    months = _months()
    return [
        ("ADDRESS", m.start(), m.end())
        for p in _street_patterns()
        for m in by_opening_words(text, p)  # the heads' pattern where a head starts
        if m.group().split()[0] not in months  # "7 martie 2024" is a date
    ]


@functools.cache
def _months() -> frozenset[str]:
    names = (*lexicon.MONTHS_FULL, *lexicon.MONTHS_FOREIGN, *lexicon.MONTHS_READ_ONLY)
    return frozenset(m.lower() for m in names)


# A single letter of the compass before a street's name ("18560 W Four Mile Rd", "100 s
# bliss ave"); the words of compass_words/ are read as they are.
_COMPASS_LETTERS = r"(?:[nsew]|ne|nw|se|sw)\.?"


@functools.cache
def _numbered_street_pattern() -> regex.Pattern[str]:
    kinds = alternation(_all_words("street_kinds_in_any_case"))
    compass = alternation(_COMPASS)
    return regex.compile(
        rf"(?i)(?<![\w/.,:-]){_HOUSE}[ \t]+(?:(?:{compass}|{_COMPASS_LETTERS})[ \t]+)?"
        rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]+(?:{kinds})(?![\w-])"
    )


def _names_a_street(word: str) -> bool:
    """A word a numbered street's name may hold: any but the clinic's and the sentence's
    joins ("Four Mile", "Bliss", "Main"); a number written out is a name's ("four")."""
    from spacy.lang.en.lex_attrs import like_num

    from echo_cases.deid.candidates import is_clinical_word, is_function_word

    return like_num(word) or not (is_function_word(word) or is_clinical_word(word))


def numbered_streets(text: str) -> list[Span]:
    """ "lives alone at 18560 w four mile rd", "100 S BLISS AVE": a house number, then a
    street's name and its kind, in any case; the number before says it is an address, so
    the name's words may be ordinary ones (the finders above need them not to be)."""
    return [
        ("ADDRESS", m.start(), m.end())
        for m in _numbered_street_pattern().finditer(text)
        if all(_names_a_street(w) for w in m.group("name").split())
    ]


@functools.cache
def _sentence_words() -> frozenset[str]:
    """Words that go on with the sentence after a settlement's name: spaCy's stop words of
    the languages its kinds are written in and of English
    (``data/words/settlement_sentence_languages.txt``), but a language's words that open
    names (``data/words/place_name_openers/``: "povoado são raimundo", "vila nova
    cachoeirinha")."""
    openers = wordlists.names("place_name_openers")
    words: set[str] = set()
    for lang in wordlists.read("settlement_sentence_languages"):
        stops = spacy_stop_words(lang)
        if lang in openers:
            stops = stops - set(wordlists.read("place_name_openers", lang))
        words |= stops
    return frozenset(words)


@functools.cache
def _kind_first_pattern() -> regex.Pattern[str]:
    kinds = alternation(
        _all_words("settlement_kinds_before")
        + _all_words("settlement_kinds_before_small")
        + _all_words("ways_and_quarters_before_small")
    )
    # A full stop after a short kind is its abbreviation's ("brgy. buhangin"); after a word
    # ("Oliveira do Bairro. Enf. Soraia") it ends the sentence.
    return regex.compile(rf"(?i)(?<![\w.@/-])(?:{kinds})(?:(?<=(?<![\w-])\w{{1,4}})\.|(?![\w.-]))")


# A numbered settlement: "purok 12", "ấp 4", "thôn 3", "purok b," (a number, or one letter
# the sentence cannot go on with: "xã a lưới" is a name).
_SETTLEMENT_NUMBER = regex.compile(
    r"[ \t]+(?:\d{1,3}[a-z]?(?!\w)(?![/.:-]\w)|[a-z](?=[ \t]*(?:[,.;:)\n]|$)))",
    regex.IGNORECASE | regex.MULTILINE,
)
# Where the kind is no part of the name, as the corpora label it: "kijiji cha [[Ikuna]]",
# "com. [[Bicaz-Chei]]", "vill. [[Char Kukri Mukri]]"; in the other languages it is
# ("[[colonia Rivera Hernández]]", "[[Barangay San Isidro]]", "[[xã Tân Phú]]"). Which
# languages: data/words/settlement_kinds_outside_the_name.txt.
_KINDS_OUTSIDE_THE_NAME = frozenset(
    w.lower()
    for lang in wordlists.read("settlement_kinds_outside_the_name")
    for kind in ("settlement_kinds_before", "settlement_kinds_before_small")
    if lang in wordlists.names(kind)
    for w in wordlists.read(kind, lang)
)
_ENGLISH_KINDS = frozenset(w.lower() for w in wordlists.read("settlement_kinds_before_small", "en"))
# Vietnamese names are of short syllables that are articles elsewhere ("bản hua la").
# Filipino notes mix English: "barangay captain", "brgy hall" name no barangay.
_FILIPINO_KINDS = frozenset(w.lower() for w in wordlists.read("settlement_kinds_before", "tl"))
_VIETNAMESE_KINDS = frozenset(w.lower() for w in wordlists.read("settlement_kinds_before", "vi"))
# A street's or a quarter's head is an everyday word too ("o jardim da casa", "la calle"):
# the words after one name it only if no everyday word, or somebody's name, or a place.
_WAYS_AND_QUARTERS = frozenset(w.lower() for w in _all_words("ways_and_quarters_before_small"))
_PLACE_NAME_OPENERS = frozenset(w.lower() for w in _all_words("place_name_openers"))


def _names_a_way_or_quarter(word: str, first: bool) -> bool:
    """The first word after the head is its name unless very common ("o jardim da casa");
    a later one only if no everyday word, somebody's name or a place ("rua agostinho de
    souza", not "jardim ângela faltou")."""
    from echo_cases.deid.candidates import is_ordinary_word
    from echo_cases.deid.derived import is_person_name
    from echo_cases.deid.frequency import is_very_common_word

    low = word.lower()
    if low in _SAINT_TITLES or low in _PLACE_NAME_OPENERS:
        return True  # "jardim são luís", "parque santo antônio"
    if is_very_common_word(word):
        return False
    return first or not is_ordinary_word(word) or is_person_name(word) or is_known_place(word)


@functools.cache
def _vietnamese_stops() -> frozenset[str]:
    return spacy_stop_words("vi") | STOP_WORDS


def _names_a_settlement(word: str, english: bool, vietnamese: bool = False) -> bool:
    """A word of a settlement's name after its kind: the kind says a place follows, so in a
    language other than English a word that is ordinary somewhere ("barrio de mexicanos",
    "vila nova cachoeirinha") names it unless it goes on with the sentence or is clinical;
    after an English kind ("village elder") only a word no ordinary one does."""
    from echo_cases.deid.candidates import is_clinical_word

    low = word.lower()
    if english:
        return _names_a_place(word)
    if vietnamese:
        stops: frozenset[str] = _vietnamese_stops()
    else:
        stops = _sentence_words()
    return not (
        low in stops
        or low in _PLACE_CUES
        or is_clinical_word(low)
        or is_shorthand(word)
        or is_ward_word(word)
        or _kind_first_pattern().fullmatch(word) is not None
    )


def _english_not_a_name(word: str) -> bool:
    """An English word after a Filipino kind ("barangay captain"); a saint's title or a
    known town is a name's ("brgy. san isidro")."""
    from echo_cases.deid.frequency import is_english_word_written_small

    low = word.lower()
    return (
        is_english_word_written_small(low) and low not in _SAINT_TITLES and not is_known_place(low)
    )


def _in_a_line_of_capitals(text: str, kind: regex.Match[str]) -> bool:
    """The kind's line has letters in capitals only, and more than the kind's own."""
    start = text.rfind("\n", 0, kind.start()) + 1
    end = text.find("\n", kind.end())
    line = text[start : end if end >= 0 else len(text)]
    return line.isupper() and sum(c.isalpha() for c in line) > 2 * len(kind.group())


def settlements_named_after_kind(text: str) -> list[Span]:
    """ "xã nà phặc", "brgy. buhangin, purok 12", "ranchería el sabino", "barrio de
    mexicanos", "village rampur kalan": a kind of settlement written before its name, then
    the name in small letters (locations.py reads it with capitals): up to three words, or
    a number; the kind is part of the place, as "Barangay San Isidro" is."""
    from echo_cases.deid.candidates import is_ordinary_word

    spans = []
    from echo_cases.deid.note_languages import in_everyday_compound

    for kind in by_opening_words(text, _kind_first_pattern()):
        if in_everyday_compound(text, kind.start()):
            continue  # "biên bản hội chẩn": the minutes of a meeting, no hamlet
        english = kind.group().rstrip(".").lower() in _ENGLISH_KINDS
        vietnamese = kind.group().lower() in _VIETNAMESE_KINDS
        filipino = kind.group().rstrip(".").lower() in _FILIPINO_KINDS
        way = kind.group().lower() in _WAYS_AND_QUARTERS
        if way and not kind.group().islower() and not _in_a_line_of_capitals(text, kind):
            # "Her son Rua brings her": a head in capitals may be somebody; locations.py
            # reads streets with capitals. In a line all in capitals they say nothing, and
            # the head is read as in small letters ("FICA NA RUA AGOSTINHO DE SOUZA").
            continue
        number = _SETTLEMENT_NUMBER.match(text, kind.end())
        if number is not None and not english:
            spans.append(("CITY", kind.start(), number.end()))
            continue
        pos = end = kind.end()
        words = 0
        while words < _MAX_PLACE_WORDS:
            m = _FOLLOWING.match(text, pos)
            if m is None:
                break
            if m.group(1).lower() in _PARTICLES and not vietnamese:
                pos = m.end()  # "ranchería el sabino": in the span only if a word follows
                continue
            if filipino and _english_not_a_name(m.group(1)):
                break
            if way and not _names_a_way_or_quarter(m.group(1), first=words == 0):
                break
            if in_everyday_compound(text, m.start(1)):
                break  # "xã hội chẩn ...": a word of talk, no name
            if not _names_a_settlement(m.group(1), english, vietnamese) or (
                words == 2 and is_ordinary_word(m.group(1)) and not is_known_place(m.group(1))
            ):
                break  # a third word must be no ordinary one: "vila nova cachoeirinha passou"
            pos = end = m.end()
            words += 1
        if end > kind.end():
            outside = kind.group().lower() in _KINDS_OUTSIDE_THE_NAME
            start = _FOLLOWING.match(text, kind.end()).start(1) if outside else kind.start()  # type: ignore[union-attr]
            spans.append(("CITY", start, end))
    return spans
