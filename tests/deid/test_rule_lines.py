"""A rule that runs line by line finds what it would find in the whole text."""

from __future__ import annotations

import pytest

from echo_cases.deid.recognizers.base import matches, rule
from echo_cases.deid.recognizers.locations import LOCATION_RULES

TEXTS = [
    "Lives in Leesberg, Oklahoma with her son.\nReferred from Gallup, NM 87301 last week.",
    "Seen at clinic.\nHome: Jaunpur,\nIndia (no region on this line)\nNyando District office",
    "From Kibera village, Nairobi; employer Kakuzi Ltd.\n\nWorks for Mumias Sugar Factory",
    "no region here at all, nor a kind of place",
]


@pytest.mark.parametrize("text", TEXTS)
def test_one_line_rules_find_what_the_whole_text_holds(text: str) -> None:
    for r in (r for r in LOCATION_RULES if r.one_line):
        assert r.requires is not None
        whole = [m.span() for m in r.pattern.finditer(text)] if r.requires.search(text) else []
        assert [m.span() for m in matches(text, r)] == whole


def test_a_line_rule_says_which_lines() -> None:
    with pytest.raises(ValueError, match="requires"):
        rule("CITY", r"\p{Lu}\w+", 0.8, one_line=True)
