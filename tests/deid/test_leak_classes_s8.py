"""Classes of identifiers that leaked from whole documents in session 8 (ECHO case
summaries, fresh generated samples), each closed by a mechanism with its words as data.

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens

# --- Initials without dots after a word that announces a person ----------------------


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Neutropenic again; discussed with Dr PW (pw@clinic.example) this morning.", "PW"),
        ("Please see Dr HQ at the satellite clinic on return.", "HQ"),
        ("Transport arranged. Escort: sister JG.", "JG"),
        ("ESCORT: MOTHER NB. DISCHARGED ON ONDANSETRON.", "NB"),
        ("Outcome: start letrozole. Action: MK to book the bone scan.", "MK"),
        ("Plan agreed with family.\nSigned: TW, Med. Onc.", "TW"),
        ("Hija: SM, cel. 555 0142", "SM"),
        ("Ana (caregiver of RB) called: the pain is better.", "RB"),
        ("[12/03/2025 09:14] LS: her daughter is asking about the scan", "LS"),
        ("Patient JK, 45 F, from the coast.", "JK"),
    ],
)
def test_initials_without_dots_after_a_person_cue_are_a_person(
    deid: Deidentifier, text: str, initials: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), initials) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Family history: mother DM, father HTN, sister CA.", "DM, father HTN, sister CA"),
        ("FHx: father MI at 60, mother BC.", "MI at 60, mother BC"),
        ("Next of kin: NA. Lives alone.", "NA"),
        ("Action: CT to be booked before cycle 3.", "CT"),
        ("Goals of care held, decision made to make pt CMO. pt made DNR.", "CMO"),
        ("PRESENTER DR. MED. OKELLO, ONCOLOGY.", "DR. MED"),
        ("Patient ID: A1321954 on the form.", "ID"),
    ],
)
def test_short_forms_and_empty_fields_after_those_cues_are_kept(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


# --- Facilities written as capitals in a form's field, a programme's site ------------


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Hub: UNM  |  Spoke: Gallup Indian Medical Center", "UNM"),
        ("Cervical cancer ECHO (PGH hub). Question on dose-dense AC.", "PGH"),
        ("She goes to CDH in Lusaka for radiotherapy next month.", "CDH"),
        ("Referring facility - MZCH, paediatric ward.", "MZCH"),
    ],
)
def test_capitals_in_a_facility_field_or_before_hub_or_a_town_are_a_facility(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


def test_clinical_capitals_in_those_places_are_kept(deid: Deidentifier) -> None:
    text = "Site: ECOG 1, PS good. MRI in Lusaka was normal. WHO hub guidance followed."
    assert touched_tokens(text, deid.analyze(text), "ECOG 1, PS good. MRI") == []


# --- Dates in shapes of other countries -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mammography 04.III.2024 showed a 2 cm mass.", "04.III.2024"),
        ("Operated 12-IV-2023, adjuvant chemotherapy after.", "12-IV-2023"),
        ("Biopsy 3 XI 2022 at the district hospital.", "3 XI 2022"),
        ("amputação parcial ago/2024, linfonodos palpáveis", "ago/2024"),
        ("cirugía en set/23, recaída en dic/2024", "set/23"),
        ("BIOPSY DEC-12. MORSE 45.", "DEC-12"),
        ("geb. 28. okt. 1970, wohnhaft in der Stadt", "28. okt. 1970"),
        ("Chemoradiation Feb-Apr 2024, then a PET.", "Feb-Apr 2024"),
    ],
)
def test_a_roman_month_a_month_glued_to_its_year_and_a_month_range_are_dates(
    deid: Deidentifier, text: str, date: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), date) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Stage III 2024 cohort; T3 N1 M0, class II-2 evidence.", "III 2024"),
        ("Set 10 reps twice daily; out 2 days; pain began 3 weeks ago.", "Set 10"),
        ("Started a PD-1 inhibitor; her CA-125 is rising.", "PD-1 inhibitor; her CA-125"),
    ],
)
def test_numbers_beside_roman_numerals_or_those_words_are_no_date(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []
