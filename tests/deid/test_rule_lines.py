"""A rule that runs only where it can match finds what it would find in the whole text, and
a rule that ignores case finds what its pattern as written finds, whichever folding runs."""

from __future__ import annotations

import pytest
import regex
from regex import _regex, _regex_core

from echo_cases.deid.recognizers import build_rule_recognizers
from echo_cases.deid.recognizers.base import (
    MULTI_CHAR_FOLDS,
    RuleRecognizer,
    cue,
    has_multi_char_fold,
    matches,
    rule,
)
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


# Text where full case folding matters: "Paßport" is "passport", "identiﬁer" (a ligature of
# text pasted from a PDF) is "identifier": the ID rules find both only by full folding.
FOLDING_TEXTS = [
    "Paßport: AB123456; patient identiﬁer 12345678; regiﬆration: KBZ 123A",
    "Patient: JOSÉ STRAẞE, tel 555-123-4567 ext 12, Hauptstraße 5, 10115 Berlin",
    "Mob. 0171 2345678 (ﬁrst contact), MRN: AB-12345, Kimlik No: 12345678901 İSTANBUL",
    "SSN 123-45-6789; insurance plan member ID ΐ 998877; e-mail a.b@example.org",
]


def _rules() -> list:  # type: ignore[type-arg]
    recognizers = [r for r in build_rule_recognizers() if isinstance(r, RuleRecognizer)]
    return [r for recognizer in recognizers for r in recognizer.rules]


def test_the_list_of_characters_that_fold_to_several_is_both_tables() -> None:
    listed = regex.compile(f"[{MULTI_CHAR_FOLDS}]")
    everything = map(chr, range(0x110000))
    by_python = {c for c in everything if len(c.casefold()) > 1}
    by_regex = {
        c
        for c in map(chr, range(0x110000))
        if len(_regex.fold_case(_regex_core.FULL_CASE_FOLDING, c)) > 1
    }
    for c in by_python | by_regex | {"\u0130"}:
        assert listed.fullmatch(c), f"U+{ord(c):04X} is missing"
    assert has_multi_char_fold("Hauptstraße")
    assert not has_multi_char_fold("Hauptstrasse")


# Cues at the start, in the middle, in capitals, after a non-ASCII word, inside words.
CUE_TEXTS = [
    "Dr. Ana Silva; Tel: 555 123 4567; contacted María at 0722 345678; accompanied by her son",
    "PATIENT NAME: JOHN DOE, pt: J.D., seen at Nairobi; PTT normal; telephoned 0722 345 678",
    "Señora Wanjiru, aged 93, is 95; Téléphone: 0722345678; Matron Achieng; Drs Okello",
    "appointment 12/03, reached on +254 722 345678; postcode: 00100; initials: A.B.",
]


@pytest.mark.parametrize("text", [*TEXTS, *FOLDING_TEXTS, *CUE_TEXTS])
def test_rules_find_what_their_pattern_as_written_finds(text: str) -> None:
    folding = [r for r in _rules() if r.written is not None]
    assert len(folding) > 10  # the rules that ignore case run on simple folding
    opening = [r for r in _rules() if r.opens is not None]
    assert len(opening) > 8  # the rules that open with a cue run where one opens
    for r in {id(r): r for r in (*folding, *opening)}.values():
        written = regex.compile(*r.written) if r.written else r.pattern
        assert [m.span() for m in matches(text, r)] == [m.span() for m in written.finditer(text)]


# Dates, IDs and measures line by line, with look-behinds and look-aheads at the line ends.
DIGIT_TEXTS = [
    "seen 15 de julio de 2020\nmayo de 2021, ngày 27 tháng 3 năm 2021\n03/2024 and 3-2024.",
    "5. 3. 2025 (Czech)\n2025. 01. 15.\n[02.04. 13:05] Ana: ok\n02.04., 9:15 seen\n12/2019",
    "LB 99 73 89 T\nyc 52 52 79 d; 12er mars 2021\n12 mars\n2021 NHIF 123456 Kimlik 1234567",
    "at 0300 asking\n@ 55 ml/hr\nMAP >65; 11pm\n5-10 years, 2.1 to 9.8 ng/mL\n3 o'clock C1D19",
    "Disconnected 0300 then\tE4VTM6, e3v2m1;sats\u226592% (\u2264 7) since 1400 12:30/13:45",
    "A-1.5mg x2-3 days, b/2 hrs, till 2359-0700 by 2000 with Dr Lee, to 0700\n10 TO 12 O'CLOCK",
]


@pytest.mark.parametrize("text", [*TEXTS, *CUE_TEXTS, *DIGIT_TEXTS])
def test_every_rule_finds_what_its_pattern_finds_in_the_whole_text(text: str) -> None:
    for r in _rules():
        written = regex.compile(*r.written) if r.written else r.pattern
        assert [m.span() for m in matches(text, r)] == [m.span() for m in written.finditer(text)]


@pytest.mark.parametrize("text", [*TEXTS, *DIGIT_TEXTS])
def test_measures_found_line_by_line_are_those_of_the_whole_text(text: str) -> None:
    from echo_cases.deid import keep

    found = [m.span() for m in keep.measures(text)]
    assert found == [m.span() for m in keep._MEASURE.finditer(text)]
    assert found or "o'clock" not in text  # the measures' own line finds them


def test_a_rule_opens_with_its_cue_only_if_every_branch_does() -> None:
    cued = cue(["seen by", "reviewed by"])
    assert rule("PERSON", rf"\b(?i:{cued}[ \t]+(?P<x>\w+))", 0.8).opens == {"seen", "reviewed"}
    # A word after a look-behind opens its branch as surely (recognizers/openers.py).
    titled = rule("PERSON", rf"(?:{cued}|(?<!\w)Dr)[ \t]+\w+", 0.8)
    assert titled.opens == {"seen", "reviewed", "dr"}
    assert rule("PERSON", rf"(?:{cued}[ \t]+)?\w+", 0.8).opens is None
    assert rule("PERSON", rf"{cued}[ \t]+\w+|\w+ said", 0.8).opens is None


def test_text_that_folds_to_several_is_read_as_written() -> None:
    found = [m.group() for r in _rules() for m in matches(FOLDING_TEXTS[0], r)]
    assert "AB123456" in " ".join(found)
    assert "12345678" in " ".join(found)


EPONYM_TEXTS = [
    "Hodgkin lymphoma, non-Hodgkin; Paget's disease of bone; Deauville 4; ANN ARBOR IIB",
    "linfoma de Burkitt, Morbus Waldenström; tumor de Krukenberg; classic Kaposi; "
    "síndrome de Guillain-Barré; Philadelphia chromosome; Gleason 7; Dr. Paget at home",
    # Eponyms of several words, in any case: the search must open at their first word.
    "a sister mary joseph nodule at the umbilicus; SISTER MARY JOSEPH NODULE",
]


@pytest.mark.parametrize("text", [*EPONYM_TEXTS, *TEXTS, *CUE_TEXTS])
def test_eponym_phrases_are_found_where_the_whole_text_holds_them(text: str) -> None:
    from echo_cases.deid import keep

    found = [m.span() for m in keep.eponym_phrases(text)]
    assert found == [m.span() for m in keep._EPONYM_PHRASE.finditer(text)]
    assert found or text not in EPONYM_TEXTS


# A chat's and a ward's lines: initials after a cue ("r: s.h.", "sister JG.", "Action: MK
# to book"), a cue glued to a longer word ("rr: 18"), words in other scripts.
CUED_TEXTS = [
    "r: s.h. to review\nR: TK to call the family. rr: 18, sister JG.\nAction: MK to book",
    "Reviewed by\no.b. on 12-apr; dr. v.k.'s number; thanks c.o., msw. Dra. LM agreed",
    "mother DM, HTN; caregiver of SM); bác sĩ TV. Escort: sister JG.\nSigned: MS, Med. Cir.",
]


@pytest.mark.parametrize("text", CUED_TEXTS)
def test_rules_tried_only_where_a_cue_starts_find_what_the_whole_text_holds(text: str) -> None:
    cued = [r for r in _rules() if r.opens is not None and r.requires is not None]
    assert cued  # the two rules of initials after a cue, at least
    for r in cued:
        assert [m.span() for m in matches(text, r)] == [m.span() for m in r.pattern.finditer(text)]


def test_a_rule_tried_only_where_a_match_can_start_finds_what_the_whole_text_holds() -> None:
    text = "seen 3-14 (3-14) NPN 3-14, since 3-14\n3-14 cpot 1-2, 2-3 L and s/p ex-lap 3-14"
    dashed = r"(?:^[ \t]*|\([ \t]*|(?<=(?:\b\p{Lu}{2,}|since)[ \t:]+))(?P<x>\d{1,2}-\d{1,2})\b"
    plain = rule("DATE", dashed, 0.75)
    started = rule("DATE", dashed, 0.75, starts=r"(?=^|\()|(?<=[ \t:])")
    assert [m.span() for m in matches(text, started)] == [m.span() for m in matches(text, plain)]
