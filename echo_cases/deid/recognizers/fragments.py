"""Regex fragments shared by the recognizers (``regex`` module syntax)."""

from __future__ import annotations

from echo_cases.deid import lexicon


def alternation(words: object) -> str:
    """A non-capturing alternation, longest first so "New Mexico" beats "New".

    Words of one length are in alphabetical order: the pattern is then the same in every
    process (echo_cases/compiled_patterns.py keeps compiled patterns by their text)."""
    import regex

    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "(?:" + "|".join(regex.escape(w) for w in items) + ")"


# A capitalised name word: "Ana", "O'Neil", "McDonald", "Jean-Pierre", "ÁLVAREZ", "Ngũgĩ".
NAME_WORD = (
    r"(?:\p{Lu}|\p{Ll}{1,3}\p{Lu}(?=\p{Ll}))[\p{L}\p{M}]*"  # "iKapa", "eThekwini" too
    r"(?:['\u2019][\p{L}\p{M}]+)*(?:[-\u2013]\p{L}[\p{L}\p{M}'\u2019]*)*"
)
# Lower-case particles inside names and place names ("de la", "van der", "bin").
PARTICLE = (
    r"(?:de|del|de la|de las|de los|la|las|los|da|das|do|dos|di|du|le|van|von|der|den|ter|"
    r"ten|bin|binti|ibn|al|el|y|e|of|upon|the|altos|bajos|am|an|im|aan|'t|op|bij|sur|sous|"
    r"dela|delos|en|u|v|phố|het|und|"
    r"zu|zum|zur|nad|pod|es|na|im\.(?:[ \t]+\p{Lu}\.)*)"
)
# Surnames and place names may open with a lower-case particle: "van Bovenen", "da Cunha".
LEAD = r"(?:(?:van|von|de|da|du|di|der|den|dos|das|del|le|la|ter|ten|dela|het)[ \t]+){0,2}"
# "L'Anse", "L' Olivia", "D'Arcy": an elided article before a name.
ELIDED = r"(?:[LD]['\u2019][ \t]?)?"
# A parenthesised district inside a place name: "Hranice (okres Cheb)".
PAREN = r"\([\p{L}\p{M} .'-]{2,40}\)"
INITIAL = r"\p{Lu}\."
# A person's name: 1-4 words or initials, particles allowed between them.
PERSON_NAME = (
    rf"(?:{INITIAL}\s?)*{LEAD}{NAME_WORD}"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+){{0,2}}(?:{NAME_WORD}|{INITIAL})){{0,3}}"
)
# A place name: up to 6 words, particles allowed, even last ("San Mauro de la Montaña",
# "San José los altos").
PLACE_NAME = (
    rf"(?:(?:TP|Tp)\.[ \t]+|thành phố[ \t]+)?{LEAD}{ELIDED}{NAME_WORD}"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+)*(?:{NAME_WORD}|{PAREN})){{0,5}}"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+)*(?:altos|bajos|alto|bajo|arriba|abajo|grande|chico|viejo))*"
)

# Facility names also join words with "and"/"&" ("Moi Teaching and Referral Hospital").
FACILITY_NAME = (
    r"(?:(?:da|das|do|dos|de|del|di|du|van|von|der|den|le|la|thành phố|TP\.|Tp\.)[ \t]+)?"
    rf"{ELIDED}{NAME_WORD}"
    rf"(?:[ \t]+(?:{NAME_WORD}|{PARTICLE}|{PAREN}|and|&|altos|bajos|alto|bajo|grande"
    r"|Level[ \t]+[1-6])){0,8}"
)

MONTH_FULL = alternation(lexicon.MONTHS_FULL)
MONTH_ABBR = alternation(lexicon.MONTHS_ABBR)
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR}\.?|{alternation(m.upper() for m in lexicon.MONTHS_FULL)}|"
MONTH += rf"{alternation(m.upper() for m in lexicon.MONTHS_ABBR)}\.?)"
MONTH_FOREIGN = alternation((*lexicon.MONTHS_FOREIGN, *lexicon.MONTHS_READ_ONLY))

STATE = alternation(lexicon.US_STATES)
STATE_ABBR = alternation(lexicon.US_STATES.values())
REGION = alternation(
    (*lexicon.US_STATES, *lexicon.OTHER_REGIONS, *lexicon.COUNTRIES, *lexicon.COUNTRY_VARIANTS)
)
