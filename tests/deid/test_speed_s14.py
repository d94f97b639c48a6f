"""Work a process repeated, now cached, gives the same answers (session 14, "speed21")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from echo_cases.deid import candidates, frequency, note_languages, vocabulary


@pytest.mark.parametrize("language", sorted(note_languages.ENDING_LANGUAGES))
def test_the_everyday_ending_words_read_from_the_cache_are_those_the_filter_gives(
    tmp_path: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "words.marshal"
    frequency.main([str(out)])
    table = frequency.read_cache(out)
    key = note_languages._ending_words_key(language)
    assert table[key][0] == note_languages.ending_words_stamp(language)
    monkeypatch.setattr(frequency, "_cached", lambda: table)
    cached = frequency.cached_derived(key, note_languages.ending_words_stamp(language))
    assert cached is not None
    assert cached == note_languages._filter_everyday_endings(language)
    assert note_languages._words_with_everyday_endings(language) == cached


def test_an_ending_words_set_made_from_other_inputs_is_not_used(tmp_path: Path) -> None:
    out = tmp_path / "words.marshal"
    frequency.main([str(out)])
    table = frequency.read_cache(out)
    key = note_languages._ending_words_key("es")
    assert key in table
    assert frequency.cached_derived(key, "another stamp") is None
    assert frequency.cached_derived(("xx", 2.0, "everyday_endings"), "any") is None


def test_the_stamp_differs_by_language_and_follows_the_lists() -> None:
    assert note_languages.ending_words_stamp("es") != note_languages.ending_words_stamp("pt")
    assert note_languages.ending_words_stamp("es") == note_languages.ending_words_stamp("es")


# Invented words: clinical short forms, drugs in two languages, names, places, plain words,
# in every letter case and with the punctuation a note leaves on them.
_WORDS = (
    "PT",
    "pt",
    "Pt.",
    "FOLEY",
    "abx",
    "BID",
    "q6h",
    "LFTs",
    "c/o",
    "morfina",
    "Ondansetrona",
    "furosemide",
    "Lasix,",
    "Marina",
    "Grace",
    "the",
    "THE",
    "and",
    "Kisumu",
    "kisumu",
    "vivid",
    "dreams",
    "NSVT",
    "pain",
    "Pain",
    "PAIN",
    "da",
    "van",
    "bin",
    "patient's",
    "Dr",
    "wife",
    "(bp)",
    "metoprolol",
    "zzqx",
    "",
)


@pytest.mark.parametrize(
    "function",
    [candidates.is_clinical_word, vocabulary.is_known_word, vocabulary.is_common_word],
    ids=lambda f: f.__name__,
)
def test_a_word_lookup_kept_answers_as_it_did_uncached(function: Any) -> None:
    for _ in range(2):  # the second time from the kept answers
        assert [function(w) for w in _WORDS] == [function.__wrapped__(w) for w in _WORDS]
