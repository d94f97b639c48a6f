"""The words every match of a pattern opens with, read from the pattern itself.

A rule tried only where one of its opening words starts (``base.after_opening_words``)
spares `regex` trying a long alternation that ignores case at every word boundary of the
text ("MRN", "patient id", "hospital number", ... "national id", "passport no."). ``cue``
records the opening words of the lists it is given; a pattern written by hand ("\\b(?:MRN
|pt\\.? ?id|CR{no})[ \\t]*...") has them too, read here from its parse: every way the
pattern can spell the word a match opens with, up to the first character that is no word
character, or up to where the pattern says a word ends ("(?<!\\w)" before a value, "(?!\\w)").

The answer is a superset of what can open a match, or None when the pattern is not read
here with certainty: a match may start inside a word or with no word character, the first
word may go on past the pattern's end or through a class of characters ("[A-Z]{1,4}\\d"),
or the pattern uses syntax that only `regex` knows (Python's parser then refuses it or
warns, and a warning is taken as a refusal).

`regex`'s classes by Unicode property ("\\p{L}", "\\P{Lu}", "\\pL") are the exception: the
wards, streets and facilities of many languages use them after their opening word, where
they decide nothing ("ward[ \\t]+[\\p{L}\\p{M}]..." opens with "ward" whatever follows the
space). Each is read as one character, ``_PROPERTY_CHAR``, that Python's parser takes and
that is never read as a character of a first word nor as one that ends it: a match
reaching it before its first word is over is not read (the word may go on through the
property, or open with one); in a look-around it is one more character of its class,
which is then no "\\w" (ignored) unless it holds "\\w" too ("(?<![\\w\\p{M}])" still
guards, as "(?<!\\w)" does).
"""

from __future__ import annotations

import re._constants as _c
import re._parser as _parser
import string
import warnings
from typing import Any

import regex

from echo_cases import compiled_patterns

_WORD_CHAR = regex.compile(r"\w")
# Characters beyond ASCII that match an ASCII letter when case is ignored (the Kelvin sign,
# the long s, the dotted and dotless i): a text's ASCII word could then match them.
_FOLDS_TO_ASCII = frozenset("\u212a\u017f\u0130\u0131\u212b")


def _ascii_spellings(char: str) -> frozenset[str]:
    """The small ASCII letters a word of the text, lower-cased, may hold where ``char``
    stands in the pattern ignoring case: what `regex` matches it to, by simple or full
    case folding ("\u0131", the dotless i, matches "I": "XANIM" is "xanim")."""
    return frozenset(
        letter.lower()
        for flags in (regex.IGNORECASE, regex.IGNORECASE | regex.VERSION1)
        for letter in string.ascii_letters
        if regex.fullmatch(regex.escape(char), letter, flags)
    )


# Each such character and its spellings in a word of the text: itself, as any character
# beyond ASCII (a word holding it is tried wherever it starts: ``base.after_opening_words``),
# and the ASCII letters it matches. Reading the first word each way keeps the answer a
# superset: "Xan\u0131m" (Azerbaijani for "Mrs") no longer leaves every title ungated.
_SPELLINGS = {char: frozenset({char.lower(), *_ascii_spellings(char)}) for char in _FOLDS_TO_ASCII}
# A first word spelled in more ways than this is no gate worth keeping.
_MAX_WORDS = 4000
_MAX_WORD = 40
# "{e<=1}" is `regex`'s fuzzy matching, a literal "{" to Python's parser.
_FUZZY = regex.compile(r"\{[^\d,}]")
# An escape of the pattern: a class by Unicode property ("\p{L}", "\P{Lu}", "\p{^L}",
# "\pL"), or any other, matched whole so that "\\p{L}" (a backslash, then "p{L}") is not.
_ESCAPE = regex.compile(r"\\(?:(?P<property>[pP](?:\{[^}]*\}|[A-Za-z]))|.)", regex.DOTALL)
# What a property class is read as: a character of the private use area, whatever the
# property. Met as a character of the match it stops the reading (``_char``,
# ``_class_chars``); were the pattern to hold this very character, it would only be
# read the less.
_PROPERTY_CHAR = "\ue000"

Node = tuple[Any, Any]


class _Unread(Exception):
    """The pattern's opening words cannot be read with certainty."""


def pattern_opening_words(pattern: str) -> frozenset[str] | None:
    """The words, lower-cased, every match of ``pattern`` opens with (each match starts
    where such a whole word starts), or None when that is not certain."""
    # Read at set-up rather than at every start (echo_cases/compiled_patterns.py).
    return compiled_patterns.remembered(_opening_words, pattern)


def _opening_words(pattern: str) -> frozenset[str] | None:
    pattern = _properties_stood_in(pattern)  # before: "\\p{L}" is no fuzzy "{L"
    if _FUZZY.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = _parser.parse(pattern, 0)
    except (_c.error, FutureWarning, OverflowError, RecursionError):  # `regex`'s own syntax
        return None
    found: set[str] = set()
    try:
        _read(tuple(parsed), "", False, found, 0)
    except (_Unread, RecursionError):
        return None
    return frozenset(found) if found else None


def _properties_stood_in(pattern: str) -> str:
    """``pattern`` with each class by Unicode property written as ``_PROPERTY_CHAR``."""
    if "\\p" not in pattern and "\\P" not in pattern:
        return pattern
    return _ESCAPE.sub(lambda m: "\\ue000" if m.group("property") else m.group(), pattern)


def _read(nodes: tuple[Node, ...], word: str, guarded: bool, found: set[str], depth: int) -> None:
    """Every first word the nodes can spell after ``word``; ``guarded``: no word character
    can come before the match (a "\\b" or "(?<!\\w)" before its first character)."""
    if len(found) > _MAX_WORDS or len(word) > _MAX_WORD or depth > 200:
        raise _Unread
    if not nodes:
        raise _Unread  # the pattern ends inside its first word, or matched nothing
    (op, av), rest = nodes[0], nodes[1:]
    if op is _c.LITERAL:
        _char(chr(av), rest, word, guarded, found, depth)
    elif op is _c.IN:
        for char in _class_chars(av):
            _char(char, rest, word, guarded, found, depth)
    elif op is _c.BRANCH:
        for branch in av[1]:
            _read((*branch, *rest), word, guarded, found, depth + 1)
    elif op is _c.SUBPATTERN:
        _read((*av[3], *rest), word, guarded, found, depth + 1)
    elif op is _c.ATOMIC_GROUP:
        _read((*av, *rest), word, guarded, found, depth + 1)
    elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, body = av
        if low == 0:
            _read(rest, word, guarded, found, depth + 1)
        if high != 0:
            again = high if high == _c.MAXREPEAT else high - 1
            more: Node = (op, (max(low - 1, 0), again, body))
            _read((*body, more, *rest), word, guarded, found, depth + 1)
    elif op is _c.AT:
        # "\b" or a line's start right before a word character: nothing of a word precedes.
        starts = av in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
        _read(rest, word, guarded or (starts and not word), found, depth + 1)
    elif op is _c.ASSERT_NOT:
        _not(av, rest, word, guarded, found, depth)
    elif op is _c.ASSERT:
        _read(rest, word, guarded, found, depth + 1)  # ignored: more ways, never fewer
    else:
        raise _Unread  # any character, a reference to a group, a condition


def _char(
    char: str, rest: tuple[Node, ...], word: str, guarded: bool, found: set[str], depth: int
) -> None:
    if char == _PROPERTY_CHAR:
        raise _Unread  # a letter, a mark, a digit or none: the first word may go on
    if _WORD_CHAR.match(char) is None:
        if not word:
            raise _Unread  # a match opens with no word character
        found.add(word)
        return
    if not (word or guarded):
        raise _Unread  # the match may start inside a word
    for spelling in _SPELLINGS.get(char) or (char.lower(),):
        _read(rest, word + spelling, guarded, found, depth + 1)


def _not(
    av: tuple[int, list[Node]],
    rest: tuple[Node, ...],
    word: str,
    guarded: bool,
    found: set[str],
    depth: int,
) -> None:
    direction, body = av
    if _is_word_class(body) or _is_word_after_word(body):
        if direction < 0:  # "(?<!\w)": a word starts here, or (within one) cannot
            if not word:
                _read(rest, word, True, found, depth + 1)
            return
        if word:  # "(?!\w)", "(?!(?<=\w)\w)": the word ends here
            found.add(word)
            return
    _read(rest, word, guarded, found, depth + 1)  # ignored: more ways, never fewer


def _is_word_class(body: list[Node]) -> bool:
    """A class holding every word character: "\\w", "[\\w-]", "[\\w./-]"."""
    return (
        len(body) == 1
        and body[0][0] is _c.IN
        and any(op is _c.CATEGORY and av is _c.CATEGORY_WORD for op, av in body[0][1])
        and not any(op is _c.NEGATE for op, _ in body[0][1])
    )


def _is_word_after_word(body: list[Node]) -> bool:
    """ "(?<=\\w)\\w", as ``cue`` ends: a word character that goes on a word."""
    return (
        len(body) == 2
        and body[0][0] is _c.ASSERT
        and body[0][1][0] < 0
        and _is_word_class(body[0][1][1])
        and _is_word_class([body[1]])
    )


def _class_chars(items: list[Node]) -> list[str]:
    """The characters of a class that matter to a first word: its word characters, each
    apart, and one character standing for all the others ("" inside a word ends it)."""
    chars: set[str] = set()
    ends = False
    for op, av in items:
        if op is _c.LITERAL:
            if chr(av) == _PROPERTY_CHAR:
                raise _Unread  # a class holding a property: which characters, unknown
            chars.add(chr(av))
        elif op is _c.RANGE:
            if av[1] - av[0] > 64 or av[0] <= ord(_PROPERTY_CHAR) <= av[1]:
                raise _Unread  # many characters, or a property at an end ("[\\p{L}-\\ue010]")
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD):
            ends = True
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            raise _Unread  # digits of every script
        else:
            raise _Unread  # a negated class, "\w", ...
    wordy = [c for c in chars if _WORD_CHAR.match(c)]
    if ends or len(wordy) < len(chars):
        wordy.append(" ")  # stands for every character of the class that ends a word
    return wordy
