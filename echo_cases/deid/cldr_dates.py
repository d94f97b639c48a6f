"""CLDR's month and weekday names of every chosen locale, read from a generated file.

``data/cldr_date_words.txt`` is written by scripts/deid/build_date_words.py from the
Unicode CLDR data babel ships (babel is a dev dependency: the runtime only reads the
file). A *strong* month ("stycznia", "ማርች", "كانون الثاني") is a date beside a day or a
year; a *weak* one is also an ordinary word of another language or clinical vocabulary
("mar", "out", "sie", "lis") and is a date only with its day and its year both. No name
is a date alone.
"""

from __future__ import annotations

import functools
from importlib.resources import files

_FILE = files("echo_cases.deid") / "data" / "cldr_date_words.txt"


@functools.cache
def _entries() -> tuple[tuple[str, str, str], ...]:
    """(kind, strength, word) of every line, in file order."""
    found = []
    for line in _FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, strength, word, _locales = line.split("\t")
        found.append((kind, strength, word))
    return tuple(found)


def months(strength: str) -> tuple[str, ...]:
    """Month names and abbreviations of one strength ("strong" or "weak"), small letters."""
    return tuple(w for k, s, w in _entries() if k == "month" and s == strength)


def weekdays() -> tuple[str, ...]:
    """Weekday names and abbreviations that are no ordinary word elsewhere, small letters
    ("środa", "ሰኞ"; not "sat", "mar", "son")."""
    return tuple(w for k, s, w in _entries() if k == "weekday" and s == "strong")
