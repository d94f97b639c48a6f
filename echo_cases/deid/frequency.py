"""Ordinary words of the languages clinicians write in, known by frequency, not by hand.

wordfreq's lists (shipped in the package) say how often a word is written in general
text. A word that is rare everywhere and not clinical vocabulary is suspicious where a
name or place can sit: that is how unknown names are found without listing every name.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from typing import Any

import msgpack
import regex

# The languages of the notes hubs receive that wordfreq covers well; a word frequent in
# any of them is ordinary.
LANGUAGES = ("en", "es", "pt", "fr")
# Languages of letters hubs receive whose commonest words only are ordinary (Zipf 5, as
# VERY_COMMON_ZIPF below): a Ukrainian or Russian referral's "після", "можна", "зараз".
# Tried and left out, each for identifier tokens lost on fresh generated samples: every
# language at Zipf 3 (names: "Heine", "Baur"); Indonesian, Vietnamese and Tagalog even at
# Zipf 5 (names and months: "trung", "Binh", "hunyo"); German at Zipf 5 ("sich am 20. Nov.
# 2012" lost its day once "sich" and "am" were trimmed from the model's date).
COMMON_ONLY_LANGUAGES = ("uk", "ru")
COMMON_ONLY_ZIPF = 5.0
# Zipf 3, once per million words: common surnames (Smith, Patel) count as words and are
# left to the model; rare ones (Wanjiru, Okafor) and invented ones do not.
MIN_ZIPF = 3.0
# wordfreq's "small" lists, in its "cBpack" format (msgpack, gzipped): a header, then
# one bucket of words per centibel, most frequent first.
_WORDLIST = "small"
_HEADER = {"format": "cB", "version": 1}


def _data_dir() -> Path:
    # The package is found, not imported: importing wordfreq costs a few tenths of a
    # second at start-up (it walks the call stack to find its own directory), and all we
    # need from it is its data files.
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _buckets(language: str, wordlist: str = _WORDLIST) -> list[list[str]]:
    """What ``wordfreq.get_frequency_list(language, wordlist)`` returns."""
    with gzip.open(_data_dir() / f"{wordlist}_{language}.msgpack.gz", "rb") as fh:
        data = msgpack.load(fh, raw=False)
    if data[0] != _HEADER:
        raise ValueError(f"unexpected wordfreq list header: {data[0]!r}")
    return data[1:]


def _words_of_list(language: str, zipf: float, wordlist: str = _WORDLIST) -> frozenset[str]:
    # Bucket i holds words of Zipf 9 - i/100. Reading buckets rather than wordfreq's
    # frequency dict costs a quarter of the memory.
    last_bucket = round((9 - zipf) * 100)
    return frozenset(
        w for bucket in _buckets(language, wordlist)[: last_bucket + 1] for w in bucket
    )


# The sets read at start and on a first text, as Python objects (marshal), written by
# ``main`` (``make setup``): the large English list alone took a twentieth of a second to
# unpack and gather, a set of it is read in a tenth of that. Not in git; each set stamped
# with the list it was made from, this module and the Python that wrote it, and not used
# when one differs (the list is read as before).
CACHE = Path(__file__).resolve().parent / "data" / "frequent_words.marshal"
Key = tuple[str, float, str]


def _list_path(language: str, wordlist: str) -> Path:
    return _data_dir() / f"{wordlist}_{language}.msgpack.gz"


@functools.cache
def _stamp(language: str, wordlist: str) -> tuple[str, str, str]:
    return (
        hashlib.sha256(_list_path(language, wordlist).read_bytes()).hexdigest(),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        sys.version.split()[0],
    )


def read_cache(path: Path = CACHE) -> dict[Key, tuple[Any, bytes]]:
    """The sets recorded in ``path``, each with its stamp, as marshalled; none when it is
    missing or torn."""
    try:
        # Written by main() into the package itself: as trusted as the code beside it.
        table = marshal.loads(path.read_bytes())  # noqa: S302  # nosec B302
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


@functools.cache
def _cached() -> dict[Key, tuple[Any, bytes]]:
    return read_cache()


def cached_set(table: dict[Key, tuple[Any, bytes]], key: Key) -> frozenset[str] | None:
    """The set of ``key`` in ``table``, if it was made from the list as it is now."""
    found = table.get(key)
    if found is None or tuple(found[0]) != _stamp(key[0], key[2]):
        return None
    return marshal.loads(found[1])  # type: ignore[no-any-return]  # noqa: S302  # nosec B302


def list_stamp(language: str, wordlist: str) -> tuple[str, str, str]:
    """What a set made from wordfreq's list depends on: the list, this module, Python."""
    return _stamp(language, wordlist)


def cached_derived(key: Key, stamp: str) -> frozenset[str] | None:
    """A set another module derives from the lists (``derived_sets``), if it was recorded
    with ``stamp``: made from the same inputs."""
    found = _cached().get(key)
    if found is None or found[0] != stamp:
        return None
    return marshal.loads(found[1])  # type: ignore[no-any-return]  # noqa: S302  # nosec B302


def _read(language: str, zipf: float, wordlist: str = _WORDLIST) -> frozenset[str]:
    found = cached_set(_cached(), (language, zipf, wordlist))
    return found if found is not None else _words_of_list(language, zipf, wordlist)


@functools.cache
def words_at_least(language: str, zipf: float, wordlist: str = _WORDLIST) -> frozenset[str]:
    """Every word of ``language`` written at least that often (Zipf scale), names included."""
    return _read(language, zipf, wordlist)


@functools.cache
def _words_at_least(zipf: float) -> frozenset[str]:
    """Every word of LANGUAGES written at least that often (Zipf scale)."""
    # Uncached parts: only their union is kept.
    read = _read
    words: set[str] = set()
    for language in LANGUAGES:
        words.update(read(language, zipf))
    # Not their words that are names somewhere ("Mai", "Lang", "Ernst", "Peter"): in those
    # languages a name was never the reason to read the list.
    from echo_cases.deid.derived import is_person_name

    for language in COMMON_ONLY_LANGUAGES:
        common = read(language, max(zipf, COMMON_ONLY_ZIPF))
        words.update(w for w in common if w in words or not is_person_name(w))
    return frozenset(words)


def _frequent_words() -> frozenset[str]:
    return _words_at_least(MIN_ZIPF)


def load() -> None:
    """Read the lists now (a few tenths of a second) rather than on the first case."""
    _frequent_words()


def is_frequent_word(word: str) -> bool:
    """True for a word written at least once per million words in one of LANGUAGES."""
    low = word.lower().strip(".,;:()'\u2019\"")
    words = _frequent_words()
    return low in words or low.removesuffix("'s").removesuffix("\u2019s") in words


# Zipf 5, once per hundred thousand words: "line", "hope", "will" are names somewhere,
# but too common as words to be proposed as one on a cue alone.
VERY_COMMON_ZIPF = 5.0


def _very_common_words() -> frozenset[str]:
    return _words_at_least(VERY_COMMON_ZIPF)


def is_very_common_word(word: str) -> bool:
    """True for a word written at least once per 100,000 words in one of LANGUAGES."""
    return word.lower().strip(".,;:()'\u2019\"") in _very_common_words()


# Zipf 6, once per million words... ten thousand times more often than MIN_ZIPF: the
# conjunctions, articles and pronouns of a language ("pero", "como", "uma", "sur"). A town
# may bear one (GeoNames has a Pero, a Como), but in a note such a word is the language.
COMMONEST_ZIPF = 6.0


@functools.cache
def _commonest_words() -> frozenset[str]:
    return frozenset().union(*(words_at_least(lang, COMMONEST_ZIPF) for lang in LANGUAGES))


def is_commonest_word(word: str) -> bool:
    """True for a word one of LANGUAGES writes at least at COMMONEST_ZIPF."""
    return word.lower() in _commonest_words()


# Zipf 2.2, a few times per hundred million words, in English only: the bedside words a
# nurse types in small letters ("boggy", "dampened", "garbled", "urinal") that the model
# sometimes reads as a name or a place. Only for words already written small in a text
# with capitals, and never a name (names at this frequency abound: "Ingrid", "Okafor").
SMALL_LETTER_ENGLISH_ZIPF = 2.2


def is_english_word_written_small(word: str) -> bool:
    """True for a small-letter word English writes at least at SMALL_LETTER_ENGLISH_ZIPF."""
    # The small list stops at Zipf 3; the large one goes on to rarer words.
    return word.islower() and word in words_at_least("en", SMALL_LETTER_ENGLISH_ZIPF, "large")


# Zipf 3.5 in English: a word written in one case alone ("ANXIOUS", "notable", "visits")
# that the model calls a name is this frequent an English word far more often than a name
# nobody lists (names that frequent, "Grace", "Baker", are in the name lists).
ONE_CASE_ENGLISH_ZIPF = 3.5


def is_frequent_english_word(word: str) -> bool:
    """True for a word English writes at least at ONE_CASE_ENGLISH_ZIPF, in any case."""
    return word.lower() in words_at_least("en", ONE_CASE_ENGLISH_ZIPF)


def is_very_common_english_word(word: str) -> bool:
    """True for a word English writes at least once per 100,000 words ("will", "may"); a
    given name frequent only in another language ("maria", "linda") is not one."""
    return word.lower() in words_at_least("en", VERY_COMMON_ZIPF)


def cached_keys() -> set[Key]:
    """The sets ``main`` records: those read at start and on a first text."""
    from echo_cases.deid.note_languages import (
        ENDING_LANGUAGE_ZIPF,
        ENDING_LANGUAGES,
        WORDFREQ_LANGUAGES,
    )

    keys = {(language, zipf, _WORDLIST) for language, zipf in WORDFREQ_LANGUAGES.items()}
    # Read on a first Spanish or Portuguese note: their large lists took 1.5 s to filter.
    keys |= {(language, zipf, "large") for language, zipf in ENDING_LANGUAGES.items()}
    keys |= {(language, ENDING_LANGUAGE_ZIPF, _WORDLIST) for language in ENDING_LANGUAGES}
    keys |= {(language, COMMONEST_ZIPF, _WORDLIST) for language in LANGUAGES}
    for zipf in (MIN_ZIPF, VERY_COMMON_ZIPF):
        keys |= {(language, zipf, _WORDLIST) for language in LANGUAGES}
        common = max(zipf, COMMON_ONLY_ZIPF)
        keys |= {(language, common, _WORDLIST) for language in COMMON_ONLY_LANGUAGES}
    keys.add(("en", SMALL_LETTER_ENGLISH_ZIPF, "large"))
    keys.add(("en", ONE_CASE_ENGLISH_ZIPF, _WORDLIST))
    return keys


def derived_sets() -> dict[Key, tuple[str, bytes]]:
    """Sets other modules derive from the lists on a first text, with their stamps: the
    Spanish and Portuguese words with everyday endings (note_languages.py)."""
    from echo_cases.deid.note_languages import ending_words_cache

    return ending_words_cache()


def main(argv: list[str]) -> int:
    """Write the sets of ``cached_keys`` and ``derived_sets`` to ``argv[0]`` (CACHE by
    default), whole or not at all."""
    out = Path(argv[0]) if argv else CACHE
    table: dict[Key, tuple[Any, bytes]] = {
        key: (_stamp(key[0], key[2]), marshal.dumps(_words_of_list(*key)))
        for key in sorted(cached_keys())
    }
    table.update(derived_sets())
    partial = out.with_name(f".{out.name}.{os.getpid()}")
    partial.write_bytes(marshal.dumps(table))
    partial.replace(out)
    print(f"{len(table)} sets of frequent words written to {out}")
    return 0


# The languages whose frequent words the guesses call ordinary besides English; in an
# English sentence their words are foreign, as often a given name or surname ("rogério",
# "étienne", "ortega") as anything else.
OTHER_WRITTEN_LANGUAGES = ("es", "pt", "fr")
# A sentence is English when at least this many of its distinct words are very common in
# English (Zipf 5: "was", "his", "who") and not in the others, and they outnumber twice over
# the words very common in the others and not in English ("la", "con", "est"): a loan word
# or a name does not make a sentence Spanish.
MIN_ENGLISH_ONLY_WORDS = 2
_WORD_OF_LETTERS = regex.compile(r"[\p{L}\p{M}]+(?:['\u2019][\p{L}\p{M}]+)*")


@functools.cache
def _written_in_others(zipf: float) -> frozenset[str]:
    return frozenset().union(*(words_at_least(lang, zipf) for lang in OTHER_WRITTEN_LANGUAGES))


@functools.lru_cache(maxsize=1024)
def is_english_sentence(sentence: str) -> bool:
    """The sentence is written in English rather than Spanish, Portuguese or French."""
    words = {w.lower() for w in _WORD_OF_LETTERS.findall(sentence)}
    english = words_at_least("en", VERY_COMMON_ZIPF)
    others = _written_in_others(VERY_COMMON_ZIPF)
    english_only = len((words & english) - others)
    others_only = len((words & others) - english)
    return english_only >= MIN_ENGLISH_ONLY_WORDS and english_only > 2 * others_only


def is_very_common_elsewhere(word: str) -> bool:
    """A word Spanish, Portuguese or French writes at least once per 100,000 words ("la",
    "de", "son"), whether English writes it or not."""
    return word.lower() in _written_in_others(VERY_COMMON_ZIPF)


def is_foreign_in_english(word: str) -> bool:
    """A word Spanish, Portuguese or French writes often and English seldom (under
    ONE_CASE_ENGLISH_ZIPF): in an English sentence it is no ordinary word ("tía", "rogério",
    "fernández")."""
    low = word.lower()
    return low in _written_in_others(MIN_ZIPF) and not is_frequent_english_word(low)
