"""ICU and ward notes, session 8's second precision pass (helper "icuprec3"): values the
model reads as identifiers, the clinic's words in capitals read as names, and names that
spread further than their evidence; the identifiers beside them are still found.
Examples written for these tests.

The model's findings are given as a Doc with entities set by hand (as in
test_icu_model_conventions.py), so that each convention holds whatever the weights are.
"""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from echo_cases.deid import Deidentifier
from echo_cases.deid.analyzer import PROPAGATED_SCORE, _name_parts
from echo_cases.deid.keep import is_protected_value, protected_spans
from echo_cases.deid.recognizers.learned import LEARNED_SOURCE
from echo_cases.deid.shorthand import is_measured
from tests.deid.test_icu_model_conventions import model_finds
from tests.deid.test_icu_values import found


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        # The second number of a range or a ratio after its label.
        ("Drips: heparin, ptt 74, MAP goal 65-75 on levo.", "75", "LOCATION"),
        ("24h balance: out 1636 (urine 2577, drains 286).", "286", "LOCATION"),
        # Incentive spirometry: among small letters, or opening a clause in capitals.
        ("resp: 2L nc, strong cough, IS 1250.", "1250", "CONTACT"),
        ("RESP: RA 95%, IS 1500.\nGI: FLATUS +.", "1500", "CONTACT"),
        ("pulm: incentive spirometer 750/1500, coughing.", "750/1500", "DATE"),
        # A dose after its drug, a target's number, a term in weeks or months.
        ("Cards: ASA 325, plavix 600 load given in lab.", "600", "LOCATION"),
        ("Resp: trach collar 40% (8h, goal 10 tmrw).", "10", "LOCATION"),
        ("nicu: infant of 29 2/7 wks ga, now dol 12.", "29 2/7", "LOCATION"),
        # A target's range, a short result after its label.
        ("HEME: PTT 74 (GOAL 60-85) - NO RATE CHANGE.", "GOAL 60-85", "LOCATION"),
        ("PMH: DM2, A1C 7, HTN.", "A1C 7", "DATE"),
        # Rhythms and rates, in tens at both ends, or changed into another.
        ("cv: sr/st 90s-110s, occ pvc.", "90s-110s", "LOCATION"),
        ("CV: ST 100-110 -> NSR 90S AFTER VOLUME.", "ST 100-110 -> NSR 90S", "LOCATION"),
        ("CV: NSR 70-80s w/ runs of AIVR to 90s post-PCI.", "90s post-PCI", "LOCATION"),
        # A time after a unit of the hospital, after a small word.
        ("POD 0 s/p AVR, arrived from OR 1840 w/ Dr Lindqvist.", "1840", "CONTACT"),
        # A time at the head of a row of vital signs, after a ward word in capitals.
        ("0830 | T 36.8 | P 97 | BP 128/70", "0830", "CONTACT"),
        ("MALE SURGICAL WARD HANDOVER 1850\nBED 9: OBS STABLE.", "1850", "CONTACT"),
        ("5FU PUMP CONNECTED 1340, DISCONNECT FRI 1140. TOLERATED WELL.", "1140", "ID"),
        # No phone has two digits; an "@" between spaces is "at".
        ("nicu: wt 1140g, up 20 since sunday.", "20", "CONTACT"),
    ],
)
def test_the_wards_values_are_no_identifiers_to_the_model(
    text: str, value: str, label: str
) -> None:
    assert model_finds(text, value, label) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Wt 61 kg, BSA 1.58. Infusion 2205-16:50. No extravasation.", "2205-16:50"),
        ("BSA 1.47. Infusion 9h50-0605. No extravasation.", "9h50-0605"),
        ("Infusion 22:00-2030, no reaction.", "22:00-2030"),
    ],
)
def test_two_clock_times_in_any_notation_are_kept(text: str, value: str) -> None:
    start = text.index(value)
    assert any(s <= start and start + len(value) <= e for s, e in protected_spans(text))


def test_two_years_or_a_phone_are_no_clock_times() -> None:
    for text, value in (("Treated 2019-2021 at Korle Bu.", "2019-2021"), ("Tel 0722-12:34", "")):
        if value:
            start = text.index(value)
            assert not any(s <= start < e for s, e in protected_spans(text))


@pytest.mark.parametrize(
    ("text", "value", "label", "kept"),
    [
        # "IS" in capitals after a subject is a verb: the age after it is the age rule's.
        ("PT IS 95 AND LIVES ALONE.", "95", "AGE", "95"),
        # A date on the line after a value or below a table's labels stays a date.
        ("rr 18-22, tv 450-500.\n2/21 0400 fever 38.9.", "2/21", "DATE", "2/21"),
        ("Date   IgA   sodium\n8/6  73.4   137\n10/17/2025  70.1  139", "8/6", "DATE", "8/6"),
        # A postcode after a town in capitals, whatever follows it.
        ("LIVES IN ACQUAPENDENTE 1021 WITH SON.", "1021", "LOCATION", "1021"),
        # A state code after its town before a postcode is no unit of the hospital.
        ("Casuarina, Darwin NT 0800 for follow-up.", "0800", "LOCATION", "0800"),
        # A phone of four digits or more, and a mail address, stay.
        ("Wife reachable at x4471 after 5pm.", "x4471", "CONTACT", "x4471"),
        (
            "Report sent to k.osei@ridge.example.org today.",
            "k.osei@ridge.example.org",
            "CONTACT",
            "k.osei@ridge.example.org",
        ),
    ],
)
def test_identifiers_beside_those_values_stay(text: str, value: str, label: str, kept: str) -> None:
    assert model_finds(text, value, label) == [kept]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Skin: intact. Family: husband and son in hall w/ pt.", "hall w/"),
        ("FAMILY: SISTER WHO WILL STAY W/ PT TONIGHT.", "STAY W/"),
    ],
)
def test_slashed_shorthand_leaves_the_edges_of_a_place(text: str, value: str) -> None:
    assert all("/" not in f and not f.endswith(" W") for f in model_finds(text, value, "LOCATION"))


def test_a_name_keeps_its_words_when_shorthand_follows() -> None:
    text = "SOCIAL: WIFE MARY HALL W/ PT, UPDATED."
    assert model_finds(text, "MARY HALL W/", "PERSON") == ["MARY HALL"]


def test_a_ratio_the_model_read_apart_is_measured() -> None:
    text = "GU: I/O 904/1279, foley draining well."
    assert is_measured(text, text.index("1279"))
    assert not is_measured("Seen 904/1279 at clinic.", len("Seen 904/"))


def test_a_title_alone_is_nobody() -> None:
    text = "social: chaplain Fr. Okafor visited @ 1400."
    assert model_finds(text, "Fr", "PERSON") == []


@pytest.mark.parametrize(
    "value",
    ["STRONG COUGH", "BROWN SPUTUM", "MAY BLEEDING"],
)
def test_common_words_with_the_clinics_in_capitals_are_kept(value: str) -> None:
    assert is_protected_value(value)


@pytest.mark.parametrize(
    "value",
    [
        "DR GREEN",  # a title opens a name
        "YOUNG RN",  # a credential closes one
        "BROWN, WILL",  # a surname, a comma and a given name
        "GRACE COUGH",  # a given name not common as a word
        "LIBERTY CASH",  # ordinary words, none the clinic's
    ],
)
def test_names_made_of_common_words_stay_names(value: str) -> None:
    assert not is_protected_value(value)


@pytest.mark.parametrize(
    "text",
    [
        "NGT TO LIWS 350 CC DARK GREEN, NPO.",  # cubic centimetres, not "copy to"
        "RESP CARE NOTE: PT REMAINS ON AC 500 X 14, PEEP 8.",
        "WIFE HERE W/ PT, UPDATED. PLAN UNCHANGED.",
        "NURSING NOTE 14:00 -- PT S/P L MASTECTOMY POD1, DRAIN 80ML.",
        "NBM FROM 0000 FOR THE PROCEDURE.",
    ],
)
def test_the_wards_words_after_a_cue_are_no_name(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []


def test_names_after_those_cues_are_still_found(deid: Deidentifier) -> None:
    text = "PT JOHNSON ADMITTED. Cc: Dr Amara Nwosu. MRN 00874321 CHECKED AT 0400."
    found_here = found(deid, text)
    assert any("JOHNSON" in f for f in found_here)
    assert any("Amara Nwosu" in f for f in found_here)
    assert "00874321" in found_here


def test_a_judged_name_spreads_by_its_name_words_only(deid: Deidentifier) -> None:
    # The model or a cue may take the word after a name with it ("DESMOND CALLED"); the
    # note's other "CALLED" is no name.
    text = "PT'S SON DESMOND CALLED AT 2330. REPORT CALLED TO 10W. DESMOND TO VISIT IN AM."
    findings = deid.analyze(text)
    spans = [text[f.start : f.end] for f in findings]
    assert spans.count("DESMOND") + sum("DESMOND" in s for s in spans if s != "DESMOND") >= 2
    second_called = text.index("CALLED", text.index("REPORT"))
    assert not any(f.start <= second_called < f.end for f in findings)


def _judged(text: str, value: str, source: str, score: float) -> RecognizerResult:
    start = text.index(value)
    return RecognizerResult(
        "PERSON",
        start,
        start + len(value),
        score,
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: source},
    )


def test_a_judged_name_spreads_no_surer_than_its_judgement() -> None:
    text = "SON KWABENA CALLED. STRONG GREEN SPUTUM. Seen by Dr Grace Atieno."
    parts = _name_parts(
        text,
        [
            _judged(text, "KWABENA CALLED", LEARNED_SOURCE, 0.6),
            _judged(text, "STRONG GREEN", LEARNED_SOURCE, 0.6),
            _judged(text, "Grace Atieno", "EchoPersonRecognizer", 0.95),
        ],
    )
    assert parts["KWABENA"] == ("PERSON", PROPAGATED_SCORE)
    assert "CALLED" not in parts  # an ordinary word of nobody's went in with the name
    # Made only of ordinary words, the judgement spreads at its own score.
    assert parts["STRONG"] == ("PERSON", 0.6)
    assert parts["GREEN"] == ("PERSON", 0.6)
    assert parts["Grace"] == ("PERSON", PROPAGATED_SCORE)
