"""South Asian addresses written as a chain of labelled administrative levels: "vill:
char kukri, PO: kalapara, PS: kalapara, dist: patuakhali", "Vill- Dhanaura, Teh- Sadar,
Distt- Bulandshahr". The label says a place follows, so the value is found in any case
and whether or not its words are ordinary ones; the rules that read a place from its
capitals or a gazetteer miss it in small letters and take the labels for names.
"""

from __future__ import annotations

import functools

import regex

from echo_cases.deid import wordlists
from echo_cases.deid.recognizers.fragments import alternation

Span = tuple[str, int, int]

_WORD = r"[\p{L}\p{M}][\p{L}\p{M}'\u2019]*"
# A label, then a colon, a dash or a full stop before its value ("dist: x", "teh- x",
# "dist. x"); a label written with its own stops ("P.O. Baghmara") needs none.
_SEPARATOR = r"(?:[ \t]*[:\-\u2013][ \t]*|\.[ \t]*|(?<=\.)[ \t]+)"
_MAX_VALUE_WORDS = 3


@functools.cache
def _label_pattern() -> regex.Pattern[str]:
    labels = alternation(
        (*wordlists.words("address_chain_labels"), *wordlists.read("address_chain_labels_shared"))
    )
    return regex.compile(
        rf"(?i)(?<![\w.@/-])(?P<label>{labels}){_SEPARATOR}"
        rf"(?P<value>{_WORD}(?:[ \t]+{_WORD}){{0,{_MAX_VALUE_WORDS - 1}}})"
    )


@functools.cache
def _gate() -> regex.Pattern[str]:
    """A line with no unambiguous label holds no chain: tried before the full pattern."""
    labels = alternation(wordlists.words("address_chain_labels"))
    return regex.compile(rf"(?i)(?<![\w.@/-])(?:{labels})\.?[ \t]*[:\-\u2013.]")


_UNAMBIGUOUS = frozenset(w.lower() for w in wordlists.words("address_chain_labels"))
_LABELS = _UNAMBIGUOUS | {w.lower() for w in wordlists.read("address_chain_labels_shared")}
# "village: NIL", "PO: nil": a field left empty.
_MISSING = frozenset(w.lower() for w in wordlists.words("missing_values"))


def _value_end(value: regex.Match[str]) -> int:
    """Where a label's value ends: before the next label, a function word, or, after its
    first word, a clinical one ("dist- sitamarhi pt c/o ..." ends at "pt"); a place's first
    word may be one ("vill: new colony", "po- road bazar"). One word alone that is very
    common or clinical is an answer, no place ("abd dist: yes", "PO: fluids")."""
    from echo_cases.deid.candidates import is_clinical_word, is_function_word
    from echo_cases.deid.frequency import is_very_common_word

    start = end = value.start("value")
    words: list[str] = []
    for word in regex.finditer(_WORD, value.group("value")):
        low = word.group().lower()
        if low in _LABELS or low in _MISSING or is_function_word(low):
            break
        if words and is_clinical_word(word.group()):
            break
        words.append(word.group())
        end = start + word.end()
    if len(words) == 1 and (is_very_common_word(words[0]) or is_clinical_word(words[0])):
        return start
    return end


def address_chains(text: str) -> list[Span]:
    """The values of a line's labelled address levels, when the line holds at least two
    and one of them is a level no clinic's field names ("vill", "dist", "teh", "thana")."""
    if _gate().search(text) is None:
        return []
    by_line: dict[int, list[tuple[str, int, int]]] = {}
    for m in _label_pattern().finditer(text):
        end = _value_end(m)
        if end > m.start("value"):
            line = text.count("\n", 0, m.start())
            label = m.group("label").lower().rstrip(".")
            by_line.setdefault(line, []).append((label, m.start("value"), end))
    spans: list[Span] = []
    for fields in by_line.values():
        if len(fields) >= 2 and any(label in _UNAMBIGUOUS for label, _, _ in fields):
            spans += [("CITY", start, end) for _, start, end in fields]
    return spans
