"""The people an e-mail's header names: the words of its From, To and Cc lines.

A forwarded or pasted e-mail keeps its header ("To: Andre", "From: Hope Solomon
<hs@...>"), and its body then calls those people by name ("Andre, please add this one").
A reader's name that is an ordinary word somewhere ("Andre" is Norwegian for "other",
"Hope") is still the reader's when the header names them.
"""

from __future__ import annotations

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
