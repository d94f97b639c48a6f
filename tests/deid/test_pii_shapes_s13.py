"""Identifiers of presidio-style PII text (session 13, helper pii19): identity cards under
their short Latin American label ("CI", with Bolivia's issuing department), Finland's
personal code under its Finnish label, the town that ends a street's line when no postcode
stands between them, Peru's "Jr." (jirón) as a street's word, a given name after a
self-introduction ("this is tariq"), and a unit glued to an age over 89 ("95y").

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Paciente Rosalía Mamani, CI 6128834 LP, 58 años.", "6128834 LP"),
        ("Titular: Jhonny Flores C.I. 4471092 SC", "4471092 SC"),
        ("CI: 7730215-1B CB, expedido en 2019", "7730215-1B CB"),
        ("Socio C.I. 3.912.448-6 de Salto", "3.912.448-6"),
        ("CI 4.205.119 del titular, Asunción", "4.205.119"),
        ("Cliente CI V-18443207, Maracay", "V-18443207"),
        ("Hetu check: henkilötunnus 240387-9123 on file.", "240387-9123"),
    ],
)
def test_an_identity_card_under_its_short_label_is_an_id(
    deid: Deidentifier, text: str, value: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), value) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("PA 110/60, CI 2.4, SVR 1150 after the bolus.", "CI 2.4"),
        ("hazard ratio 0.71 (CI 0.55-0.92) for survival", "CI 0.55-0.92"),
        ("CI 95% 1.2 to 3.1 in the second arm", "CI 95% 1.2"),
    ],
)
def test_a_cardiac_index_or_a_confidence_interval_is_no_identity_card(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Envíe el paquete a Av. Grau 218, Lima.", "Lima"),
        ("Domicilio: Calle Los Pinos 1442, Tarija; teléfono en la ficha.", "Tarija"),
        ("Ship to Rua Tomé de Souza 75, Lima, Peru.", "Lima"),
        ("Ela mora na Rua Siqueira 88, Barra Mansa\nObrigada", "Barra Mansa"),
    ],
)
def test_a_town_ending_a_street_line_is_the_addresss(
    deid: Deidentifier, text: str, town: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), town) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Deliver to Calle Olmos 1320, Friday.", "Friday"),
        ("Send it to Calle Olmos 1320, Thanks.", "Thanks"),
        ("Her address is Calle Olmos 1320, Texas.", "Texas"),
    ],
)
def test_a_weekday_a_closing_or_a_region_after_a_street_is_no_town(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


def test_jr_before_a_capitalised_name_and_a_number_is_a_street(deid: Deidentifier) -> None:
    text = "Nueva dirección: Jr. Huallaga 527, Lima. Llamar antes."
    findings = deid.analyze(text)
    assert uncovered_tokens(text, findings, "Jr. Huallaga 527, Lima") == []
    street = next(f for f in findings if text[f.start : f.end].startswith("Jr."))
    assert street.subtype == "ADDRESS"


def test_jr_after_a_name_before_a_number_is_no_street(deid: Deidentifier) -> None:
    text = "Seen by Dr. Ramon Diaz Jr. 2 weeks ago for the same pain."
    assert touched_tokens(text, deid.analyze(text), "2 weeks ago") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hi this is tariq from the plumbers, gate code please", "tariq"),
        ("Good morning, my name is jake and I lost my card.", "jake"),
        ("i am bilal, the tenant of flat 4", "bilal"),
        ("hola, me llamo rosa y perdí mi tarjeta", "rosa"),
        ("bom dia, me chamo grace e preciso de ajuda", "grace"),
    ],
)
def test_a_given_name_after_a_self_introduction_is_a_name(
    deid: Deidentifier, text: str, name: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), name) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("this is metastatic disease until proven otherwise", "metastatic disease"),
        ("I think this is mass effect from the lesion", "mass effect"),
        ("i am worried about her breathing tonight", "worried about"),
        ("This is great news for the family.", "great news"),
    ],
)
def test_a_word_after_this_is_that_is_no_name_stays(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("pt ma thida 95y still on the ward, daughter visiting", "95y"),
        ("widow 93yrs lives with her grandson", "93yrs"),
        ("old man 91y/o brought by his neighbour", "91y/o"),
    ],
)
def test_an_age_over_89_takes_the_unit_glued_to_it(deid: Deidentifier, text: str, age: str) -> None:
    assert uncovered_tokens(text, deid.analyze(text), age) == []
