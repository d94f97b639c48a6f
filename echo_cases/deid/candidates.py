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


# "B-cell", "FDG-avid", "HbA1c": capitals of clinical shorthand, not of names.
_NOT_A_NAME = regex.compile(r"\p{Lu}+-|[\p{L}]+\d|\p{L}+-\d|\p{Lu}{3,}\p{Ll}\b")
_PERSON_VERB = regex.compile(
    r"(?:['\u2019]s)?[ \t]+(?:reports|reported|complains|complained|presents|presented|states"
    r"|stated|says|said|denies|denied|notes|noted|was|is|has|had|lives|lived|works|worked"
    r"|underwent|developed|returned|attended|attends|called|asked|wants|wanted|prefers"
    r"|preferred|declined|agreed|consented|refused|reached|came|comes|arrived|visited|missed"
    r"|defaulted|collects|collected|started|stopped|continues|continued|remains|remained|needs"
    r"|needed|died|delivered|tested|received|completed|takes|took|lost|gained|felt|feels|stays"
    r"|stayed|works|sells|trades|farms|cares|lives|uses|used|walks|walked|travels|travelled"
    r"|missed|skipped|brought|brings|told|tells|explained|understands|speaks|spoke|asks)\b"
)
_OPENER = regex.compile(r"(?:^|[:;\n]|[.!?][ \t]+)[ \t\-*\u2022\d.)]*$")


def unexplained_words(
    text: str, segment: tuple[int, int], covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Capitalised unknown words inside a sentence that nothing has explained.

    Called after NER: what is still unexplained mid-sentence ("with Adaeze", "the Bwindi
    team") is most likely a name the model missed. A sentence's first word is left
    alone: there capitals say nothing.
    """
    a, b = segment
    words = []
    for word in _CAP_WORD.finditer(text, a, b):
        ws, we = word.span()
        opener = not text[a:ws].strip(" \t-*\u2022") or _OPENER.search(text, max(0, ws - 12), ws)
        # A sentence's first word counts only when a person-verb follows: "Okello reports".
        if opener and not _PERSON_VERB.match(text, we):
            continue
        value = word.group()
        if len(value) < 3 or is_known_word(value) or _NOT_A_NAME.match(text, ws):
            continue
        if any(s <= ws and we <= e for s, e in covered):
            continue
        if value.endswith(("'s", "\u2019s")):
            we -= 2  # "Massawe's case": the possessive is not the name
        words.append((ws, we))
    return words
