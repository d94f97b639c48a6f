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
from pathlib import Path

import regex
from spacy.lang.en.stop_words import STOP_WORDS

from echo_cases.deid.candidates import is_function_word, is_ordinary_word, is_ward_note
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.nlp import MODEL_SECOND_PATH
from echo_cases.deid.recognizers.learned import STREET_WORDS
from echo_cases.deid.types import EntityType

SETTING = "ECHO_DEID_SECOND_MODEL"
# Whether the shipped second model is used when the setting is unset.
ON_BY_DEFAULT = True
_OFF = frozenset({"off", "0", "false", "no", ""})
# The kinds of the second model's findings that are added. Names and places have no shape a
# rule reads, and they are what it adds on text it never saw; its dates, ages, numbers and
# contacts added mostly false alarms ("extension 15 degrees") to what the rules already find.
ADDED_KINDS = frozenset({EntityType.PERSON, EntityType.LOCATION})


def second_model_path() -> Path | None:
    """The second model's directory, or None for the first model alone."""
    value = os.environ.get(SETTING)
    if value is None:
        return MODEL_SECOND_PATH if ON_BY_DEFAULT and MODEL_SECOND_PATH.is_dir() else None
    if value.strip().lower() in _OFF:
        return None
    return Path(value)


_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'\u2019-]*")


def held_to_the_rules(text: str, start: int, end: int) -> bool:
    """Whether a name or place the second model alone found stands where the rules would
    let the first model's stand.

    The first model's findings in these positions were tuned away over many sessions; the
    second model's are new there, so the classes are held to here, not string by string:
    - in a ward note, the ward's words and values are read as names and places by a model
      trained on prose; the first model alone speaks there;
    - a name or place has no function word at its edge ("7 Songs Of", "But Really Adore":
      words of a title in Title Case, which the place rules refuse too);
    - a number with only common words after it, none a street's, is a quantity ("15
      degrees", "3 tablets"), not a house and its street.
    """
    if is_ward_note(text):
        return False
    words = _WORD.findall(text, start, end)
    # A name may open with a particle ("van Gogh", "The Hague"), but ends with none.
    if words and (is_function_word(words[0]) or words[-1].lower() in STOP_WORDS):
        return False
    return not (text[start:end].lstrip()[:1].isdigit() and all(_a_quantitys_word(w) for w in words))


def _a_quantitys_word(word: str) -> bool:
    """A small-letter ordinary word that names no street nor known place ("degrees")."""
    return (
        word.islower()
        and is_ordinary_word(word)
        and word not in STREET_WORDS
        and not is_known_place(word)
    )
