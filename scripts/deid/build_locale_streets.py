"""Write echo_cases/deid/data/locale_street_words.txt: the street words of every Faker
address locale, sorted by where they stand beside the house number.

Faker's address providers hold each locale's street vocabulary (its street prefixes and
suffixes, long and short) and the layouts that put it beside a house number. Which role a
word plays is read from the streets Faker writes with it, not assumed from the
attribute's name: 400 streets a locale (seed 1) are generated and each word counted where
it stands:

* ``before_name``: the street's first word, the house number at its end ("Incrocio Gozzi,
  5", "Trevo Maria Oliveira, 9", "Aleea Nistor Nr. 877"), read by the rule of
  ``recognizers/locations.py`` that takes a street word, a name with a capital and a
  number (as ``data/words/street_words_before_name/``);
* ``before_number``: the word right before the house number, apart from the name
  ("Kossuth utca 12"), or an ending fused to the name, written with a leading "-"
  ("-vej", "-gatan"), read as ``data/words/street_words_before_number/`` is;
* ``units``: the words of a dwelling's unit before its number in the locale's
  secondary-address layouts ("Appartamento 58", "Of. 305", "Apto. 12"), read as
  ``data/words/address_units/`` is: after a street found, or two in a row.

Each word is read only in that address position (a capitalised name and a house number
beside it), never alone. Left out: words English writes often (wordfreq Zipf >= 3:
"Via", "Ring", "Vale", "Square"), since a note in English could set one before a name
and a number; short forms of one letter ("R."); words in scripts without capitals
(the rules need a capital to start the name).

Sources: Faker (MIT licence, https://github.com/joke2k/faker), the version pinned in
constraints.txt; wordfreq (Apache-2.0 code, data CC BY-SA 4.0) for the English filter.
Build-time and runtime both have them already; the runtime reads only the written file.

usage: python scripts/deid/build_locale_streets.py [OUT]
"""

from __future__ import annotations

import argparse
import collections
import pkgutil
import re
from importlib.metadata import version
from pathlib import Path

import faker
import faker.providers.address as address_providers
import wordfreq
from faker import Faker

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "echo_cases" / "deid" / "data" / "locale_street_words.txt"
SAMPLES = 400
# A word must stand in its role in 3 of a locale's streets: one stray prefix of a compound
# ("Lentokapteenin ") is no street word of its own.
MIN_COUNT = 3
# An ending fused to a name needs five letters: "-lia", "-roa", "-vika" end "Australia",
# "Amelia" and "Erika" too (the hand lists hold the short ones they trust: "-vej", "-weg").
MIN_ENDING = 5
ENGLISH_ZIPF = 3.0
ROLES = ("before_name", "before_number", "units")
# A unit's word in a secondary-address layout: the word before a number's placeholder.
UNIT_WORD = re.compile(r"(?<![\w.])(\w[\w]*)\.?[ \t]+[#%@]")
HOUSE_NUMBER = re.compile(r"^(?:No\.?|Nr\.?|N°|Nº|#)?\d")


def _provider(fake: Faker) -> object:
    return next(
        p for p in fake.get_providers() if p.__module__.startswith(address_providers.__name__)
    )


def street_vocabulary(fake: Faker) -> set[str]:
    """Every street prefix and suffix the locale's provider (and its parents) holds."""
    words: set[str] = set()
    for cls in type(_provider(fake)).__mro__:
        for attr, value in vars(cls).items():
            if "street" not in attr or not ("prefix" in attr or "suffix" in attr):
                continue
            if isinstance(value, (list, tuple, dict)):
                words.update(str(w).strip() for w in value if str(w).strip())
    return words


def usable(word: str) -> bool:
    """A word the rules may read: it has a capital form, two letters, and is rare English."""
    letters = word.rstrip(".").lstrip("-")
    if len(letters) < 2 or not letters.isalpha() or letters.lower() == letters.upper():
        return False
    return wordfreq.zipf_frequency(letters, "en") < ENGLISH_ZIPF


def roles(locale: str) -> dict[str, collections.Counter[str]]:
    """How often each of a locale's street words stood in each role, in its own streets."""
    fake = Faker(locale)
    fake.seed_instance(1)
    vocabulary = street_vocabulary(fake)
    counts: dict[str, collections.Counter[str]] = {r: collections.Counter() for r in ROLES}
    for _ in range(SAMPLES):
        street = fake.street_address().replace("\n", " ")
        tokens = [t.rstrip(",") for t in street.split()]
        numbers = [i for i, t in enumerate(tokens) if HOUSE_NUMBER.match(t)]
        if not numbers or any(re.search(r"\d", t) for t in tokens[: numbers[0]]):
            continue  # no number, or a number first: the English order, not read here
        number = numbers[0]
        if number == 0:
            continue
        if tokens[0] in vocabulary and number > 1:
            counts["before_name"][tokens[0]] += 1
        before = tokens[number - 1]
        if before in vocabulary and number > 1:
            counts["before_number"][before] += 1
        for word in vocabulary:
            if (
                len(word) >= MIN_ENDING
                and word.isalpha()
                and word.islower()
                and len(before) > len(word)
                and before.lower().endswith(word)
            ):
                ending = before[len(before) - len(word) - 1]
                if ending.isalpha() or ending == "-":
                    counts["before_number"]["-" + word] += 1
    for layout in getattr(_provider(fake), "secondary_address_formats", None) or ():
        for word in UNIT_WORD.findall(str(layout)):
            counts["units"][word.lower()] += MIN_COUNT
    return counts


def address_locales() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(address_providers.__path__))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(OUT))
    args = ap.parse_args()
    found: dict[str, dict[str, set[str]]] = {r: collections.defaultdict(set) for r in ROLES}
    for locale in address_locales():
        for role, counts in roles(locale).items():
            for word, n in counts.items():
                if n >= MIN_COUNT and usable(word):
                    found[role][word].add(locale)
    lines = [
        "# Street words of every Faker address locale, by where they stand beside the house",
        "# number. GENERATED by scripts/deid/build_locale_streets.py: do not edit; re-run it.",
        f"# Source: Faker {faker.VERSION} (MIT licence, https://github.com/joke2k/faker), its",
        "# address providers' street prefixes and suffixes, placed by 400 streets per locale",
        f"# (seed 1); words English writes often left out by wordfreq {version('wordfreq')}",
        f"# (Apache-2.0; data CC BY-SA 4.0; Zipf >= {ENGLISH_ZIPF}).",
        "# Each line: the word, then the locales whose streets put it there.",
    ]
    for role in ROLES:
        lines += ["", f"[{role}]"]
        for word in sorted(found[role], key=lambda w: (w.lstrip("-").casefold(), w)):
            lines.append(f"{word} = {' '.join(sorted(found[role][word]))}")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(len(found[r]) for r in ROLES)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
