"""Ages over 89 beside the ward's values (issue 11, session 9, helper "icuprec9").

Session 8's second ICU precision pass (merged at 2319d6b) made more numbers values: a
dose after its drug, a target's number, and a phone of fewer than four digits (none). An
age over 89 can stand exactly there ("on warfarin 93 female", "Mzee Otieno, (93)"), and
such an age is an identifier under Safe Harbor; the values beside it stay values.
Examples written for these tests.
"""

from __future__ import annotations

import re

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import covered
from tests.deid.test_icu_model_conventions import model_finds
from tests.deid.test_icu_values import found


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("91 yo M admitted from nursing home, HR 91, BP 100/60.", "91 yo"),
        ("pt is 93, HR 91 SR, sats 95% on 2L.", "is 93"),
        ("age 97 on heparin 900 u/h, ptt 60-80.", "age 97"),
        ("F, 92y, afib 90s-110s on dilt gtt.", "92y"),
        ("Bed 4: 92F, HR 70s NSR, MAP goal 65-75.", "92F"),
        ("Dialysis RN note: Pt 92, Cr 6.8, K 5.9 on arrival.", "Pt 92"),
        ("tele: pt 94; afib 80s-100s on heparin 850 u/hr.", "pt 94"),
        ("Eliquis 5 bid. 93/F with afib, rate 110s.", "93/F"),
        ("Header: F/96, HR 88, on lasix 40.", "F/96"),
        ("Mrs Dlamini (95) on enoxaparin 40 sc.", "(95)"),
        ("Mzee Otieno, (93) lives alone; BP 150/90.", "(93)"),
        ("Sats 94% RA. Bibi Amina is 94 and on metformin 500.", "is 94 and"),
    ],
)
def test_an_age_over_89_beside_vitals_doses_and_ranges_is_found(
    deid: Deidentifier, text: str, age: str
) -> None:
    number = re.search(r"\d+", age)
    assert number is not None
    start = text.index(age) + number.start()
    assert covered(deid.analyze(text), start, start + len(number.group()))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The model's age after a drug or a target word, with the sex or years after it.
        ("on warfarin 93 female, HR 80.", "93"),
        ("target 92 yo on bipap, sats 88-92.", "92"),
    ],
)
def test_an_age_with_its_sex_or_years_after_a_drug_or_target_is_no_dose(
    text: str, value: str
) -> None:
    assert model_finds(text, value, "AGE") == [value]


def test_a_short_number_in_brackets_the_model_calls_a_phone_is_an_age() -> None:
    assert model_finds("Mzee Otieno, (93) lives alone.", "(93)", "CONTACT") == ["93"]


@pytest.mark.parametrize(
    "text",
    [
        "T 98-99 F overnight, HR 91 SR.",
        "Temp 99 F, pt 98% on RA.",
        "PT 100%, INR 1.1.",
        "pt 92% on 2L NC, HR 100.",
        "Pt 95 kg, lasix 40.",
        "PT 12.1, PTT 93, INR 1.2.",
        "Pt 99.1 F axillary.",
        "HR 88-93 M",
        "FiO2 100, PEEP 10.",
        "vanc 1250 q12h, trough 14.6, target 15-20.",
    ],
)
def test_the_values_beside_those_ages_stay(deid: Deidentifier, text: str) -> None:
    assert found(deid, text) == []


def test_a_numbers_value_after_its_label_is_kept_in_brackets_too() -> None:
    assert model_finds("BP 140/80 (93), HR 70.", "(93)", "CONTACT") == []
