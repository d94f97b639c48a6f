"""Where the statistical NER must look: sentences with capitalised words nobody explained.

spaCy's NER is the slowest step by far. The rules run first; a sentence goes
to spaCy only if it still holds a capitalised word that no rule covered and
that is not ordinary vocabulary (a stop word, a month, a region, a clinical
term, a label). Skipping a sentence costs recall only if it hides an uncued
name among words we already know.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from echo_cases.deid.vocabulary import is_known_word

# A capitalised word with at least one lower-case letter ("Amina", "McKay"; not "HIV").
_CAP_WORD = regex.compile(
    r"(?<![\w'\u2019-])\p{Lu}[\p{L}\p{M}'\u2019-]*\p{Ll}[\p{L}\p{M}'\u2019-]*"
)
# Sentences: split at line breaks and at ". " before a capital.
_SENTENCE = regex.compile(r"[^\n]+?(?:(?<=[.!?])(?=[ \t]+\p{Lu})|(?=\n)|$)")
_MAX_SEGMENT = 1000


def ner_segments(text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of ``text`` worth running NER on, given the rules' covered spans."""
    segments: list[tuple[int, int]] = []
    spans = sorted(covered)
    for sent in _SENTENCE.finditer(text):
        a, b = sent.span()
        if b - a < 2:
            continue
        for word in _CAP_WORD.finditer(text, a, b):
            ws, we = word.span()
            if is_known_word(word.group()):
                continue
            if any(s <= ws and we <= e for s, e in spans):
                continue
            segments.append((a, min(b, a + _MAX_SEGMENT)))
            break
    return segments
