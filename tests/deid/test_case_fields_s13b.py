"""Case forms that leaked in session 13 (round 2): a facility's field filled with a name made
only of ordinary words, in any case and with its head word anywhere in it; an identity
card's eleven digits under the bare label "CI"; a record number after "n°" or "n.º" in
small letters.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "Facility: Central Institute of Blood and Cancer, Kestrava",
            "Central Institute of Blood and Cancer",
        ),
        (
            "hospital: women and children referral hospital, port ellery",
            "women and children referral hospital",
        ),
        (
            "FACILITY: NORTHERN GENERAL TEACHING HOSPITAL, VALMORE",
            "NORTHERN GENERAL TEACHING HOSPITAL",
        ),
        (
            "Site: regional cancer treatment centre; presenter dr obi",
            "regional cancer treatment centre",
        ),
        (
            "Hospital: Hôpital de la Mère et de l'Enfant, Tessaoua",
            "Hôpital de la Mère et de l'Enfant",
        ),
    ],
)
def test_a_facility_field_holds_the_facility_name_whatever_its_words(
    deid: Deidentifier, text: str, facility: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), facility) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # Two words name a service every hospital has.
        ("Facility: Oncology Clinic", "Oncology Clinic"),
        ("hospital: radiotherapy unit", "radiotherapy unit"),
        # A sentence after the label is no name.
        ("Hospital: was admitted to the district hospital", "admitted to the district hospital"),
        # No facility's head word: a team, a ward.
        ("Site: palliative care home visits", "palliative care home visits"),
    ],
)
def test_a_facility_field_without_a_name_keeps_its_words(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Paciente: Yanelis Cabrera, 41 años, CI 88061507392", "88061507392"),
        ("PACIENTE: ODALYS PEREDA, CI 79110223145, HC 2291", "79110223145"),
        (
            "doente de 52 anos, processo n.º kzt/med/4471/23, natural de quelimane",
            "kzt/med/4471/23",
        ),
        ("patient : traoré ali, 61 ans, n° chn/gyn/2024/518", "chn/gyn/2024/518"),
    ],
)
def test_a_labelled_number_is_an_identifier(deid: Deidentifier, text: str, number: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), number) == []


@pytest.mark.parametrize(
    "text",
    [
        "Swan: CI 2.4, SVR 1100, CVP 9",
        "CI 3.1 after milrinone",
    ],
)
def test_a_cardiac_index_stays(deid: Deidentifier, text: str) -> None:
    assert [f for f in deid.analyze(text) if f.entity_type == "ID"] == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ADRES: CUMHURIYET MAH. LALE SK. NO:7, KONYA", "ADRES"),
        ("HASTANE: SELCUK TIP FAKULTESI", "HASTANE"),
        ("LEKARZ: PIOTR NOWAK", "LEKARZ"),
        ("PROVENANCE : KAYES, QUARTIER LAFIABOUGOU", "PROVENANCE"),
        ("PARAQET: DR. BESNIK LALA", "PARAQET"),
        ("VENDBANIMI: FSHATI ZALL", "VENDBANIMI"),
        ("APREZENTA: DR. JOSE SARMENTO", "APREZENTA"),
        ("DOMICILIU: SATUL VALENI", "DOMICILIU"),
        ("MUNICIPIO: PLAYA", "MUNICIPIO"),
    ],
)
def test_a_form_label_in_another_language_is_no_name_nor_place(
    deid: Deidentifier, text: str, label: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), label) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("ok nurse, can we move her to the 18th?", "18th"),
        ("hold the capecitabine till the 3rd then restart", "3rd"),
        ("She will stay with her sister until after the 21st.", "21st"),
    ],
)
def test_a_day_of_the_month_alone_after_a_cue_is_a_date(
    deid: Deidentifier, text: str, day: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), day) == []


@pytest.mark.parametrize(
    "text",
    [
        "moved to the 2nd floor after the 4th cycle",
        "pain in the 5th intercostal space, referred to the 2nd ward",
        "upgraded to the 3rd line after progression",
    ],
)
def test_an_ordinal_of_a_count_or_a_place_is_no_date(deid: Deidentifier, text: str) -> None:
    assert [f for f in deid.analyze(text) if f.entity_type == "DATE"] == []
