"""Ordinary words of the languages clinicians write in, known by frequency, not by hand.

wordfreq's lists (shipped in the package) say how often a word is written in general
text. A word that is rare everywhere and not clinical vocabulary is suspicious where a
name or place can sit: that is how unknown names are found without listing every name.
"""

from __future__ import annotations

import functools

from wordfreq import get_frequency_list

# The languages of the notes hubs receive that wordfreq covers well; a word frequent in
# any of them is ordinary.
LANGUAGES = ("en", "es", "pt", "fr")
# Zipf 3, once per million words: common surnames (Smith, Patel) count as words and are
# left to the model; rare ones (Wanjiru, Okafor) and invented ones do not.
MIN_ZIPF = 3.0


@functools.cache
def _frequent_words() -> frozenset[str]:
    # The lists come in buckets of one centibel each, most frequent first: bucket i holds
    # words of Zipf 9 - i/100. Reading buckets rather than wordfreq's frequency dict
    # costs a quarter of the memory.
    last_bucket = round((9 - MIN_ZIPF) * 100)
    words: set[str] = set()
    for language in LANGUAGES:
        for bucket in get_frequency_list(language, wordlist="small")[: last_bucket + 1]:
            words.update(bucket)
    get_frequency_list.cache_clear()  # the frozenset is all we keep
    return frozenset(words)


def load() -> None:
    """Read the lists now (a few tenths of a second) rather than on the first case."""
    _frequent_words()


def is_frequent_word(word: str) -> bool:
    """True for a word written at least once per million words in one of LANGUAGES."""
    low = word.lower().strip(".,;:()'\u2019\"")
    words = _frequent_words()
    return low in words or low.removesuffix("'s").removesuffix("\u2019s") in words
