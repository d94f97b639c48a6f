# ruff: noqa: RUF001 - the examples are written in other languages' own letters
"""What case texts by other authors leak (session 18, cases_dev9_s18): address parts
written after their number (a Turkish numbered street with its door and flat, Mongolian
subdistricts and blocks, a microdistrict, a French arrondissement); a facility's name split
by its word for "and" or by the title of the person it is named for; the place of a
letter's dateline; Romanian short street words in small letters, and in one case with
the house number ending the address; the Romanian name field; a house's number after
its street with the number's sign ("casa nro. 18"); Azerbaijan's FIN and Myanmar's NRC
after their labels; a name that goes on over Hassaniya particles ("Mint", "Ould"). Each
class with invented examples, and the near-misses that must stay."""

from __future__ import annotations

import pytest

from echo_cases.deid import get_deidentifier
from echo_cases.deid.types import EntityType
from tests.deid.helpers import all_masked, none_masked


def _findings(text: str) -> list[tuple[int, int, EntityType]]:
    found = next(iter(get_deidentifier().analyze_many([text])))
    return [(f.start, f.end, f.entity_type) for f in found]


def _one_finding_covers(text: str, part: str, kind: EntityType) -> bool:
    start = text.index(part)
    return any(k is kind and s <= start and start + len(part) <= e for s, e, k in _findings(text))


# -- Address parts written after their number --------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Adres: Yenimahalle Mah. 3318. Sokak No:14 D:7, Ankara", "3318. Sokak No:14 D:7"),
        ("ADRES: ATATÜRK MAH. 672. SK. NO:3 KAT:2", "672. SK. NO:3 KAT:2"),
        ("adres: bahçelievler mah. 12. cad. no:41 daire:9", "12. cad. no:41 daire:9"),
    ],
)
def test_a_turkish_numbered_street_with_its_door_and_flat_is_an_address(
    text: str, address: str
) -> None:
    assert _one_finding_covers(text, address, EntityType.LOCATION)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Хаяг: Сонгинохайрхан дүүрэг, 20-р хороо, 7-р байр, 112 тоот", "20-р хороо"),
        ("Хаяг: Сонгинохайрхан дүүрэг, 20-р хороо, 7-р байр, 112 тоот", "7-р байр"),
        ("Хаяг: Сонгинохайрхан дүүрэг, 20-р хороо, 7-р байр, 112 тоот", "112 тоот"),
        ("Ünvan: Bakı, 4-cü mikrorayon, bina 17", "4-cü mikrorayon"),
        ("Адрес: 6-й микрорайон, дом 3", "6-й микрорайон"),
        ("elle habite le 11e arrondissement depuis 2019", "11e arrondissement"),
    ],
)
def test_a_numbered_subdistrict_block_or_flat_is_an_address(text: str, part: str) -> None:
    assert all_masked(text, part)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Cisplatin 2 Cd. was a typo for cycle 2", "2 Cd."),
        ("CAD, 3 vessels; 2 cad risk factors", "2 cad"),
    ],
)
def test_a_short_kind_needs_an_ordinal_mark_and_a_capital_word_no_number(
    text: str, kept: str
) -> None:
    assert not _one_finding_covers(text, kept, EntityType.LOCATION)


# -- A facility's name split at "and" or after a title -----------------------------------


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Biyopsi: Sakarya Eğitim ve Araştırma Hastanesi, patoloji", "Eğitim ve Araştırma"),
        ("Operisana u Institut za kardiologiju i hirurgiju Niš", "kardiologiju i hirurgiju"),
        ("trasladado al hospital Luis y Pedro Monteverde el lunes", "Luis y Pedro"),
        # In capitals, with the Turkish "İ" and the ending after the apostrophe.
        ("SONUÇ: ERZURUM BÖLGE EĞİTİM VE ARAŞTIRMA HASTANESİ'NDE BİYOPSİ", "EĞİTİM VE ARAŞTIRMA"),
    ],
)
def test_a_facility_name_goes_on_across_its_word_for_and(text: str, facility: str) -> None:
    assert all_masked(text, facility)


@pytest.mark.parametrize(
    ("text", "conjunction"),
    [
        ("ECOG 1 and stable", " and "),
        ("Dr Achieng y la enfermera Wanjiru de Kisumu County Hospital", " y "),
    ],
)
def test_and_outside_a_facility_s_name_stays(text: str, conjunction: str) -> None:
    # "and" is found only when one half is no facility and the other one is, found as a
    # place: a doctor's name cued by a title is no half of a facility.
    assert none_masked(text, conjunction)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Mamografia na UBS Dr. Antônio Reis Filho em março", "UBS Dr. Antônio Reis Filho"),
        ("Derivada al Hospital Dra. Eloísa Díaz de La Florida", "Hospital Dra. Eloísa Díaz"),
    ],
)
def test_a_facility_named_for_a_titled_person_is_one_facility(text: str, facility: str) -> None:
    assert _one_finding_covers(text, facility, EntityType.LOCATION)


def test_a_doctor_after_the_hospital_in_prose_stays_a_person() -> None:
    # A head in small letters before a capitalised name is prose, not the name's head.
    text = "I phoned the hospital Dr Okonkwo works at."
    assert _one_finding_covers(text, "Okonkwo", EntityType.PERSON)
    assert not _one_finding_covers(text, "hospital", EntityType.LOCATION)


# -- A letter's dateline ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Service de cardiologie\n\nBouaké, le 3 mars 2025\n\nCher confrère,", "Bouaké"),
        ("Klinikum Nord\nLüneburg, den 12.02.2025\nSehr geehrte", "Lüneburg"),
        ("Parecer\nParintins, em 4 de maio de 2025\nPrezada colega", "Parintins"),
    ],
)
def test_the_words_before_a_date_ending_its_line_are_the_letter_s_place(
    text: str, place: str
) -> None:
    assert _one_finding_covers(text, place, EntityType.LOCATION)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Signed, 03/03/2025", "Signed"),
        ("Received, le 3 mars 2025", "Received"),
        ("Monday, 3 March 2025\nDear", "Monday"),
    ],
)
def test_an_english_word_before_a_date_is_no_dateline_place(text: str, word: str) -> None:
    assert not _one_finding_covers(text, word, EntityType.LOCATION)


# -- Street words, ID labels and name particles --------------------------------------------


def test_a_romanian_short_street_word_in_small_letters_opens_the_address() -> None:
    text = "Domiciliat temporar bd. Dacia 41, ap. 7, or. Bălți"
    assert _one_finding_covers(text, "bd. Dacia 41, ap. 7", EntityType.LOCATION)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("domiciliu: bd. moscova 12, ap. 40, chișinău", "bd. moscova 12, ap. 40"),
        ("DOMICILIU: STR. MIHAI VITEAZUL 9; TEL.", "STR. MIHAI VITEAZUL 9"),
    ],
)
def test_in_one_case_a_dotted_street_word_and_a_house_number_ending_it_are_an_address(
    text: str, address: str
) -> None:
    assert _one_finding_covers(text, address, EntityType.LOCATION)


@pytest.mark.parametrize(
    "text",
    ["smith et al. 2019 reported", "S. pneumoniae str. R6 grew in 2 plates"],
)
def test_a_dotted_word_without_a_house_number_ending_the_address_stays(text: str) -> None:
    assert not any(k is EntityType.LOCATION for _, _, k in _findings(text))


def test_a_romanian_name_field_holds_the_name_in_small_letters() -> None:
    assert all_masked("fișa pacientului\nnume: rusu ion vasile     idnp: 2", "rusu ion vasile")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Xəstə: Quliyev Rauf, FİN 7JK2M9Q, ünvan", "7JK2M9Q"),
        ("patient fin 2ab45c9 noted on the card", "2ab45c9"),
        ("Ma Thida, 44, NRC 14/PATHANA(N)203114, from Pathein", "14/PATHANA(N)203114"),
    ],
)
def test_a_country_s_id_after_its_label_is_an_id(text: str, number: str) -> None:
    assert _one_finding_covers(text, number, EntityType.ID)


@pytest.mark.parametrize("text", ["TB 2HRZE/4HR since March", "ART 2015 then switched"])
def test_a_regimen_or_a_year_after_a_programme_label_stays(text: str) -> None:
    assert not any(k is EntityType.ID for _, _, k in _findings(text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Patiente : Mme Vatimetou Mint Ely Cheikh, 49 ans", "Vatimetou Mint Ely Cheikh"),
        ("PATIENTE : AICHETOU MINT ELY SALECK, 61 ANS", "AICHETOU MINT ELY SALECK"),
        ("le fils, brahim ould ely, a appelé", "brahim ould ely"),
    ],
)
def test_a_name_never_ends_on_ould_or_mint(text: str, name: str) -> None:
    assert all_masked(text, name)


def test_a_particle_alone_opens_no_name() -> None:
    # "Mint" found alone (a name of the model's) is not grown over the next word.
    assert none_masked("peppermint tea with Mint leaves", "leaves")


def test_a_house_after_its_street_with_the_number_s_sign_is_the_address_s() -> None:
    text = "urb. la floresta, calle 3, casa nro. 27"
    assert _one_finding_covers(text, "calle 3, casa nro. 27", EntityType.LOCATION)
