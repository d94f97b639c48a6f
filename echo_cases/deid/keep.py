"""What clinicians need to keep: eponyms, drugs, acronyms, regions.

Only weak findings (spaCy NER, propagation) yield to these spans; a name with
a strong cue ("Dr. Parkinson") is still redacted.
"""

from __future__ import annotations

import functools

import regex

from echo_cases.deid import lexicon, wordlists
from echo_cases.deid.recognizers.fragments import alternation

# Nouns that make an eponym clinical: "Paget disease", "Whipple procedure".
_HEADS = alternation(wordlists.words("eponym_heads"))
_EPONYM = alternation(w.capitalize() for w in lexicon.EPONYMS if w.isalpha())
_EPONYM_PHRASE = regex.compile(
    rf"\b(?:non-)?{_EPONYM}(?:['\u2019]s?)?(?:[ -]{_EPONYM}(?:['\u2019]s?)?)*"
    rf"(?:[ \t]+\p{{L}}+){{0,2}}?[ \t]+(?i:{_HEADS})\b"
    rf"|\b(?:non-|classical[ \t]+|classic[ \t]+)(?:{_EPONYM})\b"
)
_BRANDS = regex.compile(rf"(?i)\b{alternation(lexicon.DRUG_BRANDS)}\b")
_ACRONYMS = regex.compile(
    rf"\b{alternation(a for a in lexicon.CLINICAL_ACRONYMS if a.upper() == a or True)}\b",
    regex.IGNORECASE,
)


_WORDS = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}-]*")
_BRAND_WORDS = frozenset(b for b in lexicon.DRUG_BRANDS if " " not in b)
_BRAND_PHRASES = regex.compile(
    rf"(?i)\b{alternation(b for b in lexicon.DRUG_BRANDS if ' ' in b)}\b"
)


# A first-level region named with its kind ("Anambra State", "Lviv Oblast"): kept like a
# US state.
_FIRST_LEVEL_REGION = regex.compile(
    r"\b\p{Lu}[\p{L}\p{M}'-]+(?:[ \t]+\p{Lu}[\p{L}\p{M}'-]+)?[ \t]+(?:State|Province|Region"
    r"|Oblast|Governorate|Prefecture|Voivodeship|Krai|Emirate)\b"
)


@functools.lru_cache(maxsize=256)
def protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans that weak findings must not redact (cached: asked twice per text)."""
    spans = [m.span() for m in _EPONYM_PHRASE.finditer(text)]
    # A set lookup per word is far cheaper than one huge case-insensitive alternation.
    spans += [m.span() for m in _WORDS.finditer(text) if m.group().lower() in _BRAND_WORDS]
    spans += [m.span() for m in _BRAND_PHRASES.finditer(text)]
    spans += [m.span() for m in _FIRST_LEVEL_REGION.finditer(text)]
    return tuple(sorted(spans))


def is_protected_value(value: str) -> bool:
    """A weak finding that is exactly a region, an acronym or a brand stays."""
    low = value.strip().lower()
    return (
        low in lexicon.NON_IDENTIFYING_PLACES
        or low in lexicon.CLINICAL_ACRONYMS
        or low in lexicon.DRUG_BRANDS
        or bool(_ACRONYMS.fullmatch(value.strip()) and value.isupper())
    )
