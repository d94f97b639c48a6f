"""Places that hubs write without capitals or in another word order (session 9): named
or numbered wards, places named by the landmark after them, facilities named head first
in small letters (`echo_cases/deid/landmarks.py`).

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "ward"),
    [
        ("handover, Ward 9C (surgical)\nbed 3 - stable overnight.", "Ward 9C"),
        ("moving to ward 5 tomorrow when a bed frees.", "ward 5"),
        ("pt from ward d bed 7, febrile on arrival.", "ward d"),
        ("admitted ward 14 of the district hospital", "ward 14"),
        ("Bệnh nhân nằm khoa ngoại 3, giường 8.", "khoa ngoại 3"),
        ("transferred from 6 North overnight for a rising lactate.", "6 North"),
    ],
)
def test_a_named_or_numbered_ward_is_a_place(deid: Deidentifier, text: str, ward: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), ward) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("back on the ward a few days later, eating well.", "ward a few days"),
        ("discharged from the ward 2 days ago.", "ward 2 days"),
        ("MICU team aware, will review on the ward round.", "MICU team aware"),
    ],
)
def test_the_ward_without_its_own_number_or_letter_names_no_place(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("family lives behind kandoro market, near the bus stop.", "kandoro"),
        ("she sells vegetables near Bwelezi high school every morning.", "Bwelezi"),
        ("lives opposite the mwikali trading centre.", "mwikali"),
        ("referred from nyakanda dispensary for a breast lump.", "nyakanda dispensary"),
        ("seen at the Obuasi-Tena CHPS compound last week.", "Obuasi-Tena"),
        ("lives near kalomba clinic with her daughter.", "kalomba clinic"),
        ("house on mbirikani road, past the church.", "mbirikani road"),
    ],
)
def test_the_place_a_landmark_is_named_for_is_a_place_in_any_case(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Portacath tip at the cavoatrial junction on the film.", "cavoatrial junction"),
        ("follow up in the oncology clinic in two weeks.", "oncology clinic"),
        ("lives near the central market with her sister.", "central market"),
    ],
)
def test_a_landmark_after_ordinary_or_clinical_words_names_no_place(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "referida ao hospital central de quelimane para biópsia.",
            "hospital central de quelimane",
        ),
        ("seguida no centro de saúde de mahotas desde 2019.", "centro de saúde de mahotas"),
        ("enfermería, puesto de salud huancaní: paciente estable", "puesto de salud huancaní"),
        ("posso encaminhar para o hospital of bukedea? tel dela", "hospital of bukedea"),
    ],
)
def test_a_facility_named_head_first_in_small_letters_is_a_place(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("mzee anakaa kirumba karibu na soko, pain better.", "kirumba"),
        ("pt taga malvarosa, nasa bahay na po siya.", "malvarosa"),
        ("su hija vive en tzajalchen desde marzo.", "tzajalchen"),
        ("she lives alone in okomboro since her husband died.", "okomboro"),
        ("referred from ruhinda hc iii with a breast lump.", "ruhinda"),
    ],
)
def test_unknown_words_after_a_word_of_residence_are_a_place_in_any_language(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Lactate 2.4. R/O Morbus Hodgkin, on vasopressin.", "Morbus"),
        ("came from home by bus with her son.", "home by bus"),
        ("she walked from the pharmacy near the gate.", "pharmacy near the gate"),
    ],
)
def test_a_word_of_residence_before_ordinary_or_clinical_words_names_no_place(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


def test_a_health_centre_takes_its_level(deid: Deidentifier) -> None:
    text = "referred from kabwohe health centre iv after a positive VIA."
    assert uncovered_tokens(text, deid.analyze(text), "kabwohe health centre iv") == []


def test_a_landmark_in_a_line_of_capitals_names_its_place(deid: Deidentifier) -> None:
    text = "LIVES NEAR KAKIRA TRADING CENTRE, WALKS TO CLINIC."
    assert uncovered_tokens(text, deid.analyze(text), "KAKIRA") == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("a filha mora na rua dos limoeiros 214, perto da feira.", "rua dos limoeiros 214"),
        ("domicilio: avenida los cedros 1187, lima.", "avenida los cedros 1187"),
        ("Sohn wohnt in der lindenstraße 7, gleich nebenan.", "lindenstraße 7"),
    ],
)
def test_a_street_and_its_number_in_small_letters_are_an_address(
    deid: Deidentifier, text: str, street: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), street) == []


def test_a_month_before_a_year_is_no_street(deid: Deidentifier) -> None:
    text = "Revăzută la Institutul Regional pe 7 martie 2024."
    at = text.index("martie")
    kinds = {f.entity_type.value for f in deid.analyze(text) if f.start <= at < f.end}
    assert kinds == {"DATE"}
