"""Readers an e-mail's header names, called by name where a paragraph opens.

A forwarded or pasted e-mail keeps its header ("To: Andre", "From: Hope Solomon
<hs@...>"), and its body then calls those people by name and a comma ("Andre, please add
this one", "mark, the patient's number is ..."). A word that opens a paragraph so and that
the header names is the reader's, however ordinary the word ("Andre" is Norwegian for
"other"; "Hope", "Mark") and in whatever case the message is typed.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.recognizers.fragments import alternation

# A header line: its label at the line's start (after a quote's ">"), a colon, its value up
# to an address or the line's end.
_HEADER_LINE = regex.compile(
    rf"(?im)^[ \t>]*(?:{alternation(wordlists.words('mail_header_labels'))})[ \t]*:"
    r"[ \t]*(?P<value>[^\n<]{1,80})"
)
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'\u2019-]*")


def header_words(text: str) -> frozenset[str]:
    """The words, in small letters, of the header lines that name people in ``text``."""
    return frozenset(
        word.group().lower()
        for line in _HEADER_LINE.finditer(text)
        for word in _WORD.finditer(line.group("value"))
    )


# A word and its comma opening a paragraph (the text's start, or after a blank line).
_CALLED = regex.compile(
    r"(?:\A|(?<=\n[ \t]*\r?\n))[ \t]*(?P<name>\p{L}[\p{L}\p{M}'\u2019-]+),[ \t]"
)


def _may_call_a_reader(word: str) -> bool:
    """Not "All, please note" ("To: All staff"), nor the clinic's word of a list's name
    ("To: Breast ECHO hub")."""
    from echo_cases.deid.candidates import is_clinical_word, is_function_word
    from echo_cases.deid.derived import is_person_name

    if is_function_word(word):
        return False
    return is_person_name(word.capitalize()) or not is_clinical_word(word)


def readers_the_header_names(
    text: str, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Paragraphs' first words, before a comma, that the e-mail's header names."""
    named = header_words(text) if ":" in text else frozenset()
    if not named:
        return []
    found: list[tuple[int, int]] = []
    for m in _CALLED.finditer(text):
        word = m.group("name")
        if word.lower() not in named or not _may_call_a_reader(word):
            continue
        span = m.span("name")
        if not any(s <= span[0] and span[1] <= e for s, e in covered):
            found.append(span)
    return found
