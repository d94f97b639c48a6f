"""A Presidio recognizer driven by our own compiled patterns.

Presidio's PatternRecognizer always reports the whole match; ours report one
named group ("x") so a pattern can demand context ("MRN: ") without redacting it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from echo_cases.deid.recognizers.fragments import alternation

# Every cue word of every recognizer, collected as the patterns are built, so that one
# test can check them all (tests/deid/test_shorthand.py).
CUE_WORDS: set[str] = set()


def cue(words: Iterable[str]) -> str:
    """Cue words as an alternation that matches whole words only.

    "pt" must not fire inside "PTT", nor "re" inside "RESP", nor "cc" inside "CCU":
    the cue starts where no word character precedes it and ends where none follows.
    """
    items = tuple(words)
    CUE_WORDS.update(items)
    return rf"(?<!\w){alternation(items)}(?!(?<=\w)\w)"


_MID_WORD = regex.compile(r"(?<=\w)(?=\w)")


def inside_word(text: str, pos: int) -> bool:
    """True when ``pos`` falls between two word characters ("PT|T", "RE|SP")."""
    return _MID_WORD.match(text, pos) is not None


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern: its subtype, its score, and the compiled regex (group "x" if present)."""

    subtype: str
    pattern: regex.Pattern[str]
    score: float
    # A cheap pattern the text must contain for the rule to be worth running at all.
    requires: regex.Pattern[str] | None = None
    # Characters no match contains, nor what its look-aheads read ("\n": a match never
    # spans a line break). The rule then runs only on the stretches between two of them
    # that hold ``requires``: a pattern that opens with a name ("Kenyatta National
    # Hospital") is otherwise tried at every capital of the text.
    breaks: str = ""


def rule(
    subtype: str,
    pattern: str,
    score: float,
    *,
    ignore_case: bool = False,
    requires: str | None = None,
    requires_case: bool = False,
    breaks: str = "",
) -> Rule:
    """``requires`` ignores case unless ``requires_case`` (say so when the pattern's own
    copy of it heeds case: fewer stretches to search)."""
    if breaks and not requires:
        raise ValueError("breaks cut the text into stretches that hold `requires`: give it")
    flags = regex.VERSION1 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
    gate = regex.compile(requires, 0 if requires_case else regex.IGNORECASE) if requires else None
    return Rule(subtype, regex.compile(pattern, flags), score, gate, breaks)


def _stretch(text: str, start: int, end: int, breaks: str) -> tuple[int, int]:
    """The stretch of ``text`` around ``start:end`` that holds none of ``breaks``."""
    before = max(text.rfind(c, 0, start) for c in breaks) + 1
    after = [i for i in (text.find(c, end) for c in breaks) if i >= 0]
    return before, min(after, default=len(text))


def matches(text: str, r: Rule) -> Iterator[regex.Match[str]]:
    """The matches of ``r.pattern`` in ``text``, as ``finditer`` finds them.

    With ``breaks``, only the stretches between breaks that hold ``requires`` are
    searched: the pattern sees the whole text (its look-behinds reach before the
    stretch), but ends at the break, where a match could not have gone on anyway.
    """
    if r.requires is None:
        yield from r.pattern.finditer(text)
    elif not r.breaks:
        if r.requires.search(text) is not None:
            yield from r.pattern.finditer(text)
    else:
        stretch_end = 0
        for gate in r.requires.finditer(text):
            if gate.start() < stretch_end:
                continue  # a stretch already searched
            stretch_start, stretch_end = _stretch(text, gate.start(), gate.end(), r.breaks)
            yield from r.pattern.finditer(text, stretch_start, stretch_end)


_LAST_WORD = regex.compile(r"(\p{L}+)\.$")


def strip_sentence_end(text: str, start: int, end: int) -> int:
    """Drop a full stop that ends the sentence, keep one that ends "Inc." or "J.S."."""
    if end - start > 1 and text[end - 1] == ".":
        m = _LAST_WORD.search(text, start, end)
        if m and len(m.group(1)) >= 4:
            return end - 1
    return end


class RuleRecognizer(EntityRecognizer):
    """Runs a list of rules; subclasses may veto a match in ``accept``."""

    rules: tuple[Rule, ...] = ()

    def __init__(self, name: str, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        super().__init__(
            supported_entities=sorted({r.subtype for r in self.rules}),
            name=name,
            supported_language="en",
        )

    def load(self) -> None:  # patterns are compiled at construction
        pass

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        return True

    def spans(self, text: str) -> Iterator[tuple[int, int, Rule]]:
        for r in self.rules:
            has_group = "x" in r.pattern.groupindex
            for m in matches(text, r):
                start, end = m.span("x") if has_group else m.span()
                end = strip_sentence_end(text, start, end)
                if start < 0 or end <= start:
                    continue
                # A finding never starts inside a word: "PTT" is no cue "PT" before a name "T".
                if inside_word(text, start):
                    continue
                if self.accept(text, start, end, r):
                    yield start, end, r

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        return [
            RecognizerResult(
                r.subtype,
                start,
                end,
                r.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for start, end, r in self.spans(text)
            if r.subtype in entities
        ]
