"""Grow a place a rule or the model found over the words of its name it stopped short of.

Finders stop at the first word they cannot vouch for, so a place is often found without
part of its name:
- the title of the saint it is named for: "St. Michael" catholic church, "st. mary's
  mission hospital", "kanisa la Mt. Yosefu" (a saint found as a person, with a church or a
  school after it, is the place's name, not a person);
- the kind of facility written short after it: "Gulu RRH", "NANKOMA HC IV", "thika level
  5" (data/words/generic_facility_acronyms.txt, facility_levels/), or before it: "CS
  Walia", "CMA de Pissy";
- the house number after a number sign, which only addresses write: "calle 12 n.º 1530",
  "Av. Juan Pablo II N° 4420", "cra 7 # 45-10";
- the street word before a person a street is named for: "Av. Juan Pablo II", "avenue
  Tombalbaye n° 7" (data/words/street_words_before_name/);
- the known town written right after a facility, a blank apart, as hubs name a hospital
  by its short form and its city ("INMOL lahore", "sgpgi lucknow", "NCI Cairo"): right
  after a place is where a place can sit, as after a comma (gazetteer.py).
Each test reads a few characters beside a span already found: no regex runs over the text.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.entities import entity_type_of
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.types import EntityType

_SAINTS = frozenset(w.lower() for w in wordlists.words("saints_in_place_names"))
# After a space, a line's start or an opening bracket: "sr/st 90s" is a heart rhythm.
_WORD_OPENS = r"(?<=^|[\s(\"'\u201c])"
_SAINT_BEFORE = regex.compile(rf"(?i){_WORD_OPENS}(?:{alternation(sorted(_SAINTS))})\.?[ \t]+\Z")
# What a saint's name names: a church, a school, a hospital ("St. Patrick's high school").
_NAMED_FOR_A_SAINT = frozenset(
    word.lower()
    for entry in (
        *wordlists.words("landmark_kinds"),
        *wordlists.words("facility_words"),
        *lexicon.FACILITY_HEADS_LAST,
        *wordlists.words("kinds_named_for_saints"),
    )
    for word in entry.split()
)
_WORDS_AFTER = regex.compile(r"(?:['\u2019]s)?(?:[ \t]+([\p{L}\p{M}]+)){1,3}")
_WORDS_BEFORE = regex.compile(r"(?:([\p{L}\p{M}]+)[ \t]+){1,2}\Z")

_ACRONYMS = wordlists.words("generic_facility_acronyms")
_ROMAN_TIER = r"(?:[ \t]?(?i:II|III|IV))?"
# Short kinds read in any case from three letters ("gulu rrh"); two letters only as
# written ("Kisii GH"): "ch", "dh" in small letters are other words.
_KIND_AFTER = regex.compile(
    r"[ \t]+(?:"
    rf"(?i:{alternation(a for a in _ACRONYMS if len(a) >= 3)}){_ROMAN_TIER}"
    rf"|{alternation(a for a in _ACRONYMS if len(a) < 3)}{_ROMAN_TIER}"
    rf"|(?i:{alternation(wordlists.words('facility_levels'))})[ \t]+[1-6]"
    r")(?![\w-])"
)

# "CMA de Pissy", "CS du Plateau": the word for "of" may join the kind and its place.
_OF_BEFORE_PLACE = r"(?:[ \t]+(?i:de|du|del|de la))?[ \t]+\Z"
# The kinds francophone Africa writes before the place they serve (data/words/
# facility_kinds_before_place/): "CS Walia", "CMA Pissy", "cma kossodo"; two letters only
# as written ("cs" in small letters is a caesarean).
_KINDS_FIRST = wordlists.words("facility_kinds_before_place")
_LONG_KINDS = alternation(a for a in _KINDS_FIRST if len(a) >= 3)
_KIND_BEFORE = regex.compile(
    rf"{_WORD_OPENS}(?:(?i:{_LONG_KINDS})"
    rf"|{alternation(a for a in _KINDS_FIRST if len(a) < 3)}){_OF_BEFORE_PLACE}"
)

_STREET_WORDS = frozenset(
    w.lower().rstrip(".") for w in wordlists.words("street_words_before_name")
)
# As listed, in any case: a short form keeps its full stop ("al." is a Polish avenue, "al"
# a Spanish "to the").
_STREET_WORD_BEFORE = regex.compile(
    rf"(?i){_WORD_OPENS}(?:{alternation(sorted(set(wordlists.words('street_words_before_name'))))})"
    r"[ \t]+\Z"
)
# "n°", "nº", "n.º", "N°" are written only before a house number; "#" and "No." are
# also a bed's or a list's, so they count only after a street.
_SIGN_ONLY_OF_ADDRESSES = r"[nN](?:[°º]|\.[ \t]?[°º])"
_SIGN_AFTER_STREETS = r"(?:#|(?i:no|nr|número|numero)\.?)"
_HOUSE_NUMBER = r"[ \t]*\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?(?![\w/.,]\d)"
# A pope's or a king's number ends a street's name: "Av. Juan Pablo II", "Av. Juan XXIII".
_ROMAN_NAME_PART = r"(?:[ \t]+(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})(?![\w]))?"
_NUMBER_AFTER_SIGN = regex.compile(
    rf"{_ROMAN_NAME_PART}[ \t]*,?[ \t]*{_SIGN_ONLY_OF_ADDRESSES}{_HOUSE_NUMBER}"
)
_NUMBER_AFTER_STREET = regex.compile(
    rf"{_ROMAN_NAME_PART}[ \t]*,?[ \t]*(?:{_SIGN_ONLY_OF_ADDRESSES}|{_SIGN_AFTER_STREETS})"
    rf"{_HOUSE_NUMBER}"
)
_LOOK_BACK = 24
# "kisumu town stage": a matatu stage is told "stage" alone after its town.
_TOWN_BEFORE_LANDMARK = regex.compile(
    rf"[ \t]+(?i:{alternation(wordlists.words('towns_before_landmarks'))})"
    rf"(?=[ \t]+(?i:{alternation((*wordlists.words('landmark_kinds'), 'stage'))})(?![\w-]))"
)
_SIGN_CUT = frozenset(("N°", "Nº", "n°", "nº"))
_POSSESSIVE = regex.compile(r"['\u2019]s(?!\w)")
_FIRST_WORD = regex.compile(r"\p{L}+")


def grow_places(text: str, results: list[RecognizerResult]) -> None:
    """Grow places (and saints' and streets' namesakes found as persons) in place."""
    for res in results:
        kind = entity_type_of(res.entity_type)
        if kind is EntityType.PERSON:
            _person_naming_a_place(text, res)
            kind = entity_type_of(res.entity_type)
        if kind is not EntityType.LOCATION:
            continue
        saint = _SAINT_BEFORE.search(text, max(0, res.start - _LOOK_BACK), res.start)
        if saint:
            res.start = saint.start()
            # "st. columba's primary school": the possessive is the name's, not a person's.
            possessive = _POSSESSIVE.match(text, res.end)
            if possessive:
                res.end = possessive.end()
        street = _STREET_WORD_BEFORE.search(text, max(0, res.start - _LOOK_BACK), res.start)
        if street:
            res.start = street.start()
        kind_before = _kind_before(_KIND_BEFORE, text, res.start)
        if kind_before is not None:
            res.start = kind_before
        street_first = _FIRST_WORD.match(text, res.start, res.end)
        on_a_street = street_first is not None and street_first.group().lower() in _STREET_WORDS
        if text[res.end - 1 : res.end + 1] in _SIGN_CUT:
            res.end -= 1  # "AV. JUAN XXIII N" found, "° 1187" left: read the sign whole
        number = (_NUMBER_AFTER_STREET if on_a_street else _NUMBER_AFTER_SIGN).match(text, res.end)
        if number:
            res.end = number.end()
        kind_after = _KIND_AFTER.match(text, res.end) or _TOWN_BEFORE_LANDMARK.match(text, res.end)
        if kind_after:
            res.end = kind_after.end()
        res.end = _town_after(text, res.end)


_TOWN_WORDS_AFTER = regex.compile(r"(?:[ \t]+([\p{L}\p{M}]+(?:['\u2019-][\p{L}\p{M}]+)*)){1,3}")
_MAX_TOWN_WORDS = 3


def _town_after(text: str, end: int) -> int:
    """``end`` moved over a known town of up to three words a blank after a place's name;
    one word must be no known or clinical word ("at NORI today", "at KNH given")."""
    from echo_cases.deid.candidates import is_clinical_word
    from echo_cases.deid.gazetteer import is_known_place
    from echo_cases.deid.vocabulary import is_known_word

    if end >= len(text) or text[end] not in " \t" or not text[end - 1 : end].isalpha():
        return end  # a postcode's town ("2800 Mechelen") is the address line's to read
    words = _TOWN_WORDS_AFTER.match(text, end, min(len(text), end + 60))
    if words is None:
        return end
    found = words.captures(1)
    ends = words.ends(1)
    for n in range(min(len(found), _MAX_TOWN_WORDS), 0, -1):
        name = " ".join(found[:n])
        if not is_known_place(name):
            continue
        if n == 1 and (is_known_word(name) or is_clinical_word(name)):
            return end
        return ends[n - 1]
    return end


# A person right after a kind of three letters or more is the place it serves: "CMA de
# Pissy", "CMA KOSSODO" (two letters are other words too: "CS Mary" may be a caesarean's);
# not after a kind that is also a title ("CHR Delbert", a community health representative).
_LONG_KIND_BEFORE = regex.compile(rf"{_WORD_OPENS}(?i:{_LONG_KINDS}){_OF_BEFORE_PLACE}")


def _kind_before(pattern: regex.Pattern[str], text: str, start: int) -> int | None:
    """Where a kind written before a place opens, right before ``start``; none where the
    kind is also a title ("CHR Delbert", a community health representative)."""
    kind = pattern.search(text, max(0, start - _LOOK_BACK), start)
    if kind is None or kind.group().split()[0].lower() in lexicon.TITLE_WORDS:
        return None
    return kind.start()


def _person_naming_a_place(text: str, res: RecognizerResult) -> None:
    start = max(0, res.start - _LOOK_BACK)
    kind = _kind_before(_LONG_KIND_BEFORE, text, res.start)
    if kind is not None:
        res.start, res.entity_type = kind, "FACILITY"
        return
    saint = _SAINT_BEFORE.search(text, start, res.start)
    if saint and _names_a_kind_beside(text, saint.start(), res.end):
        res.start, res.entity_type = saint.start(), "FACILITY"
        return
    street = _STREET_WORD_BEFORE.search(text, start, res.start)
    # Short street words in small letters are other words too ("et al. Smith").
    if street and (street.group()[0].isupper() or len(street.group().rstrip(". \t")) >= 3):
        res.start, res.entity_type = street.start(), "ADDRESS"


def _names_a_kind_beside(text: str, start: int, end: int) -> bool:
    """A church, a school or a hospital within three words after the saint's name, or
    within two before the title ("kanisa la Mt. Yosefu", "chapel of St. Anne")."""
    after = _WORDS_AFTER.match(text, end, min(len(text), end + 40))
    before = _WORDS_BEFORE.search(text, max(0, start - 30), start)
    return any(
        w.lower() in _NAMED_FOR_A_SAINT
        for m in (after, before)
        if m is not None
        for w in m.captures(1)
    )
