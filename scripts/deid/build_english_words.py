"""Write echo_cases/deid/data/english_words.txt: rare English words no one writes as a name,
and data/plain_english_words.txt: frequent English words no one writes as a name.

A nurse types in one case words no frequency list holds often enough to call ordinary
("reddened", "perfusionist", "logroll", "scald", "sitter"); in a note written all in
capitals or all in small letters the guesses (candidates.py) and the model's one-word
findings (recognizers/learned.py) would take them for names. SCOWL's word list of size 70
(Kevin Atkinson's Spell Checker Oriented Word Lists, as Debian's wamerican-large ships it,
/usr/share/dict/american-english-large; permissive licence, see the file's header) writes
each word as English writes it: proper nouns with their capital, everything else in small
letters, every inflection spelt out. Kept are its small-letter words of four letters or
more that are rare in ordinary text (wordfreq Zipf under 3: frequent words are ordinary
already), less every given name and surname of Faker's locales and of the generator's name
files, every place Faker or the gazetteer knows, and the eponyms: a word the list must not
swallow is a name somewhere ("yaw", "tuba", "tamale").

usage: apt-get install wamerican-large, then
PYTHONPATH=. python scripts/deid/build_english_words.py (build-time only: the runtime reads
the generated file, never the package).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from build_vocabularies import _faker_places, _generator_names, _person_names, write

from echo_cases.deid import lexicon
from echo_cases.deid.derived import vocabulary
from echo_cases.deid.frequency import is_frequent_word

SCOWL = Path("/usr/share/dict/american-english-large")
_SMALL_WORD = re.compile(r"[a-z]{4,}")
_SHORT_SMALL_WORD = re.compile(r"[a-z]{3,}")


def _known_places() -> set[str]:
    """One-word places of the gazetteer (data/place_names.txt) and of Faker."""
    places = {p for p in vocabulary("place_names") if " " not in p}
    return places | {p for p in _faker_places() if " " not in p}


def _scowl_and_exclusions() -> tuple[list[str], set[str]]:
    """SCOWL's words, and what neither list may hold: a word SCOWL also capitalises, a
    name of Faker, the generator or the name lists, a place, an eponym."""
    words = SCOWL.read_text(encoding="utf-8").split()
    capitalised = {w.lower() for w in words if not w.islower()}
    names = (
        _person_names()
        | _generator_names()
        | vocabulary("person_names")
        | vocabulary("rare_person_names")
    )
    excluded = names | _known_places() | {e.lower() for e in lexicon.EPONYMS} | capitalised
    return words, excluded


def english_words() -> list[str]:
    words, excluded = _scowl_and_exclusions()
    return sorted(
        {
            w
            for w in words
            if _SMALL_WORD.fullmatch(w) and w not in excluded and not is_frequent_word(w)
        }
    )


def plain_english_words() -> list[str]:
    """Frequent English words that are never a name: SCOWL writes them only in small
    letters, and no name list, Faker locale, gazetteer or eponym holds them ("opens",
    "eyes", "hunger", "leak", "teaching"; not "hope", "rose", "strong", "bishop")."""
    words, excluded = _scowl_and_exclusions()
    return sorted(
        {
            w
            for w in words
            if _SHORT_SMALL_WORD.fullmatch(w) and w not in excluded and is_frequent_word(w)
        }
    )


def _package_version() -> str:
    out = subprocess.run(
        ["/usr/bin/dpkg-query", "-W", "-f=${Version}", "wamerican-large"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def main() -> None:
    write(
        "english_words.txt",
        "Rare English words written in small letters by SCOWL's list of size 70 (Debian's\n"
        f"wamerican-large {_package_version()}; Copyright 2000-2020 Kevin Atkinson and others,\n"
        "permissive licence), of four letters or more, under Zipf 3 in wordfreq, less every\n"
        "word SCOWL also capitalises, every name of Faker and the generator's name files,\n"
        "the name lists, every one-word place of Faker and the gazetteer and the eponyms.",
        english_words(),
        script="build_english_words.py",
    )
    write(
        "plain_english_words.txt",
        "Frequent English words written only in small letters by SCOWL's list of size 70\n"
        f"(Debian's wamerican-large {_package_version()}; Copyright 2000-2020 Kevin Atkinson\n"
        "and others, permissive licence), of three letters or more, Zipf 3 or over in\n"
        "wordfreq, less every word SCOWL also capitalises, every name of Faker and the\n"
        "generator's name files, the name lists, every one-word place of Faker and the\n"
        "gazetteer and the eponyms: words English never writes as a name.",
        plain_english_words(),
        script="build_english_words.py",
    )


if __name__ == "__main__":
    main()
