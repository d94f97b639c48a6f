"""What case texts by other authors leak (session 17, cases_dev8_s17): a known town named
after a copula in a sentence that says a place comes ("the nearest radiotherapy is
Accra"), a second town joined to a first by "or"; a record number whose letter prefix is
typed in small letters after its label ("mrn rh 2290451"), and the record's word alone
as its label ("historia", "dossier", "HC", "carte nationale"). Each class with a second
invented example, and the near-misses that must stay."""

from __future__ import annotations

import pytest

from echo_cases.deid import get_deidentifier
from echo_cases.deid.types import EntityType
from tests.deid.helpers import all_masked, none_masked


def _found(text: str) -> list[tuple[str, EntityType]]:
    found = next(iter(get_deidentifier().analyze_many([text])))
    return [(text[f.start : f.end], f.entity_type) for f in found]


def _a_place_covers(text: str, part: str) -> bool:
    start = text.index(part)
    found = next(iter(get_deidentifier().analyze_many([text])))
    return any(
        f.entity_type is EntityType.LOCATION and f.start <= start and start + len(part) <= f.end
        for f in found
    )


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Nearest radiotherapy is Accra, which the family cannot afford.", "Accra"),
        ("nearest radiotherapy is accra, family can't manage", "accra"),
        ("the closest centre with a PET scanner is Nairobi.", "Nairobi"),
        ("NEAREST ALTERNATIVE IS DUBAI.", "DUBAI"),
        ("le centre le plus proche avec la curiethérapie est Dakar.", "Dakar"),
        ("el centro más cercano con radioterapia es Cusco", "Cusco"),
        ("Najbliži centar s PET-om je Beograd.", "Beograd"),
        ("nearest oncology centre with radiotherapy is addis ababa.", "addis ababa"),
    ],
)
def test_a_known_town_after_a_nearest_and_a_copula_is_a_place(text: str, town: str) -> None:
    assert _a_place_covers(text, town)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("then radioiodine in Suva or Brisbane once she is fit", "Brisbane"),
        ("refer her to lomé ou accra for trastuzumab", "accra"),
    ],
)
def test_a_known_town_joined_to_a_place_by_or_is_a_place(text: str, town: str) -> None:
    assert _a_place_covers(text, town)


@pytest.mark.parametrize(
    "text",
    [
        "The nearest is fine, is it not?",
        "nearest radiotherapy is available next month",
        "closest follow-up is weekly",
    ],
)
def test_a_nearest_sentence_without_a_town_names_no_place(text: str) -> None:
    assert not [f for f in _found(text) if f[1] is EntityType.LOCATION]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("mrn rh 2290451, admitted to ward 4", "rh 2290451"),
        ("hospital no. ig 1120384 address: male", "ig 1120384"),
        ("hosp. no. efs 2411037, from brikama", "efs 2411037"),
        ("historia hopm-2024-3391 y cédula", "hopm-2024-3391"),
        ("HC#: HC 40117729   QID: 27105024531", "HC 40117729"),
        ("CARTE NATIONALE TD 1198 4422 07. ADRESSE : QUARTIER", "TD 1198 4422 07"),
        ("dossier ICL/24/0781, vu le 3 mars", "ICL/24/0781"),
    ],
)
def test_a_record_number_with_its_letter_prefix_is_one_identifier(text: str, number: str) -> None:
    assert (number, EntityType.ID) in _found(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("mrn is 2290451 and the ward is 4", "is"),
        ("hospital no on 1234567", "on"),
        ("CML chronic phase. ID card 01024076118. BCR-ABL", "card"),
    ],
)
def test_a_word_before_a_labelled_number_stays(text: str, word: str) -> None:
    assert none_masked(text, f" {word} ")


@pytest.mark.parametrize(
    "text",
    [
        "hc 34 cm at birth, weight 3.2 kg",
        "HC 100 mg IV then taper",
        "historia de 3 meses de tos",
        "dossier 2024 complet",
    ],
)
def test_a_measure_or_year_after_a_record_word_is_no_identifier(text: str) -> None:
    assert not [f for f in _found(text) if f[1] is EntityType.ID]


# Facilities told by their capitals after French and Spanish words for "at" and "from", a
# facility's kind written short before the place it serves, and Albanian heads first.


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Recibió 3 ciclos en el INOR y luego radioterapia.", "INOR"),
        ("la derivaron del HNDM con el informe", "HNDM"),
        ("Elle a fait le scanner à l'HIA de Libreville", "HIA"),
        ("puis transférée à l'HGRN le 11/08/2024", "HGRN"),
    ],
)
def test_capitals_after_a_romance_at_or_from_are_a_facility(text: str, facility: str) -> None:
    assert _a_place_covers(text, facility)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("vu au SAU pour douleur thoracique", "SAU"),
        ("contrôle du TSH dans trois mois", "TSH"),
        ("se repitió al ECG sin cambios", "ECG"),
    ],
)
def test_a_service_or_a_test_after_au_or_al_stays(text: str, word: str) -> None:
    assert none_masked(text, word)


@pytest.mark.parametrize("word", ["VIENTRE", "ORINAR"])
def test_a_word_in_capitals_after_en_el_or_al_in_capitals_is_no_facility(word: str) -> None:
    assert not _a_place_covers("SIGUE CON DOLOR EN EL VIENTRE, REFIERE ARDOR AL ORINAR", word)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("VUE D'ABORD AU CS WALIA PUIS RÉFÉRÉE", "CS WALIA"),
        ("Évacuée au CMA de Pissy le 3 mars", "CMA de Pissy"),
        ("Transférée du CMA de Kossodo à Ouagadougou", "CMA de Kossodo"),
    ],
)
def test_a_kind_written_short_before_its_place_is_part_of_the_facility(
    text: str, facility: str
) -> None:
    assert _a_place_covers(text, facility)


def test_a_kind_that_is_also_a_title_stays_a_title_before_a_name() -> None:
    text = "fever over 100.4 or bleeding. CHR Delbert will check on him"
    assert ("Delbert", EntityType.PERSON) in _found(text)
    assert none_masked(text, "CHR")


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("E referuar nga Spitali Rajonal Korçë më 1 tetor 2024.", "Spitali Rajonal Korçë"),
        ("mjekja e familjes në Qendra Shëndetësore Pogradec", "Qendra Shëndetësore Pogradec"),
        ("e referuar nga spitali rajonal korçë më 1 tetor", "spitali rajonal korçë"),
    ],
)
def test_an_albanian_facility_named_after_its_kind_is_one_place(text: str, facility: str) -> None:
    assert _a_place_covers(text, facility)


def test_an_albanian_hospital_word_alone_opens_no_facility() -> None:
    assert not [f for f in _found("Spitali ka mungesë barnash.") if f[1] is EntityType.LOCATION]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("ORIENTATION VERS ACCRA POUR LE TRASTUZUMAB ?", "ACCRA"),
        ("on l'a évacuée vers Niamey en urgence", "Niamey"),
    ],
)
def test_a_known_town_after_french_vers_is_a_place(text: str, town: str) -> None:
    assert _a_place_covers(text, town)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Адрес: ул. Гарашсызлык, д. 17, кв. 42; родом из", "д. 17, кв. 42"),
        ("АДРЕС: УЛ. МИРА, Д. 5, КВ. 12, ТЕЛ. НЕТ", "Д. 5, КВ. 12"),  # noqa: RUF001
        ("ÜNVAN: Sumqayıt, ev 5, mənzil 31. Doğulduğu yer", "ev 5, mənzil 31"),  # noqa: RUF001
    ],
)
def test_a_house_and_a_flat_in_russian_or_azerbaijani_are_an_address(
    text: str, address: str
) -> None:
    assert all_masked(text, address)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ch reg. ch/onc/2024/0662  this lady from kenema", "ch/onc/2024/0662"),
        ("ipp cnhu-24-07721, habite fidjrossè", "cnhu-24-07721"),
        ("broj istorije kbc-24/55120. adresa", "kbc-24/55120"),
    ],
)
def test_a_parted_record_code_in_small_letters_is_an_identifier(text: str, code: str) -> None:
    assert (code, EntityType.ID) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "uop 60-100/hr, bp 120-140s/60-70s overnight",
        "seen 12/10/2024, next 2024-11-18",
        "il-6 12000/crp rising",
    ],
)
def test_rates_dates_and_lab_pairs_in_small_letters_are_no_record_code(text: str) -> None:
    assert not [f for f in _found(text) if f[1] is EntityType.ID]


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        (
            "la vimos en el hospital central antonio maría pineda el lunes",
            "hospital central antonio maría pineda",
        ),
        ("centro: hospital militar carlos arvelo, caracas", "hospital militar carlos arvelo"),
    ],
)
def test_a_facility_named_head_first_for_a_person_in_small_letters_is_one_place(
    text: str, facility: str
) -> None:
    assert _a_place_covers(text, facility)


def test_a_single_given_name_after_a_facility_kind_is_not_its_name() -> None:
    text = "referida al hospital de día con maría josé"
    assert not _a_place_covers(text, "maría")
