"""Work a process repeated, now cached, gives the same answers (session 14, "speed21")."""

from __future__ import annotations

from pathlib import Path

import pytest

from echo_cases.deid import frequency, note_languages


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
