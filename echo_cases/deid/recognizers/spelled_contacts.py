"""Contacts spelt out for a person to read, not a machine.

An e-mail address written with "at" and "dot" so that no harvester finds it ("ana dot
silva at gmail dot com", "ana[at]uol[dot]com[dot]br", "ANA (AT) UOL (DOT) COM"), and a
phone number in words, as it is read aloud or typed by voice ("oh eight seven, double two
four, six nine one three"). The words are data (data/words/mail_at_words.txt,
mail_dot_words.txt, digit_words/).
"""

from __future__ import annotations

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.public_suffixes import has_public_suffix
from echo_cases.deid.recognizers.base import Rule, RuleRecognizer, cue, rule
from echo_cases.deid.recognizers.fragments import alternation

_AT_WORDS = wordlists.words("mail_at_words")
_DOT_WORDS = wordlists.words("mail_dot_words")
_AT_WORD = alternation(_AT_WORDS)
_DOT_WORD = alternation(_DOT_WORDS)
# "[at]", "(at)", "{at}", "<at>", with or without blanks around: a spelling nobody uses
# but to hide an address.
_AT_BRACKETED = rf"[ \t]*[\[({{<][ \t]*(?:{_AT_WORD}|@)[ \t]*[\])}}>][ \t]*"
_DOT_BRACKETED = rf"[ \t]*[\[({{<][ \t]*(?:{_DOT_WORD}|\.)[ \t]*[\])}}>][ \t]*"
_AT_BARE = rf"[ \t]+(?:{_AT_WORD}|@)[ \t]+"
_DOT_BARE = rf"[ \t]+{_DOT_WORD}[ \t]+"
_AT = rf"(?:{_AT_BRACKETED}|{_AT_BARE})"
_DOT = rf"(?:{_DOT_BRACKETED}|{_DOT_BARE}|\.)"
_LABEL = r"[\w+-]+"
# The address's last label is followed by no other "at": in "write to me at pieter dot
# janssens at telenet dot be" the address is not "me at pieter dot janssens".
_SPELLED_EMAIL = rule(
    "EMAIL",
    rf"(?<![\w.+-])(?P<x>{_LABEL}(?:{_DOT}{_LABEL})*{_AT}{_LABEL}(?:{_DOT}{_LABEL})+)"
    rf"(?![\w-]|{_AT}|\.\w)",
    0.9,
    ignore_case=True,
    # Only lines where an "at" is bracketed, or is followed by a word and a dot, spelt or
    # not: " at " alone is in most sentences of a note.
    requires=rf"{_AT_BRACKETED}|[ \t](?:{_AT_WORD}|@)[ \t]+{_LABEL}"
    rf"(?:{_DOT_BRACKETED}|{_DOT_BARE}|\.)\w",
    breaks="\n",
)
_AT_ANY = regex.compile(rf"{_AT_BRACKETED}|{_AT_BARE}", regex.IGNORECASE)
_DOT_SPELLED = regex.compile(rf"{_DOT_BRACKETED}|{_DOT_BARE}", regex.IGNORECASE)
# Before an address hidden only by a bare "at" ("jorge.m at gmail.com"): a word saying it
# is one. Without it, "available at who.int" is a web address after a verb.
_MAIL_CUE = regex.compile(r"mail|correo|courriel|contact", regex.IGNORECASE)
_MAIL_CUE_REACH = 30
_LOCAL_MARK = regex.compile(r"[._+\d]")

# Digits in words: "double" and "triple" repeat the digit after them.
_DIGIT_VALUES = {
    word.partition(" = ")[0].lower(): word.partition(" = ")[2]
    for lang in wordlists.names("digit_words")
    for word in wordlists.read("digit_words", lang)
}
_REPEATS = {w: int(v[:-1]) for w, v in _DIGIT_VALUES.items() if v.endswith("x")}
_DIGITS = tuple(w for w, v in _DIGIT_VALUES.items() if not v.endswith("x"))
_DIGIT = rf"(?:{cue(_REPEATS)}[ \t-]+)?{cue(_DIGITS)}"
# A phone number has seven digits at least, fifteen at most (E.164).
_MIN_DIGITS, _MAX_DIGITS = 7, 15
_SPOKEN_PHONE = rule(
    "PHONE",
    rf"{_DIGIT}(?:[ \t]*[,./-]?[ \t]*{_DIGIT}){{{_MIN_DIGITS - 1},}}(?!\w)",
    0.85,
    ignore_case=True,
)
_WORD = regex.compile(r"\w+")

SPELLED_RULES: tuple[Rule, ...] = (_SPELLED_EMAIL, _SPOKEN_PHONE)


def spoken_digits(value: str) -> int:
    """How many digits the words of ``value`` say ("double two four" is three)."""
    count, repeat = 0, 1
    for word in _WORD.findall(value.lower()):
        if word in _REPEATS:
            repeat = _REPEATS[word]
        elif word in _DIGIT_VALUES:
            count += repeat
            repeat = 1
    return count


def spelled_email(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is an e-mail address spelt out: its domain, dots put
    back, ends in a public suffix, and the spelling hides it on purpose ("dot", "[at]")
    or, with a bare "at" alone ("jorge.m at gmail.com"), its local part looks like one or
    a word before says it is one; "available at who.int" is a web address after a verb."""
    value = text[start:end]
    ats = list(_AT_ANY.finditer(value))
    if not ats:
        return False
    at = ats[-1]
    if not has_public_suffix(_DOT_SPELLED.sub(".", value[at.end() :]).lower()):
        return False
    if _DOT_SPELLED.search(value) or not at.group().strip().isalpha():
        return True
    before = text[max(0, start - _MAIL_CUE_REACH) : start]
    return bool(_LOCAL_MARK.search(value, 0, at.start()) or _MAIL_CUE.search(before))


class EchoSpelledContactRecognizer(RuleRecognizer):
    """E-mail addresses and phone numbers written in words."""

    def __init__(self) -> None:
        super().__init__("EchoSpelledContactRecognizer", SPELLED_RULES)

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        value = text[start:end]
        if rule_ is _SPOKEN_PHONE:
            return _MIN_DIGITS <= spoken_digits(value) <= _MAX_DIGITS
        return spelled_email(text, start, end)
