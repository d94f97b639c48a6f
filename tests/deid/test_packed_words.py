"""PackedWords (packed_words.py): a large word list kept in a fraction of a frozenset's
memory that answers exactly what the frozenset answers."""

from __future__ import annotations

import marshal

import pytest

from echo_cases.deid.derived import packed_vocabulary, vocabulary
from echo_cases.deid.packed_words import PackedWords

# Invented words, with accents, a space, a broken character and more than one stretch
# between signposts.
WORDS = frozenset(
    ["nova iguaçu", "maputo", "zaña", "a", "", "\ud800x", "köln", "são tomé"]
    + [f"place{i:03d}" for i in range(300)]
)


def test_it_holds_exactly_the_words_it_was_given() -> None:
    packed = PackedWords(WORDS)
    assert len(packed) == len(WORDS)
    assert set(packed) == WORDS
    for word in WORDS:
        assert word in packed


@pytest.mark.parametrize(
    "word", ["maput", "maputoo", "Maputo", "nova", "iguaçu", "place300", "place0", " ", "zz", "0"]
)
def test_a_prefix_extension_or_other_casing_of_a_word_is_not_in_it(word: str) -> None:
    assert word not in PackedWords(WORDS)


def test_a_line_break_or_a_non_string_is_never_in_it() -> None:
    packed = PackedWords(WORDS)
    assert "maputo\nzaña" not in packed
    assert None not in packed
    assert b"maputo" not in packed


def test_a_word_with_a_line_break_cannot_be_packed() -> None:
    with pytest.raises(ValueError, match="line break"):
        PackedWords(["one\ntwo"])


def test_an_empty_set_holds_nothing() -> None:
    assert "" not in PackedWords()
    assert list(PackedWords()) == []


def test_its_state_survives_marshal_and_a_torn_state_is_refused() -> None:
    packed = PackedWords(WORDS)
    # Bytes this test itself wrote a line before.
    written = marshal.dumps(packed.state())
    again = PackedWords.from_state(marshal.loads(written))  # noqa: S302
    assert again == packed
    assert set(again) == WORDS
    block, starts, count = packed.state()
    with pytest.raises(ValueError, match="torn"):
        PackedWords.from_state((block[:-5], starts, count))


@pytest.mark.parametrize("name", ["english_words", "rare_person_names"])
def test_the_packed_vocabularies_hold_what_the_lists_hold(name: str) -> None:
    assert set(packed_vocabulary(name)) == vocabulary(name)
