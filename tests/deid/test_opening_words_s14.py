"""A pattern with `regex`'s classes by Unicode property ("\\p{L}", "\\P{Lu}", "\\pL") has
its opening words read too, when the properties come after the first word: they never
make a first word, end one, or guard one."""

from __future__ import annotations

import pytest

from echo_cases.deid import landmarks
from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.base import by_opening_words, matches
from echo_cases.deid.recognizers.openers import pattern_opening_words


def test_properties_after_the_first_word_leave_it_read() -> None:
    ward = r"(?i)(?<![\w-])(?:ward|wd)\.?[ \t]+[\p{L}\p{M}][\p{L}\p{M}'-]*\d?"
    assert pattern_opening_words(ward) == {"ward", "wd"}


def test_a_word_edge_that_holds_a_property_beside_every_word_character_guards() -> None:
    street = r"(?<![\w\p{M}-])(?:calle|rua)[ \t]+\p{Lu}\p{Ll}+(?![\w\p{M}])"
    assert pattern_opening_words(street) == {"calle", "rua"}


def test_the_short_form_of_a_property_is_one_too() -> None:
    assert pattern_opening_words(r"\bkhoa[ \t]+\pL+[ \t]+\d") == {"khoa"}
    assert pattern_opening_words(r"\bkhoa\pL") is None


def test_an_escaped_backslash_before_p_is_no_property() -> None:
    # "ward\pL": the word "ward", a backslash (no word character), then "pL".
    assert pattern_opening_words(r"(?<!\w)ward\\pL") == {"ward"}


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bward\p{L}*[ \t]+\d",  # "wardroom 3": the first word goes on through a property
        r"\bward[\p{L}-]?[ \t]+\d",  # the same through a class that holds one
        r"(?<![\w-])\p{Lu}{2,6}[ \t]*\d{4,}",  # "MRN 12345": opens with a property
        r"(?<![\w-])\P{Ll}ard\b",  # opens with a property's complement
        r"(?<![\p{L}\p{M}])ward\b",  # "5ward": letters and marks are not every word character
        r"(?<![\w-])(?:ward|\p{Lu}\.)[ \t]+\d",  # one branch opens with a property
        r"\b(?:ward){e<=1}[ \t]+\p{L}",  # fuzzy matching, still
        r"\bwar[\p{L}-\ue010]\b",  # a range from a property: not the characters it spans
    ],
)
def test_a_property_where_the_first_word_is_made_leaves_the_pattern_unread(pattern: str) -> None:
    assert pattern_opening_words(pattern) is None


WARD_AND_STREET_TEXTS = [
    "moved to Ward 6B from wd. c bed 12; an award 5 given; 5ward 7; Nằm khoa nội 2 giường 4",
    "mora na rua das flores 88 perto da avenida 9 de julio 1234; calle 8; CALLE 9 norte 4",
    "wohnt in der hauptstraße 14, später jägerweg 3; 7 South; callejón 12; la rua 5a",
    "WARD 3 then KHOA HỒI SỨC 2; forward 4 steps; reward 10; ward\u0301 3; Ward",
]


@pytest.mark.parametrize("text", WARD_AND_STREET_TEXTS)
def test_wards_and_streets_tried_where_their_heads_start_find_what_the_text_holds(
    text: str,
) -> None:
    assert pattern_opening_words(landmarks._ward_pattern().pattern) is not None
    assert pattern_opening_words(landmarks._street_patterns()[0].pattern) is not None
    for pattern in (landmarks._ward_pattern(), *landmarks._street_patterns()):
        found = [m.span() for m in by_opening_words(text, pattern)]
        assert found == [m.span() for m in pattern.finditer(text)]


RULE_TEXTS = [
    *WARD_AND_STREET_TEXTS,
    "seen at Centre Hospitalier Universitaire de Kigali, then Unidad de Medicina Familiar 12",
    "referred from centre hospitalier régional; UNIDADE BÁSICA DE SAÚDE Vila Nova; Avda. Sol 4",
    "Avenida Reforma 222, Jirón Puno 410; Rua Augusta 15; Av. Brasil 9; Carrera 7 # 40-62",
]


@pytest.mark.parametrize("text", RULE_TEXTS)
def test_rules_with_properties_tried_where_their_words_start_find_what_they_find(
    text: str,
) -> None:
    gated = [
        r
        for rec in build_rule_recognizers()
        for r in rec.rules
        if r.opens is not None and "\\p" in (r.written[0] if r.written else r.pattern.pattern)
    ]
    assert gated  # the street names after their kind, the facilities' names at least
    for r in gated:
        assert [m.span() for m in matches(text, r)] == [m.span() for m in r.pattern.finditer(text)]
