"""A rule that runs only where it can match finds what it would find in the whole text."""

from __future__ import annotations

import pytest

from echo_cases.deid.recognizers.base import matches, rule
from echo_cases.deid.recognizers.locations import LOCATION_RULES
from echo_cases.deid.recognizers.persons import PERSON_RULES

TEXTS = [
    "Lives in Leesberg, Oklahoma with her son.\nReferred from Gallup, NM 87301 last week.",
    "Seen at clinic.\nHome: Jaunpur,\nIndia (no region on this line)\nNyando District office",
    "From Kibera village, Nairobi; employer Kakuzi Ltd.\n\nWorks for Mumias Sugar Factory",
    "no region here at all, nor a kind of place",
    "Admitted to hospital; seen at Kenyatta National Hospital, Nairobi: St. Mary's Mission"
    " Hospital of Langata (Karen) and Moi Teaching and Referral Hospital.\nPHC clinic",
    'Transferred from Aga Khan University Hospital/Mater Hospital "Hospital" on 3/4',
    "Kamau Otieno, a 54-year-old (Kibera); seen with J.\nSmith is a 45 yo: Ana Silva was a 3"
    " month (Maria Lopez: a 7 day) old",
]


@pytest.mark.parametrize("text", TEXTS)
def test_rules_with_breaks_find_what_the_whole_text_holds(text: str) -> None:
    for r in (r for r in (*LOCATION_RULES, *PERSON_RULES) if r.breaks):
        whole = [m.span() for m in r.pattern.finditer(text)]
        assert [m.span() for m in matches(text, r)] == whole


def test_a_rule_with_breaks_says_what_it_requires() -> None:
    with pytest.raises(ValueError, match="requires"):
        rule("CITY", r"\p{Lu}\w+", 0.8, breaks="\n")
