"""A pattern tried only where the words its matches open with start finds what the whole
text holds; the words are read from the pattern only where they are certain."""

from __future__ import annotations

import pytest
import regex

from echo_cases.deid import landmarks
from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.base import by_opening_words, matches, rule
from echo_cases.deid.recognizers.openers import pattern_opening_words


def test_a_label_is_read_in_every_spelling_it_opens_with() -> None:
    label = r"\b(?:MRN|pt\.? ?id|CR(?:no\.?|#))[ \t]*(?:[:#]|is)?[ \t]*(?<!\w)(?P<x>\d+)"
    # "pt id" and "pt.id" open with "pt", "ptid" is one word, and so is "MRNis" in "MRNis 12".
    spellings = {"mrn", "mrnis", "pt", "ptid", "ptidis", "crno", "crnois", "cr"}
    assert pattern_opening_words(label) == spellings


def test_a_word_list_between_word_edges_opens_with_its_first_words() -> None:
    words = r"(?i)(?<![\w-])(?:health centre|dispensary|post office)(?![\w-])"
    assert pattern_opening_words(words) == {"health", "dispensary", "post"}


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:the[ \t]+)?(?<!\w)corner of",  # "bathe corner of": a match may open mid-word
        r"corner of",  # nothing says a word starts where the match does
        r"\bward",  # "wards": the first word goes on past the pattern
        r"\b[A-Z]{1,4}\d{5}",  # a class of letters and digits in the first word
        r"(?<![\p{L}-])ward\b",  # a syntax of `regex` alone
        r"\b(?:ward){e<=1}\b",  # fuzzy matching
        r"(?<![\w-])[[a-z]--[q]]+ ward",  # a set of `regex`'s VERSION1
        r"\b\.\d+",  # a match that opens with no word character
    ],
)
def test_words_that_are_not_certain_are_not_read(pattern: str) -> None:
    assert pattern_opening_words(pattern) is None


LABELLED_TEXTS = [
    "MRN: 4471203; pt.id 5512034, pt id 5512035, PTID 5512036; CRno. 771234, CR# 88123",
    "SSNis 123-45-6789; national id no. 29041988; Passport No: P1234567; NHIF 12345678",
    "Policy number AB-33219; member # 7712; lot 33A12 of device serial SN 44-1021-77",
    "vehicle reg. no. KDA 123X; licence plate 4GHT123; Accession: S21-004512, block A3",
    "seen today, nothing to report; plan: review in 2 weeks; PTT 32 s; GROUP 1234",
]


@pytest.mark.parametrize("text", LABELLED_TEXTS)
def test_rules_tried_where_their_words_start_find_what_their_pattern_finds(text: str) -> None:
    gated = [r for rec in build_rule_recognizers() for r in rec.rules if r.opens is not None]
    assert len(gated) > 30  # the cues' rules and the labelled identifiers, at least
    for r in gated:
        assert [m.span() for m in matches(text, r)] == [m.span() for m in r.pattern.finditer(text)]


def test_a_labelled_identifier_is_tried_only_where_its_label_starts() -> None:
    label = r"\b(?:MRN|hospital (?:number|no\.?))[ \t]*:?[ \t]*(?<!\w)(?P<x>\d+)"
    mrn = rule("MRN", label, 0.9, ignore_case=True)
    assert mrn.opens == {"mrn", "hospital"}
    assert [m.group("x") for m in matches("Hospital No. 55210, mrn:7781", mrn)] == ["55210", "7781"]


PLACE_TEXTS = [
    "lives near githurai market, behind Gayaza High School; zinga dispensary\nat mercy hospital",
    "referida ao hospital central de maputo; puesto de salud llachón; lives alone in lepage",
    "MOI TEACHING AND REFERRAL HOSPITAL; -market; supermarket; anakaa kobura karibu na ombeyi",
]


@pytest.mark.parametrize("text", PLACE_TEXTS)
def test_place_finders_tried_where_their_words_start_find_what_the_text_holds(text: str) -> None:
    for pattern in (
        landmarks._landmark_pattern(),
        landmarks._head_first_pattern(),
        landmarks._kind_after_names_pattern(),
        landmarks._settled_pattern(),
    ):
        found = [m.span() for m in by_opening_words(text, pattern)]
        assert found == [m.span() for m in pattern.finditer(text)]


def test_a_pattern_whose_words_are_not_read_is_searched_whole() -> None:
    pattern = regex.compile(r"\b\d+ wards?")
    found = [m.group() for m in by_opening_words("3 wards, 1 ward", pattern)]
    assert found == ["3 wards", "1 ward"]


def test_a_word_is_the_same_characters_to_both_versions_of_regex() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    words = {v: regex.compile(r"\w+", v).findall(every) for v in (regex.VERSION0, regex.VERSION1)}
    assert words[regex.VERSION0] == words[regex.VERSION1]
