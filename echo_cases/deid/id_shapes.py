"""Record numbers of one format as a found one, wherever the note repeats that format.

A note that gives one record number often gives another of the same format without its
label: a correction ("MRN should be TASH-0093471, not TASH-0093417"), a list of patients
("HC 0451279 ... HC 0451305"), the previous number. The found number's letters and its
count of digits make the format; another number with the same letters and as many digits
is one of them, whatever stands before it.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

# A number's format: its opening letters, a separator or none, then four digits or more.
_FORMAT = regex.compile(r"(?P<letters>\p{L}{2,6})(?P<sep>[- /]?)(?P<digits>\d{4,})")


def same_format_numbers(
    text: str, ids: Sequence[tuple[int, int]], covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of numbers of the format of a found record number (``ids``), not yet covered."""
    found: list[tuple[int, int]] = []
    formats: set[tuple[str, str, int]] = set()
    for start, end in ids:
        m = _FORMAT.fullmatch(text, start, end)
        if m is not None:
            formats.add((m.group("letters"), m.group("sep"), len(m.group("digits"))))
    for letters, sep, digits in formats:
        pattern = regex.compile(
            rf"(?<![\w-])(?i:{regex.escape(letters)}){regex.escape(sep)}\d{{{digits}}}(?![\w-])"
        )
        for m in pattern.finditer(text):
            span = m.span()
            if not any(s <= span[0] and span[1] <= e for s, e in covered):
                found.append(span)
    return found
