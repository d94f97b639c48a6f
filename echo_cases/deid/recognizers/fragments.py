"""Regex fragments shared by the recognizers (``regex`` module syntax)."""

from __future__ import annotations

import functools

import regex as _re

from echo_cases import compiled_patterns
from echo_cases.deid import lexicon

_SIMPLE_FOLDING = int(_re.IGNORECASE | _re.UNICODE)


def alternation(words: object) -> str:
    """A non-capturing alternation, longest first so "New Mexico" beats "New".

    Words of one length are in alphabetical order: the pattern is then the same in every
    process (echo_cases/compiled_patterns.py keeps compiled patterns by their text).

    Written as a tree of their common beginnings ("Ne(?:w(?:\\ Mexico|ark)?|vada)"), which
    matches what the list matches, longest first, case-sensitive or by simple case
    folding: ``regex`` tries every word of a list at every position it searches, a tree
    only the words that begin as the text does (a cue of 300 words, 4 times faster).
    Where branches begin with letters of one case ("R", "r"), the words below are written
    out one by one; a branch never parts two letters that one letter may match by full
    case folding ("ss" and "ß"); a list with such a letter is written out word by word.
    Full case folding reads a tree otherwise than the list ("ﬁgo" is "FIGO" only to the
    list): a pattern that folds case fully is compiled ``as_written``.
    """
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    # Written at set-up rather than at every start (echo_cases/compiled_patterns.py).
    written, is_tree = compiled_patterns.remembered(_written, tuple(items))
    if is_tree:
        _WORDS_OF_TREE[written] = items
    return written


def _written(items: tuple[str, ...]) -> tuple[str, bool]:
    """``alternation`` of ``items`` (in its order), and whether it is a tree."""
    if not items or "" in items or any(_MULTI_CHAR_FOLD.search(w) for w in items):
        return plain_alternation(items), False
    root: _Node = {}
    for word in items:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    tree = _branches(root, "")
    if tree is None:
        return plain_alternation(items), False
    return f"(?:{tree})", True


# The words of each tree ``alternation`` wrote.
_WORDS_OF_TREE: dict[str, list[str]] = {}


def as_written(pattern: str) -> str:
    """``pattern`` with its trees of words written out word by word, as ``alternation``
    wrote them before it wrote trees: for a pattern that folds case fully."""
    for tree in sorted((t for t in _WORDS_OF_TREE if t in pattern), key=len, reverse=True):
        pattern = pattern.replace(tree, plain_alternation(_WORDS_OF_TREE[tree]))
    return pattern


def plain_alternation(words: object) -> str:
    """``alternation`` written out word by word."""
    import regex

    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "(?:" + "|".join(regex.escape(w) for w in items) + ")"


_Node = dict[str, "_Node"]
# Marks a word's end in the tree (no word holds it: words are text).
_END = "\x00end"


def _branches(node: _Node, prefix: str) -> str | None:
    """The pattern of what follows ``prefix`` in the tree, or None where it cannot branch
    (a letter that folds to several would match across the branch point)."""
    import regex

    children = [ch for ch in node if ch != _END]
    if not children:
        return ""
    branch = len(children) > 1 or _END in node
    if branch and prefix and _unsplittable(prefix[-1], children):
        return None
    if branch and _same_letter(children):
        return plain_alternation(_words_below(node))
    parts = []
    for ch in children:
        rest = _branches(node[ch], prefix + ch)
        if rest is not None:
            parts.append((ch if ch.isalnum() else regex.escape(ch)) + rest)
        elif branch:  # written out from here, where this branch point is
            parts.append(plain_alternation(ch + w for w in _words_below(node[ch])))
        else:
            return None
    if not branch:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" + ("?" if _END in node else "")


def _words_below(node: _Node) -> list[str]:
    words = [""] if _END in node else []
    for ch, child in node.items():
        if ch != _END:
            words += [ch + w for w in _words_below(child)]
    return words


@functools.cache
def _cases(ch: str) -> frozenset[str]:
    """The letters ``ch`` matches ignoring case, and theirs in turn ("i", "I", dotted and
    dotless I)."""
    from regex import _regex

    found = {ch}
    todo = [ch]
    while todo:
        for code in _regex.get_all_cases(_SIMPLE_FOLDING, ord(todo.pop())) or []:
            if chr(code) not in found:
                found.add(chr(code))
                todo.append(chr(code))
    return frozenset(found)


def _same_letter(children: list[str]) -> bool:
    """Whether two of ``children`` are one letter in two cases."""
    return len({min(_cases(ch)) for ch in children}) < len(children)


def _unsplittable(before: str, after: list[str]) -> bool:
    """Whether a letter that folds to several may match across the branch point."""
    return any(x + y in _FOLD_PAIRS for x in _cases(before) for ch in after for y in _cases(ch))


def _fold_pairs() -> tuple[frozenset[str], object]:
    import regex
    from regex import _regex

    full = int(regex.IGNORECASE | regex.UNICODE | regex.FULLCASE)
    expanding = list(_regex.get_expand_on_folding())
    expansions = {_regex.fold_case(full, c) for c in expanding} | {c.casefold() for c in expanding}
    pairs = set()
    for exp in expansions:
        for i in range(len(exp) - 1):
            for x in _cases(exp[i]):
                for y in _cases(exp[i + 1]):
                    pairs.add(x + y)
    # "\u0130" (dotted capital I), which regex folds apart, as recognizers/base.py says.
    letters = "".join(map(regex.escape, [*expanding, "\u0130"]))
    return frozenset(pairs), regex.compile(f"[{letters}]")


_FOLD_PAIRS, _MULTI_CHAR_FOLD = _fold_pairs()


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

# An age's years in English after its number, for every rule that reads an age: "54 years",
# "54yrs", "54 yo", "54 y/o", "54 y.o.". A word needs its boundary ("yoga", "yrly" are
# none); the slashed and dotted forms end in no letter to bound.
YEARS_OF_AGE = r"(?:years?\b|yrs?\b|y/o|y\.o\.|yo\b)"

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
