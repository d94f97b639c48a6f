"""Places that case texts by other authors leak (session 16, cases_dev7_s16): a facility
named only in words of its kind after "National", a housing estate or a block of flats
named after its kind ("Urb. La Candelaria", "Edif. Los Pinos", "Cité 150 Logements"), a
block's or building's code after its word ("Bt B12"), and a Thai house's and village's
numbers ("บ้านเลขที่ 88 หมู่ 4"). Each class with a second invented example, and the
near-misses that must stay."""

from __future__ import annotations

import pytest

from echo_cases.deid import landmarks
from tests.deid.helpers import all_masked, none_masked


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("I am a GP at the National Oncology Centre in Kigoma.", "National Oncology Centre"),
        ("NO RADIOTHERAPY UNTIL THE NATIONAL CANCER CENTRE RESTARTS", "NATIONAL CANCER CENTRE"),
        ("seen at the national radiotherapy centre last week", "national radiotherapy centre"),
        ("He was treated at National Referral Hospital in 2023.", "National Referral Hospital"),
    ],
)
def test_a_facility_of_kind_words_after_national_is_one_place(text: str, facility: str) -> None:
    assert all_masked(text, facility)


@pytest.mark.parametrize(
    "text",
    [
        "NHIF is the National Hospital Insurance Fund, which paid for it.",
        "treated per the national cancer guidelines",
        "national health insurance covers the scan",
        "she joined the national Hospice and Palliative Care Organization last year",
        "KORLE BU TEACHING HOSPITAL NATIONAL CENTRE FOR RADIOTHERAPY, ONCOLOGY",
    ],
)
def test_a_scheme_named_after_national_is_no_facility(text: str) -> None:
    assert not landmarks.facilities_of_one_place(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Dirección: Urb. La Candelaria, Av. Principal, Barquisimeto", "Urb. La Candelaria"),
        ("Vive en la Urbanización Los Samanes, Maracay", "Urbanización Los Samanes"),
        ("Av. Principal, Edif. Los Pinos, piso 4, apto 4-B", "Edif. Los Pinos, piso 4"),
        ("vive en el reparto Camilo Cienfuegos, Holguín", "reparto Camilo Cienfuegos"),
        ("Adresse : Cité 150 Logements, Bt B12, Bab Ezzouar", "Cité 150 Logements, Bt B12"),
        ("adresse : cité el badr, bloc 12, imm. 3, oran", "cité el badr, bloc 12, imm. 3"),
        ("ที่อยู่ บ้านเลขที่ 88 หมู่ 4 ต.ในเมือง", "หมู่ 4"),
        ("address: บ้านเลขที่ 12/3 หมู่ที่ 7 ต.บ้านเป็ด", "บ้านเลขที่ 12/3 หมู่ที่ 7"),
    ],
)
def test_an_estate_a_block_and_a_village_number_are_the_address(text: str, place: str) -> None:
    assert all_masked(text, place)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Le bloc opératoire est fermé ce matin.", "bloc opératoire"),
        ("Bloc 2 of the protocol was given in March.", "protocol"),
    ],
)
def test_a_block_that_is_no_dwelling_stays(text: str, kept: str) -> None:
    assert none_masked(text, kept)
