"""Places named by a cue, a kind or a landmark, in small letters as typed on a phone
(session 11, issue 11's nine countries): a settlement's kind written before its name
("xã nà phặc", "ranchería el sabino", "village rampur kalan"; the kind is in the place, as
the corpora label it, except in English, Swahili, Romanian and Indonesian), a landmark's
kind before its name ("iglesia de san juan") or after it ("kanyama taxi park").

Examples written for these tests: every name, place and sentence here is invented.
"""

from __future__ import annotations

import pytest

from echo_cases.deid import Deidentifier, landmarks
from tests.deid.helpers import touched_tokens, uncovered_tokens


def found_by_place_finders(text: str, kept: str) -> list[str]:
    """The words of ``kept`` the place finders of landmarks.py report (the model may read a
    facility's generic name on its own; these tests specify the finders)."""
    start = text.index(kept)
    end = start + len(kept)
    return [
        text[max(a, start) : min(b, end)]
        for _, a, b in landmarks.places(text)
        if a < end and start < b
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("bn ở xã pá khoang, điện biên, đau bụng 2 tuần.", "xã pá khoang"),
        ("nhà ở bản hua la, gần suối.", "bản hua la"),
        ("bà sống ở ấp 7, xã mỹ quý.", "ấp 7"),
        ("pt from brgy. tagpuro, purok 9, still no transport.", "brgy. tagpuro"),
        ("pt from brgy. tagpuro, purok 9, still no transport.", "purok 9"),
        ("taga brgy. san roque, tabi ng kapilya", "brgy. san roque"),
        ("la señora vive en la ranchería el zapote y no tiene pasaje", "ranchería el zapote"),
        ("viene de la colonia tepalcates, cerca del metro", "colonia tepalcates"),
        ("ela mora no povoado santa rita, zona rural", "povoado santa rita"),
        ("a filha mora na vila nova esperança agora", "vila nova esperança"),
        ("asha visited village bhojpur khurd, smt meena has a lump", "bhojpur khurd"),
    ],
)
def test_a_settlement_after_its_kind_is_a_place_in_small_letters(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # The kind with no name after it, or an ordinary English word after an English kind.
        ("the village elder came with her to clinic.", "village elder came"),
        ("referred by the village health team for pain in abdomen.", "village health team"),
        ("the barangay captain drove her to the rhu", "barangay captain drove"),
        ("meeting at the brgy hall on friday", "brgy hall on"),
        ("la colonia no tiene agua, dolor en abdomen", "colonia no tiene"),
        # A third word that goes on with the sentence is left out of the name.
        ("a filha mora na vila nova esperança passou mal", "passou mal"),
        # The kind as a syllable of an everyday word ("biên bản", minutes), and a name
        # followed by the sentence's small words in Indonesian.
        ("biên bản hội chẩn khoa ung bướu, bệnh nhân đồng ý", "biên bản hội chẩn"),
        ("ibu sari tinggal di kampung rawa dengan anaknya", "dengan anaknya"),
    ],
)
def test_a_settlements_kind_without_a_name_places_nothing(text: str, kept: str) -> None:
    assert found_by_place_finders(text, kept) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("vive a un lado de la iglesia de san pablo, por el canal", "iglesia de san pablo"),
        ("mora atrás da igreja são benedito, perto do bar", "igreja são benedito"),
        ("el albergue está frente al mercado zaragoza de la ciudad", "mercado zaragoza"),
    ],
)
def test_a_landmark_named_after_its_kind_is_a_place(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("vive frente a la iglesia, cerca del río", "iglesia, cerca"),
        ("mora perto da escola municipal com a filha", "escola municipal com"),
    ],
)
def test_a_landmark_kind_without_a_name_places_nothing(text: str, kept: str) -> None:
    assert found_by_place_finders(text, kept) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("rider picked the samples at kanyama taxi park at 9.", "kanyama"),
        ("house is near bhairav temple, ask anyone.", "bhairav"),
        ("we will wait at lugoba bus stage with the boda.", "lugoba"),
        ("transport by jeepney to tagbilaran terminal then walk", "tagbilaran"),
        ("stays near the nyabugogo bus stop since october", "nyabugogo"),
    ],
)
def test_a_place_named_by_a_stop_a_stage_or_a_temple_after_it(
    deid: Deidentifier, text: str, place: str
) -> None:
    assert uncovered_tokens(text, deid.analyze(text), place) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("pt is terminal, family aware, ward round tomorrow.", "pt is terminal"),
        ("ca of terminal ileum, pain in abdomen", "terminal ileum"),
        ("on the ward round the team reviewed the chest film", "ward round the team"),
    ],
)
def test_a_clinical_word_before_a_landmark_kind_is_no_place(
    deid: Deidentifier, text: str, kept: str
) -> None:
    assert touched_tokens(text, deid.analyze(text), kept) == []
