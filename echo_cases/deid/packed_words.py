"""A large set of words asked only "is this one of them?", in a sixth of a frozenset's memory.

A frozenset of 187,000 place names costs a web worker about 20 MB: a Python string object
(49 bytes and more) per name and 8 to 16 bytes of hash table each. ``PackedWords`` keeps
the same words as one sorted block of UTF-8 bytes, one a line, and every 64th word apart
as a signpost: about the bytes of the names themselves (benchmarks/deid_memory.py). Asking
for a word is a binary search among the signposts and a search for the word's line in the
stretch of block after its signpost, both in C: a microsecond or two rather than a tenth
of one, for lists probed once or twice a word of a note, not in loops over every pair.

Membership is exact (the same words as the frozenset, no hashing of our own), so what the
de-identifier finds does not change.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, islice

# Lone surrogates (a broken character a note may carry) encode too, so every str can be
# asked about and none is confused with another: the encoding is one-to-one.
_ENCODING = ("utf-8", "surrogatepass")
_LINE = b"\n"
# Words between signposts: a stretch of about a kilobyte to search, 3,000 signposts for
# the gazetteer (150 KB).
_STEP = 64
_OFFSET = "I"  # 4-byte unsigned offsets: blocks up to 4 GB
_plus_one = (1).__add__


class PackedWords:
    """An immutable set of strings without line breaks that answers ``in``, ``len`` and
    iteration."""

    __slots__ = ("_block", "_count", "_signposts", "_starts")

    def __init__(self, words: Iterable[str] = ()) -> None:
        items = words if isinstance(words, (list, tuple)) else list(words)
        # Encoded and cut apart in C, not word by word: the 88,000 rare English words were
        # packed in a tenth of a second, on a process's first note that asks about one.
        # UTF-8 encodes character by character, so the pieces are the words' encodings;
        # a word holding a line break is cut in two, and then there are more pieces.
        pieces = "\n".join(items).encode(*_ENCODING).split(_LINE) if items else []
        if len(pieces) != len(items):
            raise ValueError("a word holds a line break")
        # Sorted first, then rid of repeats: the lists are written sorted, and sorting a
        # sorted list is one pass, where sorting a set's arbitrary order is not.
        encoded = list(dict.fromkeys(sorted(pieces)))
        block = _LINE + _LINE.join(encoded) + _LINE if encoded else b""
        # Where the line before every _STEP-th word starts: each word's line is its
        # bytes and a line break.
        ends = accumulate(map(_plus_one, map(len, encoded)), initial=0)
        starts = array(_OFFSET, islice(ends, 0, len(encoded), _STEP))
        self._set(block, starts, len(encoded))

    def _set(self, block: bytes, starts: array[int], count: int) -> None:
        self._block = block
        self._starts = starts
        self._count = count
        self._signposts = tuple(block[s + 1 : block.index(_LINE, s + 1)] for s in starts)

    @classmethod
    def from_state(cls, state: tuple[bytes, bytes, int]) -> PackedWords:
        """The set ``state()`` described (e.g. read back from marshal)."""
        block, starts_bytes, count = state
        starts = array(_OFFSET)
        starts.frombytes(starts_bytes)
        if block.count(_LINE) != (count + 1 if count else 0) or any(
            block[s : s + 1] != _LINE for s in starts
        ):
            raise ValueError("a torn or foreign state")
        packed = cls.__new__(cls)
        packed._set(block, starts, count)
        return packed

    def state(self) -> tuple[bytes, bytes, int]:
        """The block, the signposts' offsets and the count: what ``from_state`` needs,
        in types marshal writes."""
        return self._block, self._starts.tobytes(), self._count

    def __len__(self) -> int:
        return self._count

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = word.encode(*_ENCODING)
        if _LINE in key:
            return False
        i = bisect_right(self._signposts, key) - 1
        if i < 0:
            return False
        # The stretch from the signpost's line to the end of the last word before the next.
        end = self._starts[i + 1] + 1 if i + 1 < len(self._starts) else len(self._block)
        return self._block.find(_LINE + key + _LINE, self._starts[i], end) >= 0

    def __iter__(self) -> Iterator[str]:
        if self._count:
            for line in self._block[1:-1].split(_LINE):
                yield line.decode(*_ENCODING)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedWords):
            return self._block == other._block
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal sets compare equal; not hashable

    def __repr__(self) -> str:
        return f"PackedWords({self._count} words, {len(self._block)} bytes)"
