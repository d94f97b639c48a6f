"""The ward's own words in ICU and ward notes (session 11): frequent clinical words and
device brands are no names or places, and the people named beside them still are.

The clinical vocabulary (clinical_terms.txt) keeps only words rare in ordinary text, so a
span the model or the unexplained-word guess read in "NO SEIZURE ACTIVITY" or "tol broth"
held no word of the clinic; device and supply brands ("xeroform", "LICOX", "YANKAUER")
held none either. Texts written for these tests.
"""

from __future__ import annotations

from importlib.resources import files

import pytest

from echo_cases import deid as deid_package
from echo_cases.deid import Deidentifier, shorthand, wordlists
from echo_cases.deid.candidates import is_clinical_word, is_listed_name
from echo_cases.deid.derived import is_person_name
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.recognizers.learned import _a_timed_entry, _timed_entries
from tests.deid.helpers import touched_tokens, uncovered_tokens

NEURO_CAPS = (
    "NEURO ICU NPN\n"
    "PUPILS 4 MM BRISK, NO SEIZURE ACTIVITY OVERNIGHT, LICOX PBTO2 19-24, EVD OPEN @ 15.\n"
    "SUCTIONED VIA YANKAUER FOR THICK ORAL SECRETIONS.\n"
    "DAUGHTER PRISCILLA UPDATED BY PHONE."
)
BURN_SMALL = (
    "burn unit night\n"
    "l thigh donor site w/ xeroform, dry. picc site cdi, biopatch due fri. soft neutropenic "
    "diet, tol broth.\n"
    "daughter priscilla called at 2200, plans to visit."
)
CCU_MIXED = (
    "CCU note\n"
    "Heparin titrated per protocol, plasma free Hgb 14, knee immobilizer on R leg.\n"
    "Son Forrest at bedside, asks about discharge."
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (NEURO_CAPS, ["NO SEIZURE ACTIVITY", "LICOX", "YANKAUER"]),
        (BURN_SMALL, ["xeroform", "biopatch", "tol broth"]),
        (CCU_MIXED, ["knee immobilizer"]),
    ],
)
def test_frequent_clinical_words_and_device_brands_are_not_names(
    deid: Deidentifier, text: str, words: list[str]
) -> None:
    findings = deid.analyze(text)
    for w in words:
        assert touched_tokens(text, findings, w) == [], w


@pytest.mark.parametrize(
    ("text", "name"),
    [(NEURO_CAPS, "PRISCILLA"), (BURN_SMALL, "priscilla"), (CCU_MIXED, "Forrest")],
)
def test_a_relative_named_beside_the_wards_words_is_still_found(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


def test_the_new_words_are_the_clinics() -> None:
    for w in ("seizure", "DIET", "plasma", "Knee", "xeroform", "LICOX", "Yankauer"):
        assert is_clinical_word(w), w


def _frequent_clinical_block() -> list[str]:
    """The ward words added in session 11 (the block after its comment)."""
    data = files(deid_package) / "data" / "clinical_shorthand.txt"
    text = data.read_text(encoding="utf-8")
    block = text.split("# Frequent words that are the clinic's", 1)[1].split("\n[", 1)[0]
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]


def test_no_device_brand_nor_frequent_clinical_word_is_a_name_or_a_town() -> None:
    words = [*wordlists.words("device_brands"), *_frequent_clinical_block()]
    assert len(words) > 100
    for w in words:
        for form in (w, w.capitalize()):
            assert not is_person_name(form), w
            assert not is_listed_name(form), w
            assert not is_known_place(form), w
    assert shorthand.DEVICE_BRANDS <= shorthand.WARD_WORDS


def test_no_frequent_clinical_word_is_a_word_of_a_facility_or_a_street() -> None:
    # "pt from Hebrew Rehab", "Throgs Neck": such words name places with a name before them.
    place_words = {
        w.lower()
        for kind in ("facility_heads_first", "facility_heads_last", "street_types")
        for w in wordlists.words(kind)
    }
    assert not place_words.intersection(_frequent_clinical_block())


TIMED_ENTRIES = (
    "CCU nights\n"
    "2145: sheath pulled, manual pressure 20 min, site soft.\n"
    "0130: slept in naps, HR 70s, BP 120s/70s, no ectopy on tele.\n"
    "0415: AM labs sent, K 3.8 replaced.\n"
    "0620: up to chair with assist.\n"
    "Wife Marguerite called 0300, asked for a call back."
)


def test_the_clock_opening_each_timed_entry_is_no_identifier(deid: Deidentifier) -> None:
    findings = deid.analyze(TIMED_ENTRIES)
    for clock in ("0130", "0415", "0620"):
        assert touched_tokens(TIMED_ENTRIES, findings, f"{clock}:") == [], clock
    assert uncovered_tokens(TIMED_ENTRIES, findings, "Marguerite") == []


@pytest.mark.parametrize(
    "text",
    [
        # a timeline's years open its lines the same way
        "Oncology history\n2015: diagnosed L breast ca, lumpectomy.\n2019: recurrence.",
        # one line alone is no note of timed entries
        "Called back re results.\n0412: 555 0199 ext 22",
        # nor one line among a timeline's years: years are no timed entries
        "Onc hx\n0412: 555 0199 ext 22\n2014: R breast ca dx.\n2017: bone mets.",
    ],
)
def test_a_year_or_a_lone_number_opening_a_line_is_not_read_as_a_clock(text: str) -> None:
    number = text.split("\n")[1][:4]
    start = text.index(number + ":")
    assert not _a_timed_entry(text, start, start + 4)


def test_two_clocks_among_a_timeline_s_years_are_still_timed_entries() -> None:
    text = "Onc hx\n2014: R breast ca dx.\n0130: slept, HR 70s.\n0415: AM labs sent."
    start = text.index("0130:")
    assert _a_timed_entry(text, start, start + 4)


def test_a_note_s_timed_entries_are_counted_once_however_many_clocks_it_holds() -> None:
    text = TIMED_ENTRIES + "\n"  # a text no other test has counted
    counted = _timed_entries.cache_info().misses
    for clock in ("2145", "0130", "0415", "0620"):
        start = text.index(clock + ":")
        assert _a_timed_entry(text, start, start + 4)
    assert _timed_entries.cache_info().misses == counted + 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("NICU days\nLipids via UAC? no: TPN via UVC @ 150 ml/kg/day, UVC site clean.", "UVC"),
        ("PICU: MIVF VIA PICC @ 40/HR, PICC SITE CDI.", "PICC"),
        ("onc floor: cefepime via PICC, PICC hub scrubbed before access.", "PICC"),
    ],
)
def test_a_line_or_tube_after_via_or_before_its_site_is_no_facility(
    deid: Deidentifier, text: str, line: str
) -> None:
    findings = deid.analyze(text)
    start = 0
    while (start := text.find(line, start)) >= 0:
        assert not any(f.start < start + len(line) and start < f.end for f in findings), text
        start += len(line)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Pt referred via KNH for radiotherapy.", "KNH"),
        ("Transferred via MGH ED last night.", "MGH"),
        ("Our UNM site enrolled a dozen patients.", "UNM"),
    ],
)
def test_a_facility_after_via_or_before_site_is_still_found(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []
