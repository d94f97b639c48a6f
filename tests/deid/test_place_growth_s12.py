"""Places found short of their whole name (session 12): the saint's title a church, school
or hospital is named with, the short kind of facility after a place ("RRH", "HC IV",
"level 5"), the house number after a number sign ("n°", "nº", "n.º", "#" after a street),
the street word before a person a street is named for, streets and city quarters typed
small with their head and no number ("rua", "calle", "jardim"), and lines typed small but
for an age and sex in capitals ("71M").

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from echo_cases.deid import Deidentifier, landmarks
from echo_cases.deid.candidates import is_caseless
from echo_cases.deid.place_growth import grow_places
from echo_cases.deid.types import EntityType
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Her home is past St. Bernadette catholic church on the hill.", "St. Bernadette"),
        (
            "collected from st. agatha's mission hospital kibwezi today",
            "st. agatha's mission hospital",
        ),
        ("nyumba yake iko nyuma ya kanisa la Mt. Yakobo, karibu na soko", "Mt. Yakobo"),
        ("pt from ndola, lives behind st. columba's primary school", "st. columba's"),
    ],
)
def test_a_saints_title_is_part_of_the_place_named_for_the_saint(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


def _found(text: str, part: str, subtype: str) -> RecognizerResult:
    start = text.index(part)
    return RecognizerResult(subtype, start, start + len(part), 0.6)


@pytest.mark.parametrize(
    ("text", "found", "subtype"),
    [
        ("cv: sr/st 80s-100s, rare pac", "80s", "LOCATION"),  # a heart rhythm
        ("She prayed to St. Jude for a quick recovery.", "Jude", "PERSON"),  # no place beside
    ],
)
def test_a_rhythm_or_a_prayer_is_no_saints_place(text: str, found: str, subtype: str) -> None:
    res = _found(text, found, subtype)
    grow_places(text, [res])
    assert (text[res.start : res.end], res.entity_type) == (found, subtype)


def test_a_saint_found_as_a_person_beside_a_church_becomes_the_churchs_name() -> None:
    text = "the meeting is at the chapel of St. Brigid, after mass"
    res = _found(text, "Brigid", "PERSON")
    grow_places(text, [res])
    assert (text[res.start : res.end], res.entity_type) == ("St. Brigid", "FACILITY")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("plan: refer to Masindi RRH for CT, then back home", "Masindi RRH"),
        ("if no bed, kitgum rrh can admit her", "kitgum rrh"),
        ("she was screened at Bukedea HC IV in march", "Bukedea HC IV"),
    ],
)
def test_a_facility_kind_written_short_after_a_place_is_the_facilitys(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Reside en Cochabamba, calle 9 n.º 2210, zona sur.", "calle 9 n.º 2210"),
        ("DOMICILIO: AV. JUAN XXIII N° 1187, TARIJA", "AV. JUAN XXIII N° 1187"),
        ("Adresse : avenue Lumumba n° 12, commune de Lemba", "avenue Lumumba n° 12"),
        ("Mora na Rua Alvares Cabral nº 315, Centro.", "Rua Alvares Cabral nº 315"),
    ],
)
def test_a_house_number_after_a_number_sign_is_the_streets(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_a_number_sign_after_no_street_is_not_read_as_a_house_number(
    deid: Deidentifier,
) -> None:
    text = "Moved from Kisumu # 3 on the list to be seen; bed # 4 is free."
    assert touched_tokens(text, deid.analyze(text), "# 3 on the list") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a filha mora no jardim ângela e trabalha no centro", "jardim ângela"),
        ("fica na rua joaquim de oliveira, perto do mercado", "rua joaquim de oliveira"),
        ("la llevan por la avenida juárez hasta el seguro", "avenida juárez"),
        ("acompanhada pela ubs parque santo antônio desde maio", "parque santo antônio"),
    ],
)
def test_a_street_or_quarter_typed_small_is_found_by_its_head(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("o jardim da casa está cheio de flores", "jardim da casa"),
        ("ela caiu na rua e bateu a cabeça", "rua e bateu"),
        ("vivía en la calle, sin casa, hasta que lo internaron", "calle, sin casa"),
        ("Her son Rua brings her to the clinic on Fridays.", "Rua brings"),
    ],
)
def test_a_head_as_an_everyday_word_names_no_street(text: str, kept: str) -> None:
    start = text.index(kept)
    spans = landmarks.settlements_named_after_kind(text)
    assert [s for s in spans if s[1] < start + len(kept) and start < s[2]] == []


@pytest.mark.parametrize(
    ("line", "caseless"),
    [
        ("2. wafula 64M bungoma, from st. luke's hospital", True),
        ("pt achieng 38F nyalenda, for review", True),
        ("2gm na, 1.5L fluid restr, uo 30s", False),
        ("Seen by Dr Otieno today", False),
    ],
)
def test_an_age_and_sex_in_capitals_leave_a_small_line_small(line: str, caseless: bool) -> None:
    assert is_caseless(line) is caseless


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Boîte postale : 04 BP V 512, Abidjan 04, Côte d'Ivoire", "04 BP V 512, Abidjan 04"),
        ("Écrire au BP K 77 avant la fin du mois.", "BP K 77"),
        ("orientée par le poste de santé de Keur Madiop", "poste de santé de Keur Madiop"),
        ("suivi aux cliniques universitaires de mbandaka", "cliniques universitaires de mbandaka"),
        ("Li te konsilte nan sant sante Pignon ane pase.", "sant sante Pignon"),
    ],
)
def test_west_african_post_boxes_and_health_posts_are_places(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize("text", ["BP R 130 L 128, HR 72", "BP 120/80, HR 88", "bp 95 systolic"])
def test_a_blood_pressure_is_no_post_box(deid: Deidentifier, text: str) -> None:
    assert [f for f in deid.analyze(text) if f.entity_type is EntityType.LOCATION] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("she will board at busia town stage by 6am", "busia town"),
        ("we meet at the Kitale Town market gate", "Kitale Town"),
    ],
)
def test_a_towns_word_before_its_landmark_is_the_landmarks_name(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []
