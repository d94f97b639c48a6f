"""Ordinary words of the languages clinicians write in, known by frequency, not by hand.

wordfreq's lists (shipped in the package) say how often a word is written in general
text. A word that is rare everywhere and not clinical vocabulary is suspicious where a
name or place can sit: that is how unknown names are found without listing every name.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
from pathlib import Path

import msgpack

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


@functools.cache
def words_at_least(language: str, zipf: float, wordlist: str = _WORDLIST) -> frozenset[str]:
    """Every word of ``language`` written at least that often (Zipf scale), names included."""
    # Bucket i holds words of Zipf 9 - i/100. Reading buckets rather than wordfreq's
    # frequency dict costs a quarter of the memory.
    last_bucket = round((9 - zipf) * 100)
    return frozenset(
        w for bucket in _buckets(language, wordlist)[: last_bucket + 1] for w in bucket
    )


@functools.cache
def _words_at_least(zipf: float) -> frozenset[str]:
    """Every word of LANGUAGES written at least that often (Zipf scale)."""
    # Uncached parts: only their union is kept.
    read = words_at_least.__wrapped__
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
