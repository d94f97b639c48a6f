"""Fill layout strings: '#' digit, '%' non-zero digit, '@' capital letter, {field} placeholders."""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections.abc import Callable, Mapping

_FIELD = re.compile(r"\{([A-Za-z_]+)\}")


def fill_pattern(pattern: str, rng: random.Random) -> str:
    """Replace pattern characters by random digits and letters; keep everything else."""
    out = []
    for char in pattern:
        if char == "#":
            out.append(str(rng.randrange(10)))
        elif char == "%":
            out.append(str(rng.randrange(1, 10)))
        elif char == "@":
            out.append(rng.choice(string.ascii_uppercase))
        else:
            out.append(char)
    return "".join(out)


def fill_fields(layout: str, fields: Mapping[str, Callable[[], str]]) -> str:
    """Replace each {field} by a fresh call of its filler (so two {n} get two numbers)."""
    return _FIELD.sub(lambda match: fields[match.group(1)](), layout)


def is_latin(text: str) -> bool:
    """Whether every letter of the text is Latin script (initials and upper case make sense)."""
    return all(
        char.isascii() or "LATIN" in unicodedata.name(char, "") for char in text if char.isalpha()
    )
