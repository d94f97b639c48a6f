"""The street words of every Faker address locale, by their place beside the house number.

Read from ``data/locale_street_words.txt``, which ``scripts/deid/build_locale_streets.py``
generates from Faker's address providers (every locale's street prefixes and suffixes,
placed by the streets Faker writes with them). The rules of ``recognizers/locations.py``
read them with the hand-written lists of the same role, so they count only in an address
position: a street word, a name with a capital and a house number together.
"""

from __future__ import annotations

from importlib.resources import files

_SOURCE = files("echo_cases.deid") / "data" / "locale_street_words.txt"


def _sections() -> dict[str, tuple[str, ...]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in _SOURCE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line.partition(" = ")[0])
    return {name: tuple(words) for name, words in sections.items()}


_READ = _sections()
# "Incrocio Gozzi, 5", "Aleea Nistor Nr. 877": the word opens the street, its number ends it.
BEFORE_NAME: tuple[str, ...] = _READ.get("before_name", ())
# "Kiannonkatu 98" ("-katu", fused), "Kossuth utca 12" (apart): the word just before the number.
BEFORE_NUMBER: tuple[str, ...] = _READ.get("before_number", ())
# "Appartamento 58", "Apto. 12": a dwelling's unit before its number, after a street found.
UNITS: tuple[str, ...] = _READ.get("units", ())
