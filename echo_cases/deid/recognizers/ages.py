"""Ages over 89 (HIPAA Safe Harbor); younger ages are clinical information and stay."""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult

from echo_cases.deid.recognizers.base import Rule, RuleRecognizer, cue, rule
from echo_cases.deid.recognizers.fragments import YEARS_OF_AGE
from echo_cases.deid.shorthand import is_measured

_OLD = r"(?:9\d|1[0-2]\d)"
_WORDS = (
    r"(?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:a|one)[- ]hundred(?:[- ]and[- ]\w+)?)"
)

_AGE_CUE = cue(
    ("age", "aged", "now", "at age", "turned", "turns", "is", "was", "died at", "age of")
)

_PATIENT = cue(("pt", "pt.", "patient"))

# 92-year-old, 92 years old, 92 yo, 92 y/o, 92yrs, 92 y.o.
_YEARS_OLD = rule(
    "AGE",
    rf"\b(?P<x>{_OLD}|{_WORDS})(?=[ \t-]*(?:{YEARS_OF_AGE}|y|años|anos|ans"
    rf"|ani|tuổi|tuoi|Jahre|jaar|lat|tahun|thn|ya\u015f\u0131nda|godina|let|vuotta|år)\b)",
    0.95,
    ignore_case=True,
)

AGE_RULES: tuple[Rule, ...] = (
    _YEARS_OLD,
    # aged 92, age: 92, now 92, at 92, turned 92, is 92
    rule(
        "AGE",
        rf"{_AGE_CUE}[ \t:]+(?P<x>{_OLD}"
        rf"|{_WORDS})\b(?![./]\d)(?![ \t]*(?:%|mg|ml|kg|g|mmhg|bpm|units?"
        rf"|days?|weeks?|months?|cm|mm)\b)",
        0.9,
        ignore_case=True,
    ),
    # 92M, 92 F, 92-year-old's shorthand in headers: "92 M", "(92F)"
    rule("AGE", rf"(?<![\w.,/-])(?P<x>{_OLD})[ \t]?(?:M|F)\b", 0.85),
    # Age and sex with a slash, either way round: "93/F", "M/91" (a ward's header).
    rule(
        "AGE",
        rf"(?<![\w.,/-])(?:(?P<x>{_OLD})[ \t]*/[ \t]*(?:M|F)\b(?!/)"
        rf"|(?<!/)(?:M|F)[ \t]*/[ \t]*(?P<x>{_OLD})\b(?![./-]?\d|[ \t]*%))",
        0.85,
    ),
    # The patient and a number alone in a clause: "Pt 92, Cr 6.8", "pt 93; HR 91". A
    # value of the patient's has its label ("pt HR 93") or its unit ("Pt 100%").
    rule(
        "AGE",
        rf"{_PATIENT}[ \t:]+(?P<x>{_OLD})(?=[ \t]*(?:[,;)]|\.(?!\d)|$))",
        0.85,
        ignore_case=True,
    ),
    # An age standing after a name: "Mzee Juma, 94, lives alone", "Ana Lima (91)".
    rule(
        "AGE",
        rf"(?<=\p{{Lu}}[\p{{L}}\p{{M}}'-]+\p{{Ll}}\)?)(?:,[ \t]*(?P<x>{_OLD})[ \t]*[,;)]"
        rf"|[ \t]*\([ \t]*(?P<x>{_OLD})[ \t]*\))",
        0.8,
    ),
    # in her 90s / nineties
    rule(
        "AGE",
        r"\b(?:in (?:his|her|their) )(?P<x>(?:early |mid |late |mid-|late-"
        r"|early-)?(?:90s|nineties|100s))",
        0.9,
        ignore_case=True,
    ),
)


class EchoAgeRecognizer(RuleRecognizer):
    def __init__(self) -> None:
        super().__init__("EchoAgeRecognizer", AGE_RULES)

    def accept(self, text: str, start: int, end: int, rule_: Rule) -> bool:
        # "sats now 96", "T 99 F", "HR 92 M": a vital sign, not an age; "96 years old" is an
        # age wherever it stands.
        return rule_ is _YEARS_OLD or not is_measured(text, start)

    def finish(
        self, text: str, results: list[RecognizerResult], entities: list[str]
    ) -> list[RecognizerResult]:
        # A unit glued to the number is one word with it ("95y", "91yo", "93yrs"): the age
        # takes the whole word, or a reader still sees "y" beside a gap where the age was.
        for res in results:
            glued = _GLUED_UNIT.match(text, res.end)
            if glued and text[res.end - 1].isdigit():
                res.end = glued.end()
        return results


# Letters right after an age's digits, up to the end of the word: "95y", "92yrs", "93y/o".
_GLUED_UNIT = regex.compile(r"\p{L}+(?:[/.]\p{L}+)*\.?(?!\w)")
