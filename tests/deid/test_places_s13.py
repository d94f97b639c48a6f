"""Places of Quebec, Haiti, Korea, Portugal and the Southern Cone that leaked in session 13:
French place names joined by hyphens around a particle or a saint, in any case; post
office boxes whose word is spelt out, with a short number; Korean road-name addresses
with a branch road; a Portuguese floor written "2.º esq."; a Quebec flat ("app. 3") after
its street.

Examples written for these tests: every name, place, number and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier
from tests.deid.helpers import touched_tokens, uncovered_tokens


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("La patiente vient de Pointe-aux-Saules-du-Nord.", "Pointe-aux-Saules-du-Nord"),
        ("bjr, il habite à ruisseau-des-pins depuis mai", "ruisseau-des-pins"),
        ("DOMICILE: ANSE-DE-LA-ROCHE, SUD-EST", "ANSE-DE-LA-ROCHE"),
        ("née à Morne-Saint-Fidèle, elle vit à Bellerive", "Morne-Saint-Fidèle"),
        ("transféré de val-sur-brême hier soir", "val-sur-brême"),
    ],
)
def test_a_french_place_joined_by_hyphens_is_a_place_in_any_case(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("She lives at the end of a cul-de-sac near the school.", "cul-de-sac"),
        ("Plan: de-escalation of antibiotics once cultures are back.", "de-escalation"),
        ("ECG: non-ST-elevation MI, troponin rising", "non-ST-elevation"),
        ("Six café-au-lait macules on the trunk.", "café-au-lait"),
        ("Discussed vis-à-vis the family meeting.", "vis-à-vis"),
    ],
)
def test_words_joined_by_hyphens_are_no_place(deid: Deidentifier, text: str, kept: str) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []


@pytest.mark.parametrize(
    ("text", "box"),
    [
        ("Correspondencia: Casilla de Correo 742, Durazno", "Casilla de Correo 742"),
        ("escribir a casilla de correos 58, san ramón", "casilla de correos 58"),
        ("Apartado 37, 6230-909 Fundão", "Apartado 37"),
        ("Adres do korespondencji: Skrytka pocztowa 81, Łomża", "Skrytka pocztowa 81"),
        ("Posta Kutusu 214, Bafra", "Posta Kutusu 214"),
    ],
)
def test_a_spelt_out_post_box_with_a_short_number_is_an_address(
    deid: Deidentifier, text: str, box: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), box) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Address: Haneul-ro 27beon-gil 16, Suseong-gu, Daegu", "Haneul-ro 27beon-gil 16"),
        ("lives at dongseong-ro 118 with her son", "dongseong-ro 118"),
        ("ADDR: JUNGANG-DAERO 1187-3, BUSAN", "JUNGANG-DAERO 1187-3"),
    ],
)
def test_a_korean_road_name_address_is_an_address(
    deid: Deidentifier, text: str, address: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), address) == []


def test_a_portuguese_floor_with_a_full_stop_before_its_sign_is_part_of_the_address(
    deid: Deidentifier,
) -> None:
    text = "Morada: Rua das Amoreiras, n.º 31, 3.º dto., 6270-118 Seia"
    assert uncovered_tokens(text, deid.analyze(text), "3.º dto.") == []


def test_a_quebec_flat_after_its_street_is_part_of_the_address(deid: Deidentifier) -> None:
    text = "Adresse : 318, rue des Pruches, app. 6, Val-Bélair"
    assert uncovered_tokens(text, deid.analyze(text), "rue des Pruches, app. 6") == []
