"""Staff named after their role in a ward note: "RT DELACROIX ADJUSTED VENT", "pa hale
ordered abg", "nnp bree aware of brady", "charge bishop aware of plt 6".

The ward writes a role's short form before the person (data/words/care_roles/), but the
same letters are often something else: "rt" is right ("rt arm iv"), "pa" the pulmonary
artery ("PA 38/20", "pa cath"). What settles it is what follows the word after the role: a
person does something on the ward ("aware", "adjusted", "paged", "at bedside";
data/words/staff_acts.txt), an arm or a catheter does not. The one or two words between are
a name when each is no word of the clinic nor a plain English word, or is somebody's name
somewhere ("pa cross", "rt moss").
"""

from __future__ import annotations

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.candidates import (
    is_clinical_word,
    is_function_word,
    is_ordinary_word_of_the_clinic,
    is_ward_note,
)
from echo_cases.deid.derived import (
    is_drug_name,
    is_person_name,
    is_plain_english_word,
    is_rare_english_word,
)
from echo_cases.deid.frequency import is_very_common_word
from echo_cases.deid.recognizers.fragments import alternation
from echo_cases.deid.shorthand import is_ward_word

_ROLES = frozenset(w.lower() for w in wordlists.words("care_roles"))
_ACTS = wordlists.words("staff_acts")
# The patient is named so too, by the English short label: "PT JASPER C/O ITCHY THROAT".
_PATIENT = frozenset(w.lower() for w in wordlists.read("patient_short_labels", "en"))
_ROLE = regex.compile(rf"(?<![\w'\u2019/-])(?i:{alternation(sorted(_ROLES | _PATIENT))})\.?[ \t]+")
_WORD = regex.compile(r"\p{L}[\p{L}'\u2019-]*\p{L}(?![\w/])")
_SPACE = regex.compile(r"[ \t]+")
_ACT_AFTER = regex.compile(rf"[ \t]*,?[ \t]+(?i:{alternation(_ACTS)})(?![\w'\u2019/-])")
_ACT_WORDS = frozenset(w for act in _ACTS for w in act.split())
# Or a number to reach the person by: "surgery pa wren pgr 3098", "lactation consultant
# siobhan reilly ext 5124" (data/words/paging_words/, phone_extension_words.txt).
_NUMBER_WORDS = (*wordlists.words("paging_words"), *wordlists.words("phone_extension_words"))
_CONTACT_AFTER = regex.compile(
    rf"[ \t]*,?[ \t]+(?i:{alternation(_NUMBER_WORDS)})\.?[ \t]*[:#]?[ \t]*\d"
)
_SITES = frozenset(wordlists.words("sites_after_a_side"))
# A given name and a surname at most: "lactation consultant annika lindqvist met mom".
_MAX_NAME_WORDS = 2
_MIN_LETTERS = 3
# A short ward note: fewer words, and a smaller share of them the clinic's, than
# candidates.is_ward_note asks of a note (every ward note is one of these too).
_MIN_NOTE_WORDS = 8
_SHORT_NOTE_SHARE = 0.25


def may_be_staff_name(word: str) -> bool:
    """A word that can name a person after a role: no word of the clinic, the ward or the
    note's grammar, and either somebody's name ("Moss") or no plain English word ("Okafor",
    though the web's lists hold it); never "arm", "cath", "team", "dept"."""
    low = word.lower()
    if len(word) < _MIN_LETTERS or low in _ROLES | _PATIENT or low in _ACT_WORDS | _SITES:
        return False
    if is_function_word(word) or is_drug_name(word):
        return False
    # A surname the clinic also writes ("Cross", "Moss") is a name where an act follows.
    if is_person_name(word):
        return True
    if is_clinical_word(word) or is_ordinary_word_of_the_clinic(word) or is_ward_word(word):
        return False
    english = is_plain_english_word(word) or is_rare_english_word(word)
    return not (english or is_very_common_word(word))


def _name_before_an_act(text: str, pos: int) -> tuple[int, int] | None:
    """One or two name words at ``pos`` that something a person does, or a number to reach
    them by, follows."""
    start = None
    for _ in range(_MAX_NAME_WORDS):
        word = _WORD.match(text, pos)
        if word is None or not may_be_staff_name(word.group()):
            return None
        start = word.start() if start is None else start
        if _ACT_AFTER.match(text, word.end()) or _CONTACT_AFTER.match(text, word.end()):
            return start, word.end()
        gap = _SPACE.match(text, word.end())
        if gap is None:
            return None
        pos = gap.end()
    return None


def _dense_with_the_clinic(text: str) -> bool:
    """A ward note, or a short one ("nicu nights / nnp bree aware of brady to 68"), with a
    quarter of its words the clinic's at least: a role then an act already say a lot, and
    prose, letters and chat have fewer (candidates.WARD_NOTE_SHARE)."""
    return is_ward_note(text, min_words=_MIN_NOTE_WORDS, share=_SHORT_NOTE_SHARE)


def staff_after_roles(text: str) -> list[tuple[int, int]]:
    """Names after a care team's role that an act on the ward follows, in a ward note.
    Asked whatever the model found there: a span of its own over the name may yet be
    dropped as the ward's words ("MOSS COVERING PODS")."""
    if not _dense_with_the_clinic(text):
        return []
    found = []
    for role in _ROLE.finditer(text):
        span = _name_before_an_act(text, role.end())
        if span:
            found.append(span)
    return found
