"""ICU precision (session 11, issue 11): what the clinic writes that no list held.

Three classes the unexplained-word guess and the model read as names in ICU notes:
short forms of the specialties ("s/p MVC w/ TBI, NSVT x3, PVR 60"), words built from a
clinical prefix and a known word ("BIFRONTAL", "transfemoral", "NORMOTHERMIA"), and a
name the model ran across a comma into the clinic's next words ("DR. KHATRI, PPM
PLANNED"); and values the date rule read as a day and a month, the days of a gestational
age ("CGA 32 0/7") and the pressures of non-invasive ventilation ("NIPPV 20/6"). Each is
still no cover for a name or a date: those beside them are found. Texts written for these
tests.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from echo_cases.deid.candidates import built_from_clinical_roots, is_listed_name
from echo_cases.deid.derived import is_person_name, vocabulary
from echo_cases.deid.gazetteer import is_known_place
from echo_cases.deid.vocabulary import is_clinical_abbreviation
from tests.deid.helpers import touched_tokens, uncovered_tokens

TRAUMA_CAPS = (
    "TSICU NPN 0300\n"
    "S/P MVC W/ TBI AND BIFRONTAL CONTUSIONS. NORMOTHERMIA PROTOCOL CONT.\n"
    "NSVT X4 ON TELE, K 3.2 REPLETED. PVR 40 AFTER VOID.\n"
    "SISTER ODALYS UPDATED AT BEDSIDE."
)
VALVE_SMALL = (
    "cvicu day 1\n"
    "s/p transfemoral bioprosthetic valve, groin soft. crrt held for periprocedural "
    "bleeding risk.\n"
    "nephew tendai called, will visit after work."
)


@pytest.mark.parametrize("form", ["TBI", "nsvt", "PVR", "CRRT", "hfnc", "LVAD"])
def test_short_forms_of_the_specialties_are_clinical_abbreviations(form: str) -> None:
    assert is_clinical_abbreviation(form)


def test_no_clinical_abbreviation_is_a_listed_name_or_a_known_place() -> None:
    # The inventory must not swallow a name nor a hospital: the specialties' list holds
    # "NAT", "HAL", "LES", "PIP" (names too) and "KCH" (King's College Hospital); none is in.
    for form in vocabulary("clinical_abbreviations_specialties"):
        assert not is_person_name(form), form
        assert not is_listed_name(form), form
        assert not is_known_place(form), form
    for name in ("nat", "hal", "les", "pip", "kch"):
        assert not is_clinical_abbreviation(name), name


@pytest.mark.parametrize(
    "word",
    ["BIFRONTAL", "transfemoral", "bioprosthetic", "NORMOTHERMIA", "periprocedural"],
)
def test_words_built_from_clinical_roots(word: str) -> None:
    assert built_from_clinical_roots(word)


@pytest.mark.parametrize(
    "word",
    [
        "Isobella",  # iso- and a word only Italian writes often
        "Bilender",  # bi- and "lender", but a name of the lists
        "Pregarten",  # pre- and "garten", a town of the gazetteer
        "Bijaipur",  # bi- and a town
        "Dimartino",  # di- is a name's particle, no prefix here
        "Bifocal",  # seven letters: too short to judge by its parts
        "Antonucci",
    ],
)
def test_names_and_places_are_not_built_from_clinical_roots(word: str) -> None:
    assert not built_from_clinical_roots(word)


@pytest.mark.parametrize(
    ("text", "clinical", "name"),
    [
        (
            TRAUMA_CAPS,
            ["MVC W/ TBI AND BIFRONTAL CONTUSIONS", "NORMOTHERMIA", "NSVT", "PVR 40"],
            "ODALYS",
        ),
        (VALVE_SMALL, ["transfemoral bioprosthetic", "crrt", "periprocedural"], "tendai"),
    ],
)
def test_icu_shorthand_and_rooted_words_are_not_names_but_the_family_is(
    deid: Deidentifier, text: str, clinical: list[str], name: str
) -> None:
    findings = deid.analyze(text)
    for phrase in clinical:
        assert touched_tokens(text, findings, phrase) == [], phrase
    assert uncovered_tokens(text, findings, name) == []


@pytest.mark.parametrize(
    ("text", "name", "clinical"),
    [
        ("PT SEEN BY DR. KHATRI, PPM PLANNED FOR AM.", "KHATRI", "PPM PLANNED"),
        ("called dr. mwangi, nsvt x3 on tele overnight.", "mwangi", "nsvt"),
    ],
)
def test_a_name_ends_at_a_comma_before_the_clinics_words(
    deid: Deidentifier, text: str, name: str, clinical: str
) -> None:
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, name) == []
    assert touched_tokens(text, findings, clinical) == []


def test_a_name_written_family_first_keeps_its_given_name(deid: Deidentifier) -> None:
    # Near miss: after the comma comes a given name, not the clinic's word.
    text = "PT SEEN BY DR. KHATRI, ANIL PLANNED FOR AM."
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, "KHATRI, ANIL") == []


NICU_MIXED = (
    "NICU NOTE 0700-1900\n"
    "Preemie boy Oyelaran, 31 3/7 wk GA, DOL 4, CGA 32 0/7. Birth wt 1500 g.\n"
    "RESP: NIPPV 20/6 rate 25, FiO2 30%. Weaned to bipap 14/5 at 1400.\n"
    "Mother Folasade visited 12/7, kangaroo care 1 h."
)


@pytest.mark.parametrize("value", ["32 0/7", "20/6", "14/5"])
def test_gestational_days_and_noninvasive_pressures_are_no_dates(
    deid: Deidentifier, value: str
) -> None:
    findings = deid.analyze(NICU_MIXED)
    assert touched_tokens(NICU_MIXED, findings, value) == []


def test_a_day_and_month_beside_them_is_still_a_date(deid: Deidentifier) -> None:
    # Near misses: "visited 12/7" is a date; so is "30 1/7" with no gestational label.
    findings = deid.analyze(NICU_MIXED)
    assert uncovered_tokens(NICU_MIXED, findings, "12/7") == []
    assert uncovered_tokens(NICU_MIXED, findings, "Folasade") == []
    text = "seen in clinic on 30 1/7, ga 33 wk."
    assert uncovered_tokens(text, deid.analyze(text), "1/7") == []
