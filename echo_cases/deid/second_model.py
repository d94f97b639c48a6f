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

from echo_cases.deid.nlp import MODEL_SECOND_PATH
from echo_cases.deid.types import EntityType

SETTING = "ECHO_DEID_SECOND_MODEL"
# Whether the shipped second model is used when the setting is unset.
ON_BY_DEFAULT = False
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
